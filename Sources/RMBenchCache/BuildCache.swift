import Foundation
import RMBenchCore

/// The build cache: a folder of content-addressed entries (default `.rmbench-cache/` beside
/// the data folder) that a user can see, move and delete at any time.
///
///     let cache = BuildCache(folder: ".rmbench-cache", tool: ToolFingerprint.make(version: "0.1.0", commit: "abc"))
///     if let bytes = cache.load(.run, key: "sha256 \(digest) measured") { … } else { cache.store(.run, key: …, bytes) }
///
/// An entry's name is the SHA-256 of the tool fingerprint, its kind and its key material, so a
/// changed input, option or tool version simply names another entry. Every entry is checked
/// when read (``CacheEntry``): a damaged or foreign one is deleted, counted as a miss and
/// reported once (``takeProblems()``) — the work is done again, never taken from a bad entry.
/// Entries are written to a temporary file and renamed into place, so builds sharing a cache
/// at the same time never see a half-written entry (at worst both write the same one).
/// The cache is best effort: if the folder cannot be written the build goes on without it.
public final class BuildCache: @unchecked Sendable {
    public enum Kind: String, CaseIterable, Sendable {
        /// A result file read and measured (`RunCoding`), keyed by the file's SHA-256 and the read options.
        case run
        /// A file's SHA-256 by its path, size, inode and times (``FileDigests``).
        case digest
        /// What the last build wrote into an output folder (``SiteRecord``).
        case site
    }

    public let folder: String
    public let tool: String
    private let lock = NSLock()
    private var problems: [String] = []
    private var reported: Set<String> = []
    private var hits: [Kind: Int] = [:]
    private var misses: [Kind: Int] = [:]
    private var writable = true

    public init(folder: String, tool: String) {
        self.folder = folder
        self.tool = tool
    }

    /// The entry's verified payload, or nil (absent, or refused as damaged and deleted).
    public func load(_ kind: Kind, key: String) -> [UInt8]? {
        let name = entryName(kind, key)
        let path = entryPath(kind, name)
        // Only a regular file is read: a FIFO put in the folder would block the read forever.
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, let data = FileManager.default.contents(atPath: path) else {
            count(kind, hit: false)
            return nil
        }
        switch CacheEntry.decode([UInt8](data), tool: tool, kind: kind.rawValue, name: name) {
        case .success(let payload):
            count(kind, hit: true)
            return payload
        case .failure(let problem):
            // Another build of the tool may share this folder: its entries have other names,
            // so an entry named like ours but written by another tool is damaged or copied.
            unlink(path)
            note("cache entry \(path) \(problem.reason); it was ignored, deleted and rebuilt")
            count(kind, hit: false)
            return nil
        }
    }

    public func store(_ kind: Kind, key: String, _ payload: [UInt8]) {
        guard isWritable else { return }
        let name = entryName(kind, key)
        let directory = (folder as NSString).appendingPathComponent("\(kind.rawValue)/\(name.prefix(2))")
        let temporaryFolder = (folder as NSString).appendingPathComponent("tmp")
        let temporary = (temporaryFolder as NSString).appendingPathComponent("\(getpid())-\(UInt64.random(in: 0...UInt64.max))")
        let bytes = CacheEntry.encode(tool: tool, kind: kind.rawValue, name: name, payload: payload)
        func write() throws {
            try Self.writeNewFile(temporary, bytes)
            guard rename(temporary, entryPath(kind, name)) == 0 else {
                let error = POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
                unlink(temporary)
                throw error
            }
        }
        do {
            do {
                try makeFolders([directory, temporaryFolder], again: false)
                try write()
            } catch let error as POSIXError where error.code == .ENOENT {
                // A folder of the cache was deleted during the build (always allowed): made again once.
                try makeFolders([directory, temporaryFolder], again: true)
                try write()
            }
        } catch {
            unlink(temporary)
            lock.withLock { writable = false }
            note("cannot write the build cache at \(folder) (\((error as NSError).localizedDescription)); building on without storing")
        }
    }

    /// Folders this cache has made: each is made once per build, not checked again for every
    /// entry (a build stores ~1,700 entries, and Foundation's checks were a tenth of storing).
    private var madeFolders: Set<String> = []

    private func makeFolders(_ paths: [String], again: Bool) throws {
        for path in paths where again || !lock.withLock({ madeFolders.contains(path) }) {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            lock.withLock { _ = madeFolders.insert(path) }
        }
    }

    /// Writes a file that must not exist yet with plain POSIX calls (no `Data` copy of the
    /// entry, no Foundation temporary file of its own: the entry's name is already unique).
    /// The publisher's `FileSystem.writeNewFile` does the same for the site; the two stages
    /// share no target, and this one reports `POSIXError`s, which decide the retry above.
    private static func writeNewFile(_ path: String, _ bytes: [UInt8]) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + written, bytes.count - written) }
            if count < 0 {
                if errno == EINTR { continue }
                let error = POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
                close(descriptor)
                throw error
            }
            written += count
        }
        // A failed close can be the write's own failure (a full disk on NFS, say).
        guard close(descriptor) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    }

    /// Problems met since the last call, each once: what the build reports on stderr.
    public func takeProblems() -> [String] {
        lock.withLock {
            defer { problems = [] }
            return problems
        }
    }

    /// Entries of a kind found valid and reused, and looked up but missing (or refused).
    public func statistics(_ kind: Kind) -> (reused: Int, missed: Int) {
        lock.withLock { (hits[kind, default: 0], misses[kind, default: 0]) }
    }

    private var isWritable: Bool { lock.withLock { writable } }

    private func entryName(_ kind: Kind, _ key: String) -> String {
        SHA256.hex(of: Array("\(tool)\n\(kind.rawValue)\n\(key)".utf8))
    }

    private func entryPath(_ kind: Kind, _ name: String) -> String {
        (folder as NSString).appendingPathComponent("\(kind.rawValue)/\(name.prefix(2))/\(name)")
    }

    private func count(_ kind: Kind, hit: Bool) {
        lock.withLock {
            if hit { hits[kind, default: 0] += 1 } else { misses[kind, default: 0] += 1 }
        }
    }

    private func note(_ problem: String) {
        lock.withLock {
            if reported.insert(problem).inserted { problems.append(problem) }
        }
    }
}
