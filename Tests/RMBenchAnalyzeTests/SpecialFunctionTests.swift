import Foundation
import RMBenchAnalyze
import Testing

@Suite("Special functions against scipy")
struct SpecialFunctionTests {
    @Test func logGammaMatchesScipy() {
        for f in ScipyFixtures.logGamma {
            expectClose(SpecialFunctions.logGamma(f.x), f.value, "gammaln(\(f.x))")
            // Relative too: log Γ of 1e5 is about 1e6, where 1e-9 absolute would be 1e-15 relative.
            #expect(abs(SpecialFunctions.logGamma(f.x) - f.value) <= 1e-12 * max(1, abs(f.value)))
        }
    }

    @Test func logGammaMatchesLibm() {
        var x = 0.01
        while x < 500 {
            #expect(abs(SpecialFunctions.logGamma(x) - lgamma(x)) <= 1e-13 * max(1, abs(lgamma(x))), "x = \(x)")
            x *= 1.07
        }
        #expect(SpecialFunctions.logGamma(0).isNaN)
        #expect(SpecialFunctions.logGamma(-1).isNaN)
    }

    @Test func incompleteBetaMatchesScipy() {
        for f in ScipyFixtures.betainc {
            expectProbability(SpecialFunctions.regularizedIncompleteBeta(f.x, a: f.a, b: f.b), f.value,
                              "betainc(\(f.a), \(f.b), \(f.x))")
        }
        #expect(SpecialFunctions.regularizedIncompleteBeta(0, a: 2, b: 3) == 0)
        #expect(SpecialFunctions.regularizedIncompleteBeta(1, a: 2, b: 3) == 1)
        #expect(SpecialFunctions.regularizedIncompleteBeta(1.5, a: 2, b: 3).isNaN)
        #expect(SpecialFunctions.regularizedIncompleteBeta(0.5, a: 0, b: 3).isNaN)
    }

    @Test func studentTMatchesScipy() {
        for f in ScipyFixtures.studentT {
            expectProbability(SpecialFunctions.studentTTwoSidedP(t: f.t, df: f.df), f.twoSidedP, "t = \(f.t), df = \(f.df)")
        }
        #expect(SpecialFunctions.studentTTwoSidedP(t: .infinity, df: 5) == 0)
        #expect(SpecialFunctions.studentTTwoSidedP(t: 1, df: 0).isNaN)
    }

    @Test func normalMatchesScipy() {
        for f in ScipyFixtures.normal {
            expectProbability(SpecialFunctions.normalCDF(f.z), f.cdf, "Φ(\(f.z))")
            expectProbability(SpecialFunctions.normalTwoSidedP(f.z), f.twoSidedP, "2·sf(|\(f.z)|)")
        }
    }
}
