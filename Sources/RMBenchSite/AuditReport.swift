import RMBenchAnalyze
import RMBenchCore

/// `validate`: the audit of a data folder as lines for a terminal or CI log, one per finding
/// (severity, model, check, message, source) and a count, and whether it passes; with dataset
/// files, the benchmark's health lines too (`health.html`), which do not change whether it passes.
///
///     let report = try await AuditReport.make(data: "Data", notes: false, dataset: ["../shared/data"])
///     report.passes(strict: true)
public struct AuditReport: Sendable {
    public var lines: [String]
    public var errors: Int
    public var warnings: Int

    public static func make(data: String, notes: Bool, dataset: [String] = []) async throws(PipelineFailure) -> AuditReport {
        let inputs: SiteInputs
        let texts: [ItemKey: PromptTexts]
        do {
            inputs = try await SiteInputs.load(data: data)
            texts = try ComparisonInputs.texts(dataset)
        } catch {
            throw .input(error)
        }
        let findings = SitePipeline.findings(inputs, scores: SitePipeline.scores(inputs), dataset: texts.isEmpty ? nil : Set(texts.keys))
        var lines: [String] = []
        for finding in findings where notes || finding.severity != .note {
            // Each finding one line however odd its data: it starts with the severity.
            lines.append(TerminalText.line("\(finding.severity.rawValue): \(finding.model): [\(finding.check)] \(finding.message)"
                                           + (finding.source.map { " (\($0))" } ?? "")))
        }
        let errors = findings.filter { $0.severity == .error }.count
        let warnings = findings.filter { $0.severity == .warning }.count
        lines.append("\(errors) error(s), \(warnings) warning(s), \(findings.count - errors - warnings) note(s)")
        if !dataset.isEmpty {
            lines += healthLines(BenchmarkHealth(texts: texts, models: inputs.runs.map { (inputs.id($0.model), $0.items) }))
        }
        return AuditReport(lines: lines, errors: errors, warnings: warnings)
    }

    /// How many prompts a health line names before it says "and N more".
    static let namedPrompts = 20

    /// The benchmark's health as lines: identical texts one per prompt, the all-wrong and
    /// all-right prompts as counts with the first few named.
    static func healthLines(_ health: BenchmarkHealth) -> [String] {
        var lines: [String] = []
        for entry in health.identical {
            let styles = entry.styles.compactMap { Style(rawValue: $0)?.title }.joined(separator: ", ")
            lines.append(TerminalText.line("health: \(entry.key): chosen and rejected texts are identical (\(styles)); no model can get these comparisons right"))
        }
        let models = health.modelCount
        for (list, what) in [(health.allWrong, "wrong"), (health.allRight, "right")] {
            let names = list.prefix(namedPrompts).map { "\($0.key)" }.joined(separator: ", ")
            let more = list.count > namedPrompts ? " and \(list.count - namedPrompts) more" : ""
            lines.append(TerminalText.line("health: \(list.count) prompt(s) every recomputed model (at least \(BenchmarkHealth.minimumModels) of \(models)) gets \(what) on all nine comparisons"
                + (list.isEmpty ? "" : ": \(names)\(more)")))
        }
        lines.append("health: \(health.identical.count) prompt(s) with identical texts, \(health.allWrong.count) all wrong, \(health.allRight.count) all right (\(models) recomputed model(s)\(models < 10 ? ": few models, weak evidence" : ""))")
        return lines
    }

    /// No errors, and with `strict` no warnings either.
    public func passes(strict: Bool) -> Bool {
        errors == 0 && !(strict && warnings > 0)
    }
}
