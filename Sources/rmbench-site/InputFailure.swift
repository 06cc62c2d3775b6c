import ArgumentParser
import Foundation
import RMBenchCore

/// Prints input problems to stderr and ends with exit status 2 (bad input).
enum InputFailure {
    /// At most this many lines per file, so a broken 10,000-item file does not flood a CI log.
    static let linesPerFile = 50

    static func exit(_ failure: InputProblems) -> ExitCode {
        var shown: [String: Int] = [:]
        var hidden: [String: Int] = [:]
        var order: [String] = []
        for problem in failure.problems {
            if shown[problem.file] == nil && hidden[problem.file] == nil { order.append(problem.file) }
            if shown[problem.file, default: 0] < linesPerFile {
                shown[problem.file, default: 0] += 1
                printError("error: \(problem)")
            } else {
                hidden[problem.file, default: 0] += 1
            }
        }
        for file in order {
            if let more = hidden[file] { printError("error: \(file): … and \(more) more problem(s) in this file") }
        }
        return ExitCode(2)
    }
}

/// One line to stderr. Lines quote data (paths, names, values), so control characters are
/// shown as escapes: no terminal escape sequence, and no line break that could start a CI
/// workflow command (`::error::`) in the log.
func printError(_ line: String) {
    FileHandle.standardError.write(Data((TerminalText.line(line) + "\n").utf8))
}
