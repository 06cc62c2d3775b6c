import Foundation
import RMBenchCore

/// What identifies the code that made a cache entry: the version, the commit it was built from
/// and the SHA-256 of the running executable itself, so a rebuilt binary (even from a modified
/// work tree at the same commit) never reuses another binary's work.
public enum ToolFingerprint {
    /// `version commit C executable SHA` (the executable's hash is left out where it cannot be read).
    public static func make(version: String, commit: String) -> String {
        var text = "\(version) commit \(commit)"
        if let digest = executableDigest { text += " executable \(digest)" }
        return text
    }

    /// Read once per process (about 30 ms for a release binary).
    private static let executableDigest: String? = {
        // Not through FileBytes: the input size limit (`--max-file-size`) is for inputs, not for us.
        guard let data = FileManager.default.contents(atPath: "/proc/self/exe") else { return nil }
        return SHA256.hex(of: [UInt8](data))
    }()
}
