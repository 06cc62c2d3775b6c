import ArgumentParser
import Foundation

/// Where `compare` and `report` put what they make: a file, written atomically, or stdout.
enum OutputFile {
    /// Writes `text` to `path`, or to stdout when `path` is nil or "-".
    static func write(_ text: String, to path: String?) throws {
        guard let path, path != "-" else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            printError("error: \(path): cannot write: \(error.localizedDescription)")
            throw ExitCode(1)
        }
    }
}
