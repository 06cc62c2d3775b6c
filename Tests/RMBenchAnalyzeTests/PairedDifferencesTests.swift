import RMBenchAnalyze
import RMBenchCore
import Testing

@Suite("Paired differences and flips")
struct PairedDifferencesTests {
    static func item(_ id: Int, _ chosen: [Double], _ rejected: [Double], label: String = "chat") -> ScoredItem {
        ScoredItem(key: ItemKey(label: label, id: .int(Int64(id))), domain: Domain(label: label)!,
                   chosen: StyleScores(chosen[0], chosen[1], chosen[2]), rejected: StyleScores(rejected[0], rejected[1], rejected[2]))
    }

    /// A and B on three shared chat prompts plus one prompt each of their own.
    ///
    ///     prompt 1: A right on all 9 (chosen 5s vs rejected 0s); B: chosen [5, 0, 5] vs 1s → row 1 wrong
    ///               flips: (1, 0), (1, 1), (1, 2) lost by B
    ///     prompt 2: A wrong on all (0s vs 1s); B right on cell (0, 0) only: chosen [2, 0, 0] vs [1, 3, 3]
    ///               flip: (0, 0) gained by B
    ///     prompt 3: identical for both → no flips
    @Test func flipsOfAConstructedPair() {
        let a = [Self.item(1, [5, 5, 5], [0, 0, 0]), Self.item(2, [0, 0, 0], [1, 1, 1]), Self.item(3, [1, 2, 3], [2, 2, 2]),
                 Self.item(9, [1, 1, 1], [0, 0, 0])]
        let b = [Self.item(3, [1, 2, 3], [2, 2, 2]), Self.item(2, [2, 0, 0], [1, 3, 3]), Self.item(1, [5, 0, 5], [1, 1, 1]),
                 Self.item(8, [0, 0, 0], [1, 1, 1])]
        let flips = Analyze.flips(a, b)
        #expect(flips.map { "\($0.key.id) \($0.row)\($0.column) \($0.lostByB ? "lost" : "gained")" }
            == ["1 10 lost", "1 11 lost", "1 12 lost", "2 00 gained"])
        let d = Analyze.pairedDifferences(a, b, resamples: 200, seed: 3)
        #expect(d.sharedPrompts == 3 && d.promptsA == 4 && d.promptsB == 4)
        // Cell (1, 0) on the 3 shared prompts: A right on prompts 1 and 3 (2 > 2? no → prompt 3: chosen 2 vs rejected 2: tie, wrong)
        // so A: prompt 1 only = 1/3; B: none = 0 → B − A = −1/3.
        let cell = d.entry(.cell(.chat, row: 1, column: 0))!
        #expect(cell.a == 1.0 / 3 && cell.b == 0)
        #expect(abs(cell.difference + 1.0 / 3) < 1e-15)
        // Overall Average equals the chat Average (one domain), and B − A is its difference.
        let average = d.entry(.overall(.average))!
        #expect(average.a == d.entry(.domain(.chat, .average))!.a)
        #expect(average.interval != nil)
        #expect(average.interval!.contains(average.difference) || average.interval!.lowerBound == average.interval!.upperBound)
    }

    @Test func identicalRunsHaveNoDifferenceAndZeroWidthIntervals() {
        let items = (0..<30).map { Self.item($0, [Double($0 % 3), 1, 2], [1, Double($0 % 5), 0]) }
        let d = Analyze.pairedDifferences(items, items, resamples: 100, seed: 1)
        #expect(d.entries.allSatisfy { $0.difference == 0 || $0.difference.isNaN })
        #expect(d.entries.allSatisfy { !$0.significant })
        #expect(Analyze.flips(items, items).isEmpty)
    }

    @Test func aClearImprovementIsSignificant() {
        let a = (0..<200).map { Self.item($0, [0, 0, 0], [1, 1, 1]) }
        let b = (0..<200).map { $0 % 4 == 0 ? Self.item($0, [0, 0, 0], [1, 1, 1]) : Self.item($0, [2, 2, 2], [1, 1, 1]) }
        let average = Analyze.pairedDifferences(a, b, resamples: 300, seed: 1).entry(.overall(.average))!
        #expect(average.difference == 0.75)
        #expect(average.significant)
    }
}
