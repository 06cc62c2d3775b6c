import RMBenchCore
import RMBenchScore

/// One leaderboard row: a scored model, a published row, or both for the same model.
/// Values are fractions in [0, 1]; nil where not known.
public struct LeaderboardRow: Sendable {
    /// The model's one identity: canonical name, display name, slug, aliases, metadata.
    public var id: ModelID
    public var type: ModelType
    public var score: ModelScore?
    /// The first published row for this model (the one shown when nothing is recomputed).
    public var published: PublishedRow?
    /// Every published row for this model, from all sources, in input order.
    public var allPublished: [PublishedRow]
    /// Bootstrap intervals of a recomputed model's numbers (nil when bootstrap is off).
    public var intervals: BootstrapIntervals?
    /// Its tie-group rank among the recomputed models (nil when bootstrap is off).
    public var rankGroup: RankInfo?

    /// Audit findings (warnings and errors) exist for this row.
    public var flagged = false
    /// For a generative judge: its verdicts, scored strictly (`score`) and with half credit.
    public var judge: JudgeScore?

    /// A recomputed model, with its published rows if any. Without `id`, the model is known by
    /// its score's name alone (a single result file, outside a site).
    public init(score: ModelScore, id: ModelID? = nil, published: [PublishedRow] = [], intervals: BootstrapIntervals? = nil,
                rankGroup: RankInfo? = nil) {
        self.id = id ?? ModelID(name: score.model)
        type = score.type == .unknown ? published.first?.type ?? .unknown : score.type
        self.score = score
        self.published = published.first
        self.allPublished = published
        self.intervals = intervals
        self.rankGroup = rankGroup
    }

    public init(published: [PublishedRow], id: ModelID? = nil) {
        precondition(!published.isEmpty, "a published row needs a published source")
        self.id = id ?? ModelID(name: published[0].model)
        type = published[0].type
        self.score = nil
        self.published = published[0]
        self.allPublished = published
    }

    public init(published: PublishedRow) {
        self.init(published: [published])
    }

    /// The canonical name.
    public var name: String { id.name }

    /// recomputed, published, verified or disagrees (see `Audit`).
    public var provenance: ProvenanceLevel {
        Audit.level(score: score, published: allPublished)
    }

    public func domain(_ domain: Domain) -> Double? { value(.domain(domain, .average)) }
    public var easy: Double? { value(.overall(.easy)) }
    public var normal: Double? { value(.overall(.normal)) }
    public var hard: Double? { value(.overall(.hard)) }
    public var average: Double? { value(.overall(.average)) }

    /// Domains without a number: missing from the results, or not reported.
    public var missingDomains: [Domain] {
        Domain.allCases.filter { domain($0) == nil }
    }

    public var isPartial: Bool { !missingDomains.isEmpty }

    /// The 95 % interval of a metric, for recomputed rows with bootstrap on.
    public func interval(_ metric: Metric) -> ClosedRange<Double>? {
        intervals?.interval(metric)
    }

    /// A metric's value: recomputed when the row has results, else as published (domain
    /// averages and the overall numbers only).
    public func value(_ metric: Metric) -> Double? {
        if let score {
            guard let value = score.value(metric) else { return nil }
            // A model without prompts has NaN overall numbers: unknown, not a number to show.
            if case .overall(.average) = metric, !value.isFinite { return nil }
            return value
        }
        guard let published else { return nil }
        switch metric {
        case .overall(.easy): return published.easy.map { $0 / 100 }
        case .overall(.normal): return published.normal.map { $0 / 100 }
        case .overall(.hard): return published.hard.map { $0 / 100 }
        case .overall(.average): return published.average.map { $0 / 100 }
        case .domain(let domain, .average): return published.domain(domain).map { $0 / 100 }
        case .domain, .cell: return nil
        }
    }

    /// One row per model: each recomputed model with the published rows of the same identity,
    /// then every model that is only published.
    public static func rows(scores: [(id: ModelID, score: ModelScore)], published: [ModelID: [PublishedRow]],
                            intervals: [ModelID: BootstrapIntervals] = [:], ranks: [ModelID: RankInfo] = [:],
                            flagged: Set<ModelID> = []) -> [LeaderboardRow] {
        var rows = scores.map { id, score -> LeaderboardRow in
            var row = LeaderboardRow(score: score, id: id, published: published[id] ?? [], intervals: intervals[id], rankGroup: ranks[id])
            row.flagged = flagged.contains(id)
            return row
        }
        let recomputed = Set(scores.map(\.id))
        for (id, sources) in published where !recomputed.contains(id) && !sources.isEmpty {
            var row = LeaderboardRow(published: sources, id: id)
            row.flagged = flagged.contains(id)
            rows.append(row)
        }
        return ranked(rows)
    }

    /// Best first by Average; rows without an Average last; then by name, so the order is total.
    public static func ranked(_ rows: [LeaderboardRow]) -> [LeaderboardRow] {
        rows.sorted { a, b in
            let x = a.average ?? -.infinity
            let y = b.average ?? -.infinity
            return x != y ? x > y : a.name < b.name
        }
    }
}
