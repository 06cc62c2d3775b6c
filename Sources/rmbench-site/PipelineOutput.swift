import ArgumentParser
import RMBenchSite

extension Progress {
    /// Progress lines on stderr, or only warnings.
    init(quiet: Bool) {
        self = quiet ? Progress(warnings: { line in printError(line) }) : Progress { line in printError(line) }
    }
}

extension PipelineFailure {
    /// Prints the failure and gives the exit code that goes with it: 2 for bad input, a page
    /// that cannot be converted or an output folder that is not ours; 1 when the output cannot
    /// be written.
    func exit() -> ExitCode {
        switch self {
        case .input(let problems):
            return InputFailure.exit(problems)
        case .convert(let message), .refused(let message), .usage(let message):
            printError("error: \(message)")
            return ExitCode(2)
        case .publish(let message):
            printError("error: \(message)")
            return ExitCode(1)
        }
    }
}
