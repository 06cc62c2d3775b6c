import RMBenchCore

/// One model's nine comparisons on one prompt, as nine bits: bit `3 × i + j` is set when the
/// chosen response in style i scored strictly higher than the rejected one in style j (a tie or
/// NaN is wrong, as in the official scorer). Rows are the chosen style, columns the rejected
/// style, as in the style-substance matrix.
///
///     let outcomes = ComparisonOutcomes(chosen: StyleScores(3, 5, 7), rejected: StyleScores(2, 6, 8))
///     outcomes.isRight(row: 2, column: 0)   // true: 7 > 2
///     outcomes.count(.hard)                 // 0 of 3
///
/// A value, not nested arrays: prompt pages make one per model per prompt (66,000 for 50
/// models), and counting a difficulty is one mask and a population count.
public struct ComparisonOutcomes: Hashable, Sendable {
    /// The nine bits; only the low nine are ever set.
    public let bits: UInt16

    public init(chosen: StyleScores, rejected: StyleScores) {
        var bits: UInt16 = 0
        for i in 0..<3 {
            for j in 0..<3 where chosen[i] > rejected[j] { bits |= 1 << (3 * i + j) }
        }
        self.bits = bits
    }

    /// From the bits (`0...511`), for tables of every possible outcome.
    public init(bits: UInt16) {
        precondition(bits < 512, "nine comparisons have nine bits")
        self.bits = bits
    }

    public func isRight(row: Int, column: Int) -> Bool {
        bits & (1 << (3 * row + column)) != 0
    }

    /// How many of a difficulty's cells (``DifficultyMeans/cells(_:)``) are right.
    public func count(_ difficulty: Difficulty) -> Int {
        let mask = switch difficulty {
        case .hard: Self.hardMask
        case .normal: Self.normalMask
        case .easy: Self.easyMask
        case .average: Self.averageMask
        }
        return (bits & mask).nonzeroBitCount
    }

    /// Every cell right.
    public var allRight: Bool { bits == 511 }

    private static let hardMask = mask(.hard), normalMask = mask(.normal), easyMask = mask(.easy), averageMask = mask(.average)

    /// A difficulty's cells as a mask, from the one definition of which cells it has.
    private static func mask(_ difficulty: Difficulty) -> UInt16 {
        DifficultyMeans.cells(difficulty).reduce(UInt16(0)) { $0 | 1 << (3 * $1.row + $1.column) }
    }
}
