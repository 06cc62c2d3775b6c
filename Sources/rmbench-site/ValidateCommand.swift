import ArgumentParser
import Foundation
import RMBenchSite
import RMBenchAnalyze
import RMBenchCore

struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a data folder: read everything, and audit whether the numbers add up.",
        discussion: """
            Prints the audit's findings (the same as the site's audit.html), one per line: \
            severity, model, check, message, source. Exit status: 0 when there are no errors \
            (and, with --strict, no warnings), 1 otherwise, 2 when an input cannot be read. \
            With --dataset, also the benchmark's health (the site's health.html): prompts whose \
            chosen and rejected texts are identical, and prompts every recomputed model gets \
            wrong or right; these lines do not change the exit status.

            Example (a CI gate): rmbench-site validate --data Data --strict
            """)

    @Option(help: "Data folder with results/, published/, external/ and models.toml.")
    var data = "Data"

    @Flag(help: "Fail on warnings too, not only on errors.")
    var strict = false

    @Flag(help: "Also print notes (agreements, partial rows).")
    var notes = false

    @Option(help: "RM-Bench dataset files or folders: also check the benchmark's prompts (identical texts, prompts all models get wrong or right). Repeatable.")
    var dataset: [String] = []

    @OptionGroup var inputs: InputOptions

    func run() async throws {
        inputs.apply()
        do {
            let report = try await AuditReport.make(data: data, notes: notes, dataset: dataset)
            FileHandle.standardOutput.write(Data((report.lines.joined(separator: "\n") + "\n").utf8))
            if !report.passes(strict: strict) { throw ExitCode(1) }
        } catch let failure as PipelineFailure {
            throw failure.exit()
        }
    }
}
