/// The per-pair step of the paired bootstrap: from two models' resampled Averages (drawn
/// with the same indices), the 95 % interval of A − B and whether either model is
/// significantly better. Holds its scratch buffers, so testing many pairs allocates nothing.
///
/// The rule is the one the paired bootstrap has always used: `Percentile.linear` at 2.5 %
/// of the sorted A − B above 0 means A is better; at 2.5 % of the sorted B − A (the sorted
/// A − B reversed and negated) above 0 means B is better; the interval is
/// `Percentile.interval95` of A − B. Only the positions those percentiles read are put in
/// sorted order (`OrderStatistics.placeExtremes`), which gives the same values as a full sort.
struct PairedSignificanceTest {
    struct Outcome {
        var interval: ClosedRange<Double>
        var aIsSignificantlyBetter: Bool
        var bIsSignificantlyBetter: Bool
    }

    let resamples: Int
    private var aMinusB: [Double]
    private var bMinusA: [Double]
    private var scratch: [Double]
    /// Positions 0..<lowest and resamples − highest..<resamples of A − B hold every value the
    /// three percentiles read.
    private let lowest: Int, highest: Int
    /// The two sorted positions the 2.5 % percentile interpolates between.
    private let lowNeighbours: (lower: Int, upper: Int)

    init(resamples: Int) {
        precondition(resamples > 0, "resamples must be positive")
        self.resamples = resamples
        aMinusB = [Double](repeating: 0, count: resamples)
        bMinusA = aMinusB
        let low = Percentile.neighbours(count: resamples, 0.025)
        let high = Percentile.neighbours(count: resamples, 0.975)
        lowNeighbours = (low.lower, low.upper)
        // B − A at position k is −(A − B at position resamples − 1 − k).
        let positions = [low.lower, low.upper, high.lower, high.upper,
                         resamples - 1 - low.lower, resamples - 1 - low.upper]
        let lowSide = positions.filter { 2 * $0 < resamples }, highSide = positions.filter { 2 * $0 >= resamples }
        lowest = (lowSide.max() ?? -1) + 1
        highest = resamples - (highSide.min() ?? resamples)
        scratch = [Double](repeating: 0, count: lowest + highest)
    }

    /// Only whether either model is significantly better: what ranking needs of each of the
    /// m² / 2 pairs. Counting the differences at most 0 (and at least 0) decides it in one
    /// pass whenever both neighbours the 2.5 % percentile reads lie on the same side of 0 — the
    /// interpolation between two positive values is positive, between two values at most 0 is
    /// at most 0, in floating point too — so the percentiles are computed (``test(_:_:)``) only
    /// for the pairs near the boundary. The differences are of resampled Averages, all in
    /// [0, 1], so none overflows (an infinite one would make ``test(_:_:)``'s interval NaN).
    mutating func verdict(_ a: UnsafeBufferPointer<Double>, _ b: UnsafeBufferPointer<Double>) -> (aIsSignificantlyBetter: Bool, bIsSignificantlyBetter: Bool) {
        precondition(a.count == resamples && b.count == resamples, "one value per resample")
        var atMostZero = 0, atLeastZero = 0
        for k in 0..<resamples {
            let difference = a[k] - b[k]
            if difference <= 0 { atMostZero += 1 }
            if difference >= 0 { atLeastZero += 1 }
        }
        let (lower, upper) = lowNeighbours
        // Sorted A − B holds `atMostZero` values ≤ 0 first; sorted B − A holds `atLeastZero`.
        func decided(_ countAtMostZero: Int) -> Bool? {
            if countAtMostZero <= lower { return true }
            if countAtMostZero > upper { return false }
            return nil
        }
        // A NaN difference is neither: the counts then decide nothing (the percentiles do).
        if atMostZero + atLeastZero >= resamples, let aBetter = decided(atMostZero), let bBetter = decided(atLeastZero) {
            return (aBetter, bBetter)
        }
        let outcome = test(a, b)
        return (outcome.aIsSignificantlyBetter, outcome.bIsSignificantlyBetter)
    }

    /// `a` and `b` hold `resamples` finite values each, resample by resample.
    mutating func test(_ a: UnsafeBufferPointer<Double>, _ b: UnsafeBufferPointer<Double>) -> Outcome {
        precondition(a.count == resamples && b.count == resamples, "one value per resample")
        let n = resamples, lowest = self.lowest, highest = self.highest
        return scratch.withUnsafeMutableBufferPointer { scratch in
            aMinusB.withUnsafeMutableBufferPointer { difference in
                for k in 0..<n { difference[k] = a[k] - b[k] }
                OrderStatistics.placeExtremes(difference, lowest: lowest, highest: highest, scratch: scratch)
                return bMinusA.withUnsafeMutableBufferPointer { mirrored in
                    // Only the ends of A − B are in sorted order, so only the ends of B − A
                    // (its ends, reversed and negated) are filled; the percentiles read no more.
                    for k in 0..<highest { mirrored[k] = -difference[n - 1 - k] }
                    for k in (n - lowest)..<n { mirrored[k] = -difference[n - 1 - k] }
                    let sortedAMinusB = UnsafeBufferPointer(difference), sortedBMinusA = UnsafeBufferPointer(mirrored)
                    return Outcome(
                        interval: Percentile.interval95(sorted: sortedAMinusB),
                        aIsSignificantlyBetter: Percentile.linear(sorted: sortedAMinusB, 0.025) > 0,
                        bIsSignificantlyBetter: Percentile.linear(sorted: sortedBMinusA, 0.025) > 0)
                }
            }
        }
    }
}
