import ArgumentParser
import Foundation
import RMBenchCore
import RMBenchSite

struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Regression gates for CI: fail when a result drops too far or falls below a floor.",
        discussion: """
            Metrics: average, easy, normal, hard, chat, math, code, safety (a domain's average), \
            and <domain>_<difficulty> such as math_hard. Values in points (percent).
            --max-drop compares FILE with BASELINE on their shared prompts (B − A, paired bootstrap); \
            --min checks FILE's own numbers. Exit status: 0 all gates hold, 1 a gate fails, 2 bad \
            input (unreadable files, unknown metric, malformed gate).

            Example: rmbench-site check new.json --against main.json --max-drop average=0.5,hard=1.0 --min hard=45
            """)

    @Argument(help: "Result file to check.")
    var file: String

    @Option(help: "Baseline result file, for --max-drop.")
    var against: String?

    @Option(help: "Largest allowed drop in points, e.g. average=0.5,hard=1.0.")
    var maxDrop: String?

    @Option(help: "Lowest allowed value in points, e.g. hard=45.")
    var min: String?

    @OptionGroup var bootstrap: BootstrapOptions

    @OptionGroup var inputs: InputOptions

    func run() async throws {
        inputs.apply()
        let report: Gates.Report
        do {
            report = try await Gates.check(file: file, against: against, maxDrop: maxDrop, min: min, bootstrap: bootstrap.settings)
        } catch {
            throw error.exit()
        }
        FileHandle.standardOutput.write(Data((report.lines.map(TerminalText.line).joined(separator: "\n") + "\n").utf8))
        if report.failed > 0 { throw ExitCode(1) }
    }
}
