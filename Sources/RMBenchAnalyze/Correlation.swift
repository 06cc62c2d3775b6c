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
    /// Kendall's τ-b (tie-corrected) and its two-sided p from the normal approximation with
    /// the tie-corrected variance, as `scipy.stats.kendalltau(method="asymptotic")`.
    public var kendallTau: Double
    public var kendallP: Double
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
            kendallTau: kendall.tau, kendallP: kendall.p,
            slope: pearson.slope, intercept: pearson.intercept)
    }

    /// Ranks 1…n with ties given the mean of the ranks they span (scipy's
    /// `rankdata(method="average")`). `values` must not contain NaN.
    ///
    ///     Analyze.averageRanks([10, 20, 20, 5])   // [2, 3.5, 3.5, 1]
    public static func averageRanks(_ values: [Double]) -> [Double] {
        let order = values.indices.sorted { values[$0] < values[$1] }
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

    /// Kendall's τ-b and its asymptotic two-sided p, by counting all pairs: O(n²), fine for
    /// the model-level correlations the site computes (tens to a few thousand points).
    static func kendallTauB(_ x: [Double], _ y: [Double]) -> (tau: Double, p: Double) {
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
        return (tau, SpecialFunctions.normalTwoSidedP(s / variance.squareRoot()))
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
