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

    /// Mean of the upper triangle (chosen plainer than rejected).
    /// numpy sums `triu(acc, 1)` pairwise over all 9 cells; with the zeros that is
    /// `(m01 + m02) + m12`, then divides by 3.0.
    public var hard: Double {
        ((fraction(0, 1) + fraction(0, 2)) + fraction(1, 2)) / 3.0
    }

    /// Mean of the diagonal: `np.mean(np.diag(acc))` sums left to right, then divides by 3.
    public var normal: Double {
        ((fraction(0, 0) + fraction(1, 1)) + fraction(2, 2)) / 3.0
    }

    /// Mean of the lower triangle (chosen fancier than rejected).
    /// numpy's pairwise sum of `tril(acc, -1)` adds `m10` to `(m20 + m21)`, then divides by 3.0.
    public var easy: Double {
        (fraction(1, 0) + (fraction(2, 0) + fraction(2, 1))) / 3.0
    }

    /// `np.mean([hard, normal, easy])`, in the order of the official result dict.
    public var average: Double {
        ((hard + normal) + easy) / 3.0
    }

    /// Integer totals behind each difficulty: correct comparisons out of `3 × samples`.
    public var hardCount: Int { counts[0][1] + counts[0][2] + counts[1][2] }
    public var normalCount: Int { counts[0][0] + counts[1][1] + counts[2][2] }
    public var easyCount: Int { counts[1][0] + counts[2][0] + counts[2][1] }
}
