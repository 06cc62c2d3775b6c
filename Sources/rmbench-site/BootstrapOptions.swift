import ArgumentParser
import Dispatch
import RMBenchAnalyze
import RMBenchCore

/// `--bootstrap N --seed S`, shared by the commands that show intervals.
struct BootstrapOptions: ParsableArguments {
    @Option(help: "Bootstrap resamples for 95 % intervals and rank groups; 0 turns them off.")
    var bootstrap = Analyze.defaultResamples

    @Option(help: "Seed of the bootstrap, so builds are reproducible.")
    var seed: UInt64 = Analyze.defaultSeed

    func validate() throws {
        guard bootstrap >= 0 else { throw ValidationError("--bootstrap must be 0 (off) or a positive number of resamples") }
    }

    var settings: BootstrapSettings { BootstrapSettings(resamples: bootstrap, seed: seed) }
}

/// How to bootstrap, as a plain value the pipeline can carry.
struct BootstrapSettings: Sendable {
    var resamples: Int
    var seed: UInt64

    /// Intervals of every model, computed on all cores; empty when bootstrap is off.
    func intervals(_ runs: [ModelRun]) -> [String: BootstrapIntervals] {
        guard resamples > 0 else { return [:] }
        let results = Results(count: runs.count)
        DispatchQueue.concurrentPerform(iterations: runs.count) { index in
            results.store(index, Analyze.bootstrapIntervals(runs[index].items, resamples: resamples, seed: seed))
        }
        return Dictionary(uniqueKeysWithValues: zip(runs.map(\.model), results.values))
    }

    /// Tie-group ranks of the recomputed models; empty when bootstrap is off.
    func ranks(_ runs: [ModelRun]) -> [String: RankInfo] {
        guard resamples > 0, runs.count > 1 else { return [:] }
        return Analyze.tieGroupRanks(models: runs.map { ($0.model, $0.items) }, resamples: resamples, seed: seed)
    }

    /// Each index is written by exactly one iteration of `concurrentPerform`.
    private final class Results: @unchecked Sendable {
        private var slots: [BootstrapIntervals?]
        init(count: Int) { slots = Array(repeating: nil, count: count) }
        func store(_ index: Int, _ value: BootstrapIntervals) { slots[index] = value }
        var values: [BootstrapIntervals] { slots.map { $0! } }
    }
}
