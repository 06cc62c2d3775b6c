import RMBenchAnalyze
import RMBenchCore
import RMBenchScore

/// One leaderboard row: a scored model, a published row, or both for the same model.
/// Values are fractions in [0, 1]; nil where not known.
public struct LeaderboardRow: Sendable {
    public var name: String
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

    public init(score: ModelScore, published: [PublishedRow] = [], intervals: BootstrapIntervals? = nil, rankGroup: RankInfo? = nil) {
        name = score.model
        type = score.type == .unknown ? published.first?.type ?? .unknown : score.type
        self.score = score
        self.published = published.first
        self.allPublished = published
        self.intervals = intervals
        self.rankGroup = rankGroup
    }

    public init(published: [PublishedRow]) {
        precondition(!published.isEmpty, "a published row needs a published source")
        name = published[0].model
        type = published[0].type
        self.score = nil
        self.published = published[0]
        self.allPublished = published
    }

    public init(published: PublishedRow) {
        self.init(published: [published])
    }

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

    /// Joins scored models and published rows by model name (ignoring case, after
    /// `canonicalName` maps aliases): every source for a model is attached to one row.
    public static func rows(scores: [ModelScore], published: [PublishedRow],
                            intervals: [String: BootstrapIntervals] = [:], ranks: [String: RankInfo] = [:],
                            canonicalName: (String) -> String = { $0 }, flagged: Set<String> = []) -> [LeaderboardRow] {
        let grouped = groupPublished(published, canonicalName: canonicalName)
        var used: Set<String> = []
        var rows = scores.map { score -> LeaderboardRow in
            let key = canonicalName(score.model).lowercased()
            if grouped[key] != nil { used.insert(key) }
            var row = LeaderboardRow(score: score, published: grouped[key] ?? [], intervals: intervals[score.model], rankGroup: ranks[score.model])
            row.flagged = flagged.contains(score.model.lowercased())
            return row
        }
        var seen: Set<String> = []
        for row in published {
            let key = canonicalName(row.model).lowercased()
            guard !used.contains(key), seen.insert(key).inserted, let sources = grouped[key] else { continue }
            var leaderboardRow = LeaderboardRow(published: sources)
            leaderboardRow.flagged = flagged.contains(sources[0].model.lowercased())
            rows.append(leaderboardRow)
        }
        return ranked(rows)
    }

    /// Published rows by canonical lowercased name, in input order.
    public static func groupPublished(_ published: [PublishedRow], canonicalName: (String) -> String = { $0 }) -> [String: [PublishedRow]] {
        var grouped: [String: [PublishedRow]] = [:]
        for row in published { grouped[canonicalName(row.model).lowercased(), default: []].append(row) }
        return grouped
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
