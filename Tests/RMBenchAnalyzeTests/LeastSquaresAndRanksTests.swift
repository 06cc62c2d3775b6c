import RMBenchAnalyze
import Testing

@Suite("Least squares, quartiles and competition ranks")
struct LeastSquaresAndRanksTests {
    @Test func exactLine() throws {
        let fit = try #require(LeastSquares(x: [1, 2, 3, 4], y: [3, 5, 7, 9]))
        #expect(fit.slope == 2)
        #expect(fit.intercept == 1)
        #expect(fit.r == 1)
    }

    /// x = 0, 1, 2; y = 0, 2, 1: Sxy = 1, Sxx = 2 → slope ½, intercept 1 − ½ = ½; r = 1/√(2·2) = ½.
    @Test func handComputedFit() throws {
        let fit = try #require(LeastSquares(x: [0, 1, 2], y: [0, 2, 1]))
        #expect(fit.slope == 0.5)
        #expect(fit.intercept == 0.5)
        #expect(fit.r == 0.5)
    }

    @Test func flatAndDegenerateData() throws {
        let flat = try #require(LeastSquares(x: [1, 2, 3], y: [4, 4, 4]))
        #expect(flat.slope == 0 && flat.intercept == 4 && flat.r == nil)
        #expect(LeastSquares(x: [2, 2, 2], y: [1, 2, 3]) == nil)
        #expect(LeastSquares(x: [1], y: [1]) == nil)
        // Values whose squared deviations would overflow still fit.
        let huge = try #require(LeastSquares(x: [-1e308, 1e308], y: [0, 1]))
        #expect(huge.slope.isFinite && huge.intercept == 0.5)
    }

    /// numpy: np.percentile([1, 3, 7, 15], [25, 50, 75]) = 2.5, 5.0, 9.0.
    @Test func quartilesAsNumpy() throws {
        let q = try #require(Percentile.quartiles([7, 1, 15, 3, .nan]))
        #expect(q.q1 == 2.5 && q.median == 5 && q.q3 == 9)
        #expect(Percentile.quartiles([.infinity]) == nil)
        #expect(Percentile.linear(sorted: [-1e308, 1e308], 0.5) == 0)
    }

    @Test func competitionRanks() {
        #expect(Analyze.competitionRanks(["71.2", "70.0", "70.0", nil, "65.1"]) == [1, 2, 2, nil, 4])
        #expect(Analyze.competitionRanks([String?]()) == [])
        #expect(Analyze.competitionRanks([nil, 3, 3, 3]) == [nil, 1, 1, 1])
    }
}
