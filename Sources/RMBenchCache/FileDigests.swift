import Foundation
import RMBenchCore

/// A file's SHA-256 without reading it, when the cache recorded it for the very same file
/// version: same path, device, inode, size, modification and status-change times (nanoseconds).
///
/// Why that is safe: any write to a file changes its status-change time (ctime), which no
/// program can set back (`touch` sets only mtime/atime), and a replaced file has another inode.
/// The one gap is a write within the clock tick the digest was taken in: a file hashed right
/// after a change could change again with identical times. So, as git does for its index, a
/// digest is trusted only if the file's ctime was at least ``settleSeconds`` before the digest
/// was recorded; a younger file is hashed again next time (and then recorded as settled).
public enum FileDigests {
    public static let settleSeconds: Int64 = 2

    /// What identifies one version of a file.
    public struct Version: Equatable, Sendable {
        var device: UInt64
        var inode: UInt64
        var size: Int64
        var modified: Int64
        var changed: Int64

        /// Of the file `path` points to (symbolic links followed), or nil when it cannot be stat'ed.
        public init?(path: String) {
            var info = stat()
            guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
            size = Int64(info.st_size)
            modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
            changed = Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
        }

        init(device: UInt64, inode: UInt64, size: Int64, modified: Int64, changed: Int64) {
            self.device = device
            self.inode = inode
            self.size = size
            self.modified = modified
            self.changed = changed
        }

        public var bytes: Int { Int(size) }
        /// The status-change time, whole seconds since 1970.
        public var changedSeconds: Int64 { changed / 1_000_000_000 }
    }

    /// The recorded SHA-256 of `path` if `version` is the version it was recorded for and that
    /// version had settled by then.
    public static func known(_ path: String, version: Version, cache: BuildCache) -> String? {
        guard let payload = cache.load(.digest, key: key(path)) else { return nil }
        var reader = ByteReader(payload)
        guard let recorded = try? Version(device: reader.uint64(), inode: reader.uint64(), size: Int64(reader.int()),
                                         modified: Int64(reader.int()), changed: Int64(reader.int())),
              let recordedAt = try? Int64(reader.int()), let digest = try? reader.string(), reader.isAtEnd,
              recorded == version, recordedAt - version.changed >= settleSeconds * 1_000_000_000
        else { return nil }
        return digest
    }

    /// Records `digest` for `version` of `path`, which was taken (stat'ed) before the bytes were read.
    public static func record(_ path: String, version: Version, digest: String, cache: BuildCache) {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var writer = ByteWriter()
        writer.uint64(version.device)
        writer.uint64(version.inode)
        writer.int(Int(version.size))
        writer.int(Int(version.modified))
        writer.int(Int(version.changed))
        writer.int(Int(now.tv_sec) * 1_000_000_000 + Int(now.tv_nsec))
        writer.string(digest)
        cache.store(.digest, key: key(path), writer.bytes)
    }

    /// Entries are per absolute path: the same data reached through another relative path is the same file.
    private static func key(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
