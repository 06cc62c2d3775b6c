@testable import RMBenchAnalyze
import RMBenchCore
import Testing

/// `bootstrapIntervals` against the plain computation: every metric's value in every
/// resample, sorted in full, `Percentile.interval95` — equal bit for bit.
@Suite("Bootstrap intervals equal the fully sorted reference")
struct BootstrapReferenceTests {
    static func referenceIntervals(_ items: [ScoredItem], resamples: Int, seed: UInt64) -> [Metric: ClosedRange<Double>] {
        let table = PromptTable(items)
        var values: [Metric: [Double]] = [:]
        table.forEachResample(resamples: resamples, seed: seed) { _, counts in
            values[.overall(.easy), default: []].append(meanOverDomains(counts, \.easy))
            values[.overall(.normal), default: []].append(meanOverDomains(counts, \.normal))
            values[.overall(.hard), default: []].append(meanOverDomains(counts, \.hard))
            values[.overall(.average), default: []].append(meanOverDomains(counts, \.average))
            for (domain, count) in zip(table.domains.map(\.domain), counts) {
                values[.domain(domain, .easy), default: []].append(count.easy)
                values[.domain(domain, .normal), default: []].append(count.normal)
                values[.domain(domain, .hard), default: []].append(count.hard)
                values[.domain(domain, .average), default: []].append(count.average)
                for row in 0..<3 {
                    for column in 0..<3 {
                        values[.cell(domain, row: row, column: column), default: []].append(count.fraction(row, column))
                    }
                }
            }
        }
        return values.mapValues { Percentile.interval95($0) }
    }

    @Test(arguments: [1, 2, 3, 40, 1000])
    func intervalsEqualTheReference(resamples: Int) {
        for (seed, perDomain) in [(UInt64(1), nil), (2, [Domain.chat: 5, .math: 60]), (3, [.code: 1, .safety: 30])] as [(UInt64, [Domain: Int]?)] {
            let items = randomItems(seed: seed, perDomain: perDomain)
            let ours = Analyze.bootstrapIntervals(items, resamples: resamples, seed: seed)
            let reference = Self.referenceIntervals(items, resamples: resamples, seed: seed)
            #expect(Set(ours.metrics) == Set(reference.keys))
            for metric in ours.metrics {
                #expect(ours.interval(metric) == reference[metric], "\(metric), \(resamples) resamples")
            }
        }
    }
}
