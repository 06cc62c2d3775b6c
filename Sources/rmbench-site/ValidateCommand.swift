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
            (and, with --strict, no warnings), 1 otherwise, 2 when an input cannot be read.

            Example (a CI gate): rmbench-site validate --data Data --strict
            """)

    @Option(help: "Data folder with results/, published/, external/ and models.toml.")
    var data = "Data"

    @Flag(help: "Fail on warnings too, not only on errors.")
    var strict = false

    @Flag(help: "Also print notes (agreements, partial rows).")
    var notes = false

    @OptionGroup var inputs: InputOptions

    func run() async throws {
        inputs.apply()
        let inputs: SiteInputs
        do {
            inputs = try await SiteInputs.load(data: data, progress: Progress(quiet: true))
        } catch {
            throw InputFailure.exit(error)
        }
        let findings = SitePipeline.findings(inputs, scores: SitePipeline.scores(inputs))
        var lines: [String] = []
        for finding in findings where notes || finding.severity != .note {
            // Each finding one line however odd its data: it starts with the severity.
            lines.append(TerminalText.line("\(finding.severity.rawValue): \(finding.model): [\(finding.check)] \(finding.message)"
                                           + (finding.source.map { " (\($0))" } ?? "")))
        }
        let errors = findings.filter { $0.severity == .error }.count
        let warnings = findings.filter { $0.severity == .warning }.count
        lines.append("\(errors) error(s), \(warnings) warning(s), \(findings.count - errors - warnings) note(s)")
        FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
        if errors > 0 || (strict && warnings > 0) { throw ExitCode(1) }
    }
}
