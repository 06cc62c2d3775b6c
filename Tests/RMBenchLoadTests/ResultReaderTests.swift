import Foundation
import RMBenchCore
import Testing
@testable import RMBenchLoad

@Suite("Result reader: accepted shapes")
struct ResultReaderShapeTests {
    @Test func indentedListWithDomainsAndNestedScores() {
        let text = """
            [
                {
                    "id": 8,
                    "domain": "chat",
                    "subset": "alpacaeval",
                    "prompt": "What?",
                    "chosen": ["a", "b", "c"],
                    "rejected": ["d", "e", "f"],
                    "score_chosen": [1.5, -2, 3e2],
                    "score_rejected": [[0.25], [-1E-3], [7]],
                    "extra": {"nested": [1, {"x": null}], "flag": true}
                },
                {"id": "s-1", "domain": "safety-refuse", "score_chosen": [1, 2, 3], "score_rejected": [3, 2, 1]}
            ]
            """
        let read = items(text)
        #expect(read.count == 2)
        #expect(read[0].key == ItemKey(label: "chat", id: .int(8)))
        #expect(read[0].domain == .chat)
        #expect(read[0].subset == "alpacaeval")
        #expect(read[0].chosen == StyleScores(1.5, -2, 300))
        #expect(read[0].rejected == StyleScores(0.25, -0.001, 7))
        #expect(read[1].key == ItemKey(label: "safety-refuse", id: .string("s-1")))
        #expect(read[1].domain == .safety)
    }

    @Test func pythonNonFiniteTokens() {
        let read = items(#"[{"id": 1, "domain": "code", "score_chosen": [NaN, Infinity, -Infinity], "score_rejected": [0, -0.0, 1]}]"#)
        #expect(read.count == 1)
        #expect(read[0].chosen.concise.isNaN)
        #expect(read[0].chosen.detailedPlain == .infinity)
        #expect(read[0].chosen.detailedMarkdown == -.infinity)
        #expect(read[0].rejected.detailedPlain.sign == .minus)
    }

    @Test func jsonLines() {
        let text = """
            {"id": 1, "domain": "math", "score_chosen": [1, 2, 3], "score_rejected": [0, 0, 0]}
            {"id": 1, "domain": "code", "score_chosen": [1, 2, 3], "score_rejected": [0, 0, 0]}

            """
        let read = items(text, path: "r.jsonl")
        #expect(read.map(\.key) == [ItemKey(label: "math", id: .int(1)), ItemKey(label: "code", id: .int(1))])
    }

    /// Field names are recognised from their bytes; a name written with escapes means the
    /// same field, and names that only start like a known one are other fields.
    @Test func fieldNamesWithEscapesAndLookAlikes() {
        let read = items(#"[{"\u0069d": 3, "dom\u0061in": "math", "score_chosen": [1, 2, 3], "score_rejected": [0, 0, 0], "score_chosen_extra": "x", "i": 9, "idx": 10, "domai": 5}]"#)
        #expect(read.map(\.key) == [ItemKey(label: "math", id: .int(3))])
        #expect(read.first?.chosen == StyleScores(1, 2, 3))
        let problem = problems(#"[{"id": 1, "d\u006fmain": 7, "score_chosen": [1, 2, 3], "score_rejected": [0, 0, 0]}]"#)
        #expect(problem.contains { $0.contains(#""domain" must be a string, found a number"#) }, "\(problem)")
        let punctuation = problems(#"[{"id": 1, "na\u006De": 2 "domain": "chat"}]"#)
        #expect(punctuation.contains { $0.contains(#"expected ',' or '}' after the field "name", found '"'"#) }, "\(punctuation)")
    }

    @Test func digestOnlyWhenAsked() throws {
        let text = #"[{"id": 1, "domain": "code", "score_chosen": [1, 2, 3], "score_rejected": [0, 0, 0]}]"#
        let hashed = try ResultReader.parse(Array(text.utf8), path: "results.json")
        let unhashed = try ResultReader.parse(Array(text.utf8), path: "results.json", options: ResultReadOptions(digest: false))
        #expect(hashed.sources.first?.sha256 == SHA256.hex(of: Array(text.utf8)))
        #expect(unhashed.sources.first?.sha256 == "")
        #expect(unhashed.items.map(\.key) == hashed.items.map(\.key))
    }

    @Test func escapesAndSurrogatePairsInKeptStrings() {
        let read = items(#"[{"id": "\u00e9\ud83d\ude00\n\"x\"", "domain": "chat", "subset": "caf\u00e9 ☕", "score_chosen": [1, 2, 3], "score_rejected": [0, 0, 0]}]"#)
        #expect(read.first?.key.id == .string("é😀\n\"x\""))
        #expect(read.first?.subset == "café ☕")
    }

    @Test func domainFromOptionThenFromSplitFileName() {
        let noDomain = #"[{"id": 3, "score_chosen": [1, 2, 3], "score_rejected": [0, 0, 0]}]"#
        #expect(items(noDomain, options: ResultReadOptions(domain: "safety-response")).first?.key.label == "safety-response")
        #expect(items(noDomain, path: "data/code_filtered.json").first?.domain == .code)
        // The item's own field wins over the file name.
        let withDomain = #"[{"id": 3, "domain": "math", "score_chosen": [1, 2, 3], "score_rejected": [0, 0, 0]}]"#
        #expect(items(withDomain, path: "chat_filtered.json").first?.domain == .math)
    }

    @Test func idsRepeatAcrossDomains() {
        let text = """
            [{"id": 1, "domain": "chat", "score_chosen": [1, 2, 3], "score_rejected": [0, 0, 0]},
             {"id": 1, "domain": "safety-refuse", "score_chosen": [1, 2, 3], "score_rejected": [0, 0, 0]},
             {"id": 1, "domain": "safety-response", "score_chosen": [1, 2, 3], "score_rejected": [0, 0, 0]}]
            """
        #expect(items(text).count == 3)
    }

    @Test func measuresResponsesOnlyWhenAsked() {
        let text = ###"[{"id": 1, "domain": "chat", "chosen": ["short", "## T\n- a **b**", "x\u00e9 y"], "rejected": "only concise", "score_chosen": [1, 2, 3], "score_rejected": [0, 0, 0]}]"###
        let plain = items(text)
        #expect(plain.first?.chosenFeatures == [nil, nil, nil])
        let measured = items(text, options: ResultReadOptions(measureResponses: true))
        #expect(measured.first?.chosenFeatures[0] == ResponseFeatures(characters: 5, words: 1, headers: 0, listItems: 0, boldSpans: 0))
        #expect(measured.first?.chosenFeatures[1] == ResponseFeatures(characters: 14, words: 5, headers: 1, listItems: 1, boldSpans: 1))
        #expect(measured.first?.chosenFeatures[2] == ResponseFeatures(characters: 4, words: 2, headers: 0, listItems: 0, boldSpans: 0))
        #expect(measured.first?.rejectedFeatures[0]?.words == 2)
        #expect(measured.first?.rejectedFeatures[1] == nil)
    }

    @Test func attributeScores() {
        let text = #"[{"id": 1, "domain": "chat", "score_chosen": [1, 2, 3], "score_rejected": [0, 0, 0], "chosen_attributes": [{"correctness": 3.5, "verbosity": 1}, null, {"correctness": -1e-1}], "rejected_attributes": "oops"}]"#
        #expect(problems(text, options: ResultReadOptions(measureResponses: true)) == [
            #"results.json:1:200: item 0 (id 1): "rejected_attributes" must be a list of 3 objects (or nulls) mapping attribute names to numbers"#,
        ])
        let good = text.replacingOccurrences(of: #""rejected_attributes": "oops""#, with: #""rejected_attributes": [null, null, null]"#)
        let read = items(good, options: ResultReadOptions(measureResponses: true))
        #expect(read.first?.attributes?.chosen[0] == ["correctness": 3.5, "verbosity": 1])
        #expect(read.first?.attributes?.chosen[1] == nil)
        #expect(read.first?.attributes?.chosen[2] == ["correctness": -0.1])
        #expect(read.first?.attributes?.rejected == [nil, nil, nil])
        // Not asked to measure: attributes are skipped like texts.
        #expect(items(good).first?.attributes == nil)
    }

    @Test func statsFieldStandsInForTexts() {
        let stats = #"[{"chars": 10, "words": 2, "headers": 1, "list_items": 3, "bold": 4}, null, {"chars": 1, "words": 1, "headers": 0, "list_items": 0, "bold": 0}]"#
        let text = #"[{"id": 1, "domain": "chat", "score_chosen": [1, 2, 3], "score_rejected": [0, 0, 0], "chosen_stats": \#(stats)}]"#
        let read = items(text, options: ResultReadOptions(measureResponses: true))
        #expect(read.first?.chosenFeatures[0] == ResponseFeatures(characters: 10, words: 2, headers: 1, listItems: 3, boldSpans: 4))
        #expect(read.first?.chosenFeatures[1] == nil)
        #expect(read.first?.chosenFeatures[2]?.characters == 1)
    }
}

@Suite("Result reader: problems are reported with place and reason")
struct ResultReaderProblemTests {
    @Test func wrongScoreArityAndTypes() {
        let text = """
            [
              {"id": 1, "domain": "chat", "score_chosen": [1, 2], "score_rejected": [1, 2, 3, 4]},
              {"id": 2, "domain": "chat", "score_chosen": "high", "score_rejected": null},
              {"id": 3, "domain": "chat", "score_chosen": [1, [2, 3], 4], "score_rejected": [1, "2", 3]},
              {"id": 4, "domain": "chat", "score_chosen": [1, [2], 3], "score_rejected": [true, 2, 3]}
            ]
            """
        let expected = [
            #"results.json:2:47: item 0 (id 1): "score_chosen" must hold 3 numbers, one per style (concise, detailed plain, detailed markdown), or 3 one-element lists; found a list of 2 numbers"#,
            #"results.json:2:73: item 0 (id 1): "score_rejected" must hold 3 numbers, one per style (concise, detailed plain, detailed markdown), or 3 one-element lists; found a list of 4 numbers"#,
            #"results.json:3:47: item 1 (id 2): "score_chosen" must hold 3 numbers, one per style (concise, detailed plain, detailed markdown), or 3 one-element lists; found a string"#,
            #"results.json:3:73: item 1 (id 2): "score_rejected" must hold 3 numbers, one per style (concise, detailed plain, detailed markdown), or 3 one-element lists; found null"#,
            #"results.json:4:47: item 2 (id 3): "score_chosen" must hold 3 numbers, one per style (concise, detailed plain, detailed markdown), or 3 one-element lists; found a list of 3 with a list that is not one number at position 2"#,
            #"results.json:4:81: item 2 (id 3): "score_rejected" must hold 3 numbers, one per style (concise, detailed plain, detailed markdown), or 3 one-element lists; found a list of 3 with a string at position 2"#,
            #"results.json:5:47: item 3 (id 4): "score_chosen" must hold 3 numbers, one per style (concise, detailed plain, detailed markdown), or 3 one-element lists; found a list mixing numbers and one-element lists"#,
            #"results.json:5:78: item 3 (id 4): "score_rejected" must hold 3 numbers, one per style (concise, detailed plain, detailed markdown), or 3 one-element lists; found a list of 3 with a boolean at position 1"#,
        ]
        #expect(problems(text) == expected)
    }

    @Test func missingFieldsAndUnknownDomain() {
        let text = """
            [{"domain": "chat", "score_rejected": [1, 2, 3]},
             {"id": 9, "domain": "reasoning", "score_chosen": [1, 2, 3], "score_rejected": [1, 2, 3]},
             {"id": 1.5, "domain": "chat", "score_chosen": [1, 2, 3], "score_rejected": [1, 2, 3]}]
            """
        #expect(problems(text) == [
            #"results.json:1:2: item 0: missing "id" (an integer or a string)"#,
            #"results.json:1:2: item 0: missing "score_chosen" (3 numbers: concise, detailed plain, detailed markdown)"#,
            #"results.json:2:2: item 1 (id 9): unknown domain "reasoning": expected chat, math, code, safety-refuse or safety-response (matched by prefix, as RM-Bench does)"#,
            #"results.json:3:9: item 2: "id" must be an integer or a string, found a number that is not a 64-bit integer"#,
        ])
    }

    @Test func missingDomainIsReportedOnceWithTheFix() {
        let text = #"[{"id": 1, "score_chosen": [1, 2, 3], "score_rejected": [0, 0, 0]}, {"id": 2, "score_chosen": [1, 2, 3], "score_rejected": [0, 0, 0]}]"#
        #expect(problems(text, path: "total_dataset_x.json") == [
            #"total_dataset_x.json: 2 item(s), the first being item 0, have no "domain" field and the domain is not known otherwise: pass --domain (chat, math, code, safety-refuse, safety-response) or keep the split's file name (e.g. chat_filtered.json)"#,
        ])
    }

    @Test func duplicateKeyNamesBothPlaces() {
        let text = """
            [
            {"id": 7, "domain": "chat", "score_chosen": [1, 2, 3], "score_rejected": [0, 0, 0]},
            {"id": 7, "domain": "chat", "score_chosen": [1, 2, 3], "score_rejected": [0, 0, 0]}
            ]
            """
        #expect(problems(text) == [
            #"results.json:3:1: item 1 (id 7): duplicate item: domain "chat" and id 7 were already used by item 0 at line 2; each (domain, id) may appear once"#,
        ])
    }

    @Test func syntaxErrorsHaveLineAndColumn() {
        #expect(problems("[{\"id\": 1, \"domain\": \"chat\"") == ["results.json:1:28: expected ',' or '}' after the field \"domain\", found end of file"])
        #expect(problems(#"[{"id": 1, "domain": "chat", "score_chosen": [1, 2, 3], "score_rejected": [0, 0, 0]}] x"#)
            == ["results.json:1:87: unexpected 'x' after the end of the list; a result file holds one list"])
        #expect(problems("[{\"id\": 1,\n \"domain\": \"ch\tat\"}]") == ["results.json:2:15: control character a tab inside a string; write it as an escape such as \\n"])
        #expect(problems("[{\"id\": 01}]") == ["results.json:1:9: numbers may not have leading zeros"])
        #expect(problems("[{\"id\": \"\\ud800\"}]") == ["results.json:1:10: lone surrogate \\ud800 in a string"])
    }

    @Test func wrongDocumentKinds() {
        #expect(problems("") == ["results.json: the file is empty; expected a JSON list of result items or JSON Lines"])
        #expect(problems("  \n") == ["results.json: the file holds only whitespace; expected a JSON list of result items or JSON Lines"])
        #expect(problems("[]") == ["results.json: the file holds no result items (an empty list)"])
        #expect(problems("\u{FEFF}[]") == ["results.json:1:1: the file starts with a UTF-8 byte order mark (EF BB BF), which JSON does not allow; save it as UTF-8 without BOM"])
        #expect(problems(#"{"id": 1, "domain": "chat", "score_chosen": [1, 2, 3], "score_rejected": [0, 0, 0]}"#)
            == ["results.json:1:1: expected a list of result items ([…]), found a single object; a file with one item per line must end in .jsonl"])
        #expect(problems("\"x\"") == ["results.json:1:1: expected '[' (a list of result items) or '{' (JSON Lines), found '\"'"])
        #expect(problems("[1, \"a\"]") == [
            #"results.json:1:2: item 0: expected an object with "id", "score_chosen" and "score_rejected", found a number"#,
            #"results.json:1:5: item 1: expected an object with "id", "score_chosen" and "score_rejected", found a string"#,
        ])
    }

    @Test func invalidUTF8InAKeptString() {
        var bytes = Array(#"[{"id": 1, "domain": "chat", "subset": "x"#.utf8)
        bytes += [0xC3, 0x28]
        bytes += Array(#"", "score_chosen": [1, 2, 3], "score_rejected": [0, 0, 0]}]"#.utf8)
        do throws(InputProblems) {
            _ = try ResultReader.parse(bytes, path: "bad.json")
            Issue.record("accepted invalid UTF-8")
        } catch {
            #expect(error.problems.map(\.description) == ["bad.json:1:40: string is not valid UTF-8"])
        }
    }

    @Test func jsonLinesGoesOnAfterABrokenLine() {
        let text = """
            {"id": 1, "domain": "chat", "score_chosen": [1, 2, 3], "score_rejected": [0, 0, 0]}
            {"id": 2, "domain": "chat", "score_chosen": [1, 2
            {"id": 3, "domain": "chat", "score_chosen": [1], "score_rejected": [0, 0, 0]}
            """
        #expect(problems(text, path: "r.jsonl") == [
            "r.jsonl:2:50: item 1: the line ends before the item is complete; in JSON Lines each item is one whole line",
            #"r.jsonl:3:45: item 2 (id 3): "score_chosen" must hold 3 numbers, one per style (concise, detailed plain, detailed markdown), or 3 one-element lists; found a list of 1 number"#,
        ])
    }

    @Test func deepNestingDoesNotOverflowTheStack() {
        let depth = 100_000
        let text = #"[{"id": 1, "domain": "chat", "x": "# + String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
            + #", "score_chosen": [1, 2, 3], "score_rejected": [0, 0, 0]}]"#
        #expect(items(text).count == 1)
        let unclosed = "[" + String(repeating: "[", count: depth)
        #expect(problems(unclosed).count == 1)
    }

    @Test func unreadableAndMissingFiles() throws {
        do throws(InputProblems) {
            _ = try ResultReader.read(path: "/nonexistent/x.json")
            Issue.record("read a missing file")
        } catch {
            #expect(error.problems.map(\.description) == ["/nonexistent/x.json: cannot open the file: No such file or directory"])
        }
        do throws(InputProblems) {
            _ = try ResultReader.read(path: "/tmp")
            Issue.record("read a directory")
        } catch {
            #expect(error.problems.map(\.description) == ["/tmp: is a directory, expected a file"])
        }
    }
}

@Suite("Model identity from paths")
struct ModelIdentityTests {
    @Test func runRMLayout() {
        let identity = ModelIdentity(path: "results/Seq_Classifier/Skywork-Reward-Llama-3.1-8B/total_dataset_Skywork-Reward-Llama-3.1-8B_REWORD_MODEL_20241012_153000.json")
        #expect(identity.model == "Skywork-Reward-Llama-3.1-8B")
        #expect(identity.type == .sequenceClassifier)
        #expect(identity.timestamp == "20241012_153000")
    }

    @Test func dpoLayoutAndFileNames() {
        #expect(ModelIdentity(path: "/x/results/DPO/tulu-2-dpo-13b/total_dataset_tulu-2-dpo-13b_tulu-2-13b_20241012_153000.json").type == .dpo)
        #expect(ModelIdentity(path: "total_dataset_my_rm_REWORD_MODEL_20241012_153000.json").model == "my_rm")
        #expect(ModelIdentity(path: "out/my-model.jsonl").model == "my-model")
        #expect(ModelIdentity(path: "safety-refuse_filtered.json").splitDomain == "safety-refuse")
        #expect(ModelIdentity(path: "total_dataset.json").splitDomain == nil)
        #expect(ModelIdentity(path: "Data/results/Baseline/length/length.json").type == .baseline)
    }
}

@Suite("SHA-256")
struct SHA256Tests {
    @Test func standardVectors() {
        #expect(SHA256.hex(of: []) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(of: Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(of: Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex(of: [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
            == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}

@Suite("Response features")
struct ResponseFeatureTests {
    @Test func countsByHand() {
        let text = "## Steps\n- **mix**\n- bake\n1. cool\n   ### Sub\n####### not a header\n-not a list\n2) done"
        // Lines: "## Steps" header; "- **mix**" list; "- bake" list; "1. cool" list; "   ### Sub" header;
        // 7 hashes: no; "-not": no; "2) done" list. Bold: one ** pair.
        let features = ResponseFeatures(measuring: text)
        #expect(features.headers == 2)
        #expect(features.listItems == 4)
        #expect(features.boldSpans == 1)
        #expect(features.words == 19)
        #expect(features.characters == text.unicodeScalars.count)
    }

    @Test func charactersAreCodePoints() {
        #expect(ResponseFeatures(measuring: "é😀 x").characters == 4)
        #expect(ResponseFeatures(measuring: "").words == 0)
        #expect(ResponseFeatures(measuring: " a\tb\nc  ").words == 3)
    }
}

/// The scanner reads numbers in place with strtod and needs no terminator after the buffer.
@Suite("Result reader: numbers at the end of the bytes")
struct ScannerNumberEndTests {
    /// The buffer is the first 3 bytes of "2.57": strtod must not read the 7 beyond it.
    @Test func aNumberEndingTheBufferIsReadWithinIt() throws {
        let bytes = Array("2.57".utf8)
        let value = try bytes.withUnsafeBufferPointer { buffer throws(JSONSyntaxError) in
            var scanner = JSONScanner(bytes: buffer.baseAddress!, count: 3)
            let number = try scanner.readNumber()
            #expect(scanner.pos == 3)
            return number
        }
        #expect(value == 2.5)
        let inside = try bytes.withUnsafeBufferPointer { buffer throws(JSONSyntaxError) in
            var scanner = JSONScanner(bytes: buffer.baseAddress!, count: 4)
            return try scanner.readNumber()
        }
        #expect(inside == 2.57)
    }

    /// strtod reads a copy of the token: a hexadecimal-looking tail after a valid JSON number
    /// (`0` then `x1`) is not read as part of it, in the buffer or beyond its end.
    @Test func aNumberIsReadFromItsTokenOnly() throws {
        let bytes = Array("0x1p3".utf8)
        for count in [1, 3, 5] {
            let value = try bytes.withUnsafeBufferPointer { buffer throws(JSONSyntaxError) in
                var scanner = JSONScanner(bytes: buffer.baseAddress!, count: count)
                let number = try scanner.readNumber()
                #expect(scanner.pos == 1)
                return number
            }
            #expect(value == 0)
        }
    }

    /// Readers scan a file's bytes where they are, with nothing after them: a number that ends
    /// the file, an empty file.
    @Test func bytesWithoutTerminatorParse() throws {
        let row = try AggregateResultReader.parse(Array(#"{"chat": 0.5, "total_avg_acc": 0.25}"#.utf8), path: "eval/result/judge/RM-Bench/final_result.json")
        #expect(row.chat == 50 && row.average == 25)
        #expect(problems("") == ["results.json: the file is empty; expected a JSON list of result items or JSON Lines"])
    }
}
