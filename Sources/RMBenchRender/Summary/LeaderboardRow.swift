import RMBenchAnalyze
import RMBenchCore
import RMBenchScore

/// Where a leaderboard row's numbers come from.
public enum Provenance: String, Sendable {
    /// Computed here from per-sample result files.
    case recomputed
    /// Known only from published numbers.
    case published
    /// Both: the recomputed numbers are shown, the published ones on the model page.
    case recomputedAndPublished = "recomputed+published"

    public var title: String {
        switch self {
        case .recomputed: "recomputed"
        case .published: "published"
        case .recomputedAndPublished: "recomputed · published"
        }
    }
}

/// One leaderboard row: a scored model, a published row, or both for the same model.
/// Values are fractions in [0, 1]; nil where not known.
public struct LeaderboardRow: Sendable {
    public var name: String
    public var type: ModelType
    public var score: ModelScore?
    public var published: PublishedRow?
    /// Bootstrap intervals of a recomputed model's numbers (nil when bootstrap is off).
    public var intervals: BootstrapIntervals?
    /// Its tie-group rank among the recomputed models (nil when bootstrap is off).
    public var rankGroup: RankInfo?

    public init(score: ModelScore, published: PublishedRow? = nil, intervals: BootstrapIntervals? = nil, rankGroup: RankInfo? = nil) {
        name = score.model
        type = score.type == .unknown ? published?.type ?? .unknown : score.type
        self.score = score
        self.published = published
        self.intervals = intervals
        self.rankGroup = rankGroup
    }

    public init(published: PublishedRow) {
        name = published.model
        type = published.type
        self.score = nil
        self.published = published
    }

    public var provenance: Provenance {
        switch (score, published) {
        case (.some, .some): .recomputedAndPublished
        case (.some, nil): .recomputed
        default: .published
        }
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

    /// Joins scored models and published rows: a published row whose model name equals a
    /// scored model's (ignoring case) is attached to it instead of becoming a second row.
    public static func rows(scores: [ModelScore], published: [PublishedRow],
                            intervals: [String: BootstrapIntervals] = [:], ranks: [String: RankInfo] = [:]) -> [LeaderboardRow] {
        var byName: [String: PublishedRow] = [:]
        for row in published where byName[row.model.lowercased()] == nil { byName[row.model.lowercased()] = row }
        var used: Set<String> = []
        var rows = scores.map { score -> LeaderboardRow in
            let key = score.model.lowercased()
            if byName[key] != nil { used.insert(key) }
            return LeaderboardRow(score: score, published: byName[key], intervals: intervals[score.model], rankGroup: ranks[score.model])
        }
        var seen: Set<String> = []
        for row in published where !used.contains(row.model.lowercased()) && seen.insert(row.model.lowercased()).inserted {
            rows.append(LeaderboardRow(published: row))
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
