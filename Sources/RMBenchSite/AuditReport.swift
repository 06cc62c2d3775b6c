import RMBenchAnalyze
import RMBenchCore

/// `validate`: the audit of a data folder as lines for a terminal or CI log, one per finding
/// (severity, model, check, message, source) and a count, and whether it passes.
///
///     let report = try await AuditReport.make(data: "Data", notes: false)
///     report.passes(strict: true)
public struct AuditReport: Sendable {
    public var lines: [String]
    public var errors: Int
    public var warnings: Int

    public static func make(data: String, notes: Bool) async throws(PipelineFailure) -> AuditReport {
        let inputs: SiteInputs
        do {
            inputs = try await SiteInputs.load(data: data)
        } catch {
            throw .input(error)
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
        return AuditReport(lines: lines, errors: errors, warnings: warnings)
    }

    /// No errors, and with `strict` no warnings either.
    public func passes(strict: Bool) -> Bool {
        errors == 0 && !(strict && warnings > 0)
    }
}
