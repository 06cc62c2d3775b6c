import ArgumentParser
import RMBenchSite

struct CompareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two models, or two runs of one model, prompt by prompt.",
        discussion: """
            A is the baseline, B the candidate: every difference is B − A, on the prompts both \
            have, with a paired bootstrap interval (the same resampled prompts for both). Lists \
            the prompts whose comparisons flipped. Formats: markdown (a pull-request comment: \
            verdict first), json, or html (a single self-contained file).

            Example: rmbench-site compare old.json new.json --format markdown > comment.md
            """)


    @Argument(help: "Result file of A (the baseline).")
    var a: String

    @Argument(help: "Result file of B (the candidate).")
    var b: String

    @Option(help: "markdown, json or html (default: html when --output ends in .html, else markdown).")
    var format: ComparisonOutput.Format?

    @Option(help: "Write here instead of stdout.")
    var output: String?

    @Option(help: "RM-Bench dataset files or folders, to show the texts of flipped prompts (html). Repeatable.")
    var dataset: [String] = []

    @Option(help: "Templates folder overriding the built-in ones file by file (html output uses standalone.html and compare.md).")
    var templates: String?

    @OptionGroup var bootstrap: BootstrapOptions

    @OptionGroup var inputs: InputOptions

    func run() async throws {
        inputs.apply()
        let chosen = format ?? (output?.lowercased().hasSuffix(".html") == true ? .html : .markdown)
        do {
            try await ComparisonOutput.write(to: output, a: [a], b: [b], format: chosen, dataset: dataset, templates: templates,
                                             bootstrap: bootstrap.settings)
        } catch {
            throw error.exit()
        }
    }
}

extension ComparisonOutput.Format: ExpressibleByArgument {}
