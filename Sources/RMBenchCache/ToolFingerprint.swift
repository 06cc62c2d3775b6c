import Foundation
import RMBenchCore

/// What identifies the code that made a cache entry: the version, the commit it was built from
/// and the SHA-256 of the running executable itself, so a rebuilt binary (even from a modified
/// work tree at the same commit) never reuses another binary's work.
public enum ToolFingerprint {
    /// `version commit C executable SHA` (the executable's hash is left out where it cannot be
    /// read). The executable's digest is itself kept in the cache folder `cache` by its file
    /// version (``FileDigests``, under a fingerprint of its own), so it is read only once.
    public static func make(version: String, commit: String, cache: String? = nil) -> String {
        var text = "\(version) commit \(commit)"
        if let digest = executableDigest(cache: cache) { text += " executable \(digest)" }
        return text
    }

    private static func executableDigest(cache folder: String?) -> String? {
        guard let path = realpath("/proc/self/exe", nil).map({ resolved in
            defer { free(resolved) }
            return String(cString: resolved)
        }), let version = FileDigests.Version(path: path) else { return nil }
        let cache = folder.map { BuildCache(folder: $0, tool: "executable digests") }
        if let cache, let known = FileDigests.known(path, version: version, cache: cache) { return known }
        guard let digest = fileDigest(path) else { return nil }
        if let cache { FileDigests.record(path, version: version, digest: digest, cache: cache) }
        return digest
    }

    /// The file's SHA-256, read a megabyte at a time: the executable is 17 MB, and a build
    /// without a cache waits for this before it reads its inputs. Not through FileBytes: the
    /// input size limit (`--max-file-size`) is for inputs, not for us.
    private static func fileDigest(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var hasher = SHA256.Hasher()
        let complete = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 1 << 20) { chunk -> Bool in
            while true {
                let n = read(fd, chunk.baseAddress!, chunk.count)
                if n < 0 && errno == EINTR { continue }
                guard n >= 0 else { return false }
                if n == 0 { return true }
                hasher.update(UnsafeBufferPointer(rebasing: chunk[0..<n]))
            }
        }
        return complete ? hasher.hex() : nil
    }
}
