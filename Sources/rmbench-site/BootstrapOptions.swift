import ArgumentParser
import RMBenchAnalyze
import RMBenchSite

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
