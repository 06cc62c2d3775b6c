@testable import RMBenchAnalyze
import RMBenchCore
import Testing

/// The counting short cut of `PairedSignificanceTest.verdict` against the percentiles
/// themselves (`test`), on pairs far from and right at the decision boundary.
@Suite("Paired significance verdicts")
struct PairedSignificanceTestTests {
    /// `resamples` differences A − B: `below` of them −`step`, `zeros` exactly 0, the rest +`step`,
    /// shuffled; a = b + difference with b drawn at random.
    static func pair(resamples: Int, below: Int, zeros: Int, step: Double, seed: UInt64) -> (a: [Double], b: [Double]) {
        var rng = SeededGenerator(seed: seed)
        var differences = [Double](repeating: -step, count: below) + [Double](repeating: 0, count: zeros)
            + [Double](repeating: step, count: resamples - below - zeros)
        differences.shuffle(using: &rng)
        let b = (0..<resamples).map { _ in Double(rng.next() % 1000) / 1000 }
        return (zip(b, differences).map { $0 + $1 }, b)
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
                for step in [0.25, 1e-300, 3.0] {
                    let (a, b) = Self.pair(resamples: resamples, below: below, zeros: zeros, step: step, seed: UInt64(below * 7919 + zeros))
                    let verdict = a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in tester.verdict(a, b) } }
                    let full = a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in tester.test(a, b) } }
                    #expect(verdict.aIsSignificantlyBetter == full.aIsSignificantlyBetter, "\(resamples) \(below) \(zeros) \(step)")
                    #expect(verdict.bIsSignificantlyBetter == full.bIsSignificantlyBetter, "\(resamples) \(below) \(zeros) \(step)")
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
