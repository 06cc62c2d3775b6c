import RMBenchCore

/// The one definition of Hard, Normal, Easy and Average from a 3×3 style-substance matrix
/// (rows = chosen style, columns = rejected style), with the floating-point operations in the
/// order of RM-Bench's `compute_accuracy` (numpy), so every caller — the Score stage, judges'
/// half credit, bootstrap resamples — gets the official numbers bit for bit.
///
///     DifficultyMeans.hard { i, j in fractions[i][j] }
public enum DifficultyMeans {
    /// Mean of the upper triangle (chosen plainer than rejected). numpy sums `triu(acc, 1)`
    /// pairwise over all 9 cells; with the zeros that is `(m01 + m02) + m12`, then / 3.0.
    @inlinable @inline(__always)
    public static func hard(_ fraction: (Int, Int) -> Double) -> Double {
        ((fraction(0, 1) + fraction(0, 2)) + fraction(1, 2)) / 3.0
    }

    /// Mean of the diagonal: `np.mean(np.diag(acc))` sums left to right, then / 3.
    @inlinable @inline(__always)
    public static func normal(_ fraction: (Int, Int) -> Double) -> Double {
        ((fraction(0, 0) + fraction(1, 1)) + fraction(2, 2)) / 3.0
    }

    /// Mean of the lower triangle (chosen richer than rejected). numpy's pairwise sum of
    /// `tril(acc, -1)` adds `m10` to `(m20 + m21)`, then / 3.0.
    @inlinable @inline(__always)
    public static func easy(_ fraction: (Int, Int) -> Double) -> Double {
        (fraction(1, 0) + (fraction(2, 0) + fraction(2, 1))) / 3.0
    }

    /// `np.mean([hard, normal, easy])`, in the order of the official result dict.
    @inlinable @inline(__always)
    public static func average(hard: Double, normal: Double, easy: Double) -> Double {
        ((hard + normal) + easy) / 3.0
    }

    /// The difficulty of cell (chosen style `row`, rejected style `column`): Hard above the
    /// diagonal (the chosen response is the plainer one), Normal on it, Easy below.
    public static func difficulty(row: Int, column: Int) -> Difficulty {
        row < column ? .hard : row == column ? .normal : .easy
    }

    /// The cells (chosen style, rejected style) of a difficulty; Average has all nine.
    public static func cells(_ difficulty: Difficulty) -> [(row: Int, column: Int)] {
        let all = (0..<3).flatMap { i in (0..<3).map { j in (row: i, column: j) } }
        return difficulty == .average ? all : all.filter { Self.difficulty(row: $0.row, column: $0.column) == difficulty }
    }
}
