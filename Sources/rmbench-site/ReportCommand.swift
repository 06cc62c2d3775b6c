import ArgumentParser
import RMBenchPublish
import RMBenchSite

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

    @Option(help: "Templates folder overriding the built-in ones file by file (uses standalone.html and report.md).")
    var templates: String?

    @OptionGroup var bootstrap: BootstrapOptions

    @OptionGroup var inputs: InputOptions

    func run() async throws {
        inputs.apply()
        try OutputSafety.refuseOverlap(output, role: "output file", inputs:
            [OutputGuard.Input(role: "result file", path: file)]
            + (templates.map { [OutputGuard.Input(role: "templates folder", path: $0)] } ?? [])
            + (against.map { [OutputGuard.Input(role: "baseline result file", path: $0)] } ?? [])
            + dataset.map { OutputGuard.Input(role: "dataset", path: $0) })
        do {
            let html = try await ModelReport.html(file: file, against: against, dataset: dataset, templates: templates, bootstrap: bootstrap.settings)
            try OutputFile.write(html, to: output)
        } catch let failure as PipelineFailure {
            throw failure.exit()
        }
        printError("wrote \(output)")
    }
}
