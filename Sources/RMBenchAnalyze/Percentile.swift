/// Percentiles as `numpy.percentile`'s default (`method="linear"`, type 7 of Hyndman & Fan).
///
/// For sorted values v₀ ≤ … ≤ vₙ₋₁ and q in [0, 1], the virtual index is h = (n − 1)·q; the
/// result interpolates linearly between v⌊h⌋ and v⌊h⌋₊₁. The interpolation is computed the
/// way numpy's `_lerp` does (from the nearer end), so results match numpy to the last bit
/// in practice. With 1000 resamples the 2.5th percentile is v₂₄ + 0.975·(v₂₅ − v₂₄).
///
///     Percentile.linear(sorted: [1, 2, 3, 4], 0.5)   // 2.5
public enum Percentile {
    /// `sorted` must be ascending, non-empty, without NaN; q in [0, 1].
    public static func linear(sorted: [Double], _ q: Double) -> Double {
        precondition(!sorted.isEmpty, "percentile of no values")
        precondition(q >= 0 && q <= 1, "q must be in [0, 1]")
        return sorted.withUnsafeBufferPointer { linear(sorted: $0, q) }
    }

    /// Reads only the two positions `neighbours(count:q)` names, so a buffer where just those
    /// hold their sorted values (see `OrderStatistics.placeExtremes`) gives the same result.
    static func linear(sorted: UnsafeBufferPointer<Double>, _ q: Double) -> Double {
        let (lower, upper, gamma) = neighbours(count: sorted.count, q)
        let a = sorted[lower], b = sorted[upper]
        let difference = b - a
        // Neighbours so far apart that their difference overflows (−1e308 and 1e308): the
        // weighted mean stays finite where numpy would give inf.
        guard difference.isFinite else { return (1 - gamma) * a + gamma * b }
        // numpy's _lerp: a + d·t, but b − d·(1 − t) when t ≥ ½ (exact at t = 1, monotone).
        return gamma >= 0.5 ? b - difference * (1 - gamma) : a + difference * gamma
    }

    /// The positions ⌊h⌋ and ⌊h⌋ + 1 (the last position at most) that the q-th percentile of
    /// `count` sorted values interpolates between, and the weight of the upper one.
    static func neighbours(count: Int, _ q: Double) -> (lower: Int, upper: Int, gamma: Double) {
        let virtualIndex = Double(count - 1) * q
        let below = virtualIndex.rounded(.down)
        let lower = Int(below)
        return (lower, min(lower + 1, count - 1), virtualIndex - below)
    }

    /// First quartile, median and third quartile of the finite values; nil when there are none.
    public static func quartiles(_ values: [Double]) -> (q1: Double, median: Double, q3: Double)? {
        let v = values.filter(\.isFinite).sorted()
        guard !v.isEmpty else { return nil }
        return (linear(sorted: v, 0.25), linear(sorted: v, 0.5), linear(sorted: v, 0.75))
    }

    /// The 95 % percentile interval [2.5th, 97.5th] of `values` (any order, non-empty).
    public static func interval95(_ values: [Double]) -> ClosedRange<Double> {
        let sorted = values.sorted()
        return sorted.withUnsafeBufferPointer { interval95(sorted: $0) }
    }

    static func interval95(sorted: UnsafeBufferPointer<Double>) -> ClosedRange<Double> {
        let low = linear(sorted: sorted, 0.025)
        let high = linear(sorted: sorted, 0.975)
        // The two interpolation formulas could in principle disagree by an ulp when both
        // percentiles fall between the same two values (n = 2); never return an invalid range.
        return min(low, high)...max(low, high)
    }
}
