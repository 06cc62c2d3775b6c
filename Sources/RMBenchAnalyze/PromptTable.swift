import RMBenchCore
import RMBenchScore

/// The nine style-matrix counts of a set of prompts, packed three to a word (21 bits each).
///
/// Why packed: a bootstrap resample adds up thousands of prompts' nine 0/1 outcomes; with
/// each prompt's outcomes pre-spread into these fields, adding a prompt is three integer
/// additions instead of nine bit tests. 21 bits hold counts up to 2,097,151 prompts per
/// domain, which `PromptTable` checks.
struct PackedCells: Sendable, Equatable {
    var w0: UInt64 = 0, w1: UInt64 = 0, w2: UInt64 = 0

    static let fieldBits: UInt64 = 21
    static let maxCount = (1 << 21) - 1

    /// One prompt: cell (i, j) is 1 when score(chosen style i) > score(rejected style j).
    /// `>` is false for ties and NaN, which therefore count as wrong (the official rule).
    init(chosen: StyleScores, rejected: StyleScores) {
        for i in 0..<3 {
            for j in 0..<3 where chosen[i] > rejected[j] {
                let cell = UInt64(3 * i + j)
                let bit: UInt64 = 1 << (PackedCells.fieldBits * (cell % 3))
                switch cell / 3 {
                case 0: w0 |= bit
                case 1: w1 |= bit
                default: w2 |= bit
                }
            }
        }
    }

    init() {}

    @inline(__always)
    mutating func add(_ other: PackedCells) {
        w0 &+= other.w0
        w1 &+= other.w1
        w2 &+= other.w2
    }

    /// The count of cell (row, column) = (chosen style, rejected style).
    @inline(__always)
    func count(_ row: Int, _ column: Int) -> Int {
        let word = row == 0 ? w0 : row == 1 ? w1 : w2
        return Int((word >> (PackedCells.fieldBits * UInt64(column))) & UInt64(PackedCells.maxCount))
    }
}

/// One domain's counts over some sample of prompts, with RM-Bench's metrics.
///
/// The metrics are ``DifficultyMeans``, as in the Score stage, so the point estimates equal its
/// numbers bit for bit; we do not build a `StyleMatrix` per resample because its nested arrays
/// would allocate in the innermost loop.
struct DomainCounts {
    var cells: PackedCells
    var samples: Int

    @inline(__always)
    func fraction(_ i: Int, _ j: Int) -> Double {
        Double(cells.count(i, j)) / Double(samples)
    }

    var hard: Double { DifficultyMeans.hard(fraction) }
    var normal: Double { DifficultyMeans.normal(fraction) }
    var easy: Double { DifficultyMeans.easy(fraction) }
    var average: Double { DifficultyMeans.average(hard: hard, normal: normal, easy: easy) }
}

/// A model's prompts grouped by domain (official order, present domains only), each prompt
/// reduced to its packed outcomes, sorted by key within the domain.
///
/// Sorting by key makes resampling independent of the order items were read in, and gives
/// two models with the same keys the same prompt at every position, so that the same drawn
/// indices pick the same prompts for both (the paired bootstrap).
struct PromptTable: Sendable {
    struct DomainPrompts: Sendable {
        var domain: Domain
        var keys: [ItemKey]
        var cells: [PackedCells]
        var total: PackedCells
    }

    var domains: [DomainPrompts]

    /// `keep`, when given, restricts the table to those keys. A key repeated in `items`
    /// counts once, its first occurrence (the reader rejects such files; ignoring repeats
    /// keeps two models' tables aligned key for key).
    init(_ items: [ScoredItem], keep: Set<ItemKey>? = nil) {
        var byDomain: [Domain: [(ItemKey, PackedCells)]] = [:]
        var seen = Set<ItemKey>(minimumCapacity: items.count)
        // By index, reading the fields used: a loop over the items copies each whole item.
        for index in items.indices {
            let key = items[index].key
            guard keep?.contains(key) ?? true, seen.insert(key).inserted else { continue }
            byDomain[items[index].domain, default: []].append((key, PackedCells(chosen: items[index].chosen, rejected: items[index].rejected)))
        }
        domains = Domain.allCases.compactMap { domain in
            guard let prompts = byDomain[domain]?.sorted(by: { $0.0 < $1.0 }) else { return nil }
            precondition(prompts.count <= PackedCells.maxCount, "more than \(PackedCells.maxCount) prompts in one domain")
            var total = PackedCells()
            for prompt in prompts { total.add(prompt.1) }
            return DomainPrompts(domain: domain, keys: prompts.map(\.0), cells: prompts.map(\.1), total: total)
        }
    }

    private init(domains: [DomainPrompts]) {
        self.domains = domains
    }

    /// The prompts `keep` accepts, given each prompt's position in table order (domains in
    /// order, then prompts by key); domains left without prompts are dropped. The result
    /// equals `PromptTable(items, keep:)` with the same prompts: filtering keeps the key
    /// order, and the first occurrence of a kept key is the same item either way.
    func filtered(_ keep: (Int) -> Bool) -> PromptTable {
        var position = 0
        var kept: [DomainPrompts] = []
        for domain in domains {
            var keys: [ItemKey] = [], cells: [PackedCells] = []
            var total = PackedCells()
            for (key, cell) in zip(domain.keys, domain.cells) {
                if keep(position) {
                    keys.append(key)
                    cells.append(cell)
                    total.add(cell)
                }
                position += 1
            }
            if !keys.isEmpty { kept.append(DomainPrompts(domain: domain.domain, keys: keys, cells: cells, total: total)) }
        }
        return PromptTable(domains: kept)
    }

    var promptCount: Int { domains.reduce(0) { $0 + $1.cells.count } }

    /// Counts of all prompts, no resampling: the point estimates.
    var fullCounts: [DomainCounts] {
        domains.map { DomainCounts(cells: $0.total, samples: $0.cells.count) }
    }

    /// Draws `resamples` bootstrap samples and hands each one's per-domain counts (in
    /// `domains` order) to `body`.
    ///
    /// Each resample draws, domain by domain in official order, as many prompt indices as
    /// the domain has, uniformly with replacement, from one `SeededGenerator(seed:)` stream.
    /// So the indices depend only on the seed and the domain sizes: two tables with the same
    /// domains and sizes get the same indices, which the paired bootstrap relies on.
    ///
    /// With `draws` of the same resamples and seed, the indices are taken from there (drawn
    /// once for every table of this shape) instead of being drawn again: the same indices.
    func forEachResample(resamples: Int, seed: UInt64, draws: ResampleDraws? = nil, _ body: (Int, [DomainCounts]) -> Void) {
        let sizes = domains.map(\.cells.count)
        let total = sizes.reduce(0, +)
        var counts = fullCounts
        // One resample from its indices: each domain's prompts, one domain after the other.
        func sum(_ indices: UnsafeBufferPointer<Int32>, resample: Int) {
            var next = 0
            for (d, domain) in domains.enumerated() {
                var sum = PackedCells()
                domain.cells.withUnsafeBufferPointer { cells in
                    for k in next..<(next + cells.count) { sum.add(cells[Int(indices[k])]) }
                }
                next += domain.cells.count
                counts[d].cells = sum
            }
            body(resample, counts)
        }
        if let draws, draws.resamples == resamples, draws.seed == seed, let shared = draws.indices(shape: shape, sizes: sizes) {
            shared.withUnsafeBufferPointer { all in
                for resample in 0..<resamples {
                    sum(UnsafeBufferPointer(rebasing: all[(resample * total)..<((resample + 1) * total)]), resample: resample)
                }
            }
        } else {
            var rng = SeededGenerator(seed: seed)
            var indices: [Int32] = []
            indices.reserveCapacity(total)
            for resample in 0..<resamples {
                indices.removeAll(keepingCapacity: true)
                ResampleDraws.drawResample(sizes: sizes, rng: &rng, into: &indices)
                indices.withUnsafeBufferPointer { sum($0, resample: resample) }
            }
        }
    }
}

extension PromptTable {
    /// The domains and their sizes: tables of the same shape draw the same indices.
    var shape: [Int] { domains.flatMap { [$0.domain.index, $0.cells.count] } }

    /// `forEachResample` of several tables of the same `shape` at once, handing `body` the
    /// resample, the table's position in `tables` and its counts. Each resample's indices
    /// are drawn once, exactly as `forEachResample` draws them for each table (they depend
    /// only on the seed and the shape), and then summed for every table: the draws, most of
    /// the work for one table, are shared.
    static func forEachResample(
        of tables: [PromptTable], resamples: Int, seed: UInt64, _ body: (Int, Int, [DomainCounts]) -> Void
    ) {
        guard let first = tables.first else { return }
        precondition(tables.allSatisfy { $0.shape == first.shape }, "tables of different shapes draw different indices")
        let sizes = first.domains.map(\.cells.count)
        var rng = SeededGenerator(seed: seed)
        var indices = [Int](repeating: 0, count: sizes.reduce(0, +))
        var counts = first.fullCounts
        for resample in 0..<resamples {
            indices.withUnsafeMutableBufferPointer { indices in
                var k = 0
                for n in sizes {
                    for _ in 0..<n {
                        indices[k] = rng.index(below: n)
                        k += 1
                    }
                }
            }
            for (t, table) in tables.enumerated() {
                var offset = 0
                for (d, domain) in table.domains.enumerated() {
                    var sum = PackedCells()
                    let n = sizes[d]
                    domain.cells.withUnsafeBufferPointer { cells in
                        indices.withUnsafeBufferPointer { indices in
                            for k in offset..<(offset + n) { sum.add(cells[indices[k]]) }
                        }
                    }
                    counts[d].cells = sum
                    offset += n
                }
                body(resample, t, counts)
            }
        }
    }
}

/// Overall Easy/Normal/Hard/Average: the plain mean over the domains present, summed left
/// to right in official order, as `ModelScore` does (numpy's `np.mean` of ≤ 4 values).
@inline(__always)
func meanOverDomains(_ counts: [DomainCounts], _ metric: (DomainCounts) -> Double) -> Double {
    guard !counts.isEmpty else { return .nan }
    var sum = 0.0
    for domain in counts { sum += metric(domain) }
    return sum / Double(counts.count)
}
