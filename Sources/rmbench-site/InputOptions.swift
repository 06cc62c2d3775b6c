import ArgumentParser
import RMBenchCore

/// `--max-file-size`, shared by every command that reads input files.
struct InputOptions: ParsableArguments {
    @Option(name: .customLong("max-file-size"),
            help: "Largest input file read, checked before reading (bytes, or with K, M, G suffix).")
    var maxFileSize = "1G"

    func validate() throws {
        guard InputLimits.parse(maxFileSize) != nil else {
            throw ValidationError("--max-file-size must be a positive size such as 512M or 2G, got '\(maxFileSize)'")
        }
    }

    /// Sets the process-wide limit; call first in `run()`.
    func apply() {
        InputLimits.maxFileSize = InputLimits.parse(maxFileSize) ?? InputLimits.defaultMaxFileSize
    }
}
