@testable import RMBenchAnalyze
import Testing

@Suite("Correlations against scipy")
struct CorrelationTests {
    @Test(arguments: ScipyFixtures.correlations.map(\.name))
    func matchesScipy(_ name: String) throws {
        let f = try #require(ScipyFixtures.correlations.first { $0.name == name })
        let c = try #require(Analyze.correlate(f.x, f.y))
        #expect(c.n == f.x.count)
        expectClose(c.pearsonR, f.pearsonR, "Pearson r")
        expectProbability(c.pearsonP, f.pearsonP, "Pearson p")
        expectClose(c.spearmanRho, f.spearmanRho, "Spearman ρ")
        expectClose(c.kendallTau, f.kendallTau, "Kendall τ")
        expectProbability(c.kendallP, f.kendallP, "Kendall p")
        #expect(c.kendallPMethod.rawValue == f.kendallMethod, "scipy's default used the \(f.kendallMethod) p")
        if f.x.count >= 4 {
            let ci = try #require(c.pearsonCI95)
            expectClose(ci.lowerBound, f.pearsonLow, "Fisher-z low")
            expectClose(ci.upperBound, f.pearsonHigh, "Fisher-z high")
        } else {
            #expect(c.pearsonCI95 == nil)
        }
        expectClose(c.slope, f.slope, "slope")
        expectClose(c.intercept, f.intercept, "intercept")
        if abs(f.spearmanRho) < 1 - 1e-15 {
            expectProbability(c.spearmanP, f.spearmanP, "Spearman p")
        } else {
            // Perfectly monotone data: scipy's ρ is 1 − 1.1e-16 from rounding, which turns an
            // exact p of 0 into ≈ 1e-64; ours is exactly ±1 with p = 0. Both are below 1e-9.
            #expect(abs(c.spearmanRho) == 1)
            #expect(c.spearmanP == 0)
            expectClose(c.spearmanP, f.spearmanP, "Spearman p")
        }
    }

    /// The case: judgebench vs Hard, 4 models in the same order on both. scipy's
    /// default gives the exact p = 2/4! = 0.0833 (the normal approximation said 0.042).
    @Test func fourModelsInOrderGetTheExactKendallP() throws {
        let c = try #require(Analyze.correlate([55, 61, 70, 80], [60.1, 62.5, 71, 74.2]))
        #expect(c.kendallTau == 1)
        #expect(c.kendallPMethod == .exact)
        #expect(abs(c.kendallP - 2.0 / 24) < 1e-15)
    }

    @Test func exactKendallCounts() {
        // n = 3: inversions 0,1,1,2,2,3 over 3! = 6 permutations; c = 1 → 2·(1+2)/6 = 1.
        #expect(Analyze.kendallExactP(n: 3, concordant: 2) == 1)
        // n = 4, c = 1 concordant: 2·(1 + 3)/24 = 1/3 (scipy's c == 1 branch: 2/3!).
        #expect(abs(Analyze.kendallExactP(n: 4, concordant: 1) - 1.0 / 3) < 1e-15)
        // n = 5, c = 2: counts of permutations with 0, 1, 2 inversions are 1, 4, 9 → 2·14/120.
        #expect(abs(Analyze.kendallExactP(n: 5, concordant: 2) - 28.0 / 120) < 1e-15)
    }

    @Test func undefinedCasesAreNil() {
        #expect(Analyze.correlate([1, 2], [3, 4]) == nil)
        #expect(Analyze.correlate([], []) == nil)
        #expect(Analyze.correlate([1, 1, 1, 1], [1, 2, 3, 4]) == nil)
        #expect(Analyze.correlate([0.1, 0.1, 0.1], [1, 2, 3]) == nil)
        #expect(Analyze.correlate([1, 2, 3], [5, 5, 5]) == nil)
        #expect(Analyze.correlate([1, .nan, 3, 4], [1, 2, 3, 4]) == nil)
        #expect(Analyze.correlate([1, 2, 3, 4], [1, 2, .infinity, 4]) == nil)
        #expect(Analyze.bootstrapPearsonCI(x: [1, 1, 1], y: [1, 2, 3]) == nil)
    }

    @Test func perfectLinearDataIsExact() throws {
        let x: [Double] = [0.1, 0.7, 0.2, 0.9, 0.4]
        let c = try #require(Analyze.correlate(x, x))
        #expect(c.pearsonR == 1 && c.pearsonP == 0 && c.spearmanRho == 1 && c.kendallTau == 1)
        let d = try #require(Analyze.correlate(x, x.map { -$0 }))
        #expect(d.pearsonR == -1 && d.pearsonP == 0 && d.spearmanRho == -1 && d.kendallTau == -1)
    }

    @Test func averageRanks() {
        #expect(Analyze.averageRanks([10, 20, 20, 5]) == [2, 3.5, 3.5, 1])
        #expect(Analyze.averageRanks([3, 3, 3]) == [2, 2, 2])
        #expect(Analyze.averageRanks([]) == [])
    }

    @Test func bootstrapPearsonInterval() throws {
        let f = try #require(ScipyFixtures.correlations.first { $0.name == "correlated n=50" })
        let ci = try #require(Analyze.bootstrapPearsonCI(x: f.x, y: f.y, resamples: 2000, seed: 1))
        #expect(ci.low < f.pearsonR && f.pearsonR < ci.high)
        #expect(ci.low > 0.4 && ci.high < 0.9)
        let again = try #require(Analyze.bootstrapPearsonCI(x: f.x, y: f.y, resamples: 2000, seed: 1))
        #expect(again.low == ci.low && again.high == ci.high)
        let other = try #require(Analyze.bootstrapPearsonCI(x: f.x, y: f.y, resamples: 2000, seed: 2))
        #expect(other.low != ci.low || other.high != ci.high)
    }

    @Test func percentilesMatchNumpy() {
        for f in ScipyFixtures.percentiles {
            let sorted = f.values.sorted()
            #expect(Percentile.linear(sorted: sorted, 0.025) == f.p2_5)
            #expect(Percentile.linear(sorted: sorted, 0.975) == f.p97_5)
            #expect(Percentile.interval95(f.values) == f.p2_5...f.p97_5)
        }
        #expect(Percentile.linear(sorted: [1, 2, 3, 4], 0.5) == 2.5)
    }

    @Test func generatorIsPinned() {
        for f in ScipyFixtures.generator {
            var rng = SeededGenerator(seed: f.seed)
            #expect((0..<f.next.count).map { _ in rng.next() } == f.next)
            rng = SeededGenerator(seed: f.seed)
            #expect((0..<f.indices.count).map { _ in rng.index(below: f.bound) } == f.indices)
        }
    }
}
