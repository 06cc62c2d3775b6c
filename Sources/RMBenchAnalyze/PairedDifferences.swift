import RMBenchCore

/// Model B minus model A on the prompts both have, for every RM-Bench number, with paired
/// bootstrap intervals: what `compare` and `check` report.
public struct PairedDifferences: Sendable {
    public struct Entry: Sendable, Equatable {
        public var metric: Metric
        /// Fractions in [0, 1], on the shared prompts.
        public var a: Double
        public var b: Double
        public var difference: Double { b - a }
        /// 95 % interval of B − A; nil with bootstrap off.
        public var interval: ClosedRange<Double>?
        /// The interval excludes 0.
        public var significant: Bool {
            guard let interval else { return false }
            return interval.lowerBound > 0 || interval.upperBound < 0
        }
    }

    /// Prompts both models have, and each model's own count.
    public var sharedPrompts: Int
    public var promptsA: Int
    public var promptsB: Int
    public var resamples: Int
    /// Overall metrics first, then per domain its difficulties and cells (`BootstrapIntervals.metrics` order).
    public var entries: [Entry]

    public func entry(_ metric: Metric) -> Entry? { entries.first { $0.metric == metric } }
}

/// A prompt where one model is right on a cell and the other wrong.
public struct Flip: Sendable, Equatable {
    public var key: ItemKey
    public var domain: Domain
    public var row: Int
    public var column: Int
    /// True: A right, B wrong (B lost it); false: A wrong, B right (B gained it).
    public var lostByB: Bool
    public var scoresA: (chosen: StyleScores, rejected: StyleScores)
    public var scoresB: (chosen: StyleScores, rejected: StyleScores)

    public static func == (x: Flip, y: Flip) -> Bool {
        x.key == y.key && x.row == y.row && x.column == y.column && x.lostByB == y.lostByB
    }
}

extension Analyze {
    /// B − A for every metric on the shared prompts, with paired bootstrap intervals.
    ///
    /// Both models are restricted to the (domain label, id) keys they share; every resample
    /// draws the same prompt indices for both (same seed, same domain sizes), so the interval
    /// is that of the *difference*, far narrower than comparing two separate intervals.
    ///
    ///     let d = Analyze.pairedDifferences(baseline.items, candidate.items)
    ///     d.entry(.overall(.hard))?.difference   // B − A, fraction
    public static func pairedDifferences(
        _ a: [ScoredItem], _ b: [ScoredItem], resamples: Int = defaultResamples, seed: UInt64 = defaultSeed
    ) -> PairedDifferences {
        let keysA = Set(a.map(\.key)), keysB = Set(b.map(\.key))
        let shared = keysA.intersection(keysB)
        let tableA = PromptTable(a, keep: shared), tableB = PromptTable(b, keep: shared)
        let domains = tableA.domains.map(\.domain)
        let metrics = BootstrapIntervals.metrics(for: domains)
        let valuesA = metrics.map { metricValue($0, tableA.fullCounts, domains) }
        let valuesB = metrics.map { metricValue($0, tableB.fullCounts, domains) }
        var intervals = [ClosedRange<Double>?](repeating: nil, count: metrics.count)
        if resamples > 0 && !shared.isEmpty {
            var drawsA = [[Double]](repeating: [], count: metrics.count)
            var drawsB = drawsA
            tableA.forEachResample(resamples: resamples, seed: seed) { _, counts in
                for (m, metric) in metrics.enumerated() { drawsA[m].append(metricValue(metric, counts, domains)) }
            }
            tableB.forEachResample(resamples: resamples, seed: seed) { _, counts in
                for (m, metric) in metrics.enumerated() { drawsB[m].append(metricValue(metric, counts, domains)) }
            }
            for m in metrics.indices {
                intervals[m] = Percentile.interval95(zip(drawsA[m], drawsB[m]).map { $1 - $0 })
            }
        }
        let entries = metrics.indices.map { m in
            PairedDifferences.Entry(metric: metrics[m], a: valuesA[m], b: valuesB[m], interval: intervals[m])
        }
        return PairedDifferences(sharedPrompts: shared.count, promptsA: keysA.count, promptsB: keysB.count,
                                 resamples: resamples, entries: entries)
    }

    /// Every (prompt, cell) on the shared prompts where exactly one of the two models is
    /// right, by key, then cell.
    public static func flips(_ a: [ScoredItem], _ b: [ScoredItem]) -> [Flip] {
        var byKey: [ItemKey: ScoredItem] = [:]
        for item in b where byKey[item.key] == nil { byKey[item.key] = item }
        var seen: Set<ItemKey> = []
        var flips: [Flip] = []
        for itemA in a.sorted(by: { $0.key < $1.key }) {
            guard seen.insert(itemA.key).inserted, let itemB = byKey[itemA.key] else { continue }
            for i in 0..<3 {
                for j in 0..<3 {
                    let rightA = itemA.chosen[i] > itemA.rejected[j]
                    let rightB = itemB.chosen[i] > itemB.rejected[j]
                    guard rightA != rightB else { continue }
                    flips.append(Flip(key: itemA.key, domain: itemA.domain, row: i, column: j, lostByB: rightA,
                                      scoresA: (itemA.chosen, itemA.rejected), scoresB: (itemB.chosen, itemB.rejected)))
                }
            }
        }
        return flips
    }

    /// A metric's value from per-domain counts (`domains` in the same order as `counts`).
    static func metricValue(_ metric: Metric, _ counts: [DomainCounts], _ domains: [Domain]) -> Double {
        func domainCounts(_ domain: Domain) -> DomainCounts? {
            domains.firstIndex(of: domain).map { counts[$0] }
        }
        func difficulty(_ d: Difficulty, _ c: DomainCounts) -> Double {
            switch d {
            case .easy: c.easy
            case .normal: c.normal
            case .hard: c.hard
            case .average: c.average
            }
        }
        switch metric {
        case .overall(let d): return meanOverDomains(counts) { difficulty(d, $0) }
        case .domain(let domain, let d): return domainCounts(domain).map { difficulty(d, $0) } ?? .nan
        case .cell(let domain, let row, let column): return domainCounts(domain)?.fraction(row, column) ?? .nan
        }
    }
}
