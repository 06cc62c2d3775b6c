import RMBenchCore

/// Two models compared by a paired bootstrap of the overall Average on their shared prompts.
public struct PairedComparison: Sendable, Equatable {
    /// Prompts (domain label, id) both models have; the comparison uses only these.
    public var sharedPrompts: Int
    public var promptsA: Int
    public var promptsB: Int
    /// Overall Average of A minus that of B on the shared prompts; NaN when none are shared.
    public var difference: Double
    /// [2.5th, 97.5th] percentile of A − B over the resamples; nil when none are shared.
    public var interval: ClosedRange<Double>?
    /// The 2.5th percentile of A − B is above 0.
    public var aIsSignificantlyBetter: Bool
    /// The 2.5th percentile of B − A is above 0 (computed on the negated differences, so
    /// the rule is exactly the same in both directions).
    public var bIsSignificantlyBetter: Bool

    /// The models were not run on the same prompts, so the comparison used a subset.
    public var promptSetsDiffer: Bool { sharedPrompts != promptsA || sharedPrompts != promptsB }
}

/// A model's place in a leaderboard where models not significantly different tie.
public struct RankInfo: Sendable, Equatable {
    /// 1 + the number of models significantly better than this one. Models sharing a rank
    /// are a tie group; they need not be indistinguishable from each other, since
    /// significance is not transitive.
    public var rank: Int
    /// Models significantly better than this one, in input order.
    public var significantlyBetter: [String]
    /// Models this one is significantly better than, in input order.
    public var significantlyWorse: [String]
    /// This model's own prompt count.
    public var prompts: Int
    /// Prompts shared with each other model (what that comparison used).
    public var sharedPrompts: [String: Int]
    /// Some comparison used fewer prompts than this model or the other model has.
    public var promptSetsDiffered: Bool
}

extension Analyze {
    /// Paired bootstrap of A's and B's overall Average.
    ///
    /// Only prompts both models have — same (domain label, id) — are used. Each resample
    /// draws those prompts within each domain with replacement, the *same* indices for both
    /// models (they are sorted by key, so an index is the same prompt for both); this
    /// cancels the prompt-to-prompt difficulty both models share and makes the test far
    /// more sensitive than comparing two separate intervals. A is significantly better if
    /// the 2.5th percentile of A − B is above 0 (a one-sided 2.5 % test per direction).
    ///
    ///     let c = Analyze.pairedBootstrap(a.items, b.items)
    ///     c.aIsSignificantlyBetter, c.interval, c.sharedPrompts
    ///
    /// A key repeated within one model's items counts once (the reader rejects such files).
    public static func pairedBootstrap(
        _ a: [ScoredItem], _ b: [ScoredItem], resamples: Int = defaultResamples, seed: UInt64 = defaultSeed
    ) -> PairedComparison {
        precondition(resamples > 0, "resamples must be positive")
        let keysA = Set(a.map(\.key)), keysB = Set(b.map(\.key))
        let shared = keysA.intersection(keysB)
        return compare(
            PromptTable(a, keep: shared), PromptTable(b, keep: shared),
            promptsA: keysA.count, promptsB: keysB.count, resamples: resamples, seed: seed)
    }

    /// Leaderboard ranks with ties: every pair of models is compared by `pairedBootstrap`,
    /// and a model's rank is 1 + the number of models significantly better than it. So the
    /// top group all have rank 1, and a model is ranked below another only when the data
    /// say so at the 2.5 % one-sided level.
    ///
    ///     let ranks = Analyze.tieGroupRanks(models: runs.map { ($0.model, $0.items) },
    ///                                       resamples: 1000, seed: Analyze.defaultSeed)
    ///     ranks["ModelA"]?.rank
    ///
    /// Every pair uses the same seed; pairs of models with the same prompt set therefore see
    /// the same resampled prompts (common random numbers), and results do not depend on the
    /// order of `models`. Names must be unique. The result is exactly what `pairedBootstrap`
    /// of every pair gives, computed with one resampling per model and prompt set (see
    /// `TieGroupRanking`), so the time grows linearly with the models but for a small
    /// per-pair step.
    public static func tieGroupRanks(
        models: [(name: String, items: [ScoredItem])], resamples: Int = defaultResamples, seed: UInt64 = defaultSeed
    ) -> [String: RankInfo] {
        precondition(resamples > 0, "resamples must be positive")
        precondition(Set(models.map(\.name)).count == models.count, "model names must be unique")
        return TieGroupRanking(models: models, resamples: resamples, seed: seed).ranks()
    }

    /// `tieGroupRanks(models:resamples:seed:)` reusing what `bootstrapIntervals` of the same
    /// items, with the same resamples and seed, already resampled: each model's overall
    /// Average per resample on its own prompts (the same numbers, bit for bit). `intervals`
    /// is keyed by model name; intervals of other resamples or seeds are not used.
    ///
    ///     let intervals = Dictionary(uniqueKeysWithValues: runs.map { ($0.model, Analyze.bootstrapIntervals($0.items)) })
    ///     let ranks = Analyze.tieGroupRanks(models: runs.map { ($0.model, $0.items) }, reusing: intervals)
    public static func tieGroupRanks(
        models: [(name: String, items: [ScoredItem])], reusing intervals: [String: BootstrapIntervals],
        resamples: Int = defaultResamples, seed: UInt64 = defaultSeed
    ) -> [String: RankInfo] {
        precondition(resamples > 0, "resamples must be positive")
        precondition(Set(models.map(\.name)).count == models.count, "model names must be unique")
        var known: [Int: [Double]] = [:]
        for (index, model) in models.enumerated() {
            if let interval = intervals[model.name], interval.resamples == resamples, interval.seed == seed,
               interval.resampledAverages.count == resamples {
                known[index] = interval.resampledAverages
            }
        }
        return TieGroupRanking(models: models, resamples: resamples, seed: seed, knownAverages: known).ranks()
    }

    private static func compare(
        _ a: PromptTable, _ b: PromptTable, promptsA: Int, promptsB: Int, resamples: Int, seed: UInt64
    ) -> PairedComparison {
        compare(a, b, averagesA: overallAverages(a, resamples: resamples, seed: seed),
                averagesB: overallAverages(b, resamples: resamples, seed: seed),
                promptsA: promptsA, promptsB: promptsB)
    }

    /// `a` and `b` hold the same keys; `averagesA/B` were resampled with the same seed.
    private static func compare(
        _ a: PromptTable, _ b: PromptTable, averagesA: [Double], averagesB: [Double], promptsA: Int, promptsB: Int
    ) -> PairedComparison {
        let sharedPrompts = a.promptCount
        guard sharedPrompts > 0 else {
            return PairedComparison(
                sharedPrompts: 0, promptsA: promptsA, promptsB: promptsB, difference: .nan, interval: nil,
                aIsSignificantlyBetter: false, bIsSignificantlyBetter: false)
        }
        let difference = meanOverDomains(a.fullCounts, \.average) - meanOverDomains(b.fullCounts, \.average)
        var test = PairedSignificanceTest(resamples: averagesA.count)
        let outcome = averagesA.withUnsafeBufferPointer { a in averagesB.withUnsafeBufferPointer { b in test.test(a, b) } }
        return PairedComparison(
            sharedPrompts: sharedPrompts, promptsA: promptsA, promptsB: promptsB,
            difference: difference, interval: outcome.interval,
            aIsSignificantlyBetter: outcome.aIsSignificantlyBetter,
            bIsSignificantlyBetter: outcome.bIsSignificantlyBetter)
    }

    /// The overall Average of each resample.
    private static func overallAverages(_ table: PromptTable, resamples: Int, seed: UInt64) -> [Double] {
        var averages = [Double](repeating: 0, count: resamples)
        table.forEachResample(resamples: resamples, seed: seed) { resample, counts in
            averages[resample] = meanOverDomains(counts, \.average)
        }
        return averages
    }
}

extension Analyze {
    /// Competition ranks ("1, 2, 2, 4") of values already in best-first order, equal values
    /// sharing a rank; nil values get no rank and take no place.
    ///
    ///     Analyze.competitionRanks(["71.2", "70.0", "70.0", nil, "65.1"])   // [1, 2, 2, nil, 4]
    public static func competitionRanks<Value: Equatable>(_ values: [Value?]) -> [Int?] {
        var ranks: [Int?] = []
        var previous: Value?
        var previousRank = 0
        var position = 0
        for value in values {
            guard let value else {
                ranks.append(nil)
                continue
            }
            position += 1
            if value != previous {
                previousRank = position
                previous = value
            }
            ranks.append(previousRank)
        }
        return ranks
    }
}
