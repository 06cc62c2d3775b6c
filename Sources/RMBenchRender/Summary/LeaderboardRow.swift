import RMBenchAnalyze
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

    public func domain(_ domain: Domain) -> Double? {
        if let score { return score[domain]?.score.average }
        return published?.domain(domain).map { $0 / 100 }
    }

    public var easy: Double? { score.map(\.easy) ?? published?.easy.map { $0 / 100 } }
    public var normal: Double? { score.map(\.normal) ?? published?.normal.map { $0 / 100 } }
    public var hard: Double? { score.map(\.hard) ?? published?.hard.map { $0 / 100 } }
    public var average: Double? {
        if let score { return score.average.isFinite ? score.average : nil }
        return published?.average.map { $0 / 100 }
    }

    /// Domains without a number: missing from the results, or not reported.
    public var missingDomains: [Domain] {
        Domain.allCases.filter { domain($0) == nil }
    }

    public var isPartial: Bool { !missingDomains.isEmpty }

    /// The 95 % interval of a metric column, for recomputed rows with bootstrap on.
    public func interval(_ column: MetricColumn) -> ClosedRange<Double>? {
        guard let intervals else { return nil }
        switch column {
        case .domain(let domain): return intervals.interval(.domain(domain, .average))
        case .easy: return intervals.interval(.overall(.easy))
        case .normal: return intervals.interval(.overall(.normal))
        case .hard: return intervals.interval(.overall(.hard))
        case .average: return intervals.interval(.overall(.average))
        }
    }

    /// The value of a metric column.
    public func value(_ column: MetricColumn) -> Double? {
        switch column {
        case .domain(let domain): self.domain(domain)
        case .easy: easy
        case .normal: normal
        case .hard: hard
        case .average: average
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

    /// The Rank column. Recomputed rows: their tie-group rank (1 + the number of models
    /// significantly better) when bootstrap ran, else competition ranks ("1, 2, 2, 4") on the
    /// Average as displayed among recomputed rows. Published-only rows get no rank (nil):
    /// without per-sample results nothing says whether their differences are real.
    public static func ranks(_ rows: [LeaderboardRow]) -> [Int?] {
        var ranks: [Int?] = []
        var previous: String?
        var previousRank = 0
        var position = 0
        // With rank groups, a recomputed row without one (a judge: no per-sample scores to
        // bootstrap) gets no rank rather than a rank of another kind.
        let grouped = rows.contains { $0.rankGroup != nil }
        for row in rows {
            guard row.score != nil, let average = row.average else {
                ranks.append(nil)
                continue
            }
            position += 1
            if let group = row.rankGroup {
                ranks.append(group.rank)
                continue
            }
            if grouped {
                ranks.append(nil)
                continue
            }
            let shown = LeaderboardTable.percent(average)
            if shown != previous {
                previousRank = position
                previous = shown
            }
            ranks.append(previousRank)
        }
        return ranks
    }
}

/// The leaderboard's number columns, in order.
public enum MetricColumn: Hashable, Sendable {
    case domain(Domain)
    case easy, normal, hard, average

    public static let all: [MetricColumn] = Domain.allCases.map(MetricColumn.domain) + [.easy, .normal, .hard, .average]

    public var title: String {
        switch self {
        case .domain(let domain): domain.title
        case .easy: "Easy"
        case .normal: "Normal"
        case .hard: "Hard"
        case .average: "Average"
        }
    }
}
