import RMBenchAnalyze
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
