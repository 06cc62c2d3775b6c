import ArgumentParser
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
        do {
            try await ModelReport.write(to: output, file: file, against: against, dataset: dataset, templates: templates,
                                        bootstrap: bootstrap.settings)
        } catch {
            throw error.exit()
        }
        printError("wrote \(output)")
    }
}
