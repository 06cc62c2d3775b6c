@testable import RMBenchAnalyze
import RMBenchCore
import Testing

/// The counting short cut of `PairedSignificanceTest.verdict` against the percentiles
/// themselves (`test`), on pairs far from and right at the decision boundary.
@Suite("Paired significance verdicts")
struct PairedSignificanceTestTests {
    /// `resamples` differences A − B: `below` of them negative, `zeros` exactly 0, the rest
    /// positive, shuffled; a = b ± `step` with b drawn at random, or (`step` nil) the next
    /// representable value above or below b: the smallest difference there is.
    static func pair(resamples: Int, below: Int, zeros: Int, step: Double?, seed: UInt64) -> (a: [Double], b: [Double]) {
        var rng = SeededGenerator(seed: seed)
        var signs = [Double](repeating: -1, count: below) + [Double](repeating: 0, count: zeros)
            + [Double](repeating: 1, count: resamples - below - zeros)
        signs.shuffle(using: &rng)
        let b = (0..<resamples).map { _ in Double(rng.next() % 1000) / 1000 }
        let a = zip(b, signs).map { b, sign in
            step.map { b + sign * $0 } ?? (sign < 0 ? b.nextDown : sign > 0 ? b.nextUp : b)
        }
        return (a, b)
    }

    @Test(arguments: [1000, 999, 40, 7, 1])
    func verdictEqualsThePercentilesNearAndFarFromTheBoundary(resamples: Int) {
        var tester = PairedSignificanceTest(resamples: resamples)
        var checked = 0
        // Every split of negatives, zeros and positives around the 2.5 % positions, and far away.
        let (lower, upper, _) = Percentile.neighbours(count: resamples, 0.025)
        let counts = Set([0, 1, lower - 1, lower, lower + 1, upper, upper + 1, resamples / 2, resamples - upper - 1,
                          resamples - upper, resamples - lower, resamples - lower - 1, resamples - 1, resamples].filter { (0...resamples).contains($0) })
        for below in counts {
            for zeros in counts where below + zeros <= resamples {
                for step: Double? in [0.25, nil, 3.0] {
                    let (a, b) = Self.pair(resamples: resamples, below: below, zeros: zeros, step: step, seed: UInt64(below * 7919 + zeros))
                    let verdict = a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in tester.verdict(a, b) } }
                    let full = a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in tester.test(a, b) } }
                    #expect(verdict.aIsSignificantlyBetter == full.aIsSignificantlyBetter, "\(resamples) \(below) \(zeros) \(String(describing: step))")
                    #expect(verdict.bIsSignificantlyBetter == full.bIsSignificantlyBetter, "\(resamples) \(below) \(zeros) \(String(describing: step))")
                    checked += 1
                }
            }
        }
        #expect(checked >= 9)   // the loops ran: at least three splits, each with three steps
    }

    @Test func aClearlyBetterModelIsDecidedByCounting() {
        // 1,000 resamples, 24 differences ≤ 0: the 25th and 26th sorted values are positive.
        var tester = PairedSignificanceTest(resamples: 1000)
        let (a, b) = Self.pair(resamples: 1000, below: 24, zeros: 0, step: 0.5, seed: 1)
        let verdict = a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in tester.verdict(a, b) } }
        #expect(verdict.aIsSignificantlyBetter && !verdict.bIsSignificantlyBetter)
        // 26 at most 0: the 2.5 % percentile interpolates between two of them, so A is not better.
        let (c, d) = Self.pair(resamples: 1000, below: 26, zeros: 0, step: 0.5, seed: 2)
        let other = c.withUnsafeBufferPointer { c in d.withUnsafeBufferPointer { d in tester.verdict(c, d) } }
        #expect(!other.aIsSignificantlyBetter && !other.bIsSignificantlyBetter)
    }
}
