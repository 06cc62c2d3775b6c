import Foundation

/// How large an input file may be: one process-wide policy, like a ulimit, set once by the
/// command line (`--max-file-size`) before anything is read and consulted by ``FileBytes``.
///
/// A process-wide value rather than a parameter: every reader in every stage opens files
/// through ``FileBytes``, some of them on Dispatch worker threads where task-local values do
/// not arrive.
///
///     InputLimits.maxFileSize = try InputLimits.parse("512M")
public enum InputLimits {
    /// 1 GiB: about 80 times a full RM-Bench result file with every response text in it.
    public static let defaultMaxFileSize = 1 << 30

    private static let storage = Storage()

    /// The largest file, in bytes, any reader accepts.
    public static var maxFileSize: Int {
        get { storage.value }
        set { storage.value = newValue }
    }

    /// Reads a size like `1G`, `512M`, `64K` or `1000000` (bytes); binary units.
    public static func parse(_ text: String) -> Int? {
        let units: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40]
        var digits = text.uppercased()
        if digits.hasSuffix("B") && digits.count > 1 { digits.removeLast() }
        var multiplier = 1
        if let last = digits.last, let unit = units[last] {
            multiplier = unit
            digits.removeLast()
        }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), let count = Int(digits), count > 0 else { return nil }
        let (bytes, overflow) = count.multipliedReportingOverflow(by: multiplier)
        return overflow ? nil : bytes
    }

    /// `1.0 GiB`, `512 KiB`, `300 bytes`: sizes in messages.
    public static func describe(_ bytes: Int) -> String {
        let units: [(String, Int)] = [("TiB", 1 << 40), ("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)]
        for (name, size) in units where bytes >= size {
            return NumberText.fixed(Double(bytes) / Double(size), 1) + " " + name
        }
        return "\(bytes) bytes"
    }

    /// Written once at start-up, read from any thread.
    private final class Storage: @unchecked Sendable {
        private let lock = NSLock()
        private var stored = InputLimits.defaultMaxFileSize

        var value: Int {
            get { lock.withLock { stored } }
            set { lock.withLock { stored = newValue } }
        }
    }
}
