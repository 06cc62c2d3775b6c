import RMBenchAnalyze
import RMBenchCore
import Testing

@Suite("Paired bootstrap and tie-group ranks")
struct RankingTests {
    /// Every domain, `count` prompts each; `right(k)` says whether prompt k is right on all nine.
    static func model(count: Int = 40, ids: Range<Int>? = nil, right: (Int) -> Bool) -> [ScoredItem] {
        Domain.allCases.flatMap { domain in
            (ids ?? 0..<count).map { uniformItem(domain, $0, right: right($0)) }
        }
    }

    @Test func knownTieGroups() throws {
        let a = Self.model { _ in true }
        let b = Self.model { $0 % 2 == 0 }
        let c = b
        let ranks = Analyze.tieGroupRanks(models: [("B", b), ("A", a), ("C", c)], resamples: 500, seed: 9)
        let rankA = try #require(ranks["A"]), rankB = try #require(ranks["B"]), rankC = try #require(ranks["C"])
        #expect(rankA.rank == 1)
        #expect(rankB.rank == 2)
        #expect(rankC.rank == 2)
        #expect(rankA.significantlyWorse == ["B", "C"])
        #expect(rankB.significantlyBetter == ["A"] && rankB.significantlyWorse.isEmpty)
        #expect(rankC.significantlyBetter == ["A"])
        #expect(!rankA.promptSetsDiffered && rankA.prompts == 160 && rankA.sharedPrompts == ["B": 160, "C": 160])
    }

    @Test func pairedComparisonOfIdenticalModelsIsExactlyZero() throws {
        let b = Self.model { $0 % 2 == 0 }
        let comparison = Analyze.pairedBootstrap(b, b, resamples: 200, seed: 1)
        #expect(comparison.difference == 0)
        #expect(comparison.interval == 0...0)
        #expect(!comparison.aIsSignificantlyBetter && !comparison.bIsSignificantlyBetter)
    }

    @Test func pairedComparisonIsSymmetric() throws {
        let x = randomItems(seed: 1, perDomain: [.chat: 50, .math: 50, .code: 50, .safety: 50])
        let y = randomItems(seed: 2, perDomain: [.chat: 50, .math: 50, .code: 50, .safety: 50])
        let xy = Analyze.pairedBootstrap(x, y, resamples: 300, seed: 4)
        let yx = Analyze.pairedBootstrap(y, x, resamples: 300, seed: 4)
        #expect(xy.difference == -yx.difference)
        #expect(xy.aIsSignificantlyBetter == yx.bIsSignificantlyBetter)
        #expect(xy.bIsSignificantlyBetter == yx.aIsSignificantlyBetter)
        let interval = try #require(xy.interval), mirrored = try #require(yx.interval)
        #expect(abs(interval.lowerBound + mirrored.upperBound) < 1e-12)
        #expect(interval.contains(xy.difference))
    }

    /// A and B agree on the 60 prompts they share; A is also wrong on 60 prompts B never saw.
    /// On all of A's prompts A would look far worse; on the shared ones they are equal.
    @Test func differentPromptSetsAreComparedOnSharedKeysOnly() throws {
        let a = Self.model(ids: 0..<120) { $0 >= 60 ? $0 % 3 == 0 : false }  // ids 0..<60: wrong
        let b = Self.model(ids: 60..<200) { $0 % 3 == 0 }
        let comparison = Analyze.pairedBootstrap(a, b, resamples: 300, seed: 2)
        #expect(comparison.sharedPrompts == 4 * 60)
        #expect(comparison.promptsA == 4 * 120 && comparison.promptsB == 4 * 140)
        #expect(comparison.promptSetsDiffer)
        #expect(comparison.difference == 0)
        #expect(!comparison.aIsSignificantlyBetter && !comparison.bIsSignificantlyBetter)

        let ranks = Analyze.tieGroupRanks(models: [("A", a), ("B", b)], resamples: 300, seed: 2)
        let rankA = try #require(ranks["A"]), rankB = try #require(ranks["B"])
        #expect(rankA.rank == 1 && rankB.rank == 1)
        #expect(rankA.sharedPrompts["B"] == 240 && rankA.prompts == 480 && rankB.prompts == 560)
        #expect(rankA.promptSetsDiffered && rankB.promptSetsDiffered)
    }

    @Test func modelsWithoutSharedPromptsAreNotCompared() throws {
        let a = Self.model(ids: 0..<10) { _ in true }
        let b = Self.model(ids: 10..<20) { _ in false }
        let comparison = Analyze.pairedBootstrap(a, b, resamples: 50)
        #expect(comparison.sharedPrompts == 0 && comparison.interval == nil && comparison.difference.isNaN)
        let ranks = Analyze.tieGroupRanks(models: [("A", a), ("B", b)], resamples: 50, seed: 1)
        #expect(ranks["A"]?.rank == 1 && ranks["B"]?.rank == 1)
        #expect(ranks["B"]?.sharedPrompts == ["A": 0])
    }

    @Test func ranksDoNotDependOnModelOrder() {
        let models: [(name: String, items: [ScoredItem])] = (0..<4).map { k in
            ("M\(k)", randomItems(seed: UInt64(20 + k), perDomain: [.chat: 30, .math: 80, .code: 40, .safety: 60]))
        }
        let forward = Analyze.tieGroupRanks(models: models, resamples: 200, seed: 3)
        let backward = Analyze.tieGroupRanks(models: models.reversed(), resamples: 200, seed: 3)
        for name in forward.keys {
            #expect(forward[name]?.rank == backward[name]?.rank)
            #expect(Set(forward[name]?.significantlyBetter ?? []) == Set(backward[name]?.significantlyBetter ?? []))
        }
    }
}
