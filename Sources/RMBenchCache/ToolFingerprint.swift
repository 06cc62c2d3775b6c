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
        // Not through FileBytes: the input size limit (`--max-file-size`) is for inputs, not for us.
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let digest = SHA256.hex(of: [UInt8](data))
        if let cache { FileDigests.record(path, version: version, digest: digest, cache: cache) }
        return digest
    }
}
