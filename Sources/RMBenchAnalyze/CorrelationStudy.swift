import RMBenchCore

/// One external metric against one RM-Bench metric, over the models that have both.
public struct CorrelationPair: Sendable {
    /// The external metric ("rewardbench_math_prm") and the file it comes from.
    public var x: String
    public var xDescription: String?
    public var xFile: String
    /// The RM-Bench metric ("Average", "Math Hard").
    public var y: String
    /// (model, x, y) for every model with both values, by model name.
    public var points: [(model: String, x: Double, y: Double)]
    /// Nil when fewer than 3 models or a constant side.
    public var result: CorrelationResult?
    /// The percentile-bootstrap 95 % interval of r, only from `bootstrapMinimum` models on:
    /// with fewer, resampling 4 or 5 points mostly redraws the same few and gives intervals
    /// far narrower than the evidence (the Fisher-z interval, `result.pearsonCI95`, is the one
    /// to read there).
    public var bootstrapInterval: (low: Double, high: Double)?

    /// Fewest models for a bootstrap interval of r.
    public static let bootstrapMinimum = 10
}

extension Analyze {
    /// Correlates every external metric with every RM-Bench metric.
    ///
    /// - `rmbench`: model → RM-Bench metric name → value (percent), for every leaderboard row.
    /// - `external`: the tables from `Data/external/`.
    /// - `models`: resolves a name used in an external table to its identity (any spelling the
    ///   directory knows, aliases from the model metadata included); names it does not know
    ///   match no row.
    ///
    /// Pairs are ordered by external file, external metric, then `rmbenchMetrics`' order; points
    /// by model name.
    public static func correlationStudy(
        rmbench: [ModelID: [String: Double]], rmbenchMetrics: [String], external: [ExternalMetrics],
        models: ModelDirectory, resamples: Int = defaultResamples, seed: UInt64 = defaultSeed
    ) -> [CorrelationPair] {
        var pairs: [CorrelationPair] = []
        for table in external {
            for metric in table.metrics {
                for y in rmbenchMetrics {
                    var points: [(model: String, x: Double, y: Double)] = []
                    for model in table.models {
                        guard let x = table.values[model]?[metric.name],
                              let id = models.id(model),
                              let value = rmbench[id]?[y] else { continue }
                        points.append((id.name, x, value))
                    }
                    points.sort { $0.model < $1.model }
                    let xs = points.map(\.x), ys = points.map(\.y)
                    pairs.append(CorrelationPair(
                        x: metric.name, xDescription: metric.description, xFile: table.file, y: y, points: points,
                        result: correlate(xs, ys),
                        bootstrapInterval: points.count >= CorrelationPair.bootstrapMinimum ? bootstrapPearsonCI(x: xs, y: ys, resamples: resamples, seed: seed) : nil))
                }
            }
        }
        return pairs
    }
}
