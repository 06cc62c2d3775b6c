import RMBenchAnalyze
import RMBenchCore
import RMBenchRender
import RMBenchScore

/// Score → Analyze → the plain values the site is rendered from. Shared by `build` and
/// `validate`, so both see the same numbers and the same findings. Every model is its
/// ``ModelID`` from `inputs.models` from here on.
///
///     let inputs = try await SiteInputs.load(data: "Data")
///     let site = SitePipeline.assemble(inputs, title: "RM-Bench", baseURL: nil, bootstrap: BootstrapSettings())
public enum SitePipeline {
    /// Scores of recomputed models and judges, with types from the metadata where it names one
    /// (hand-curated beats inferred). Generative judges score strictly (a tie verdict is wrong),
    /// as the official leaderboard.
    public static func scores(_ inputs: SiteInputs) -> [(id: ModelID, score: ModelScore)] {
        let runs = inputs.runs
        let scored = ConcurrentSlots.map(runs.count) { Scorer.score(runs[$0]) } + judgeScores(inputs).map { $0.strictModelScore() }
        return scored.map { score in
            let id = inputs.id(score.model)
            var score = score
            if let meta = id.metadata, let type = meta.kind?.type ?? meta.type { score.type = type }
            return (id, score)
        }
    }

    public static func judgeScores(_ inputs: SiteInputs) -> [JudgeScore] {
        inputs.judges.map(VerdictScorer.score)
    }

    /// Published rows by model, in input order, with types from the metadata where it names one.
    public static func published(_ inputs: SiteInputs) -> [ModelID: [PublishedRow]] {
        var grouped: [ModelID: [PublishedRow]] = [:]
        for row in inputs.published {
            let id = inputs.id(row.model)
            var row = row
            if let meta = id.metadata, let type = meta.kind?.type ?? meta.type { row.type = type }
            grouped[id, default: []].append(row)
        }
        return grouped
    }

    /// The audit: published numbers, recomputed against published (with RM-R1's own scorer's
    /// numbers where a judge's logs are RM-R1's), and the result checks of every result file —
    /// with `dataset` (the keys of the `--dataset` files) the prompt sets are compared id by id.
    public static func findings(_ inputs: SiteInputs, scores: [(id: ModelID, score: ModelScore)],
                                dataset: Set<ItemKey>? = nil) -> [AuditFinding] {
        var known: [ModelID: KnownScorer] = [:]
        for judge in judgeScores(inputs) where RMR1Scorer.isRMR1(judge.sources) {
            known[inputs.id(judge.model)] = KnownScorer(name: "RM-R1's scorer", explanation: RMR1Scorer.explanation, numbers: RMR1Scorer.numbers(judge))
        }
        let runs = inputs.runs.map { ResultChecks.Run(id: inputs.id($0.model), items: $0.items, files: $0.sources.map(\.path)) }
        return Audit.sorted(Audit.findings(scores: scores, published: published(inputs), knownScorers: known) + ResultChecks.findings(runs, dataset: dataset))
    }

    public static func assemble(_ inputs: SiteInputs, title: String, baseURL: String?, bootstrap: BootstrapSettings,
                                texts: [ItemKey: PromptTexts] = [:], progress: Progress = .quiet) -> SiteInput {
        progress.say("scoring \(inputs.runs.count) model(s)")
        let scores = scores(inputs)
        for (_, score) in scores {
            let partial = score.isComplete ? "" : ", partial: no \(score.missingDomains.map(\.rawValue).joined(separator: ", "))"
            progress.say("  \(score.model): \(score.samples) prompts, average \(LeaderboardTable.percent(score.average))\(partial)")
        }
        if bootstrap.resamples > 0 {
            progress.say("bootstrap: \(bootstrap.resamples) resamples per model, seed \(bootstrap.seed)")
        }
        // The bootstrap and the audit's checks need only the runs and scores, and neither keeps
        // both cores busy all the time: side by side, each fills the other's idle core.
        let ((intervalsByName, ranksByName), findings) = Concurrently.both({
            let intervals = bootstrap.intervals(inputs.runs)
            return (intervals, bootstrap.ranks(inputs.runs, reusing: intervals))
        }, {
            Self.findings(inputs, scores: scores, dataset: texts.isEmpty ? nil : Set(texts.keys))
        })
        let intervals = byID(intervalsByName, inputs)
        let ranks = byID(ranksByName, inputs)
        let flagged = Set(findings.filter { $0.severity != .note }.map(\.model))
        var rows = LeaderboardRow.rows(scores: scores, published: published(inputs), intervals: intervals, ranks: ranks, flagged: flagged)
        let judges = Dictionary(judgeScores(inputs).map { (inputs.id($0.model), $0) }, uniquingKeysWith: { first, _ in first })
        for index in rows.indices { rows[index].judge = judges[rows[index].id] }
        progress.say("audit: \(findings.filter { $0.severity == .error }.count) error(s), \(findings.filter { $0.severity == .warning }.count) warning(s)")
        let correlations = Analyze.correlationStudy(
            rmbench: Dictionary(rows.map { ($0.id, RMBenchMetrics.values($0)) }, uniquingKeysWith: { first, _ in first }),
            rmbenchMetrics: RMBenchMetrics.names, external: inputs.external, models: inputs.models,
            resamples: max(bootstrap.resamples, 1), seed: bootstrap.seed)
        progress.say("correlating \(inputs.external.reduce(0) { $0 + $1.metrics.count }) external metric(s) with RM-Bench")
        let runItems = Dictionary(inputs.runs.map { (inputs.id($0.model), $0.items) }, uniquingKeysWith: { _, last in last })
        // The benchmark's own lengths, from the results that measured the most responses.
        // Counted once per run, without copying its items (a comparator would count each run
        // once per comparison).
        let measuredCounts = inputs.runs.map { run in
            run.items.reduce(0) { count, item in count + (item.chosenFeatures.contains { $0 != nil } ? 1 : 0) }
        }
        let measured = inputs.runs.indices.max { a, b in
            (measuredCounts[a], inputs.runs[b].model) < (measuredCounts[b], inputs.runs[a].model)
        }.map { inputs.runs[$0] }
        let datasetLengths = measured.map { Analyze.datasetLengths($0.items) } ?? []
        var input = SiteInput(title: title, baseURL: baseURL, toolVersion: ToolVersion.current, rows: rows,
                              correlations: correlations,
                              lengthAnalysis: { id in runItems[id].flatMap(Analyze.lengthAnalysis) },
                              datasetLengths: datasetLengths,
                              datasetLengthsSource: datasetLengths.isEmpty ? nil : measured.map { inputs.id($0.model) },
                              findings: findings, metadata: inputs.metadata)
        input.promptModels = inputs.runs.map { (inputs.id($0.model), $0.items) }
        input.promptTexts = texts
        return input
    }

    /// A per-run dictionary keyed by the runs' identities.
    static func byID<Value>(_ values: [String: Value], _ inputs: SiteInputs) -> [ModelID: Value] {
        Dictionary(values.map { (inputs.id($0.key), $0.value) }, uniquingKeysWith: { first, _ in first })
    }
}
