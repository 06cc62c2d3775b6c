import Foundation
import Testing
@testable import RMBenchPublish

/// A private directory under the system temp dir; `output` is `<root>/site`.
struct Sandbox {
    let root: URL
    var output: URL { root.appendingPathComponent("site", isDirectory: true) }

    init() throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("rmbench-publish-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    func cleanUp() {
        try? FileManager.default.removeItem(at: root)
    }

    /// Names in `root` other than the site itself (temp dirs, backups, …).
    func leftovers() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: root.path)
            .filter { $0 != "site" }
            .sorted()
    }

    /// Creates a file (and its parent directories) under `base`.
    func write(_ relative: String, _ text: String, under base: URL? = nil) throws {
        let url = (base ?? output).appendingPathComponent(relative)
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }
}

/// Runs `body` with a fresh sandbox that is removed afterwards.
func withSandbox(_ body: (Sandbox) throws -> Void) throws {
    let sandbox = try Sandbox()
    defer { sandbox.cleanUp() }
    try body(sandbox)
}

/// One entry of a directory tree, as seen by `lstat`.
enum Node: Equatable, CustomStringConvertible {
    case file([UInt8], mode: Int)
    case directory(mode: Int)
    case symlink(String)
    case other(mode: Int)

    var description: String {
        switch self {
        case let .file(bytes, mode): "file(\(bytes.count) bytes, \(String(mode, radix: 8)))"
        case let .directory(mode): "dir(\(String(mode, radix: 8)))"
        case let .symlink(target): "symlink(\(target))"
        case let .other(mode): "other(\(String(mode, radix: 8)))"
        }
    }
}

/// Every entry under `url` (recursively) keyed by relative path; the root
/// itself is "". Compares bytes, listing, types and permission bits.
func snapshot(_ url: URL) throws -> [String: Node] {
    var result: [String: Node] = [:]
    func visit(_ path: String, _ relative: String) throws {
        let fm = FileManager.default
        let attributes = try fm.attributesOfItem(atPath: path)
        let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
        switch attributes[.type] as? FileAttributeType {
        case .typeDirectory?:
            result[relative] = .directory(mode: mode)
            for name in try fm.contentsOfDirectory(atPath: path) {
                try visit(path + "/" + name, relative.isEmpty ? name : relative + "/" + name)
            }
        case .typeSymbolicLink?:
            result[relative] = .symlink(try fm.destinationOfSymbolicLink(atPath: path))
        case .typeRegular?:
            let data = try #require(fm.contents(atPath: path))
            result[relative] = .file(Array(data), mode: mode)
        default:
            result[relative] = .other(mode: mode)
        }
    }
    try visit(url.path, "")
    return result
}

/// The tree `publish` should produce for `files` (plus parent directories).
func expectedTree(_ files: [SiteFile]) -> [String: Node] {
    // Every published tree carries the marker that makes it ours to replace.
    var result: [String: Node] = ["": .directory(mode: 0o755),
                                  SitePublisher.markerName: .file(Array(SitePublisher.markerText.utf8), mode: 0o644)]
    for file in files {
        result[file.path] = .file(file.contents, mode: 0o644)
        var parts = file.path.split(separator: "/").dropLast()
        while !parts.isEmpty {
            result[parts.joined(separator: "/")] = .directory(mode: 0o755)
            parts = parts.dropLast()
        }
    }
    return result
}

/// A small site published as "the old site" in many tests.
let oldSite: [SiteFile] = [
    SiteFile(path: "index.html", text: "<h1>old</h1>\n"),
    SiteFile(path: "old.html", text: "only in the old site\n"),
    SiteFile(path: "models/dpo/index.html", text: "old dpo\n"),
    SiteFile(path: "assets/logo.bin", contents: [0, 1, 2, 255]),
]

/// A few new pages used in many tests.
let newSite: [SiteFile] = [
    SiteFile(path: "index.html", text: "<h1>new</h1>\n"),
    SiteFile(path: "models/seq/index.html", text: "new seq\n"),
    SiteFile(path: "style.css", text: "body{}\n"),
]

struct InjectedFailure: Error {}
