import RMBenchAnalyze
import RMBenchCore
import RMBenchLoad
import RMBenchPublish
import RMBenchRender
import RMBenchScore

/// `report`: one self-contained HTML file for a model, optionally compared with a baseline.
///
///     let html = try await ModelReport.html(file: "new.json", against: "main.json")   // built-in templates
public enum ModelReport {
    public static func html(file: String, against: String? = nil, dataset: [String] = [], templates: String? = nil,
                            bootstrap: BootstrapSettings = BootstrapSettings()) async throws(PipelineFailure) -> String {
        let page: RenderedPage
        do throws(InputProblems) {
            let run = try await ComparisonInputs.load([file], measureResponses: true)
            let templateSet = try TemplateSet.load(directory: templates)
            var comparison: Comparison?
            if let against {
                let baseline = try await ComparisonInputs.load([against])
                comparison = ComparisonInputs.compare(baseline, run, bootstrap: bootstrap, texts: try ComparisonInputs.texts(dataset))
            }
            let row = LeaderboardRow(score: Scorer.score(run), intervals: bootstrap.intervals([run])[run.model])
            guard let rendered = Reports.model(row: row, lengths: Analyze.lengthAnalysis(run.items), reference: nil, comparison: comparison,
                                               templates: templateSet, toolVersion: ToolVersion.current, path: "report") else {
                throw InputProblems([InputProblem(file: file, location: .file, message: "holds no scored items to report on")])
            }
            page = rendered
        } catch {
            throw .input(error)
        }
        return try SingleFilePage.html(page)
    }

    /// The report written to `output` (stdout for nil or "-"), which may not be one of its inputs.
    public static func write(to output: String?, file: String, against: String? = nil, dataset: [String] = [], templates: String? = nil,
                             bootstrap: BootstrapSettings = BootstrapSettings()) async throws(PipelineFailure) {
        try OutputFile.refuseOverlap(output, inputs: [OutputGuard.Input(role: "result file", path: file)]
            + (templates.map { [OutputGuard.Input(role: "templates folder", path: $0)] } ?? [])
            + (against.map { [OutputGuard.Input(role: "baseline result file", path: $0)] } ?? [])
            + dataset.map { OutputGuard.Input(role: "dataset", path: $0) })
        try OutputFile.write(try await html(file: file, against: against, dataset: dataset, templates: templates, bootstrap: bootstrap), to: output)
    }
}
