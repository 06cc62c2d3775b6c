import ArgumentParser
import Foundation
import RMBenchSite
import RMBenchConvert
import RMBenchCore
import RMBenchPublish
import RMBenchRender

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

    enum Format: String, ExpressibleByArgument, CaseIterable { case markdown, json, html }

    @Argument(help: "Result file of A (the baseline).")
    var a: String

    @Argument(help: "Result file of B (the candidate).")
    var b: String

    @Option(help: "markdown, json or html (default: html when --output ends in .html, else markdown).")
    var format: Format?

    @Option(help: "Write here instead of stdout.")
    var output: String?

    @Option(help: "RM-Bench dataset files or folders, to show the texts of flipped prompts (html). Repeatable.")
    var dataset: [String] = []

    @Option(help: "Templates folder (html output uses standalone.html and compare.md).")
    var templates = "Templates"

    @OptionGroup var bootstrap: BootstrapOptions

    @OptionGroup var inputs: InputOptions

    func run() async throws {
        inputs.apply()
        try OutputSafety.refuseOverlap(output, role: "output file", inputs:
            [OutputGuard.Input(role: "result file A", path: a), OutputGuard.Input(role: "result file B", path: b),
             OutputGuard.Input(role: "templates folder", path: templates)]
            + dataset.map { OutputGuard.Input(role: "dataset", path: $0) })
        let comparison: Comparison
        let templateSet: TemplateSet?
        let chosen = format ?? (output?.lowercased().hasSuffix(".html") == true ? .html : .markdown)
        do {
            let runA = try await ComparisonInputs.load([a])
            let runB = try await ComparisonInputs.load([b])
            comparison = ComparisonInputs.compare(runA, runB, bootstrap: bootstrap.settings, texts: try ComparisonInputs.texts(dataset))
            templateSet = chosen == .html ? try TemplateSet.load(directory: templates) : nil
        } catch {
            throw InputFailure.exit(error)
        }
        switch chosen {
        case .markdown:
            // Often printed into a CI log: control characters as escapes (data never starts a line).
            try OutputFile.write(TerminalText.lines(ComparisonReport.markdown(comparison)), to: output)
        case .json:
            try OutputFile.write(ComparisonReport.json(comparison).serialized(indent: 2) + "\n", to: output)
        case .html:
            let page = Reports.comparison(comparison, templates: templateSet!, toolVersion: ToolVersion.current, path: "compare")
            try OutputFile.write(try SingleFile.html(page), to: output)
        }
    }
}

/// Converts a standalone page to its final HTML.
enum SingleFile {
    static func html(_ page: RenderedPage) throws -> String {
        do {
            return page.html(body: try MarkdownConverter().html(fromMarkdown: page.markdown, fragments: page.fragments))
        } catch {
            printError("error: \(page.path): \(error)")
            throw ExitCode(2)
        }
    }
}
