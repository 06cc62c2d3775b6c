import Foundation
import Testing

/// `rmbench-site score` as a user runs it.
@Suite("score command")
struct ScoreCommandTests {
    static let length = Tool.repository.appendingPathComponent("Data/results/Baseline/baseline-length/baseline-length.json").path

    func json(_ arguments: [String]) throws -> [String: Any] {
        let output = try Tool.run(["score"] + arguments)
        #expect(output.status == 0, "\(output.stderr)")
        let document = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as! [String: Any]
        return (document["models"] as! [[String: Any]])[0]
    }

    @Test func intervalsAccompanyEveryMetricAndContainIt() throws {
        let model = try json([Self.length, "--bootstrap", "300", "--seed", "7"])
        for key in ["easy", "normal", "hard", "average"] {
            let value = try #require(model[key] as? Double)
            let interval = try #require(model[key + "_ci95"] as? [Double])
            #expect(interval.count == 2 && interval[0] <= value && value <= interval[1], "\(key)")
        }
        let chat = (model["domains"] as! [String: Any])["chat"] as! [String: Any]
        #expect((chat["matrix_ci95"] as? [[Any]])?.count == 3)
        #expect(chat["hard_ci95"] is [Double])
        // Same seed, same numbers; another seed, other numbers.
        let again = try json([Self.length, "--bootstrap", "300", "--seed", "7"])
        #expect(again["average_ci95"] as? [Double] == model["average_ci95"] as? [Double])
        let other = try json([Self.length, "--bootstrap", "300", "--seed", "8"])
        #expect(other["average_ci95"] as? [Double] != model["average_ci95"] as? [Double])
    }

    @Test func bootstrapZeroTurnsIntervalsOff() throws {
        let model = try json([Self.length, "--bootstrap", "0"])
        #expect(model["average_ci95"] == nil)
        #expect(model["average"] as? Double == 0.45250721138599753)
    }

    @Test func badFilesExitWithTwoAndSayWhere() throws {
        let folder = temporaryDirectory()
        let file = folder.appendingPathComponent("bad.json")
        try #"[{"id": 1, "domain": "chat", "score_chosen": [1, 2, "x"], "score_rejected": [0, 0, 0]}]"#.write(to: file, atomically: true, encoding: .utf8)
        let output = try Tool.run(["score", file.path])
        #expect(output.status == 2)
        #expect(output.stdout.isEmpty)
        #expect(output.stderr == "error: \(file.path):1:46: item 0 (id 1): \"score_chosen\" must hold 3 numbers, one per style (concise, detailed plain, detailed markdown), or 3 one-element lists; found a list of 3 with a string at position 3\n")
    }

    @Test func markdownAndCSVFormats() throws {
        let markdown = try Tool.run(["score", Self.length, "--format", "markdown", "--bootstrap", "0"])
        #expect(markdown.stdout.contains("| 1 | baseline-length † | Baseline | 37.4 | – | 51.6 | 46.8 | 83.7 | 39.4 | 12.7 | 45.3 | recomputed |"))
        let csv = try Tool.run(["score", Self.length, "--format", "csv", "--bootstrap", "0"])
        let lines = csv.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[1].hasPrefix("baseline-length,baseline,recomputed,,false,math,798,"))
    }
}
