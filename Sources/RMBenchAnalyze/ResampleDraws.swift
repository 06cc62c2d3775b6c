import Foundation

/// The prompt indices of every bootstrap resample, drawn once per table shape and shared by
/// the models of that shape. The draws depend only on the seed and the shape (see
/// ``PromptTable/forEachResample(resamples:seed:draws:_:)``), so every model of a site (the
/// same 1,327 prompts) resamples the same indices; drawing them once instead of once per model
/// takes the random number generator out of each model's bootstrap (a third of its time). The
/// numbers are bit for bit those of drawing per model.
///
///     let draws = ResampleDraws(resamples: 1000, seed: Analyze.defaultSeed)
///     let intervals = runs.map { Analyze.bootstrapIntervals($0.items, resamples: 1000, draws: draws) }
public final class ResampleDraws: @unchecked Sendable {
    public let resamples: Int
    public let seed: UInt64
    private let lock = NSLock()
    /// By shape: resample after resample, each domain's indices in table order.
    private var drawn: [[Int]: [Int32]] = [:]

    public init(resamples: Int, seed: UInt64) {
        self.resamples = resamples
        self.seed = seed
    }

    /// Shapes kept at most: each holds resamples × prompts indices (5 MB for 1,000 resamples of
    /// RM-Bench); runs on other prompt sets than the first few draw their own, as before.
    public static let shapesKept = 4
    /// Indices kept at most per shape (64 MB): a larger prompt set or more resamples draw per
    /// model, in constant memory, rather than hold resamples × prompts indices.
    public static let maxIndices = 16 << 20

    /// The indices for tables of `shape` whose domains hold `sizes` prompts, drawn on first use
    /// (other callers of the same shape wait for them, a few milliseconds); nil when
    /// ``shapesKept`` other shapes already have theirs or they would be more than ``maxIndices``.
    func indices(shape: [Int], sizes: [Int]) -> [Int32]? {
        lock.withLock {
            if let known = drawn[shape] { return known }
            guard drawn.count < Self.shapesKept, resamples * sizes.reduce(0, +) <= Self.maxIndices else { return nil }
            var rng = SeededGenerator(seed: seed)
            var indices: [Int32] = []
            indices.reserveCapacity(resamples * sizes.reduce(0, +))
            for _ in 0..<resamples { Self.drawResample(sizes: sizes, rng: &rng, into: &indices) }
            drawn[shape] = indices
            return indices
        }
    }

    /// One resample's prompt indices, appended to `indices`: for each domain of `n` prompts, in
    /// order, `n` draws below `n`. The one order every resample of the bootstrap draws in.
    static func drawResample(sizes: [Int], rng: inout SeededGenerator, into indices: inout [Int32]) {
        for n in sizes {
            for _ in 0..<n { indices.append(Int32(rng.index(below: n))) }
        }
    }
}
