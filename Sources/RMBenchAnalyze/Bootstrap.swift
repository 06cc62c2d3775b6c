import RMBenchCore

/// 95 % bootstrap intervals of every metric of one model.
///
///     let ci = Analyze.bootstrapIntervals(run.items)
///     ci.interval(.overall(.average))             // e.g. 0.684...0.712
///     ci.interval(.domain(.math, .hard))
///     ci.interval(.cell(.chat, row: 0, column: 2))
///     ci.estimate(.overall(.average))             // the Score stage's number, bit for bit
public struct BootstrapIntervals: Sendable {
    public let resamples: Int
    public let seed: UInt64
    /// Domains present, official order; metrics of other domains have no interval.
    public let domains: [Domain]
    /// Prompts per present domain.
    public let prompts: [Domain: Int]
    private let estimates: [Metric: Double]
    private let intervals: [Metric: ClosedRange<Double>]
    /// The overall Average of each resample, in resample order (empty without items): what
    /// the tie-group ranks resample for the model's own prompts, so they reuse it.
    let resampledAverages: [Double]

    init(resamples: Int, seed: UInt64, domains: [Domain], prompts: [Domain: Int],
         estimates: [Metric: Double], intervals: [Metric: ClosedRange<Double>], resampledAverages: [Double]) {
        self.resamples = resamples
        self.seed = seed
        self.domains = domains
        self.prompts = prompts
        self.estimates = estimates
        self.intervals = intervals
        self.resampledAverages = resampledAverages
    }

    /// [2.5th, 97.5th] percentile of the metric over the resamples (`Percentile.linear`,
    /// numpy's default definition). Nil for a domain that is absent, a cell index outside
    /// 0…2, or overall metrics of a model without items.
    public func interval(_ metric: Metric) -> ClosedRange<Double>? { intervals[metric] }

    /// The metric on the original prompts — identical to `ModelScore`'s number.
    public func estimate(_ metric: Metric) -> Double? { estimates[metric] }

    /// Every metric with an interval: overall, then per domain its difficulties and cells.
    public var metrics: [Metric] { Self.metrics(for: domains) }

    static func metrics(for domains: [Domain]) -> [Metric] {
        guard !domains.isEmpty else { return [] }
        var list = Difficulty.allCases.map(Metric.overall)
        for domain in domains {
            list += Difficulty.allCases.map { Metric.domain(domain, $0) }
            for row in 0..<3 {
                for column in 0..<3 { list.append(.cell(domain, row: row, column: column)) }
            }
        }
        return list
    }
}

extension Analyze {
    /// Bootstrap intervals over prompts for every metric of a model.
    ///
    /// Each resample redraws, within each domain, as many prompts as the domain has, with
    /// replacement; a prompt's nine comparisons stay together (they share the prompt and are
    /// correlated). Every metric is recomputed from the resampled counts exactly as the Score
    /// stage computes it; the interval is the 2.5th–97.5th percentile of the `resamples`
    /// values. Resampling within domains keeps each domain's size fixed, as in the benchmark.
    ///
    /// Deterministic: the same items (in any order) and seed give the same intervals on
    /// every platform. Runs in O(resamples × prompts) with a few integer additions per drawn
    /// prompt; each domain may hold at most 2,097,151 prompts.
    public static func bootstrapIntervals(
        _ items: [ScoredItem], resamples: Int = defaultResamples, seed: UInt64 = defaultSeed, draws: ResampleDraws? = nil
    ) -> BootstrapIntervals {
        precondition(resamples > 0, "resamples must be positive")
        let table = PromptTable(items)
        let domains = table.domains.map(\.domain)
        let metrics = BootstrapIntervals.metrics(for: domains)

        // Metric values in one flat buffer, metric-major, in `metrics` order: a resample
        // writes one value per metric, then each metric's values are sorted in place.
        var values = [Double](repeating: 0, count: metrics.count * resamples)
        func record(_ counts: [DomainCounts], into write: (Int, Double) -> Void) {
            guard !counts.isEmpty else { return }
            // Written out, not a loop over key paths: this runs once per model and resample
            // (50,000 times for 50 models), and projecting key paths was a tenth of it.
            write(0, meanOverDomains(counts) { $0.easy })
            write(1, meanOverDomains(counts) { $0.normal })
            write(2, meanOverDomains(counts) { $0.hard })
            write(3, meanOverDomains(counts) { $0.average })
            var slot = 4
            for domain in counts {
                write(slot, domain.easy)
                write(slot + 1, domain.normal)
                write(slot + 2, domain.hard)
                write(slot + 3, domain.average)
                slot += 4
                for row in 0..<3 {
                    for column in 0..<3 {
                        write(slot, domain.fraction(row, column))
                        slot += 1
                    }
                }
            }
        }

        var estimates: [Metric: Double] = [:]
        record(table.fullCounts) { estimates[metrics[$0]] = $1 }
        values.withUnsafeMutableBufferPointer { buffer in
            table.forEachResample(resamples: resamples, seed: seed, draws: draws) { resample, counts in
                record(counts) { buffer[$0 * resamples + resample] = $1 }
            }
        }

        // The overall Average is the fourth metric (`metrics(for:)`); kept before sorting.
        let averageSlot = metrics.firstIndex(of: .overall(.average))
        let resampledAverages = averageSlot.map { Array(values[($0 * resamples)..<(($0 + 1) * resamples)]) } ?? []
        // The interval reads only the lowest and highest few of each metric's values; only
        // those are put in sorted order (the same values a full sort gives, for less work).
        let low = Percentile.neighbours(count: resamples, 0.025), high = Percentile.neighbours(count: resamples, 0.975)
        let lowest = low.upper + 1, highest = resamples - high.lower
        var scratch = [Double](repeating: 0, count: lowest + highest)
        var intervals: [Metric: ClosedRange<Double>] = [:]
        values.withUnsafeMutableBufferPointer { buffer in
            scratch.withUnsafeMutableBufferPointer { scratch in
                for (m, metric) in metrics.enumerated() {
                    let slice = UnsafeMutableBufferPointer(rebasing: buffer[(m * resamples)..<((m + 1) * resamples)])
                    OrderStatistics.placeExtremes(slice, lowest: lowest, highest: highest, scratch: scratch)
                    intervals[metric] = Percentile.interval95(sorted: UnsafeBufferPointer(slice))
                }
            }
        }
        var prompts: [Domain: Int] = [:]
        for domain in table.domains { prompts[domain.domain] = domain.cells.count }
        return BootstrapIntervals(resamples: resamples, seed: seed, domains: domains, prompts: prompts,
                                  estimates: estimates, intervals: intervals, resampledAverages: resampledAverages)
    }
}
