/// The Analyze stage: statistics over scored results, as pure functions of plain values.
///
/// - `Analyze.correlate(x, y)`: Pearson, Spearman and Kendall with p-values, and a line.
/// - `Analyze.bootstrapPearsonCI(x:y:)`: a 95 % interval for Pearson's r.
/// - `Analyze.bootstrapIntervals(items)`: 95 % intervals of every RM-Bench number of a model.
/// - `Analyze.pairedBootstrap(a, b)`, `Analyze.tieGroupRanks(models:)`: which models are
///   significantly better than which, and leaderboard ranks that treat the rest as ties.
///
/// Everything random is driven by `SeededGenerator` from an explicit seed, so the site shows
/// the same intervals on every build.
public enum Analyze {
    /// 1000 resamples: enough for stable 2.5/97.5 percentiles (25 resamples beyond each end).
    public static let defaultResamples = 1000
    /// The seed used when none is given ("RMBench!" in ASCII).
    public static let defaultSeed: UInt64 = 0x524D_4265_6E63_6821
}
