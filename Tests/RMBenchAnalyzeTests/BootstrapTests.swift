@testable import RMBenchAnalyze
import RMBenchCore
import RMBenchScore
import Testing

@Suite("Bootstrap intervals over prompts")
struct BootstrapTests {
    static let items = randomItems(seed: 11, perDomain: [.chat: 60, .math: 90, .code: 45, .safety: 70])

    @Test func estimatesEqualTheScoreStageBitForBit() throws {
        let ci = Analyze.bootstrapIntervals(Self.items, resamples: 10)
        let score = Scorer.score(ModelRun(model: "m", type: .unknown, sources: [], items: Self.items))
        #expect(ci.estimate(.overall(.easy)) == score.easy)
        #expect(ci.estimate(.overall(.normal)) == score.normal)
        #expect(ci.estimate(.overall(.hard)) == score.hard)
        #expect(ci.estimate(.overall(.average)) == score.average)
        for domain in Domain.allCases {
            let group = try #require(score[domain]).score
            #expect(ci.estimate(.domain(domain, .easy)) == group.easy)
            #expect(ci.estimate(.domain(domain, .normal)) == group.normal)
            #expect(ci.estimate(.domain(domain, .hard)) == group.hard)
            #expect(ci.estimate(.domain(domain, .average)) == group.average)
            for row in 0..<3 {
                for column in 0..<3 {
                    #expect(ci.estimate(.cell(domain, row: row, column: column)) == group.matrix.fraction(row, column))
                }
            }
            #expect(ci.prompts[domain] == group.samples)
        }
    }

    @Test func metricsAreListedAndBounded() {
        let ci = Analyze.bootstrapIntervals(Self.items, resamples: 200)
        #expect(ci.metrics.count == 4 + 4 * (4 + 9))
        #expect(ci.domains == Domain.allCases)
        for metric in ci.metrics {
            guard let interval = ci.interval(metric) else {
                Issue.record("no interval for \(metric)")
                continue
            }
            #expect(interval.lowerBound >= 0 && interval.upperBound <= 1)
        }
        #expect(ci.interval(.cell(.chat, row: 3, column: 0)) == nil)
    }

    @Test func intervalsContainTheirEstimates() throws {
        let ci = Analyze.bootstrapIntervals(Self.items)
        for metric in ci.metrics {
            let estimate = try #require(ci.estimate(metric))
            let interval = try #require(ci.interval(metric))
            #expect(interval.contains(estimate), "\(metric): \(estimate) outside \(interval)")
        }
        // Not degenerate: a few hundred prompts leave real uncertainty.
        let average = try #require(ci.interval(.overall(.average)))
        #expect(average.upperBound - average.lowerBound > 0.01)
    }

    @Test func sameSeedSameIntervalsOtherSeedOtherIntervals() {
        let a = Analyze.bootstrapIntervals(Self.items, resamples: 300, seed: 5)
        let b = Analyze.bootstrapIntervals(Self.items.reversed(), resamples: 300, seed: 5)  // order does not matter
        let c = Analyze.bootstrapIntervals(Self.items, resamples: 300, seed: 6)
        #expect(a.metrics.allSatisfy { a.interval($0) == b.interval($0) })
        #expect(a.metrics.contains { a.interval($0) != c.interval($0) })
        #expect(a.seed == 5 && a.resamples == 300)
    }

    @Test func identicalPromptsGiveDegenerateIntervals() throws {
        let prompt = StyleScores(2, 1, 0)  // chosen
        let items = (0..<50).map { k in
            ScoredItem(key: ItemKey(label: "code", id: .int(Int64(k))), domain: .code,
                       chosen: prompt, rejected: StyleScores(1.5, 0.5, 1))
        }
        let ci = Analyze.bootstrapIntervals(items, resamples: 100)
        #expect(ci.domains == [.code])
        #expect(ci.metrics.count == 4 + 13)
        for metric in ci.metrics {
            let estimate = try #require(ci.estimate(metric))
            #expect(ci.interval(metric) == estimate...estimate, "\(metric)")
        }
        #expect(ci.interval(.domain(.chat, .easy)) == nil)
        // chosen (2, 1, 0) vs rejected (1.5, 0.5, 1): row 0 beats all; row 1 beats 0.5 only.
        #expect(ci.estimate(.cell(.code, row: 1, column: 1)) == 1)
        #expect(ci.estimate(.cell(.code, row: 1, column: 0)) == 0)
    }

    @Test func noItemsNoIntervals() {
        let ci = Analyze.bootstrapIntervals([], resamples: 10)
        #expect(ci.metrics.isEmpty)
        #expect(ci.interval(.overall(.average)) == nil)
    }

    /// The full benchmark's size: 1,327 prompts, 1000 resamples. Swift Testing prints the
    /// duration; in a release build it is a few milliseconds.
    @Test func fullSizeModel() throws {
        let items = randomItems(seed: 3)
        #expect(items.count == 1327)
        let ci = Analyze.bootstrapIntervals(items)
        #expect(ci.prompts.values.reduce(0, +) == 1327)
        let average = try #require(ci.interval(.overall(.average)))
        #expect(average.upperBound - average.lowerBound < 0.1)
    }
}

@Suite("Bootstrap draws shared between models")
struct ResampleDrawsTests {
    static func same(_ a: BootstrapIntervals, _ b: BootstrapIntervals) -> Bool {
        let metrics: [Metric] = [.overall(.easy), .overall(.normal), .overall(.hard), .overall(.average)]
            + Domain.allCases.flatMap { domain -> [Metric] in
                [.domain(domain, .easy), .domain(domain, .normal), .domain(domain, .hard), .domain(domain, .average)]
                    + (0..<3).flatMap { row in (0..<3).map { column in Metric.cell(domain, row: row, column: column) } }
            }
        return a.domains == b.domains && a.prompts == b.prompts && metrics.allSatisfy { metric in
            a.estimate(metric) == b.estimate(metric) && a.interval(metric) == b.interval(metric)
        }
    }

    /// Two models of one prompt set, one of another (a missing domain), and more shapes than
    /// are kept: every interval is bit for bit the one drawn per model.
    @Test func sharedDrawsGiveTheIntervalsOfDrawingPerModel() {
        let draws = ResampleDraws(resamples: 120, seed: 9)
        let sets = [
            randomItems(seed: 1, perDomain: [.chat: 30, .math: 40, .code: 20, .safety: 25]),
            randomItems(seed: 2, perDomain: [.chat: 30, .math: 40, .code: 20, .safety: 25]),
            randomItems(seed: 3, perDomain: [.chat: 30, .code: 20, .safety: 25]),
        ] + (4..<(5 + ResampleDraws.shapesKept)).map { seed in randomItems(seed: UInt64(seed), perDomain: [.chat: seed, .math: 10]) }
        for (index, items) in sets.enumerated() {
            let shared = Analyze.bootstrapIntervals(items, resamples: 120, seed: 9, draws: draws)
            let own = Analyze.bootstrapIntervals(items, resamples: 120, seed: 9)
            #expect(Self.same(shared, own), "items \(index)")
        }
    }

    /// Kept draws are resamples × prompts indices; beyond ``ResampleDraws/maxIndices`` none are
    /// kept (each model draws its own, in constant memory).
    @Test func drawsAreKeptOnlyUpToTheirLimit() {
        let draws = ResampleDraws(resamples: 1000, seed: 1)
        #expect(draws.indices(shape: [0, 1327], sizes: [1327])?.count == 1_327_000)
        let prompts = ResampleDraws.maxIndices / 1000 + 1
        #expect(draws.indices(shape: [1, prompts], sizes: [prompts]) == nil)
    }

    /// Draws of another seed or count are not used: the intervals are the requested ones.
    @Test func drawsOfOtherSettingsAreIgnored() {
        let items = randomItems(seed: 5, perDomain: [.chat: 30, .math: 40])
        let other = ResampleDraws(resamples: 120, seed: 10)
        #expect(Self.same(Analyze.bootstrapIntervals(items, resamples: 120, seed: 9, draws: other),
                          Analyze.bootstrapIntervals(items, resamples: 120, seed: 9)))
    }
}
