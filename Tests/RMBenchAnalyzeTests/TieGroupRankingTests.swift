@testable import RMBenchAnalyze
import RMBenchCore
import Testing

/// `Analyze.tieGroupRanks` and `pairedBootstrap` against the implementation they replaced
/// (kept below as `ReferenceRanking`), which resampled every pair on its own and sorted each
/// pair's differences: the results must be equal, bit for bit.
@Suite("Tie-group ranks equal the pair-by-pair reference")
struct TieGroupRankingTests {
    /// Official domain sizes, scores shifted by `skill` so that some models are clearly
    /// better and others tie; coarse scores so that resampled differences repeat.
    static func model(seed: UInt64, skill: Double) -> [ScoredItem] {
        randomItems(seed: seed).map { item in
            var item = item
            item.chosen = StyleScores(item.chosen.concise + skill, item.chosen.detailedPlain + skill,
                                      item.chosen.detailedMarkdown + skill)
            return item
        }
    }

    static let sameSets: [(name: String, items: [ScoredItem])] = (0..<7).map { k in
        ("same-\(k)", model(seed: UInt64(100 + k), skill: [0, 0.05, 0.3, 0.3, 0.6, 1, 1][k]))
    }

    /// Models whose prompt sets differ in every way the data can: a few prompts missing,
    /// a whole domain missing, a superset with extra ids, a disjoint set, no items at all,
    /// a repeated key, a key under another domain, and two models sharing each odd set.
    static let differingSets: [(name: String, items: [ScoredItem])] = {
        let full = model(seed: 1, skill: 0.2)
        let missingSome = model(seed: 2, skill: 0.4).filter { item in
            if case .int(let id) = item.key.id { return id % 17 != 3 }
            return true
        }
        let noMath = model(seed: 3, skill: 0.1).filter { $0.domain != .math }
        let extra = model(seed: 4, skill: 0.5) + (2000..<2050).map { uniformItem(.code, $0, right: $0 % 2 == 0) }
        let disjoint = (5000..<5100).map { uniformItem(.chat, $0, right: $0 % 3 != 0) }
        var repeated = model(seed: 6, skill: 0.3)
        repeated.append(repeated[10])
        var moved = model(seed: 7, skill: 0.25)
        moved[0].domain = .safety
        return [
            ("full", full), ("missing-some", missingSome), ("missing-some-too", model(seed: 8, skill: 0.9).filter { item in
                if case .int(let id) = item.key.id { return id % 17 != 3 }
                return true
            }),
            ("no-math", noMath), ("extra", extra), ("disjoint", disjoint), ("empty", []),
            ("repeated", repeated), ("moved", moved), ("same-as-full", model(seed: 9, skill: 0.6)),
        ]
    }()

    @Test(arguments: [(UInt64(1), 200), (42, 100), (7, 1), (8, 2), (9, 7), (Analyze.defaultSeed, 150)])
    func equalPromptSetsGiveTheReferenceRanks(seed: UInt64, resamples: Int) {
        let ours = Analyze.tieGroupRanks(models: Self.sameSets, resamples: resamples, seed: seed)
        let reference = ReferenceRanking.tieGroupRanks(models: Self.sameSets, resamples: resamples, seed: seed)
        #expect(ours == reference)
    }

    @Test(arguments: [(UInt64(3), 200), (11, 1), (12, 3), (Analyze.defaultSeed, 120)])
    func differingPromptSetsGiveTheReferenceRanks(seed: UInt64, resamples: Int) {
        let models = Self.differingSets + Self.sameSets.prefix(3)
        let ours = Analyze.tieGroupRanks(models: models, resamples: resamples, seed: seed)
        let reference = ReferenceRanking.tieGroupRanks(models: models, resamples: resamples, seed: seed)
        #expect(ours == reference)
        // The fixture exercises what it should: some ranks differ, some sets differ.
        #expect(Set(ours.values.map(\.rank)).count > 1 || resamples < 3)
        #expect(ours.values.contains { $0.promptSetsDiffered })
    }

    /// Ranks reusing the intervals' resampled Averages equal ranks that resample themselves;
    /// intervals of another seed are not used.
    @Test func reusingIntervalsGivesTheSameRanks() {
        let models = Self.differingSets + Self.sameSets.prefix(4)
        let intervals = Dictionary(uniqueKeysWithValues: models.map {
            ($0.name, Analyze.bootstrapIntervals($0.items, resamples: 150, seed: 8))
        })
        let reference = ReferenceRanking.tieGroupRanks(models: models, resamples: 150, seed: 8)
        #expect(Analyze.tieGroupRanks(models: models, reusing: intervals, resamples: 150, seed: 8) == reference)
        let otherSeed = Dictionary(uniqueKeysWithValues: models.map {
            ($0.name, Analyze.bootstrapIntervals($0.items, resamples: 150, seed: 9))
        })
        #expect(Analyze.tieGroupRanks(models: models, reusing: otherSeed, resamples: 150, seed: 8) == reference)

        // The reused numbers are what the ranks use: Averages of 2 in every resample put the
        // weakest of models with one prompt set above all the others.
        let weakest = Self.sameSets[0]
        var planted = intervals
        let real = intervals[weakest.name]!
        planted[weakest.name] = BootstrapIntervals(
            resamples: 150, seed: 8, domains: real.domains, prompts: real.prompts, estimates: [:], intervals: [:],
            resampledAverages: [Double](repeating: 2, count: 150))
        let sameSetRanks = Analyze.tieGroupRanks(models: Self.sameSets, reusing: planted, resamples: 150, seed: 8)
        #expect(reference[weakest.name]?.rank != 1)
        #expect(sameSetRanks[weakest.name]?.rank == 1)
        #expect(sameSetRanks[weakest.name]?.significantlyWorse.count == Self.sameSets.count - 1)
    }

    @Test func pairedBootstrapGivesTheReferenceComparison() {
        let models = Self.differingSets + Self.sameSets.prefix(2)
        for (a, b) in zip(models, models.dropFirst(3) + models.prefix(3)) {
            for (seed, resamples) in [(UInt64(5), 200), (6, 1), (7, 4)] {
                let ours = Analyze.pairedBootstrap(a.items, b.items, resamples: resamples, seed: seed)
                let reference = ReferenceRanking.pairedBootstrap(a.items, b.items, resamples: resamples, seed: seed)
                // NaN ≠ NaN: compare the difference by its bits.
                #expect(ours.difference.bitPattern == reference.difference.bitPattern, "\(a.name) vs \(b.name)")
                var oursWithoutNaN = ours, referenceWithoutNaN = reference
                oursWithoutNaN.difference = 0
                referenceWithoutNaN.difference = 0
                #expect(oursWithoutNaN == referenceWithoutNaN, "\(a.name) vs \(b.name)")
            }
        }
    }

    /// Everything but the order of the name lists, which follow the input order.
    @Test func ranksDoNotDependOnModelOrder() {
        let models = Self.differingSets + Self.sameSets
        func orderFree(_ ranks: [String: RankInfo]) -> [String: RankInfo] {
            ranks.mapValues { info in
                var info = info
                info.significantlyBetter.sort()
                info.significantlyWorse.sort()
                return info
            }
        }
        let forward = orderFree(Analyze.tieGroupRanks(models: models, resamples: 100, seed: 13))
        #expect(Set(forward.values.map(\.rank)).count > 3)
        var rng = SeededGenerator(seed: 99)
        for _ in 0..<3 {
            let shuffled = Analyze.tieGroupRanks(models: models.shuffled(using: &rng), resamples: 100, seed: 13)
            #expect(orderFree(shuffled) == forward)
        }
        #expect(orderFree(Analyze.tieGroupRanks(models: models.reversed(), resamples: 100, seed: 13)) == forward)
    }

    /// Resampling tables together draws what each table would draw alone.
    @Test func sharedDrawsEqualEachTablesOwn() {
        let tables = (0..<11).map { PromptTable(Self.model(seed: UInt64(300 + $0), skill: Double($0) / 10)) }
        var together = [[Double]](repeating: [], count: tables.count)
        PromptTable.forEachResample(of: tables, resamples: 40, seed: 17) { _, t, counts in
            together[t].append(meanOverDomains(counts, \.hard) + 10 * meanOverDomains(counts, \.easy))
        }
        for (t, table) in tables.enumerated() {
            var alone: [Double] = []
            table.forEachResample(resamples: 40, seed: 17) { _, counts in
                alone.append(meanOverDomains(counts, \.hard) + 10 * meanOverDomains(counts, \.easy))
            }
            #expect(together[t] == alone, "table \(t)")
        }
    }

    @Test func extremesAreTheSortedValuesAtTheEnds() {
        var rng = SeededGenerator(seed: 21)
        for count in [1, 2, 3, 15, 16, 17, 40, 1000, 1001] {
            for distinct in [1, 3, 50, 1_000_000] {
                for (lowest, highest) in [(0, 0), (1, 0), (0, 1), (2, 3), (26, 26), (count / 2, count - count / 2), (count, 1)] {
                    let values = (0..<count).map { _ in Double(rng.index(below: distinct)) - Double(distinct / 2) }
                    let sorted = values.sorted()
                    var placed = values
                    var scratch = [Double](repeating: 0, count: lowest + highest)
                    placed.withUnsafeMutableBufferPointer { buffer in
                        scratch.withUnsafeMutableBufferPointer { scratch in
                            OrderStatistics.placeExtremes(buffer, lowest: lowest, highest: highest, scratch: scratch)
                        }
                    }
                    let ends = Array(0..<min(lowest, count)) + Array(max(0, count - highest)..<count)
                    for position in ends {
                        #expect(placed[position] == sorted[position], "count \(count), \(lowest)+\(highest), position \(position)")
                    }
                }
            }
        }
    }
}

/// The paired bootstrap and tie-group ranks as they were before `TieGroupRanking`: every
/// pair resampled on its own (sharing per-model Averages only between models with equal key
/// sets), its differences sorted in full.
enum ReferenceRanking {
    static func pairedBootstrap(_ a: [ScoredItem], _ b: [ScoredItem], resamples: Int, seed: UInt64) -> PairedComparison {
        let keysA = Set(a.map(\.key)), keysB = Set(b.map(\.key))
        let shared = keysA.intersection(keysB)
        return compare(
            PromptTable(a, keep: shared), PromptTable(b, keep: shared),
            promptsA: keysA.count, promptsB: keysB.count, resamples: resamples, seed: seed)
    }

    static func tieGroupRanks(
        models: [(name: String, items: [ScoredItem])], resamples: Int, seed: UInt64
    ) -> [String: RankInfo] {
        let keys = models.map { Set($0.items.map(\.key)) }
        var fullTables: [Int: PromptTable] = [:]
        var fullAverages: [Int: [Double]] = [:]
        var better = [[Int]](repeating: [], count: models.count)
        var worse = better
        var shared = [[String: Int]](repeating: [:], count: models.count)
        var differed = [Bool](repeating: false, count: models.count)

        for i in models.indices {
            for j in models.indices where j > i {
                let comparison: PairedComparison
                if keys[i] == keys[j] {
                    for k in [i, j] where fullTables[k] == nil {
                        let table = PromptTable(models[k].items)
                        fullTables[k] = table
                        fullAverages[k] = overallAverages(table, resamples: resamples, seed: seed)
                    }
                    comparison = compare(
                        fullTables[i]!, fullTables[j]!, averagesA: fullAverages[i]!, averagesB: fullAverages[j]!,
                        promptsA: keys[i].count, promptsB: keys[j].count)
                } else {
                    let common = keys[i].intersection(keys[j])
                    comparison = compare(
                        PromptTable(models[i].items, keep: common), PromptTable(models[j].items, keep: common),
                        promptsA: keys[i].count, promptsB: keys[j].count, resamples: resamples, seed: seed)
                }
                shared[i][models[j].name] = comparison.sharedPrompts
                shared[j][models[i].name] = comparison.sharedPrompts
                if comparison.promptSetsDiffer {
                    differed[i] = true
                    differed[j] = true
                }
                if comparison.aIsSignificantlyBetter {
                    better[j].append(i)
                    worse[i].append(j)
                }
                if comparison.bIsSignificantlyBetter {
                    better[i].append(j)
                    worse[j].append(i)
                }
            }
        }

        var result: [String: RankInfo] = [:]
        for (k, model) in models.enumerated() {
            result[model.name] = RankInfo(
                rank: 1 + better[k].count,
                significantlyBetter: better[k].sorted().map { models[$0].name },
                significantlyWorse: worse[k].sorted().map { models[$0].name },
                prompts: keys[k].count,
                sharedPrompts: shared[k],
                promptSetsDiffered: differed[k])
        }
        return result
    }

    private static func compare(
        _ a: PromptTable, _ b: PromptTable, promptsA: Int, promptsB: Int, resamples: Int, seed: UInt64
    ) -> PairedComparison {
        compare(a, b, averagesA: overallAverages(a, resamples: resamples, seed: seed),
                averagesB: overallAverages(b, resamples: resamples, seed: seed),
                promptsA: promptsA, promptsB: promptsB)
    }

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
        let aMinusB = zip(averagesA, averagesB).map { $0 - $1 }.sorted()
        let bMinusA = aMinusB.reversed().map { -$0 }
        let interval = aMinusB.withUnsafeBufferPointer { Percentile.interval95(sorted: $0) }
        return PairedComparison(
            sharedPrompts: sharedPrompts, promptsA: promptsA, promptsB: promptsB,
            difference: difference, interval: interval,
            aIsSignificantlyBetter: Percentile.linear(sorted: aMinusB, 0.025) > 0,
            bIsSignificantlyBetter: Percentile.linear(sorted: bMinusA, 0.025) > 0)
    }

    private static func overallAverages(_ table: PromptTable, resamples: Int, seed: UInt64) -> [Double] {
        var averages = [Double](repeating: 0, count: resamples)
        table.forEachResample(resamples: resamples, seed: seed) { resample, counts in
            averages[resample] = meanOverDomains(counts, \.average)
        }
        return averages
    }
}
