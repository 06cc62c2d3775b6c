import Foundation

/// Writes files into the temporary tree of a publish as they are produced, from any number of
/// threads at once, checking each path as ``SitePublisher/publish(files:to:keep:force:waiting:)``
/// checks a whole list: the same path rules, no path twice, no path both file and directory.
///
///     try SitePublisher.publish(to: URL(fileURLWithPath: "Site")) { writer in
///         try writer.write("index.html", bytes)
///     }
public final class SiteWriter: @unchecked Sendable {
    private let lock = NSLock()
    private var tree: TreeWriter
    private var files = Set<[UInt8]>()
    private var directories = Set<[UInt8]>()
    private let hook: (SitePublisher.Step) throws -> Void

    init(root: String, hook: @escaping (SitePublisher.Step) throws -> Void) {
        tree = TreeWriter(root: root)
        self.hook = hook
    }

    /// Files written so far.
    public var count: Int { lock.withLock { files.count } }

    public func write(_ path: String, _ contents: [UInt8]) throws {
        let target = try claim(path)
        // The bytes are written outside the lock: other threads write their files meanwhile.
        try FileSystem.writeNewFile(target, contents, display: path)
        try lock.withLock { try hook(.wroteFile(path)) }
    }

    /// Puts the existing file `source` (a file of the last build's output, on the same file
    /// system) at `path` as a hard link instead of writing its bytes again, if it is a regular
    /// file with the mode a written file gets and no other link (nothing outside the two trees
    /// shares it) and `accept` — given the linked file's path — confirms it holds what `path`
    /// must hold. Returns false, with nothing left at `path` and the path free to be written,
    /// when the link cannot be made (another file system, no permission, `source` gone) or is
    /// not accepted.
    ///
    ///     if try !writer.link("index.html", to: "Site/index.html", accept: { holdsExpectedBytes($0) }) {
    ///         try writer.write("index.html", bytes)
    ///     }
    public func link(_ path: String, to source: String, accept: (String) -> Bool) throws -> Bool {
        let target = try claim(path)
        guard FileSystem.hardLink(source, at: target) else {
            release(path)
            return false
        }
        guard FileSystem.isPrivateWrittenFile(target), accept(target) else {
            unlink(target)
            release(path)
            return false
        }
        try lock.withLock { try hook(.wroteFile(path)) }
        return true
    }

    /// Checks `path` and takes it for one file; returns where it goes in the tree.
    private func claim(_ path: String) throws -> String {
        try PublishPlan.validate(path, what: "site path")
        let key = Array(path.utf8)
        let prefixes = PublishPlan.directoryPrefixes(of: path)
        return try lock.withLock { () throws -> String in
            guard !files.contains(key) else {
                throw PublishError(kind: .duplicatePath, path: path, reason: "the path is listed more than once")
            }
            if directories.contains(key) {
                throw PublishError(kind: .pathConflict, path: path, reason: "is a file but another path needs it to be a directory")
            }
            if let file = prefixes.first(where: { files.contains($0) }) {
                throw PublishError(kind: .pathConflict, path: String(decoding: file, as: UTF8.self),
                                   reason: "is a file but \"\(path)\" needs it to be a directory")
            }
            files.insert(key)
            for prefix in prefixes { directories.insert(prefix) }
            try tree.makeParents(of: path)
            return tree.root + "/" + path
        }
    }

    /// Gives a claimed path back (its link was refused): it may be written now.
    private func release(_ path: String) {
        _ = lock.withLock { files.remove(Array(path.utf8)) }
    }

    /// The `keep` entries the new tree does not provide itself.
    func keptEntries(_ keep: [String]) throws -> [String] {
        for path in keep { try PublishPlan.validate(path, what: "keep entry") }
        return try lock.withLock { try PublishPlan.keptEntries(keep, files: files, directories: directories) }
    }

    func copyKept(_ path: String, fromSite site: String) throws -> Bool {
        try lock.withLock { try tree.copyKept(path, fromSite: site) }
    }
}
