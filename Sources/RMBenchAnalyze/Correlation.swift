import Foundation

/// How a Kendall p-value was computed.
public enum KendallPMethod: String, Sendable, Equatable {
    /// The exact null distribution of the number of concordant pairs (Kendall 1970).
    case exact
    /// The normal approximation to the distribution of S = concordant − discordant.
    case asymptotic
}

/// Correlation of two paired samples, with the p-values scipy reports.
public struct CorrelationResult: Sendable, Equatable {
    /// Number of pairs.
    public var n: Int
    /// Pearson's r and its two-sided p (t test with n − 2 df), as `scipy.stats.pearsonr`.
    public var pearsonR: Double
    public var pearsonP: Double
    /// Spearman's ρ (Pearson's r of average ranks) and its two-sided p (t with n − 2 df),
    /// as `scipy.stats.spearmanr`.
    public var spearmanRho: Double
    public var spearmanP: Double
    /// Kendall's τ-b (tie-corrected) and its two-sided p as scipy's default
    /// `scipy.stats.kendalltau(method="auto")`: the exact permutation distribution when
    /// neither side has ties and n ≤ 33 (or at most one pair is out of order), else the
    /// normal approximation with the tie-corrected variance.
    public var kendallTau: Double
    public var kendallP: Double
    /// Which of the two `kendallP` is.
    public var kendallPMethod: KendallPMethod
    /// The 95 % interval of Pearson's r by Fisher's z transform, as
    /// `scipy.stats.pearsonr(x, y).confidence_interval()`; nil below 4 pairs (z's standard
    /// error 1/√(n − 3) needs n > 3).
    public var pearsonCI95: ClosedRange<Double>?
    /// Least-squares line y ≈ slope·x + intercept, as `scipy.stats.linregress`.
    public var slope: Double
    public var intercept: Double
}

extension Analyze {
    /// Pearson, Spearman and Kendall correlations of `x` and `y` (same length), with the
    /// least-squares line.
    ///
    /// Returns nil — rather than NaNs that would leak into a page — when there are fewer
    /// than 3 pairs (no degrees of freedom for the tests), when a value is NaN or infinite,
    /// or when `x` or `y` is constant (zero variance: no correlation is defined).
    ///
    ///     let c = Analyze.correlate(hardScores, markdownPreference)!
    ///     "r = \(c.pearsonR), p = \(c.pearsonP)"
    ///
    /// Perfectly monotone data give ρ, τ = ±1 exactly and a Spearman p of exactly 0, where
    /// scipy's rounding can give 0.9999999999999999 and p ≈ 1e-64.
    public static func correlate(_ x: [Double], _ y: [Double]) -> CorrelationResult? {
        precondition(x.count == y.count, "correlate needs paired samples of the same length")
        let n = x.count
        guard n >= 3, x.allSatisfy(\.isFinite), y.allSatisfy(\.isFinite),
              !isConstant(x), !isConstant(y),
              let pearson = LeastSquares(x: x, y: y), let pearsonR = pearson.r
        else { return nil }
        let rho = LeastSquares(x: averageRanks(x), y: averageRanks(y))?.r ?? .nan
        let kendall = kendallTauB(x, y)
        return CorrelationResult(
            n: n,
            pearsonR: pearsonR, pearsonP: correlationPValue(pearsonR, n: n),
            spearmanRho: rho, spearmanP: correlationPValue(rho, n: n),
            kendallTau: kendall.tau, kendallP: kendall.p, kendallPMethod: kendall.method,
            pearsonCI95: fisherInterval(pearsonR, n: n),
            slope: pearson.slope, intercept: pearson.intercept)
    }

    /// Ranks 1…n with ties given the mean of the ranks they span (scipy's
    /// `rankdata(method="average")`). `values` must not contain NaN.
    ///
    ///     Analyze.averageRanks([10, 20, 20, 5])   // [2, 3.5, 3.5, 1]
    public static func averageRanks(_ values: [Double]) -> [Double] {
        // Compared through the buffer: every model page ranks 8,000 lengths and rewards.
        let order = values.withUnsafeBufferPointer { v in Array(v.indices).sorted { v[$0] < v[$1] } }
        var ranks = [Double](repeating: 0, count: values.count)
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count, values[order[end]] == values[order[start]] { end += 1 }
            // Positions start..<end hold equal values: ranks start+1 … end, mean (start+1+end)/2.
            let rank = Double(start + 1 + end) / 2
            for k in start..<end { ranks[order[k]] = rank }
            start = end
        }
        return ranks
    }

    /// Two-sided p of a correlation coefficient under the null of no correlation: the t test
    /// with n − 2 df, t = r·√((n − 2)/(1 − r²)). Substituting, P(|T| ≥ |t|) = I_{1−r²}((n−2)/2, ½);
    /// we pass 1 − r² as (1 − r)(1 + r) and its complement as r², which keeps tiny p-values
    /// accurate where forming t first would lose digits.
    static func correlationPValue(_ r: Double, n: Int) -> Double {
        guard !r.isNaN else { return .nan }
        if abs(r) >= 1 { return 0 }
        let df = Double(n - 2)
        let p = SpecialFunctions.incompleteBeta(x: (1 - r) * (1 + r), oneMinusX: r * r, a: df / 2, b: 0.5)
        return min(1, p)
    }

    /// The two-sided 95 % interval of r from Fisher's z: tanh(atanh(r) ± z₀.₉₇₅/√(n − 3)), as
    /// scipy's `PearsonRResult.confidence_interval()` (its default method). r = ±1 gives
    /// [±1, ±1], as in scipy.
    static func fisherInterval(_ r: Double, n: Int) -> ClosedRange<Double>? {
        guard n >= 4, !r.isNaN else { return nil }
        let z = atanh(r), halfWidth = normalQuantile975 / Double(n - 3).squareRoot()
        return tanh(z - halfWidth)...tanh(z + halfWidth)
    }

    /// scipy.special.ndtri(0.975), the two-sided 95 % point of the standard normal.
    static let normalQuantile975 = 1.959963984540054

    /// Kendall's τ-b and its two-sided p (scipy's `method="auto"`), by counting all pairs:
    /// O(n²), fine for the model-level correlations the site computes (tens to a few
    /// thousand points).
    static func kendallTauB(_ x: [Double], _ y: [Double]) -> (tau: Double, p: Double, method: KendallPMethod) {
        let n = x.count
        var concordantMinusDiscordant = 0
        for i in 0..<n {
            for j in (i + 1)..<n {
                let sx = x[i] < x[j] ? 1 : (x[i] > x[j] ? -1 : 0)
                let sy = y[i] < y[j] ? 1 : (y[i] > y[j] ? -1 : 0)
                concordantMinusDiscordant += sx * sy
            }
        }
        let total = n * (n - 1) / 2
        let xTies = TieStatistics(x), yTies = TieStatistics(y)
        let s = Double(concordantMinusDiscordant)
        // One square root of the product (scipy divides by two roots): exact integers make
        // √(k·k) = k exactly, so perfectly (anti-)monotone data give τ = ±1, not 1 − 1e-16.
        let tau = max(-1, min(1, s / (Double(total - xTies.pairs) * Double(total - yTies.pairs)).squareRoot()))
        // Var(S) with ties (Kendall 1970; scipy's formula).
        let m = Double(n) * (Double(n) - 1)
        let variance = (m * (2 * Double(n) + 5) - xTies.v1 - yTies.v1) / 18
            + 2 * Double(xTies.pairs) * Double(yTies.pairs) / m
            + xTies.v0 * yTies.v0 / (9 * m * (Double(n) - 2))
        let discordant = (total - xTies.pairs - yTies.pairs + jointTies(x, y) - concordantMinusDiscordant) / 2
        if xTies.pairs == 0, yTies.pairs == 0, n <= 33 || min(discordant, total - discordant) <= 1 {
            return (tau, kendallExactP(n: n, concordant: total - discordant), .exact)
        }
        return (tau, SpecialFunctions.normalTwoSidedP(s / variance.squareRoot()), .asymptotic)
    }

    /// Pairs tied in both x and y.
    static func jointTies(_ x: [Double], _ y: [Double]) -> Int {
        var counts: [Pair: Int] = [:]
        for k in x.indices { counts[Pair(x: x[k], y: y[k]), default: 0] += 1 }
        return counts.values.reduce(0) { $0 + $1 * ($1 - 1) / 2 }
    }

    private struct Pair: Hashable {
        var x: Double
        var y: Double
    }

    /// The exact two-sided p of `concordant` pairs out of n(n−1)/2 without ties: twice the
    /// lower tail of the number of permutations of n with at most c inversions (c the smaller
    /// of concordant and discordant), over n!, capped at 1. The counts are built as scipy's
    /// `_kendall_p_exact` builds them (running sums, one per added element), in doubles; n!
    /// overflows nothing below n = 171, and beyond that the scaled recurrence is used.
    static func kendallExactP(n: Int, concordant: Int) -> Double {
        let total = n * (n - 1) / 2
        let c = min(concordant, total - concordant)
        if n <= 2 { return 1 }
        if c == 0 { return n < 171 ? 2 / factorial(n) : 0 }
        if c == 1 { return n < 172 ? 2 / factorial(n - 1) : 0 }
        if 4 * c == n * (n - 1) { return 1 }
        var counts = [Double](repeating: 0, count: c + 1)
        counts[0] = 1
        counts[1] = 1
        let scaled = n >= 171
        for j in 3...n {
            var running = 0.0
            for k in counts.indices {
                running += counts[k]
                counts[k] = scaled ? running / Double(j) : running
            }
            if j <= c {
                // Subtract the sums that would need more inversions than element j adds.
                for k in stride(from: c, through: j, by: -1) { counts[k] -= counts[k - j] }
            }
        }
        let sum = counts.reduce(0, +)
        return min(1, max(0, scaled ? sum : 2 * sum / factorial(n)))
    }

    static func factorial(_ n: Int) -> Double {
        (1...max(1, n)).reduce(1.0) { $0 * Double($1) }
    }

    /// A 95 % percentile-bootstrap interval for Pearson's r: `resamples` times, draw n pairs
    /// with replacement (pairs stay together), compute r, and take the 2.5th and 97.5th
    /// percentiles (`Percentile.linear`, numpy's default).
    ///
    /// Resamples in which x or y is constant have no r and are skipped (with few points
    /// this happens; skipping is what R's `boot` does with its NA statistics). Returns nil
    /// under the conditions `correlate` does, or if every resample was constant.
    ///
    ///     Analyze.bootstrapPearsonCI(x: hard, y: markdownShare, resamples: 2000, seed: 7)
    public static func bootstrapPearsonCI(
        x: [Double], y: [Double], resamples: Int = defaultResamples, seed: UInt64 = defaultSeed
    ) -> (low: Double, high: Double)? {
        precondition(x.count == y.count, "bootstrapPearsonCI needs paired samples of the same length")
        precondition(resamples > 0, "resamples must be positive")
        let n = x.count
        guard n >= 3, x.allSatisfy(\.isFinite), y.allSatisfy(\.isFinite), !isConstant(x), !isConstant(y)
        else { return nil }
        var rng = SeededGenerator(seed: seed)
        var rs: [Double] = []
        rs.reserveCapacity(resamples)
        var sampleX = [Double](repeating: 0, count: n), sampleY = sampleX
        for _ in 0..<resamples {
            for k in 0..<n {
                let pick = rng.index(below: n)
                sampleX[k] = x[pick]
                sampleY[k] = y[pick]
            }
            if !isConstant(sampleX), !isConstant(sampleY), let r = LeastSquares(x: sampleX, y: sampleY)?.r {
                rs.append(r)
            }
        }
        guard !rs.isEmpty else { return nil }
        let interval = Percentile.interval95(rs)
        return (interval.lowerBound, interval.upperBound)
    }

    static func isConstant(_ values: [Double]) -> Bool {
        values.allSatisfy { $0 == values[0] }
    }
}

/// Sums over groups of tied values (sizes t ≥ 2) used by Kendall's τ-b and its variance.
private struct TieStatistics {
    /// Σ t(t−1)/2: pairs tied in this variable.
    var pairs = 0
    /// Σ t(t−1)(t−2).
    var v0 = 0.0
    /// Σ t(t−1)(2t+5).
    var v1 = 0.0

    init(_ values: [Double]) {
        let sorted = values.sorted()
        var start = 0
        while start < sorted.count {
            var end = start + 1
            while end < sorted.count, sorted[end] == sorted[start] { end += 1 }
            let t = end - start
            if t > 1 {
                let td = Double(t)
                pairs += t * (t - 1) / 2
                v0 += td * (td - 1) * (td - 2)
                v1 += td * (td - 1) * (2 * td + 5)
            }
            start = end
        }
    }
}
