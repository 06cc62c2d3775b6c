import Foundation
import RMBenchCore
import RMBenchLoad
import RMBenchScore
import Testing

/// Tests/Fixtures/judges, found from this file's path.
private let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/judges")

@Suite("VerdictMatrix")
struct VerdictMatrixTests {
    /// Tests/Fixtures/judges/pairwise-judge.jsonl, counted by hand:
    /// chat (items 1 and 2; item 2 has no (1,2) verdict)
    ///   verdicts       item 1                 item 2
    ///   (0,0)  chosen / swapped chosen     chosen
    ///   (0,1)  tie / swapped rejected      chosen / swapped chosen
    ///   (0,2)  rejected / swapped rejected tie
    ///   (1,0)  chosen / swapped tie        rejected
    ///   (1,1)  chosen                      tie / swapped tie
    ///   (1,2)  tie / swapped tie           —
    ///   (2,0)  chosen / swapped chosen     chosen
    ///   (2,1)  chosen / swapped null       chosen / swapped rejected
    ///   (2,2)  rejected / swapped chosen   chosen
    /// wins [[2,1,0],[1,1,0],[2,2,1]], ties [[0,1,1],[0,1,1],[0,0,0]], 1 missing;
    /// both orders 7 + 3 = 10, surviving 4 + 2 = 6.
    /// math (item m5): all chosen but a tie at (0,2); (0,0) swapped to rejected: 1 both, 0 survive.
    @Test func pairwiseFixtureByHand() throws {
        let run = try PairwiseVerdictReader.read(path: fixtures.appendingPathComponent("pairwise-judge.jsonl").path)
        #expect(run.model == "pairwise-judge")
        #expect(run.items.map(\.key.description) == ["chat/1", "chat/2", "math/m5"])
        #expect(run.items.map(\.subset) == ["alpacaeval", nil, nil])
        #expect(run.items[0][0, 1] == VerdictCell(verdict: .tie, swapped: .rejectedBetter))
        #expect(run.items[0][2, 1] == VerdictCell(verdict: .chosenBetter, swapped: nil))
        #expect(run.items[1][1, 2] == nil && run.items[1].judgedCount == 8)

        let score = VerdictScorer.score(run)
        #expect(score.domains.map(\.domain) == [.chat, .math])
        let chat = try #require(score[.chat]).matrix
        #expect(chat.samples == 2)
        #expect(chat.wins == [[2, 1, 0], [1, 1, 0], [2, 2, 1]])
        #expect(chat.ties == [[0, 1, 1], [0, 1, 1], [0, 0, 0]])
        #expect(chat.missing == [[0, 0, 0], [0, 0, 1], [0, 0, 0]])
        #expect(chat.tieCount == 4 && chat.missingCount == 1 && chat.judgedCount == 17 && !chat.isComplete)
        #expect(chat.bothOrders == 10 && chat.consistent == 6 && chat.orderConsistency == 0.6)
        // Strict: wins / 2.
        #expect(chat.strict.fractions == [[1, 0.5, 0], [0.5, 0.5, 0], [1, 1, 0.5]])
        #expect(chat.strict.hard == 0.16666666666666666)
        #expect(chat.strict.normal == 0.6666666666666666)
        #expect(chat.strict.easy == 0.8333333333333334)
        #expect(chat.strict.average == 0.5555555555555555)
        // Half credit: (2 wins + ties) / 4.
        #expect(chat.halfCredit.doubledCounts == [[4, 3, 1], [2, 3, 1], [4, 4, 2]])
        #expect(chat.halfCredit.fractions == [[1, 0.75, 0.25], [0.5, 0.75, 0.25], [1, 1, 0.5]])
        #expect(chat.halfCredit.credit(0, 1) == 1.5)
        #expect(chat.halfCredit.hard == 0.4166666666666667)
        #expect(chat.halfCredit.normal == 0.75)
        #expect(chat.halfCredit.easy == 0.8333333333333334)
        #expect(chat.halfCredit.average == 0.6666666666666666)

        let math = try #require(score[.math]).matrix
        #expect(math.samples == 1 && math.wins == [[1, 1, 0], [1, 1, 1], [1, 1, 1]] && math.tieCount == 1 && math.isComplete)
        #expect(math.bothOrders == 1 && math.consistent == 0 && math.orderConsistency == 0)
        #expect([math.strict.hard, math.strict.normal, math.strict.easy, math.strict.average] == [0.6666666666666666, 1, 1, 0.8888888888888888])
        #expect([math.halfCredit.hard, math.halfCredit.average] == [0.8333333333333334, 0.9444444444444445])

        // Overall: means over the two domains present.
        #expect([score.strictHard, score.strictNormal, score.strictEasy, score.strictAverage]
                == [0.41666666666666663, 0.8333333333333333, 0.9166666666666667, 0.7222222222222221])
        #expect([score.halfCreditHard, score.halfCreditNormal, score.halfCreditEasy, score.halfCreditAverage]
                == [0.625, 0.875, 0.9166666666666667, 0.8055555555555556])
        #expect(score.samples == 3 && score.ties == 5 && score.missingComparisons == 1)
        #expect(score.orderConsistency == 6.0 / 11.0)
        #expect(score.missingDomains == [.code, .safety])
        // The label "chat" is the domain itself; the subset is a subgroup.
        #expect(score[.chat]!.subgroups.map(\.name) == ["alpacaeval"])
        #expect(score[.chat]!.subgroups[0].matrix.samples == 1)
    }

    /// The RM-R1 rotation fixture (see JudgeLogTests): chat M = [[1,0,.5],[1,1,0],[1,1,1]],
    /// safety M = [[1,1,0],[.5,0,1],[1,0,1]], one prompt each.
    @Test func rotationFixtureByHand() throws {
        let logs = (1...3).map { fixtures.appendingPathComponent("rm-r1/total_dataset_\($0)_judge-x.json").path }
        let score = VerdictScorer.score(try JudgeLogReader.readRotations(paths: logs, model: nil))
        let chat = try #require(score[.chat]).matrix
        let safety = try #require(score[.safety]).matrix
        #expect(chat.wins == [[1, 0, 0], [1, 1, 0], [1, 1, 1]] && chat.ties == [[0, 0, 1], [0, 0, 0], [0, 0, 0]])
        #expect(safety.wins == [[1, 1, 0], [0, 0, 1], [1, 0, 1]] && safety.ties == [[0, 0, 0], [1, 0, 0], [0, 0, 0]])
        #expect([chat.strict.hard, chat.strict.normal, chat.strict.easy, chat.strict.average] == [0, 1, 1, 0.6666666666666666])
        #expect([chat.halfCredit.hard, chat.halfCredit.average] == [0.16666666666666666, 0.7222222222222223])
        #expect([safety.strict.hard, safety.strict.normal, safety.strict.easy, safety.strict.average]
                == [0.6666666666666666, 0.6666666666666666, 0.3333333333333333, 0.5555555555555555])
        #expect([safety.halfCredit.easy, safety.halfCredit.average] == [0.5, 0.611111111111111])
        #expect([score.strictHard, score.strictNormal, score.strictEasy, score.strictAverage]
                == [0.3333333333333333, 0.8333333333333333, 0.6666666666666666, 0.611111111111111])
        #expect([score.halfCreditHard, score.halfCreditNormal, score.halfCreditEasy, score.halfCreditAverage]
                == [0.41666666666666663, 0.8333333333333333, 0.75, 0.6666666666666667])
        #expect(score.orderConsistency == nil && chat.bothOrders == 0)
        // The label safety-refuse is the whole safety domain here, and a subgroup by name.
        #expect(score[.safety]!.subgroups.map(\.name) == ["safety-refuse", "xstest-should-refuse"])

        // As a ModelScore, the strict counts are an ordinary style matrix.
        let model = score.strictModelScore()
        #expect(model.type == .generative && model.domains.map(\.domain) == [.chat, .safety])
        #expect(model[.chat]!.score.matrix == chat.strict && model[.chat]!.score.ties == 1)
        #expect(model.average == score.strictAverage)
    }

    @Test func halfCreditEqualsNumpysSumOfHalves() {
        // RM-R1 adds 1 / 0.5 / 0 as floats and divides by the prompt count.
        for samples in [1, 3, 7, 129, 441, 529] {
            for wins in stride(from: 0, through: samples, by: max(1, samples / 5)) {
                for ties in stride(from: 0, through: samples - wins, by: max(1, samples / 7)) {
                    var sum = 0.0
                    for _ in 0..<wins { sum += 1 }
                    for _ in 0..<ties { sum += 0.5 }
                    let matrix = HalfCreditMatrix(doubledCounts: Array(repeating: Array(repeating: 2 * wins + ties, count: 3), count: 3), samples: samples)
                    #expect(matrix.fraction(0, 1) == sum / Double(samples))
                }
            }
        }
    }

    @Test func emptyAndMerged() {
        var a = VerdictMatrix()
        #expect(a.strict.hard.isNaN && a.halfCredit.average.isNaN && a.orderConsistency == nil && a.isComplete)
        var item = JudgedItem(key: ItemKey(label: "code", id: .int(1)), domain: .code)
        item[0, 0] = VerdictCell(verdict: .tie, swapped: .tie)
        a.add(item)
        var b = VerdictMatrix()
        b.add(item)
        b.merge(a)
        #expect(b.samples == 2 && b.ties[0][0] == 2 && b.missingCount == 16 && b.consistent == 2 && b.judgedCount == 2)
    }
}

// MARK: JudgeBench

/// Real JudgeBench judgments (ScalerLab, gpt-4o response pairs) converted to our pairwise
/// format, read back, and scored; the counts are checked against a direct tally of the raw
/// judgments. JudgeBench has one comparison per pair, so the test packs pairs into RM-Bench
/// shaped items: within each source bucket, pair n fills item n / 9, cell ((n mod 9) / 3,
/// n mod 3); the last item of a bucket is partial (missing cells). Buckets are named after
/// RM-Bench domains only to fit the format: knowledge (mmlu-pro) → chat, reasoning →
/// safety-refuse, math → math, code → code.
@Suite("VerdictMatrix on real JudgeBench judgments", .enabled(if: SharedData.available, SharedData.skipReason))
struct VerdictMatrixJudgeBenchTests {
    static let folder = "ScalerLab-JudgeBench/outputs/"

    static func bucket(_ source: String) -> String {
        if source.hasPrefix("mmlu-pro") { return "chat" }
        if source.hasPrefix("livebench-reasoning") { return "safety-refuse" }
        if source.hasPrefix("livebench-math") { return "math" }
        return "code"
    }

    /// One line of a JudgeBench output file, as far as the test needs it. Read with
    /// JSONDecoder: JSONSerialization on Linux misreads some doubles by an ulp or two.
    struct Pair: Decodable {
        var source: String
        var label: String
        var judgments: [Judgment]

        var bucket: String { VerdictMatrixJudgeBenchTests.bucket(source) }
    }

    struct Judgment: Decodable {
        struct Inner: Decodable {
            var scores: [Double]?
        }
        var judgment: Inner
        var decision: String?
    }

    static func pairs(_ file: String) throws -> [Pair] {
        let text = try String(contentsOf: SharedData.url(folder + file), encoding: .utf8)
        return try text.split(separator: "\n").map { line in try JSONDecoder().decode(Pair.self, from: Data(line.utf8)) }
    }

    /// Who won a judgment, by position: "A", "B" or "tie". Reward models: from the scores
    /// (equal scores are a tie; JudgeBench's own decision calls them B>A). Judges: the decision.
    static func positionalWinner(_ judgment: Judgment) throws -> String {
        if let scores = judgment.judgment.scores {
            return scores[0] > scores[1] ? "A" : scores[0] < scores[1] ? "B" : "tie"
        }
        switch try #require(judgment.decision) {
        case "A>B", "A>>B": return "A"
        case "B>A", "B>>A": return "B"
        case "A=B": return "tie"
        case let other:
            Issue.record("unexpected decision \(other)")
            return "tie"
        }
    }

    /// Our pairwise file for a JudgeBench output file.
    static func pairwiseLines(_ pairs: [Pair]) throws -> String {
        var counters: [String: Int] = [:]
        var lines: [String] = []
        for pair in pairs {
            let n = counters[pair.bucket, default: 0]
            counters[pair.bucket] = n + 1
            let chosenIsA = pair.label == "A>B"
            // First judgment: response_A shown first. Second: the positions exchanged.
            func verdict(_ winner: String, chosenPosition: String) -> String {
                winner == "tie" ? "tie" : winner == chosenPosition ? "chosen" : "rejected"
            }
            let first = verdict(try positionalWinner(pair.judgments[0]), chosenPosition: chosenIsA ? "A" : "B")
            let second = verdict(try positionalWinner(pair.judgments[1]), chosenPosition: chosenIsA ? "B" : "A")
            lines.append("{\"id\": \(n / 9), \"domain\": \"\(pair.bucket)\", \"chosen_style\": \(n % 9 / 3), \"rejected_style\": \(n % 3), \"verdict\": \"\(first)\", \"swapped_verdict\": \"\(second)\"}")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Counts straight from the raw judgments, without chosen/rejected mapping.
    struct Tally {
        var wins = Array(repeating: [0, 0, 0], count: 3)
        var ties = Array(repeating: [0, 0, 0], count: 3)
        var pairs = 0
        var consistent = 0
    }

    static func tally(_ pairs: [Pair]) throws -> [String: Tally] {
        var tallies: [String: Tally] = [:]
        for pair in pairs {
            var entry = tallies[pair.bucket, default: Tally()]
            let n = entry.pairs
            entry.pairs += 1
            let correct: Bool, tie: Bool, same: Bool
            if let s0 = pair.judgments[0].judgment.scores, let s1 = pair.judgments[1].judgment.scores {
                correct = pair.label == "A>B" ? s0[0] > s0[1] : s0[1] > s0[0]
                tie = s0[0] == s0[1]
                // The swapped showing scores (B, A): the same preference means the same sign.
                same = (s0[0] - s0[1]).sign == (s1[1] - s1[0]).sign && (s0[0] == s0[1]) == (s1[0] == s1[1])
            } else {
                let d0 = try #require(pair.judgments[0].decision)
                let d1 = try #require(pair.judgments[1].decision)
                correct = d0 == pair.label
                tie = d0 == "A=B"
                let flipped = ["A>B": "B>A", "B>A": "A>B", "A=B": "A=B"]
                same = flipped[d0] == d1
            }
            if correct { entry.wins[n % 9 / 3][n % 3] += 1 }
            if tie { entry.ties[n % 9 / 3][n % 3] += 1 }
            if same { entry.consistent += 1 }
            tallies[pair.bucket] = entry
        }
        return tallies
    }

    @Test(arguments: [
        "gpt-4o-2024-05-13__arena_hard__o1-mini-2024-09-12.jsonl",
        "gpt-4o-2024-05-13__reward_model__Skywork_Skywork-Reward-Gemma-2-27B.jsonl",
        "gpt-4o-2024-05-13__reward_model__Skywork_Skywork-Reward-Llama-3.1-8B.jsonl",
        "gpt-4o-2024-05-13__reward_model__internlm_internlm2-7b-reward.jsonl",
    ])
    func convertedJudgmentsMatchADirectTally(file: String) throws {
        let pairs = try Self.pairs(file)
        #expect(pairs.count == 350)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("judgebench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent(file).path
        try Self.pairwiseLines(pairs).write(toFile: path, atomically: true, encoding: .utf8)

        let score = VerdictScorer.score(try PairwiseVerdictReader.read(path: path))
        let tallies = try Self.tally(pairs)
        #expect(score.domains.map(\.domain) == [.chat, .math, .code, .safety])
        for domain in score.domains {
            let label = domain.domain == .safety ? "safety-refuse" : domain.domain.rawValue
            let expected = try #require(tallies[label])
            let matrix = domain.matrix
            let samples = (expected.pairs + 8) / 9
            #expect(matrix.samples == samples, "\(label)")
            #expect(matrix.wins == expected.wins, "\(label)")
            #expect(matrix.ties == expected.ties, "\(label)")
            #expect(matrix.missingCount == 9 * samples - expected.pairs, "\(label)")
            #expect(matrix.bothOrders == expected.pairs && matrix.consistent == expected.consistent, "\(label)")
            #expect(matrix.strict.hard == ((Double(expected.wins[0][1]) / Double(samples) + Double(expected.wins[0][2]) / Double(samples))
                                           + Double(expected.wins[1][2]) / Double(samples)) / 3.0)
            let doubled = 2 * expected.wins[2][0] + expected.ties[2][0]
            #expect(matrix.halfCredit.fraction(2, 0) == Double(doubled) / Double(2 * samples))
        }
        // Bucket sizes 154 / 56 / 42 / 98: the last items miss 8, 7, 3 and 1 comparisons.
        #expect(score.domains.map(\.matrix.missingCount) == [8, 7, 3, 1])
        #expect(score.missingComparisons == 19)
    }

    /// Facts read off the files by hand (Python over the raw JSON Lines).
    @Test func knownTiesAndConsistency() throws {
        func score(_ file: String) throws -> JudgeScore {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("judgebench-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let path = directory.appendingPathComponent("judge.jsonl").path
            try Self.pairwiseLines(try Self.pairs(file)).write(toFile: path, atomically: true, encoding: .utf8)
            return VerdictScorer.score(try PairwiseVerdictReader.read(path: path))
        }
        // o1-mini: A=B first in 12 + 10 + 5 = 27 pairs; the verdict survives swapping in
        // 121 + 114 + 5 = 240 of 350 pairs.
        let o1 = try score("gpt-4o-2024-05-13__arena_hard__o1-mini-2024-09-12.jsonl")
        #expect(o1.ties == 27)
        #expect(o1.orderConsistency == 240.0 / 350.0)
        // Skywork-Reward-Gemma-2-27B: 3 pairs with exactly equal scores; a reward model's
        // swapped scores are the same numbers, so every verdict survives swapping.
        let gemma = try score("gpt-4o-2024-05-13__reward_model__Skywork_Skywork-Reward-Gemma-2-27B.jsonl")
        #expect(gemma.ties == 3 && gemma.orderConsistency == 1)
        let llama = try score("gpt-4o-2024-05-13__reward_model__Skywork_Skywork-Reward-Llama-3.1-8B.jsonl")
        #expect(llama.ties == 1 && llama.orderConsistency == 1)
    }
}
