import Foundation
import RMBenchCache
import RMBenchCore
import RMBenchLoad
import RMBenchPublish
import RMBenchRender

/// What lets a build with nothing changed stop after hashing its inputs: the key of everything
/// a build reads (``inputKey``), and, per output folder, the key of the build that wrote it with
/// the files it left there (path, size, modification time). A build whose key matches the
/// record of its output folder, with the folder still holding exactly those files, leaves the
/// folder as it is.
enum SiteRecord {
    /// SHA-256 of the tool, the options, the templates and every input file's path and SHA-256;
    /// nil when a file's digest cannot be had without reading a large file (then the build runs).
    static func inputKey(_ options: SiteBuild.Options, templates: String, cache: BuildCache) -> String? {
        var lines = [
            "tool \(cache.tool)",
            "title \(options.title)", "base-url \(options.baseURL ?? "")",
            "bootstrap \(options.bootstrap.resamples) seed \(options.bootstrap.seed)",
            "max-file-size \(InputLimits.maxFileSize)",
            "templates \(templates)",
        ]
        // Every file a reader of the data folder could read (a superset: README.md is skipped as the readers skip it).
        guard let dataFiles = try? InputFiles.find(under: options.data, extensions: ["json", "jsonl", "csv", "md", "toml"]) else { return nil }
        var datasetFiles: [String] = []
        for path in options.dataset {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return nil }
            if isDirectory.boolValue {
                guard let found = try? InputFiles.find(under: path, extensions: ["json", "jsonl"]) else { return nil }
                datasetFiles += found
            } else {
                datasetFiles.append(path)
            }
        }
        for (role, files) in [("data", dataFiles), ("dataset", datasetFiles)] {
            for path in files {
                guard let digest = digest(path, cache: cache) else { return nil }
                lines.append("\(role) \(path) \(digest)")
            }
        }
        return SHA256.hex(of: Array(lines.joined(separator: "\n").utf8))
    }

    /// Files up to this size are hashed when their digest is not recorded: cheaper than a build.
    static let smallFile = 4 << 20

    private static func digest(_ path: String, cache: BuildCache) -> String? {
        guard let version = FileDigests.Version(path: path) else { return nil }
        if let known = FileDigests.known(path, version: version, cache: cache) { return known }
        guard version.bytes <= smallFile, let bytes = try? FileBytes.read(path: path) else { return nil }
        let digest = SHA256.hex(of: bytes)
        FileDigests.record(path, version: version, digest: digest, cache: cache)
        return digest
    }

    /// Whether `output` is what the build with `key` left there.
    static func isCurrent(_ output: String, key: String, cache: BuildCache) -> Bool {
        guard let payload = cache.load(.site, key: recordKey(output)),
              let record = String(validating: payload, as: UTF8.self) else { return false }
        return record == "key \(key)\n" + manifest(output)
    }

    static func store(_ output: String, key: String, cache: BuildCache) {
        cache.store(.site, key: recordKey(output), Array(("key \(key)\n" + manifest(output)).utf8))
    }

    private static func recordKey(_ output: String) -> String {
        guard let resolved = realpath(output, nil) else { return output }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Every file under `output` with its size and modification time, sorted by path.
    private static func manifest(_ output: String) -> String {
        var lines: [String] = []
        func walk(_ directory: String, _ prefix: String) {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
            for name in names.sorted() {
                let path = directory + "/" + name
                var info = stat()
                guard lstat(path, &info) == 0 else { continue }
                if info.st_mode & S_IFMT == S_IFDIR {
                    walk(path, prefix + name + "/")
                } else {
                    lines.append("\(prefix)\(name) \(info.st_mode & S_IFMT) \(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)")
                }
            }
        }
        walk(output, "")
        return lines.joined(separator: "\n")
    }
}
