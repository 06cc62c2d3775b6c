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
/// folder as it is. The record also says what each file was made from (``OutputReuse/Made``),
/// so the next build can keep the files it would write again unchanged.
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
        guard let record = load(output, cache: cache), record.key == key else { return false }
        return record.files.map { [$0.path, $0.status] } == manifest(output).map { [$0.path, $0.status] }
    }

    /// The last build's record of `output`: its key and, per file, what it was made from.
    static func load(_ output: String, cache: BuildCache) -> Record? {
        guard let payload = cache.load(.site, key: recordKey(output)),
              String(validating: payload, as: UTF8.self) != nil else { return nil }
        // Split as bytes: a no-change rebuild reads a line per output file (3,446 for 50
        // models), and splitting the text as characters was a third of that rebuild.
        var lines = payload.split(separator: UInt8(ascii: "\n"))
        let keyPrefix = Array("key ".utf8)
        guard let first = lines.first, first.starts(with: keyPrefix) else { return nil }
        lines.removeFirst()
        func text(_ bytes: ArraySlice<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }
        var files: [Record.File] = []
        files.reserveCapacity(lines.count)
        for line in lines {
            // `<type> <size> <mtime> <key> <digest> <path>`: only the path may hold a space.
            let fields = line.split(separator: UInt8(ascii: " "), maxSplits: 5, omittingEmptySubsequences: false)
            guard fields.count == 6 else { return nil }
            files.append(Record.File(path: text(fields[5]), status: text(line[fields[0].startIndex..<fields[2].endIndex]),
                                     made: OutputReuse.Made(key: text(fields[3]), digest: text(fields[4]))))
        }
        return Record(key: text(first.dropFirst(keyPrefix.count)), files: files)
    }

    /// Records what the build with `key` left in `output`: each file's status and, for the
    /// files this build made, what it made them from (`made`). A folder holding a name with a
    /// line break (not one of ours) gets no record: the next build simply runs in full.
    static func store(_ output: String, key: String, made: [String: OutputReuse.Made], cache: BuildCache) {
        var text = "key \(key)\n"
        for file in manifest(output) {
            guard !file.path.contains("\n") else { return }
            let entry = made[file.path] ?? OutputReuse.Made(key: "-", digest: "-")
            text += "\(file.status) \(entry.key) \(entry.digest) \(file.path)\n"
        }
        cache.store(.site, key: recordKey(output), Array(text.utf8))
    }

    /// A build's record of its output folder.
    struct Record {
        struct File {
            var path: String
            /// `<type> <size> <mtime>`: what ``isCurrent(_:key:cache:)`` compares.
            var status: String
            var made: OutputReuse.Made
        }
        var key: String
        var files: [File]
    }

    private static func recordKey(_ output: String) -> String {
        guard let resolved = realpath(output, nil) else { return output }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Every file under `output` with its type, size and modification time, sorted by path.
    private static func manifest(_ output: String) -> [(path: String, status: String)] {
        var files: [(path: String, status: String)] = []
        func walk(_ directory: String, _ prefix: String) {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
            for name in names.sorted() {
                let path = directory + "/" + name
                var info = stat()
                guard lstat(path, &info) == 0 else { continue }
                if info.st_mode & S_IFMT == S_IFDIR {
                    walk(path, prefix + name + "/")
                } else {
                    files.append((prefix + name, "\(info.st_mode & S_IFMT) \(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"))
                }
            }
        }
        walk(output, "")
        return files
    }
}
