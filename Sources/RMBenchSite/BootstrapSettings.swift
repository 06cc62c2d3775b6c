import Dispatch
import RMBenchAnalyze
import RMBenchCore

/// How to bootstrap, as a plain value the pipeline carries (`--bootstrap N --seed S`).
public struct BootstrapSettings: Sendable {
    public var resamples: Int
    public var seed: UInt64

    public init(resamples: Int = Analyze.defaultResamples, seed: UInt64 = Analyze.defaultSeed) {
        self.resamples = resamples
        self.seed = seed
    }

    /// Intervals of every model, computed on all cores; empty when bootstrap is off.
    public func intervals(_ runs: [ModelRun]) -> [String: BootstrapIntervals] {
        guard resamples > 0 else { return [:] }
        // The models (of one prompt set) resample the same indices: drawn once for all.
        let draws = ResampleDraws(resamples: resamples, seed: seed)
        let results = ConcurrentSlots.map(runs.count) {
            Analyze.bootstrapIntervals(runs[$0].items, resamples: resamples, seed: seed, draws: draws)
        }
        return Dictionary(uniqueKeysWithValues: zip(runs.map(\.model), results))
    }

    /// Tie-group ranks of the recomputed models; empty when bootstrap is off. `intervals`,
    /// when given, are `intervals(runs)`: the ranks reuse what they resampled.
    public func ranks(_ runs: [ModelRun], reusing intervals: [String: BootstrapIntervals] = [:]) -> [String: RankInfo] {
        guard resamples > 0, runs.count > 1 else { return [:] }
        return Analyze.tieGroupRanks(models: runs.map { ($0.model, $0.items) }, reusing: intervals,
                                     resamples: resamples, seed: seed)
    }
}
