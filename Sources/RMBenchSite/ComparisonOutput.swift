import RMBenchAnalyze
import RMBenchCore
import RMBenchPublish
import RMBenchRender

/// `compare`: two result files (or sets of files) compared prompt by prompt, as a pull-request
/// comment (Markdown), JSON, or one self-contained HTML file.
///
///     let comment = try await ComparisonOutput.text(a: ["main.json"], b: ["new.json"], format: .markdown)
public enum ComparisonOutput {
    public enum Format: String, CaseIterable, Sendable {
        case markdown, json, html
    }

    public static func text(a: [String], b: [String], format: Format, dataset: [String] = [], templates: String? = nil,
                            bootstrap: BootstrapSettings = BootstrapSettings()) async throws(PipelineFailure) -> String {
        let comparison: Comparison
        let templateSet: TemplateSet?
        do {
            let runA = try await ComparisonInputs.load(a)
            let runB = try await ComparisonInputs.load(b)
            comparison = ComparisonInputs.compare(runA, runB, bootstrap: bootstrap, texts: try ComparisonInputs.texts(dataset))
            templateSet = format == .html ? try TemplateSet.load(directory: templates) : nil
        } catch {
            throw .input(error)
        }
        switch format {
        case .markdown:
            // Often printed into a CI log: control characters as escapes (data never starts a line).
            return TerminalText.lines(ComparisonReport.markdown(comparison))
        case .json:
            return ComparisonReport.json(comparison).serialized(indent: 2) + "\n"
        case .html:
            return try SingleFilePage.html(Reports.comparison(comparison, templates: templateSet!, toolVersion: ToolVersion.current, path: "compare"))
        }
    }

    /// The comparison written to `output` (stdout for nil or "-"), which may not be one of its inputs.
    public static func write(to output: String?, a: [String], b: [String], format: Format, dataset: [String] = [], templates: String? = nil,
                             bootstrap: BootstrapSettings = BootstrapSettings()) async throws(PipelineFailure) {
        try OutputFile.refuseOverlap(output, inputs: a.map { OutputGuard.Input(role: "result file A", path: $0) }
            + b.map { OutputGuard.Input(role: "result file B", path: $0) }
            + (templates.map { [OutputGuard.Input(role: "templates folder", path: $0)] } ?? [])
            + dataset.map { OutputGuard.Input(role: "dataset", path: $0) })
        try OutputFile.write(try await text(a: a, b: b, format: format, dataset: dataset, templates: templates, bootstrap: bootstrap), to: output)
    }
}
