import RMBenchCore
import RMBenchScore
import Testing

/// JSON integers a double cannot hold are compared exactly, as Python compares them, or the
/// file is refused naming the item — never silently turned into ties or "not finite".
@Suite("Integer scores")
struct IntegerScoreTests {
    static func line(_ chosen: String, _ rejected: String) -> String {
        #"[{"id": 7, "domain": "chat", "score_chosen": [\#(chosen), 1, 1], "score_rejected": [\#(rejected), 2, 2]}]"#
    }

    /// Python: 9007199254740993 > 9007199254740992 is True, so cell (0, 0) is right; as
    /// doubles both are 2^53 and it would be a tie, counted wrong.
    @Test func beyondTwoToThe53CountsAsRight() throws {
        let item = try #require(items(Self.line("9007199254740993", "9007199254740992")).first)
        #expect(item.chosen[0] > item.rejected[0])
        let score = Scorer.score(ModelRun(model: "m", type: .unknown, sources: [], items: [item]))
        #expect(score[.chat]?.score.matrix.counts[0][0] == 1)
        #expect(score[.chat]?.score.ties == 0)
        // The other comparisons keep their order: chosen 1 against rejected 2 is wrong.
        #expect(score[.chat]?.score.matrix.counts[1][1] == 0)
    }

    @Test func exactIntegerAgainstAFloat() throws {
        // 9007199254740993 > 9007199254740992.0 in Python too (int against float, exactly).
        let item = try #require(items(Self.line("9007199254740993", "9007199254740992.0")).first)
        #expect(item.chosen[0] > item.rejected[0])
        // Equal integers stay a tie.
        let tie = try #require(items(Self.line("9007199254740993", "9007199254740993")).first)
        #expect(tie.chosen[0] == tie.rejected[0])
        // The reverse order is kept too.
        let lower = try #require(items(Self.line("-9007199254740993", "-9007199254740992")).first)
        #expect(lower.chosen[0] < lower.rejected[0])
    }

    @Test func integersAboveTheLargestDoubleAreRefused() {
        let big = "1" + String(repeating: "0", count: 400)
        let below = String(repeating: "9", count: 400)
        let found = problems(Self.line(big, below))
        #expect(found.count == 2)
        #expect(found.first?.contains("item 0 (id 7): \"score_chosen\": score 1 is an integer of 401 digits, beyond ±2^63 and the largest double: a double cannot hold it exactly") == true)
    }

    @Test func ordinaryIntegersAreUntouched() throws {
        let item = try #require(items(Self.line("3", "-4")).first)
        #expect(item.chosen == StyleScores(3, 1, 1) && item.rejected == StyleScores(-4, 2, 2))
        let large = try #require(items(Self.line("9007199254740992", "4611686018427387904")).first)
        #expect(large.chosen[0] == 9007199254740992 && large.rejected[0] == 4611686018427387904)
    }
}
