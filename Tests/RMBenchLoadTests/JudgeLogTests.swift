import Foundation
import RMBenchCore
import Testing
@testable import RMBenchLoad

/// Tests/Fixtures/judges, found from this file's path.
enum JudgeFixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/judges")

    static func path(_ relative: String) -> String { directory.appendingPathComponent(relative).path }

    /// The three RM-R1 logs of the fixture, in rotation order.
    static let logs = (1...3).map { path("rm-r1/total_dataset_\($0)_judge-x.json") }
    static let reference = path("rm-r1/reference_total_dataset.json")

    /// A fresh empty folder, removed by the caller.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("judge-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// The problems `body` throws, as printed; [] (and an issue) when it does not throw.
func judgeProblems<T>(_ body: () throws(InputProblems) -> T) -> [String] {
    do throws(InputProblems) {
        _ = try body()
        Issue.record("expected problems, got a result")
        return []
    } catch {
        return error.problems.map(\.description)
    }
}

private let c = JudgeVerdict.chosenBetter, t = JudgeVerdict.tie, r = JudgeVerdict.rejectedBetter

@Suite("JudgeLogReader: RM-R1 rotation logs")
struct JudgeLogTests {
    /// The fixture's answer, written down when the fixture was made: M[i][j] is the judge's
    /// result for chosen style i against rejected style j (1 chosen, 0.5 tie, 0 rejected).
    /// File k holds result[i] = M[i][(i + k) mod 3] and rejected = the original rotated left by k.
    static let chatCells: [[JudgeVerdict]] = [[c, r, t], [c, c, r], [c, c, c]]
    static let safetyCells: [[JudgeVerdict]] = [[c, c, r], [t, r, c], [c, r, c]]
    /// Is_Chosen_Answer_Shuffled_toPositionB per cell, from the files' per-style flags.
    static let chatShownSecond: [[Bool]] = [[false, true, false], [false, true, true], [false, true, false]]
    static let safetyShownSecond: [[Bool]] = [[true, false, false], [false, false, true], [true, false, false]]

    static func check(_ run: JudgeRun) {
        #expect(run.model == "judge-x")
        #expect(run.items.map(\.key) == [ItemKey(label: "chat", id: .int(1)), ItemKey(label: "safety-refuse", id: .int(2))])
        #expect(run.items.map(\.domain) == [.chat, .safety])
        #expect(run.items.map(\.subset) == ["alpacaeval", "xstest-should-refuse"])
        guard run.items.count == 2 else { return }
        for (item, verdicts, shown) in [(run.items[0], chatCells, chatShownSecond), (run.items[1], safetyCells, safetyShownSecond)] {
            #expect(item.judgedCount == 9)
            for i in 0..<3 {
                for j in 0..<3 {
                    #expect(item[i, j] == VerdictCell(verdict: verdicts[i][j], swapped: nil, chosenShownSecond: shown[i][j]),
                            "item \(item.key) cell (\(i),\(j))")
                }
            }
        }
        #expect(run.sources.map(\.path) == JudgeFixtures.logs)
        #expect(run.sources.allSatisfy { $0.sha256.count == 64 && $0.timestamp == nil })
    }

    @Test func threeFilesRebuildAllNineCells() throws {
        Self.check(try JudgeLogReader.readRotations(paths: JudgeFixtures.logs, model: nil))
    }

    @Test func theOrderOfThePathsDoesNotMatter() throws {
        let logs = JudgeFixtures.logs
        Self.check(try JudgeLogReader.readRotations(paths: [logs[2], logs[0], logs[1]], model: nil))
    }

    @Test func aReferenceDatasetGivesTheSameRun() throws {
        Self.check(try JudgeLogReader.readRotations(paths: JudgeFixtures.logs, model: nil, references: [JudgeFixtures.reference]))
    }

    @Test func explicitRotationsAndModel() throws {
        let run = try JudgeLogReader.readRotations(paths: JudgeFixtures.logs, model: "RM-R1 test", rotations: [0, 1, 2])
        #expect(run.model == "RM-R1 test")
        #expect(run.items[0][0, 2]?.verdict == .tie)
    }

    @Test func cellMappingIsTheDocumentedRotation() {
        // result[i] of rotation k judges chosen i against rejected (i + k) mod 3.
        #expect((0..<3).map { JudgeLogReader.cell(rotation: 1, style: $0) }.map { [$0.chosen, $0.rejected] } == [[0, 1], [1, 2], [2, 0]])
        #expect((0..<3).map { JudgeLogReader.cell(rotation: 2, style: $0) }.map { [$0.chosen, $0.rejected] } == [[0, 2], [1, 0], [2, 1]])
        #expect(JudgeLogReader.rotation(fileName: "logs/total_dataset_3_RM-R1-Qwen2.5-Instruct-32B.json") == 2)
        #expect(JudgeLogReader.rotation(fileName: "total_dataset_4_x.json") == nil)
        #expect(JudgeLogReader.rotation(fileName: "total_dataset_x.json") == nil)
        #expect(JudgeLogReader.model(fileName: "a/b/total_dataset_2_RM-R1-Qwen2.5-Instruct-32B.json") == "RM-R1-Qwen2.5-Instruct-32B")
        #expect(JudgeLogReader.model(fileName: "total_dataset_1_judge_REWORD_MODEL.json") == "judge")
    }
}

// MARK: Wrong files

/// Log files written by the tests: one item per line, item n on line n + 2, column 1.
private struct LogWriter {
    let directory: URL

    struct Item {
        var id: Int
        var domain: String? = "chat"
        var rejected: [String]?
        var result: String = "[1, 0, 0.5]"
    }

    static func rotated(_ texts: [String], _ k: Int) -> [String] { Array(texts[k...] + texts[..<k]) }

    static let first = ["r0", "r1", "r2"], second = ["s0", "s1", "s2"]

    /// Two items whose rejected lists are the originals rotated by `k`.
    static func items(rotation k: Int) -> [Item] {
        [Item(id: 1, rejected: rotated(first, k)), Item(id: 2, rejected: rotated(second, k))]
    }

    func write(_ name: String, _ items: [Item]) throws -> String {
        var lines = ["["]
        for (n, item) in items.enumerated() {
            var fields = ["\"id\": \(item.id)"]
            if let domain = item.domain { fields.append("\"domain\": \"\(domain)\"") }
            fields.append("\"chosen\": [\"c0\", \"c1\", \"c2\"]")
            if let rejected = item.rejected { fields.append("\"rejected\": [\(rejected.map { "\"\($0)\"" }.joined(separator: ", "))]") }
            fields.append("\"result\": \(item.result)")
            lines.append("{" + fields.joined(separator: ", ") + "}" + (n + 1 < items.count ? "," : ""))
        }
        lines.append("]")
        let url = directory.appendingPathComponent(name)
        try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// The three files of a consistent run, named as RM-R1 names them.
    func standard(model: String = "m") throws -> [String] {
        try (0..<3).map { k in try write("total_dataset_\(k + 1)_\(model).json", Self.items(rotation: k)) }
    }
}

@Suite("JudgeLogReader: wrongly rotated and malformed logs")
struct JudgeLogErrorTests {
    private func withWriter(_ body: (LogWriter) throws -> Void) throws {
        let directory = try JudgeFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try body(LogWriter(directory: directory))
    }

    @Test func writtenFilesReadBack() throws {
        try withWriter { writer in
            let run = try JudgeLogReader.readRotations(paths: try writer.standard(), model: nil)
            #expect(run.model == "m" && run.items.count == 2)
            // result [1, 0, 0.5] in every file: style 0 always wins, style 1 loses, style 2 ties.
            #expect(run.items[0].cells.map { $0.map { $0?.verdict } } == [[c, c, c], [r, r, r], [t, t, t]])
        }
    }

    @Test func twoFilesWithTheSameRotation() throws {
        try withWriter { writer in
            // Names without RM-R1's numbers: the reference decides, and b is a copy of a's order.
            let a = try writer.write("judge-a.json", LogWriter.items(rotation: 0))
            let b = try writer.write("judge-b.json", LogWriter.items(rotation: 0))
            let third = try writer.write("judge-c.json", LogWriter.items(rotation: 2))
            let reference = try writer.write("reference.json", LogWriter.items(rotation: 0))
            #expect(judgeProblems { () throws(InputProblems) in
                try JudgeLogReader.readRotations(paths: [a, b, third], model: "m", references: [reference])
            } == [
                "\(b): has the same rotation (0) as judge-a.json; each of the rotations 0, 1 and 2 must come from one file",
                "\(a): no file has rotation 1 (RM-R1's total_dataset_2_…: chosen[i] vs rejected[(i + 1) mod 3]), so cells (0,1) (1,2) (2,0) would be missing",
            ])
        }
    }

    @Test func aFileNamedForOneRotationHoldingAnother() throws {
        try withWriter { writer in
            var paths = try writer.standard()
            // total_dataset_2 holds rotation 0's lists (a copy of file 1).
            paths[1] = try writer.write("total_dataset_2_m.json", LogWriter.items(rotation: 0))
            #expect(judgeProblems { () throws(InputProblems) in try JudgeLogReader.readRotations(paths: paths, model: nil) } == [
                "\(paths[1]): its name says rotation 1 (total_dataset_2_…), but its rejected responses are rotation 0 when compared with total_dataset_1_m.json (rotation 0)",
            ])
        }
    }

    @Test func aRejectedListThatIsNoRotation() throws {
        try withWriter { writer in
            var paths = try writer.standard()
            var items = LogWriter.items(rotation: 1)
            items[0].rejected = ["r1", "r0", "r2"]  // two texts swapped: no rotation gives this order
            paths[1] = try writer.write("total_dataset_2_m.json", items)
            #expect(judgeProblems { () throws(InputProblems) in try JudgeLogReader.readRotations(paths: paths, model: nil) } == [
                "\(paths[1]):2:1: item 0 (id 1, chat): its rejected responses are not a rotation of the order in total_dataset_1_m.json (rotation 0): no rotation 0, 1 or 2 maps one onto the other",
            ])
            // The same against a reference dataset.
            let reference = try writer.write("reference.json", LogWriter.items(rotation: 0))
            #expect(judgeProblems { () throws(InputProblems) in
                try JudgeLogReader.readRotations(paths: paths, model: nil, references: [reference])
            } == [
                "\(paths[1]):2:1: item 0 (id 1, chat): its rejected responses are not a rotation of the order in reference.json: no rotation 0, 1 or 2 maps one onto the other",
            ])
        }
    }

    @Test func itemsOfOneFileInDifferentRotations() throws {
        try withWriter { writer in
            var paths = try writer.standard()
            var items = LogWriter.items(rotation: 1)
            items[1].rejected = LogWriter.rotated(LogWriter.second, 2)
            paths[1] = try writer.write("total_dataset_2_m.json", items)
            #expect(judgeProblems { () throws(InputProblems) in try JudgeLogReader.readRotations(paths: paths, model: nil) } == [
                "\(paths[1]):3:1: item 1 (id 2, chat): its rejected responses are in rotation 2 (compared with the order in total_dataset_1_m.json (rotation 0)), but the file's other 1 item(s) are in rotation 1",
            ])
        }
    }

    @Test func aMissingRotation() throws {
        try withWriter { writer in
            let paths = try writer.standard()
            #expect(judgeProblems { () throws(InputProblems) in try JudgeLogReader.readRotations(paths: [paths[0], paths[2]], model: nil) } == [
                "\(paths[0]): no file has rotation 1 (RM-R1's total_dataset_2_…: chosen[i] vs rejected[(i + 1) mod 3]), so cells (0,1) (1,2) (2,0) would be missing",
            ])
        }
    }

    @Test func aRotationThatCannotBeEstablished() throws {
        try withWriter { writer in
            let paths = try (0..<3).map { k in try writer.write("run-\(k).json", LogWriter.items(rotation: k)) }
            #expect(judgeProblems { () throws(InputProblems) in try JudgeLogReader.readRotations(paths: paths, model: "m") } == paths.map {
                "\($0): cannot establish this file's rotation: its name does not carry RM-R1's number (total_dataset_1_…, total_dataset_2_…, total_dataset_3_…) and neither a reference dataset nor the rotations were given"
            })
            // One named file anchors the others: their rotations follow from the texts.
            let named = try writer.write("total_dataset_1_m.json", LogWriter.items(rotation: 0))
            let run = try JudgeLogReader.readRotations(paths: [paths[2], named, paths[1]], model: "m")
            #expect(run.sources.map(\.path) == [named, paths[1], paths[2]])
            // Texts that cannot tell rotations apart (all three rejected texts equal).
            var same = LogWriter.items(rotation: 0)
            for k in same.indices { same[k].rejected = ["x", "x", "x"] }
            let flat = try (0..<3).map { k in try writer.write("total_dataset_\(k + 1)_flat.json", same) }
            #expect(judgeProblems { () throws(InputProblems) in try JudgeLogReader.readRotations(paths: flat, model: nil) } == [1, 2].map {
                "\(flat[$0]): cannot establish this file's rotation from the texts: no item has rejected responses that tell the rotations apart (2 item(s) compared with the order in total_dataset_1_flat.json (rotation 0))"
            })
        }
    }

    @Test func filesWithoutTextsNeedExplicitRotations() throws {
        try withWriter { writer in
            let paths = try (0..<3).map { k in
                try writer.write("total_dataset_\(k + 1)_bare.json", [LogWriter.Item(id: 1, rejected: nil, result: k == 1 ? "[0, 0, 0]" : "[1, 1, 1]")])
            }
            #expect(judgeProblems { () throws(InputProblems) in try JudgeLogReader.readRotations(paths: paths, model: nil) } == paths.map {
                "\($0): 1 of 1 items have no \"rejected\" texts, so the file's rotation cannot be checked; pass the rotation of each file explicitly"
            })
            let run = try JudgeLogReader.readRotations(paths: paths, model: nil, rotations: [0, 1, 2])
            #expect(run.items[0].cells.map { $0.map { $0?.verdict } } == [[c, r, c], [c, c, r], [r, c, c]])
            #expect(judgeProblems { () throws(InputProblems) in try JudgeLogReader.readRotations(paths: paths, model: nil, rotations: [0, 1, 1]) } == [
                "\(paths[2]): has the same rotation (1) as total_dataset_2_bare.json; each of the rotations 0, 1 and 2 must come from one file",
                "\(paths[0]): no file has rotation 2 (RM-R1's total_dataset_3_…: chosen[i] vs rejected[(i + 2) mod 3]), so cells (0,2) (1,0) (2,1) would be missing",
            ])
            #expect(judgeProblems { () throws(InputProblems) in try JudgeLogReader.readRotations(paths: paths, model: nil, rotations: [0, 3]) } == [
                "\(paths[0]): 2 rotation(s) given for 3 file(s); give one rotation (0, 1 or 2) per file, in the order of the files",
                "\(paths[0]): rotation 3 given; a rotation is 0, 1 or 2",
            ])
        }
    }

    @Test func resultsMustBeThreeValuesInTheAllowedSet() throws {
        try withWriter { writer in
            var paths = try writer.standard()
            var items = LogWriter.items(rotation: 2)
            items[0].result = "[1, 0.7, 0]"
            items[1].result = "[1.0, 0.5]"
            paths[2] = try writer.write("total_dataset_3_m.json", items)
            let line2 = "{\"id\": 1, \"domain\": \"chat\", \"chosen\": [\"c0\", \"c1\", \"c2\"], \"rejected\": [\"r2\", \"r0\", \"r1\"], \"result\": "
            let column = line2.unicodeScalars.count + 1
            #expect(judgeProblems { () throws(InputProblems) in try JudgeLogReader.readRotations(paths: paths, model: nil) } == [
                "\(paths[2]):2:\(column): item 0 (id 1): \"result\" must be 3 values in {1, 0.5, 0} (1 = the judge preferred the chosen response, 0.5 = a tie, 0 = the rejected one), one per style, found [1, 0.7, 0]",
                "\(paths[2]):3:\(column): item 1 (id 2): \"result\" must be 3 values in {1, 0.5, 0} (1 = the judge preferred the chosen response, 0.5 = a tie, 0 = the rejected one), one per style, found [1.0, 0.5]",
            ])
        }
    }

    @Test func theFilesMustHoldTheSameItems() throws {
        try withWriter { writer in
            var paths = try writer.standard()
            paths[2] = try writer.write("total_dataset_3_m.json", [LogWriter.items(rotation: 2)[0]])
            #expect(judgeProblems { () throws(InputProblems) in try JudgeLogReader.readRotations(paths: paths, model: nil) } == [
                "\(paths[2]): 1 item(s) that other files hold are missing here: chat/2 (the first is in total_dataset_1_m.json); the files must hold the same items, one file per rotation",
            ])
        }
    }

    @Test func malformedItemsAndDifferentModels() throws {
        try withWriter { writer in
            var paths = try writer.standard()
            paths[0] = try writer.write("total_dataset_1_m.json", [
                LogWriter.Item(id: 1, domain: nil, rejected: LogWriter.first),
                LogWriter.Item(id: 1, rejected: ["only one"]),
                LogWriter.Item(id: 2, domain: "reasoning", rejected: LogWriter.second),
            ])
            let text = try String(contentsOfFile: paths[0], encoding: .utf8).split(separator: "\n").map(String.init)
            func column(_ line: String, _ field: String) -> Int { line.components(separatedBy: field)[0].unicodeScalars.count + field.unicodeScalars.count + 1 }
            #expect(judgeProblems { () throws(InputProblems) in try JudgeLogReader.readRotations(paths: paths, model: nil) } == [
                "\(paths[0]): 1 item(s), the first being item 0, have no \"domain\" field and the file name does not name a split (e.g. chat_filtered.json)",
                "\(paths[0]):3:\(column(text[2], "\"rejected\": ")): item 1 (id 1): \"rejected\" must be a list of 3 response texts (in this file's rotated order), found [\"only one\"]",
                "\(paths[0]):4:1: item 2 (id 2): unknown domain \"reasoning\": expected chat, math, code, safety-refuse or safety-response (matched by prefix, as RM-Bench does)",
            ])
            let other = try writer.write("total_dataset_2_other.json", LogWriter.items(rotation: 1))
            let standard = try writer.standard()
            #expect(judgeProblems { () throws(InputProblems) in try JudgeLogReader.readRotations(paths: [standard[0], other, standard[2]], model: nil) } == [
                "\(standard[0]): the file names give different models (\"m\", \"other\"); the three files must come from one judge, or pass the model name",
            ])
            let duplicate = try writer.write("total_dataset_1_m.json", LogWriter.items(rotation: 0) + [LogWriter.Item(id: 1, rejected: LogWriter.first)])
            #expect(judgeProblems { () throws(InputProblems) in try JudgeLogReader.readRotations(paths: [duplicate], model: nil) } == [
                "\(duplicate):4:1: item 2 (id 1): duplicate item: domain \"chat\" and id 1 were already used by item 0 at line 2; each (domain, id) may appear once",
            ])
            #expect(judgeProblems { () throws(InputProblems) in try JudgeLogReader.readRotations(paths: [], model: nil) } == [
                "(no files): no log files given; RM-R1's RM-Bench logs are three files, total_dataset_1_<model>.json, total_dataset_2_… and total_dataset_3_…",
            ])
        }
    }

    @Test func syntaxErrorsAndUnreadableFiles() throws {
        try withWriter { writer in
            let broken = writer.directory.appendingPathComponent("total_dataset_1_m.json")
            try "[\n{\"id\": 1, \"result\": [1, 1, 1]}\n{\"id\": 2}\n]\n".write(to: broken, atomically: true, encoding: .utf8)
            let missing = writer.directory.appendingPathComponent("total_dataset_2_m.json").path
            #expect(judgeProblems { () throws(InputProblems) in try JudgeLogReader.readRotations(paths: [broken.path, missing], model: nil) } == [
                "\(broken.path): 1 item(s), the first being item 0, have no \"domain\" field and the file name does not name a split (e.g. chat_filtered.json)",
                "\(broken.path):3:1: expected ',' or ']' after item 0, found '{'",
                "\(missing): cannot open the file: No such file or directory",
            ])
        }
    }
}
