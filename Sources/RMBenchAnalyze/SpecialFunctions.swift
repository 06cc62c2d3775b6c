#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The special functions the significance tests need, written out so that p-values do not
/// depend on a numerics package and can be checked against scipy to 1e-9
/// (`Tests/Tools/scipy_fixtures.py`).
///
///     SpecialFunctions.logGamma(0.5)                                   // log √π
///     SpecialFunctions.regularizedIncompleteBeta(0.5, a: 2, b: 3)     // 0.6875
///     SpecialFunctions.studentTTwoSidedP(t: 2.0, df: 48)              // ≈ 0.0512
///     SpecialFunctions.normalTwoSidedP(1.959963984540054)             // ≈ 0.05
public enum SpecialFunctions {
    /// log Γ(x) for x > 0, by the Lanczos approximation of Numerical Recipes 3rd ed.
    /// (`gammln`, 14 terms, g = 671/128), which is accurate to about 1e-15 relative —
    /// the 6-term version of older editions (2e-10) would not meet the 1e-9 target after
    /// the cancellation in log B(a, b). Returns NaN for x ≤ 0 or NaN.
    public static func logGamma(_ x: Double) -> Double {
        guard x > 0 else { return .nan }
        guard x.isFinite else { return x }
        let shifted = x + 671.0 / 128.0
        let head = (x + 0.5) * log(shifted) - shifted
        var series = 0.999999999999997092
        var denominator = x
        for coefficient in lanczos {
            denominator += 1
            series += coefficient / denominator
        }
        return head + log(2.5066282746310005 * series / x)
    }

    private static let lanczos: [Double] = [
        57.1562356658629235, -59.5979603554754912, 14.1360979747417471, -0.491913816097620199,
        0.339946499848118887e-4, 0.465236289270485756e-4, -0.983744753048795646e-4,
        0.158088703224912494e-3, -0.210264441724104883e-3, 0.217439618115212643e-3,
        -0.164318106536763890e-3, 0.844182239838527433e-4, -0.261908384015814087e-4,
        0.368991826595316234e-5,
    ]

    /// log B(a, b) = log Γ(a) + log Γ(b) − log Γ(a + b).
    public static func logBeta(_ a: Double, _ b: Double) -> Double {
        logGamma(a) + logGamma(b) - logGamma(a + b)
    }

    /// The regularized incomplete beta function I_x(a, b) (scipy's `betainc(a, b, x)`), for
    /// a, b > 0 and 0 ≤ x ≤ 1; NaN outside that domain.
    public static func regularizedIncompleteBeta(_ x: Double, a: Double, b: Double) -> Double {
        guard a > 0, b > 0, x >= 0, x <= 1 else { return .nan }
        return incompleteBeta(x: x, oneMinusX: 1 - x, a: a, b: b)
    }

    /// I_x(a, b) with 1 − x passed in as well: callers that know 1 − x more accurately
    /// than `1 - x` (it is r² or t²/(df + t²) for the tests) keep the relative accuracy of
    /// tiny p-values.
    ///
    /// The continued fraction of Numerical Recipes (`betacf`, modified Lentz) converges
    /// fast only for x < (a + 1)/(a + b + 2); above that we use the symmetry
    /// I_x(a, b) = 1 − I_{1−x}(b, a). For a, b in the thousands it still converges, in
    /// O(√max(a, b)) terms.
    static func incompleteBeta(x: Double, oneMinusX y: Double, a: Double, b: Double) -> Double {
        if x <= 0 { return 0 }
        if y <= 0 { return 1 }
        // x^a (1−x)^b / B(a, b), in logs so that large a, b do not underflow midway.
        let front = exp(a * log(x) + b * log(y) - logBeta(a, b))
        if x < (a + 1) / (a + b + 2) {
            return front * betaContinuedFraction(x: x, a: a, b: b) / a
        }
        return 1 - front * betaContinuedFraction(x: y, a: b, b: a) / b
    }

    /// Numerical Recipes' `betacf`: the continued fraction for I_x(a, b) evaluated by the
    /// modified Lentz method, stopping when a step changes the value by less than an ulp.
    private static func betaContinuedFraction(x: Double, a: Double, b: Double) -> Double {
        let tiny = Double.leastNormalMagnitude / Double.ulpOfOne
        let sum = a + b, aPlus = a + 1, aMinus = a - 1
        var c = 1.0
        var d = 1 - sum * x / aPlus
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...100_000 {
            let m = Double(m), m2 = 2 * m
            // Even step.
            var aa = m * (b - m) * x / ((aMinus + m2) * (a + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            // Odd step.
            aa = -(a + m) * (sum + m) * x / ((a + m2) * (aPlus + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) <= Double.ulpOfOne { break }
        }
        return h
    }

    /// Two-sided p-value of Student's t: P(|T| ≥ |t|) with `df` degrees of freedom (df > 0,
    /// not necessarily an integer), as `2 * scipy.stats.t.sf(abs(t), df)`.
    ///
    /// P(|T| ≥ |t|) = I_{df/(df+t²)}(df/2, 1/2); we pass 1 − x = t²/(df + t²) directly.
    public static func studentTTwoSidedP(t: Double, df: Double) -> Double {
        guard df > 0, !t.isNaN, !df.isNaN else { return .nan }
        if t.isInfinite { return 0 }
        if df.isInfinite { return normalTwoSidedP(t) }
        let t2 = t * t
        return min(1, incompleteBeta(x: df / (df + t2), oneMinusX: t2 / (df + t2), a: df / 2, b: 0.5))
    }

    /// Φ(z), the standard normal CDF: ½ erfc(−z/√2), accurate in both tails.
    public static func normalCDF(_ z: Double) -> Double {
        0.5 * erfc(-z * 0.5.squareRoot())
    }

    /// P(|Z| ≥ |z|) = erfc(|z|/√2), as `2 * scipy.stats.norm.sf(abs(z))`.
    public static func normalTwoSidedP(_ z: Double) -> Double {
        erfc(abs(z) * 0.5.squareRoot())
    }
}
