import RMBenchAnalyze
import RMBenchCore

/// The RM-Bench side of the correlations: a leaderboard row's numbers by their vocabulary
/// label (``Metric/correlated``), in percent. Domain Hard and Normal exist only for recomputed rows.
public enum RMBenchMetrics {
    public static let names: [String] = Metric.correlated.map(\.label)

    public static func values(_ row: LeaderboardRow) -> [String: Double] {
        var values: [String: Double] = [:]
        for metric in Metric.correlated {
            if let value = row.value(metric), value.isFinite { values[metric.label] = value * 100 }
        }
        return values
    }
}
