import ArgumentParser
import Foundation
import RMBenchSite
import RMBenchAnalyze
import RMBenchCore
import RMBenchLoad
import RMBenchPublish
import RMBenchRender
import RMBenchScore

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write one self-contained HTML report of a model (optionally compared with a baseline).",
        discussion: """
            The report holds everything the model's site page shows — numbers with intervals, the \
            style-substance matrices, domains and subgroups, the length and style analysis — with \
            CSS and SVG inline, no script and no external reference: attach it to a CI run.

            Example: rmbench-site report results/new.json --against results/main.json --output report.html
            """)

    @Argument(help: "Result file of the model.")
    var file: String

    @Option(help: "Baseline result file: adds a comparison (B = FILE, A = this).")
    var against: String?

    @Option(help: "Output HTML file.")
    var output = "report.html"

    @Option(help: "RM-Bench dataset files or folders, for the texts of flipped prompts. Repeatable.")
    var dataset: [String] = []

    @Option(help: "Templates folder (uses standalone.html and report.md).")
    var templates = "Templates"

    @OptionGroup var bootstrap: BootstrapOptions

    @OptionGroup var inputs: InputOptions

    func run() async throws {
        inputs.apply()
        try OutputSafety.refuseOverlap(output, role: "output file", inputs:
            [OutputGuard.Input(role: "result file", path: file), OutputGuard.Input(role: "templates folder", path: templates)]
            + (against.map { [OutputGuard.Input(role: "baseline result file", path: $0)] } ?? [])
            + dataset.map { OutputGuard.Input(role: "dataset", path: $0) })
        let page: RenderedPage
        do {
            let runs = try await ResultSet.load(paths: [file], options: ResultReadOptions(measureResponses: true))
            guard let run = runs.first else { throw ExitCode(2) }
            let templateSet = try TemplateSet.load(directory: templates)
            var comparison: Comparison?
            if let against {
                let baseline = try await ComparisonInputs.load([against])
                comparison = ComparisonInputs.compare(baseline, run, bootstrap: bootstrap.settings, texts: try ComparisonInputs.texts(dataset))
            }
            let settings = bootstrap.settings
            let row = LeaderboardRow(score: Scorer.score(run), intervals: settings.intervals([run])[run.model])
            guard let rendered = Reports.model(row: row, lengths: Analyze.lengthAnalysis(run.items), reference: nil, comparison: comparison,
                                               templates: templateSet, toolVersion: ToolVersion.current, path: "report") else { throw ExitCode(2) }
            page = rendered
        } catch let failure as InputProblems {
            throw InputFailure.exit(failure)
        }
        try OutputFile.write(try SingleFile.html(page), to: output)
        printError("wrote \(output)")
    }
}
