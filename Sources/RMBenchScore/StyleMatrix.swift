import RMBenchCore

/// The 3×3 Style-Substance matrix of a group of prompts, kept as integer counts.
///
/// `counts[i][j]` = prompts where score(chosen in style i) **>** score(rejected in style j);
/// rows are the chosen style, columns the rejected style (concise, detailed plain, detailed
/// markdown). Ties and NaN compare false, so they count as wrong — the official rule.
///
/// Fractions are derived from the counts only when asked, with the same floating-point
/// operations in the same order as RM-Bench's `compute_accuracy` (numpy), so that
/// `hard`, `normal`, `easy` equal the official numbers bit for bit.
public struct StyleMatrix: Equatable, Sendable {
    public private(set) var counts: [[Int]]
    public private(set) var samples: Int

    public init() {
        counts = Array(repeating: [0, 0, 0], count: 3)
        samples = 0
    }

    public init(counts: [[Int]], samples: Int) {
        precondition(counts.count == 3 && counts.allSatisfy { $0.count == 3 }, "a style matrix is 3×3")
        self.counts = counts
        self.samples = samples
    }

    /// Adds one prompt's nine comparisons.
    public mutating func add(chosen: StyleScores, rejected: StyleScores) {
        samples += 1
        for i in 0..<3 {
            for j in 0..<3 where chosen[i] > rejected[j] {
                counts[i][j] += 1
            }
        }
    }

    /// Adds another group's counts (groups must not share prompts).
    public mutating func merge(_ other: StyleMatrix) {
        samples += other.samples
        for i in 0..<3 {
            for j in 0..<3 { counts[i][j] += other.counts[i][j] }
        }
    }

    /// `counts[i][j] / samples` — numpy's `acc_matrix /= len(results)`. NaN when empty.
    public func fraction(_ i: Int, _ j: Int) -> Double {
        Double(counts[i][j]) / Double(samples)
    }

    public var fractions: [[Double]] {
        (0..<3).map { i in (0..<3).map { j in fraction(i, j) } }
    }

    /// Hard, Normal, Easy and Average: ``DifficultyMeans`` over ``fraction(_:_:)``.
    public var hard: Double { DifficultyMeans.hard(fraction) }
    public var normal: Double { DifficultyMeans.normal(fraction) }
    public var easy: Double { DifficultyMeans.easy(fraction) }
    public var average: Double { DifficultyMeans.average(hard: hard, normal: normal, easy: easy) }
}
