import Foundation
import RMBenchAnalyze
import RMBenchCore
import RMBenchSite

/// The rank bootstrap's time (`rmbench-bench ranks MODELS [REPEATS]`): `BootstrapSettings().ranks`
/// (1,000 resamples, every pair of models) on MODELS generated runs of RM-Bench's 1,327 prompts,
/// each model with its own skill so that the ranks are a mix of ties and differences. Prints
/// the median and best of REPEATS runs, and the median per model.
enum RankBench {
    static func run(models: Int, repeats: Int) {
        let runs = (0..<models).map(generatedRun)
        let settings = BootstrapSettings()
        var seconds: [Double] = []
        var groups = 0
        for _ in 0..<max(repeats, 1) {
            let start = DispatchTime.now().uptimeNanoseconds
            let ranks = settings.ranks(runs)
            seconds.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            groups = Set(ranks.values.map(\.rank)).count
        }
        seconds.sort()
        let median = seconds[seconds.count / 2]
        print(String(format: "ranks: %d models, %d resamples, %d distinct ranks, median %.3f s (best %.3f s) of %d, %.2f ms per model",
                     models, settings.resamples, groups, median, seconds[0], seconds.count, median * 1000 / Double(models)))
    }

    /// Prompts per domain in the full RM-Bench release.
    static let domainSizes: [(Domain, Int)] = [(.chat, 129), (.math, 529), (.code, 228), (.safety, 441)]

    /// Model `index`: scores drawn around a skill that grows with the index, from its own seed.
    static func generatedRun(_ index: Int) -> ModelRun {
        var rng = SeededGenerator(seed: UInt64(index) &+ 1)
        func uniform() -> Double { Double(rng.next() >> 11) / Double(1 << 53) }
        let skill = 1.5 * Double(index % 50) / 50
        var items: [ScoredItem] = []
        for (domain, size) in domainSizes {
            for k in 0..<size {
                let label = domain == .safety ? (k % 2 == 0 ? "safety-refuse" : "safety-response") : domain.rawValue
                let chosen = StyleScores(skill + uniform(), skill + uniform(), skill + uniform())
                let rejected = StyleScores(uniform() + 0.5, uniform() + 0.5, uniform() + 0.5)
                items.append(ScoredItem(key: ItemKey(label: label, id: .int(Int64(k))), domain: domain,
                                        chosen: chosen, rejected: rejected))
            }
        }
        return ModelRun(model: "generated-rm-\(index)", type: .sequenceClassifier, sources: [], items: items)
    }
}
