import RMBenchAnalyze
import RMBenchCore
import RMBenchRender
import RMBenchScore

/// Score → Analyze → the plain values the site is rendered from. Shared by `build` and
/// `validate`, so both see the same numbers and the same findings.
public enum SitePipeline {
    /// Maps any name or alias in the metadata (ignoring case) to the metadata's name.
    public static func canonicalNames(_ metadata: [ModelMetadata]) -> (String) -> String {
        var names: [String: String] = [:]
        for meta in metadata {
            for name in meta.allNames { names[name.lowercased()] = meta.name }
        }
        return { names[$0.lowercased()] ?? $0 }
    }

    /// Scores, with types from the metadata where it names one (hand-curated beats inferred).
    /// Generative judges score strictly (a tie verdict is wrong), as the official leaderboard.
    public static func scores(_ inputs: SiteInputs) -> [ModelScore] {
        let scored = inputs.runs.map(Scorer.score) + judgeScores(inputs).map { $0.strictModelScore() }
        return scored.map { score in
            var score = score
            if let meta = inputs.metadata.first(where: { $0.matches(score.model) }), let type = meta.kind?.type ?? meta.type {
                score.type = type
            }
            return score
        }
    }

    public static func judgeScores(_ inputs: SiteInputs) -> [JudgeScore] {
        inputs.judges.map(VerdictScorer.score)
    }

    public static func published(_ inputs: SiteInputs) -> [PublishedRow] {
        inputs.published.map { row in
            var row = row
            if let meta = inputs.metadata.first(where: { $0.matches(row.model) }), let type = meta.kind?.type ?? meta.type {
                row.type = type
            }
            return row
        }
    }

    public static func findings(_ inputs: SiteInputs, scores: [ModelScore]) -> [AuditFinding] {
        let canonical = canonicalNames(inputs.metadata)
        let grouped = LeaderboardRow.groupPublished(published(inputs), canonicalName: canonical)
        // Key recomputed models the same way, so an alias finds its published rows.
        let keyed = scores.map { score -> ModelScore in
            var score = score
            score.model = canonical(score.model)
            return score
        }
        return Audit.findings(scores: keyed, published: grouped)
    }

    public static func assemble(_ inputs: SiteInputs, title: String, baseURL: String?, bootstrap: BootstrapSettings,
                         texts: [ItemKey: PromptTexts] = [:], progress: Progress) -> SiteInput {
        progress.say("scoring \(inputs.runs.count) model(s)")
        let scores = scores(inputs)
        for score in scores {
            let partial = score.isComplete ? "" : ", partial: no \(score.missingDomains.map(\.rawValue).joined(separator: ", "))"
            progress.say("  \(score.model): \(score.samples) prompts, average \(LeaderboardTable.percent(score.average))\(partial)")
        }
        if bootstrap.resamples > 0 {
            progress.say("bootstrap: \(bootstrap.resamples) resamples per model, seed \(bootstrap.seed)")
        }
        let intervals = bootstrap.intervals(inputs.runs)
        let ranks = bootstrap.ranks(inputs.runs)
        let canonical = canonicalNames(inputs.metadata)
        let findings = findings(inputs, scores: scores)
        let flagged = Set(findings.filter { $0.severity != .note }.map { $0.model.lowercased() })
        // Findings are keyed by canonical names; rows by their own: flag both spellings.
        let flaggedNames = Set(scores.map(\.model).filter { flagged.contains(canonical($0).lowercased()) }.map { $0.lowercased() })
            .union(inputs.published.map(\.model).filter { flagged.contains(canonical($0).lowercased()) }.map { $0.lowercased() })
        var rows = LeaderboardRow.rows(scores: scores, published: published(inputs), intervals: intervals, ranks: ranks,
                                       canonicalName: canonical, flagged: flaggedNames)
        let judges = Dictionary(judgeScores(inputs).map { ($0.model, $0) }, uniquingKeysWith: { first, _ in first })
        for index in rows.indices { rows[index].judge = judges[rows[index].name] }
        progress.say("audit: \(findings.filter { $0.severity == .error }.count) error(s), \(findings.filter { $0.severity == .warning }.count) warning(s)")
        let correlations = Analyze.correlationStudy(
            rmbench: Dictionary(rows.map { ($0.name, RMBenchMetrics.values($0)) }, uniquingKeysWith: { first, _ in first }),
            rmbenchMetrics: RMBenchMetrics.names, external: inputs.external, canonicalName: canonical,
            resamples: max(bootstrap.resamples, 1), seed: bootstrap.seed)
        progress.say("correlating \(inputs.external.reduce(0) { $0 + $1.metrics.count }) external metric(s) with RM-Bench")
        var lengths: [String: LengthAnalysis] = [:]
        for run in inputs.runs { lengths[run.model] = Analyze.lengthAnalysis(run.items) }
        // The benchmark's own lengths, from the results that measured the most responses.
        let measured = inputs.runs.max { a, b in
            (a.items.filter { $0.chosenFeatures.contains { $0 != nil } }.count, b.model)
                < (b.items.filter { $0.chosenFeatures.contains { $0 != nil } }.count, a.model)
        }
        let datasetLengths = measured.map { Analyze.datasetLengths($0.items) } ?? []
        var input = SiteInput(title: title, baseURL: baseURL, toolVersion: ToolVersion.current, rows: rows,
                              correlations: correlations, lengthAnalyses: lengths,
                              datasetLengths: datasetLengths, datasetLengthsSource: datasetLengths.isEmpty ? nil : measured?.model,
                              findings: findings, metadata: inputs.metadata)
        input.promptModels = inputs.runs.map { ($0.model, $0.items) }
        input.promptTexts = texts
        return input
    }
}
