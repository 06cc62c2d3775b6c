import RMBenchCore

/// The RM-Bench numbers of a leaderboard row by name, in percent, for correlations: the
/// leaderboard columns, and for recomputed rows each domain's Hard and Normal (the paper
/// correlates math and safety Hard and code Normal with downstream results).
public enum RMBenchMetrics {
    public static let names: [String] = ["Average", "Easy", "Normal", "Hard"] + Domain.allCases.map(\.title)
        + Domain.allCases.flatMap { ["\($0.title) Hard", "\($0.title) Normal"] }

    public static func values(_ row: LeaderboardRow) -> [String: Double] {
        var values: [String: Double] = [:]
        for column in MetricColumn.all {
            if let value = row.value(column), value.isFinite { values[column.title] = value * 100 }
        }
        if let score = row.score {
            for domain in score.domains {
                values["\(domain.domain.title) Hard"] = domain.score.hard * 100
                values["\(domain.domain.title) Normal"] = domain.score.normal * 100
            }
        }
        return values
    }
}
