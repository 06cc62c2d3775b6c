import Foundation
import RMBenchCore
import RMBenchLoad
import RMBenchScore
import Testing

/// Scores the real RM-Bench splits with a deterministic test scorer, writes them the way
/// run_rm.py does (`json.dump(indent=4, ensure_ascii=False)`, texts included), and checks the
/// reader and scorer against a plain computation done here, and against numpy.
@Suite("Real RM-Bench splits", .enabled(if: SharedData.available, SharedData.skipReason))
struct RealDataTests {
    static let splits = [
        ("chat_filtered.json", "chat"), ("code_filtered.json", "code"),
        ("safety-refuse_filtered.json", "safety-refuse"), ("safety-response_filtered.json", "safety-response"),
        ("hggzjx-RewardAuditor/datasets/math_filtered_prompt_disturbance.json", "math"),
    ]

    struct TestItem {
        var label: String
        var id: Int
        var subset: String
        var texts: [String]  // 3 chosen then 3 rejected (math repeats its single concise text)
        var chosen: [Double]
        var rejected: [Double]
    }

    /// A test scorer: a hash of the text and style, coarse enough to make real ties, with a
    /// NaN now and then.
    static func testScore(_ text: String, slot: Int) -> Double {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        hash = (hash ^ UInt64(slot)) &* 0x100_0000_01b3
        if hash % 997 == 0 { return .nan }
        return Double(hash % 41) / 8 - 2.5
    }

    static func loadItems() throws -> [TestItem] {
        var items: [TestItem] = []
        for (file, label) in splits {
            let data = try Data(contentsOf: SharedData.url(file))
            let list = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
            for object in list {
                func texts(_ key: String) -> [String] {
                    if let many = object[key] as? [String] { return many }
                    let one = object[key] as? String ?? ""
                    return [one, one, one]
                }
                let all = texts("chosen") + texts("rejected")
                let scores = all.enumerated().map { testScore($1, slot: $0) }
                items.append(TestItem(
                    label: label, id: try #require(object["id"] as? Int), subset: object["subset"] as? String ?? "",
                    texts: all, chosen: Array(scores[0..<3]), rejected: Array(scores[3..<6])))
            }
        }
        return items
    }

    /// The result file as Python's json.dump(indent=4, ensure_ascii=False) writes it.
    static func resultFile(_ items: [TestItem]) -> String {
        func string(_ text: String) -> String {
            var out = "\""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                default:
                    if scalar.value < 0x20 {
                        out += String(format: "\\u%04x", scalar.value)
                    } else {
                        out.unicodeScalars.append(scalar)
                    }
                }
            }
            return out + "\""
        }
        func number(_ value: Double) -> String { value.isNaN ? "NaN" : "\(value)" }
        func list(_ values: [String], indent: String) -> String {
            "[\n" + values.map { indent + "    " + $0 }.joined(separator: ",\n") + "\n" + indent + "]"
        }
        var out = "[\n"
        for (k, item) in items.enumerated() {
            let fields = [
                "\"id\": \(item.id)",
                "\"domain\": \(string(item.label))",
                "\"subset\": \(string(item.subset))",
                "\"chosen\": " + list(item.texts[0..<3].map(string), indent: "        "),
                "\"rejected\": " + list(item.texts[3..<6].map(string), indent: "        "),
                "\"score_chosen\": " + list(item.chosen.map(number), indent: "        "),
                "\"score_rejected\": " + list(item.rejected.map(number), indent: "        "),
            ]
            out += "    {\n" + fields.map { "        " + $0 }.joined(separator: ",\n") + "\n    }"
            out += k == items.count - 1 ? "\n" : ",\n"
        }
        return out + "]"
    }

    @Test func readerAndScorerAgreeWithAPlainComputation() throws {
        let items = try Self.loadItems()
        #expect(items.count == 1327)
        let text = Self.resultFile(items)
        let run = try ResultReader.parse(Array(text.utf8), path: "results/Seq_Classifier/test-rm/total_dataset_test-rm_REWORD_MODEL_20250101_000000.json",
                                         options: ResultReadOptions(measureResponses: true))
        #expect(run.model == "test-rm")
        #expect(run.items.count == 1327)
        // Every score read back bit for bit.
        for (read, written) in zip(run.items, items) {
            #expect(read.key == ItemKey(label: written.label, id: .int(Int64(written.id))))
            #expect(read.chosen == StyleScores(written.chosen[0], written.chosen[1], written.chosen[2]))
            #expect(read.rejected == StyleScores(written.rejected[0], written.rejected[1], written.rejected[2]))
            #expect(read.chosenFeatures[1]?.characters == written.texts[1].unicodeScalars.count)
        }
        let model = Scorer.score(run)
        #expect(model.isComplete)
        #expect(model.domains.map(\.score.samples) == [129, 529, 228, 441])
        var nanScores = 0
        for domain in Domain.allCases {
            let group = items.filter { Domain(label: $0.label) == domain }
            var counts = [[Int]](repeating: [0, 0, 0], count: 3)
            var ties = 0
            for item in group {
                for i in 0..<3 {
                    for j in 0..<3 {
                        if item.chosen[i] > item.rejected[j] { counts[i][j] += 1 }
                        if item.chosen[i] == item.rejected[j] { ties += 1 }
                    }
                }
                nanScores += (item.chosen + item.rejected).filter(\.isNaN).count
            }
            let score = try #require(model[domain]).score
            #expect(score.matrix.counts == counts, "\(domain)")
            #expect(score.ties == ties, "\(domain)")
            let n = Double(group.count)
            let hard = Double(counts[0][1] + counts[0][2] + counts[1][2]) / (3 * n)
            #expect(abs(score.hard - hard) < 1e-12)
        }
        #expect(model.nonFiniteScores == nanScores)
        #expect(nanScores > 0, "the fixture should exercise NaN")
        #expect(model.ties > 0, "the fixture should exercise ties")
    }

    /// Bit-for-bit agreement with the official formulas run by numpy on the same file.
    @Test(.enabled(if: PythonReference.available, "python3 with numpy not found: numpy cross-check skipped"))
    func bitForBitWithNumpy() throws {
        let items = try Self.loadItems()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("rmbench-real-\(UUID().uuidString).json")
        try Self.resultFile(items).write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let model = Scorer.score(try ResultReader.read(path: file.path))
        let reference = try PythonReference.scores(file: file)
        for domain in model.domains {
            let official = try #require(reference[domain.domain.rawValue])
            #expect(official["hard_acc"] == domain.score.hard.description)
            #expect(official["normal_acc"] == domain.score.normal.description)
            #expect(official["easy_acc"] == domain.score.easy.description)
            #expect(official["avg"] == domain.score.average.description)
        }
        let overall = try #require(reference["overall"])
        #expect(overall["hard_acc"] == model.hard.description)
        #expect(overall["normal_acc"] == model.normal.description)
        #expect(overall["easy_acc"] == model.easy.description)
        #expect(overall["total_avg_acc"] == model.average.description)
    }
}

/// Runs Tests/Tools/official_scores.py (numpy) and reads its repr() strings.
enum PythonReference {
    static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Tools/official_scores.py")

    static let available: Bool = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import numpy"]
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
            process.waitUntilExit()
            return process.terminationStatus == 0
        } catch {
            return false
        }
    }()

    static func scores(file: URL) throws -> [String: [String: String]] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return try JSONDecoder().decode([String: [String: String]].self, from: data)
    }
}
