import Foundation
import RMBenchCore
import Testing
@testable import RMBenchLoad

/// The hostile input corpus: `Tests/Fixtures/hostile/<name>.<ext>`, each with `<name>.expected`
/// holding exactly what the reader must say, one problem per line (`file:place: message`, the
/// file named as `Tests/Fixtures/hostile/<name>.<ext>`), or for an accepted input a description
/// of what must be counted (`accepted`, `items: N`, `non-finite scores: K`, or `rows: N`).
///
/// Which reader: `.json` / `.jsonl` → `ResultReader` (measuring responses, as `build` does),
/// `published-*.csv` → `PublishedReader`, `external-*.csv` → `ExternalMetricsReader`.
/// After a deliberate change of a message, `HOSTILE_RECORD=1 swift test --filter Hostile`
/// rewrites the `.expected` files; review the diff.
///
/// Inputs too big or too deep to commit (a 0-byte file from disk, 10,000 and 1,000,000 levels
/// of nesting, a 100 MB string) are generated below at run time.
@Suite("Hostile corpus")
struct HostileCorpusTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/hostile")
    static let shownFolder = "Tests/Fixtures/hostile"

    static let inputs: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasSuffix(".expected") && !$0.hasPrefix(".") }.sorted()
    }()

    /// What a reader says about `bytes`: its problems, or what it accepted.
    static func outcome(_ name: String, _ bytes: [UInt8], measureResponses: Bool = true) -> [String] {
        let path = "\(shownFolder)/\(name)"
        do throws(InputProblems) {
            if name.hasPrefix("published-") {
                return ["accepted", "rows: \(try PublishedReader.parse(bytes, path: path).count)"]
            } else if name.hasPrefix("external-") {
                return ["accepted", "rows: \(try ExternalMetricsReader.parse(bytes, path: path).models.count)"]
            }
            let items = try ResultReader.parseItems(bytes, path: path, options: ResultReadOptions(measureResponses: measureResponses))
            let scores = items.flatMap { $0.chosen.array + $0.rejected.array }
            return ["accepted", "items: \(items.count)", "non-finite scores: \(scores.filter { !$0.isFinite }.count)"]
        } catch {
            return error.problems.map(\.description)
        }
    }

    @Test func theCorpusIsThere() throws {
        #expect(Self.inputs.count >= 40, "found \(Self.inputs.count) hostile inputs in \(Self.folder.path)")
        // One expectation per input: no two inputs share a stem.
        let stems = Self.inputs.map { ($0 as NSString).deletingPathExtension }
        #expect(Set(stems).count == stems.count, "two inputs share a stem, so an .expected file")
        // Every expectation belongs to an input.
        let all = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path)
        for expected in all where expected.hasSuffix(".expected") {
            let stem = String(expected.dropLast(".expected".count))
            #expect(Self.inputs.contains { ($0 as NSString).deletingPathExtension == stem }, "\(expected) has no input")
        }
        // Committed fixtures stay small; huge and deep ones are generated below.
        for name in Self.inputs {
            let size = try FileManager.default.attributesOfItem(atPath: Self.folder.appendingPathComponent(name).path)[.size] as? Int ?? 0
            #expect(size < 64 * 1024, "\(name) is \(size) bytes")
        }
    }

    @Test(arguments: inputs)
    func readerSaysExactlyWhatIsExpected(_ name: String) throws {
        let input = Self.folder.appendingPathComponent(name)
        let expectedFile = Self.folder.appendingPathComponent((name as NSString).deletingPathExtension + ".expected")
        let actual = Self.outcome(name, Array(try Data(contentsOf: input)))
        if ProcessInfo.processInfo.environment["HOSTILE_RECORD"] == "1" {
            try (actual.joined(separator: "\n") + "\n").write(to: expectedFile, atomically: true, encoding: .utf8)
        }
        let expectedText = try String(contentsOf: expectedFile, encoding: .utf8)
        let expected = expectedText.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        #expect(actual == expected, "\(name):\n\(actual.joined(separator: "\n"))")
        // Every problem names the file and a place in it (line:column, a line, or the file).
        if actual.first != "accepted" {
            #expect(!actual.isEmpty)
            for line in actual {
                #expect(line.hasPrefix("\(Self.shownFolder)/\(name)"), "\(line)")
            }
        }
    }

    /// `score` reads without measuring responses; syntax and encoding checks must not depend
    /// on that. (The `*_stats` / `*_attributes` fields are only read when measuring.)
    @Test(arguments: inputs.filter { $0.hasSuffix(".json") || $0.hasSuffix(".jsonl") })
    func sameVerdictWithoutMeasuringResponses(_ name: String) throws {
        let bytes = Array(try Data(contentsOf: Self.folder.appendingPathComponent(name)))
        let measured = Self.outcome(name, bytes, measureResponses: true)
        let unmeasured = Self.outcome(name, bytes, measureResponses: false)
        if name.hasPrefix("stats-") || name.hasPrefix("attributes-") {
            #expect(unmeasured.first == "accepted")
        } else {
            #expect(unmeasured == measured)
        }
    }

    // MARK: Generated inputs

    @Test func zeroByteFileOnDisk() throws {
        let path = temporaryFile("empty.json", [])
        #expect(throws: InputProblems.self) { try ResultReader.read(path: path) }
        do {
            _ = try ResultReader.read(path: path)
        } catch {
            #expect(error.problems.map(\.description) == ["\(path): the file is empty; expected a JSON list of result items or JSON Lines"])
        }
    }

    /// Nesting is walked with an explicit stack: no depth overflows the call stack.
    @Test(arguments: [10_000, 1_000_000])
    func deepNesting(_ depth: Int) {
        let open = String(repeating: "[", count: depth), close = String(repeating: "]", count: depth)
        let objects = String(repeating: #"{"a":"#, count: depth) + "1" + String(repeating: "}", count: depth)
        func item(_ id: Int, _ field: String) -> String {
            #"{"id": \#(id), "domain": "chat", \#(field), "score_chosen": [1, 2, 3], "score_rejected": [0, 0, 0]}"#
        }
        // Deep values in fields the reader ignores are skipped, checked, and accepted.
        #expect(Self.outcome("deep.json", Array("[\(item(1, #""prompt": \#(open)\#(close)"#)), \(item(2, #""meta": \#(objects)"#))]".utf8))
                == ["accepted", "items: 2", "non-finite scores: 0"])
        #expect(Self.outcome("deep.jsonl", Array("\(item(1, #""prompt": \#(open)\#(close)"#))\n".utf8))
                == ["accepted", "items: 1", "non-finite scores: 0"])
        // In the fields it reads, in place of an item, or never closed: one clear problem each.
        #expect(Self.outcome("deep.json", Array(#"[{"id": 1, "domain": "chat", "score_chosen": \#(open)\#(close), "score_rejected": [0, 0, 0]}]"#.utf8))
                == [#"Tests/Fixtures/hostile/deep.json:1:46: item 0 (id 1): "score_chosen" must hold 3 numbers, one per style (concise, detailed plain, detailed markdown), or 3 one-element lists; found a list of 1 with a list that is not one number at position 1"#])
        #expect(Self.outcome("deep.json", Array(#"[{"id": 1, "domain": "chat", "chosen_stats": \#(open)\#(close), "score_chosen": [1, 2, 3], "score_rejected": [0, 0, 0]}]"#.utf8))
                == [#"Tests/Fixtures/hostile/deep.json:1:46: item 0 (id 1): "chosen_stats" must be a list of 3 objects (or nulls) with integer "chars", "words", "headers", "list_items" and "bold"; found a list as entry 0"#])
        #expect(Self.outcome("deep.json", Array("[\(open)\(close)]".utf8))
                == [#"Tests/Fixtures/hostile/deep.json:1:2: item 0: expected an object with "id", "score_chosen" and "score_rejected", found a list"#])
        #expect(Self.outcome("deep.json", Array(open.utf8))
                == ["Tests/Fixtures/hostile/deep.json:1:\(depth + 1): expected a value, found end of file"])
        #expect(Self.outcome("deep.json", Array("[\(item(1, #""prompt": \#(open)"#))]".utf8))
                == ["Tests/Fixtures/hostile/deep.json:1:\(depth + 40): expected a value (object, list, string, number, true, false or null), found ','"])
        #expect(Self.outcome("deep.jsonl", Array("\(objects.dropLast())\n\(item(2, #""p": 0"#))\n".utf8))
                == ["Tests/Fixtures/hostile/deep.jsonl:1:\(6 * depth + 1): item 0: the line ends before the item is complete; in JSON Lines each item is one whole line"])
        // The CSV readers have no nesting, but the same bytes must not hurt them either.
        #expect(Self.outcome("published-deep.csv", Array("model,chat\n\(open),50\n".utf8)) == ["accepted", "rows: 1"])
    }

    /// One 100 MB string in a response: read without trouble, skipped (as `score` reads) and
    /// measured (as `build` reads). Time and memory of the release binary are in the report of
    /// the hardening issue; debug builds are several times slower.
    @Test func hundredMegabyteString() throws {
        let huge = String(repeating: "All work and no play makes Jack a dull boy. ", count: 100 * 1024 * 1024 / 44)
        let path = temporaryFile("big.json", Array(#"[{"id": 1, "domain": "chat", "chosen": ["\#(huge)", "b", "c"], "score_chosen": [1, 2, 3], "score_rejected": [0, 0, 0]}]"#.utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        for measure in [false, true] {
            let start = ContinuousClock.now
            let run = try ResultReader.read(path: path, options: ResultReadOptions(measureResponses: measure))
            print("100 MB string, measureResponses \(measure): \(ContinuousClock.now - start)")
            #expect(run.items.count == 1)
            #expect(run.items.first?.chosenFeatures[0]?.characters == (measure ? huge.utf8.count : nil))
        }
    }

    /// Long values in the fields the reader keeps: kept whole when valid, and a message about
    /// a wrong one names the item without repeating the value (a 100 MB id made 100 MB lines).
    @Test func longKeptValuesAndShortMessages() throws {
        let long = String(repeating: "x", count: 1_000_000)
        #expect(Self.outcome("long.json", Array(#"[{"id": "\#(long)", "domain": "chat", "subset": "\#(long)", "score_chosen": [1, 2, 3], "score_rejected": [0, 0, 0]}]"#.utf8))
                == ["accepted", "items: 1", "non-finite scores: 0"])
        let shown = String(repeating: "x", count: 99) + "…"
        #expect(Self.outcome("long.json", Array(#"[{"id": "\#(long)", "domain": "reasoning", "score_chosen": [1, 2, 3], "score_rejected": [0, 0, 0]}]"#.utf8))
                == [#"Tests/Fixtures/hostile/long.json:1:2: item 0 (id \#(shown)): unknown domain "reasoning": expected chat, math, code, safety-refuse or safety-response (matched by prefix, as RM-Bench does)"#])
        #expect(Self.outcome("long.json", Array(#"[{"id": 1, "domain": "\#(long)", "score_chosen": [1, 2, 3], "score_rejected": [0, 0, 0]}]"#.utf8))
                == [#"Tests/Fixtures/hostile/long.json:1:2: item 0 (id 1): unknown domain "\#(shown)": expected chat, math, code, safety-refuse or safety-response (matched by prefix, as RM-Bench does)"#])
        let item = #"{"id": "\#(long)", "domain": "chat\#(long)", "score_chosen": [1, 2, 3], "score_rejected": [0, 0, 0]}"#
        #expect(Self.outcome("long.json", Array("[\(item),\n\(item)]".utf8))
                == [#"Tests/Fixtures/hostile/long.json:2:1: item 1 (id \#(shown)): duplicate item: domain "chat\#(shown.dropFirst(4))" and id \#(shown) were already used by item 0 at line 1; each (domain, id) may appear once"#])
    }

    /// Every problem of a file that is wrong everywhere, reported in time linear in its size.
    @Test func manyProblemsInOneBigFile() throws {
        let item = #"{"id": 1, "domain": "reasoning", "prompt": "\#(String(repeating: "x", count: 2000))", "score_chosen": [1, 2], "score_rejected": [0, 0, 0]}"#
        let text = "[\n" + Array(repeating: item, count: 5_000).joined(separator: ",\n") + "\n]\n"
        let start = ContinuousClock.now
        let outcome = Self.outcome("wrong-everywhere.json", Array(text.utf8))
        let elapsed = ContinuousClock.now - start
        print("10 MB file with 10,000 problems: \(elapsed)")
        #expect(outcome.count == 10_000)
        #expect(outcome.last == #"Tests/Fixtures/hostile/wrong-everywhere.json:5001:1: item 4999 (id 1): unknown domain "reasoning": expected chat, math, code, safety-refuse or safety-response (matched by prefix, as RM-Bench does)"#)
        #expect(elapsed < .seconds(30))
    }
}

/// `LineIndex` (which made many problems per file linear) answers exactly what counting from
/// the start of the file answers, for offsets in any order, across its 64 KB checkpoints.
@Suite("Hostile corpus: line index")
struct HostileLineIndexTests {
    @Test func sameAnswersAsCountingFromTheStart() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["a", "bc ", "\n", "é", "☕", "😀", "\r\n", String(repeating: "x", count: 300)]
        var text = ""
        while text.utf8.count < 600_000 { text += pieces.randomElement(using: &generator)! }
        var bytes = Array(text.utf8)
        let count = bytes.count
        bytes.append(0)
        bytes.withUnsafeBufferPointer { buffer in
            let scanner = JSONScanner(bytes: buffer.baseAddress!, count: count)
            var index = LineIndex()
            var offsets = (0..<2_000).map { _ in Int.random(in: 0...count, using: &generator) }
            offsets += (0..<200).map { $0 * 3_000 } + [count, count + 5, 0]
            offsets += offsets.sorted()
            for offset in offsets {
                let fast = index.lineColumn(of: offset, in: scanner)
                let slow = scanner.lineColumn(of: offset)
                #expect(fast == slow, "offset \(offset)")
                if fast != slow { return }
            }
        }
    }
}

private func temporaryFile(_ name: String, _ bytes: [UInt8]) -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rmbench-hostile-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let url = folder.appendingPathComponent(name)
    try! Data(bytes).write(to: url)
    return url.path
}
