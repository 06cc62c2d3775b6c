import RMBenchCore
import RMBenchLoad
import Testing

@Suite("Each response list measured once")
struct TextMeasuresTests {
    static func file(_ scores: String) -> String {
        #"""
        [{"id": 1, "domain": "chat", "chosen": ["short", "## Title\n- one\n- **two**", "A"], "rejected": ["x y z", "plain words here", "\u0041"],
          "score_chosen": \#(scores), "score_rejected": [0, 0, 0]},
         {"id": 2, "domain": "chat", "chosen": ["short", "again", "A"], "rejected": ["x y z", "more", "A"],
          "score_chosen": [1, 1, 1], "score_rejected": [0, 0, 0]}]
        """#
    }

    static func features(_ characters: Int, _ words: Int, headers: Int = 0, listItems: Int = 0, bold: Int = 0) -> ResponseFeatures {
        ResponseFeatures(characters: characters, words: words, headers: headers, listItems: listItems, boldSpans: bold)
    }

    @Test("two files with the same texts: features as measured without sharing, each distinct list measured once")
    func sharedTexts() throws {
        let measures = TextMeasures()
        let shared = ResultReadOptions(measureResponses: true, textMeasures: measures)
        let alone = ResultReadOptions(measureResponses: true)
        let a = items(Self.file("[1, 2, 3]"), options: shared)
        let b = items(Self.file("[3, 2, 1]"), options: shared)
        let reference = items(Self.file("[1, 2, 3]"), options: alone)
        try #require(a.count == 2 && b.count == 2 && reference.count == 2)
        for k in 0..<2 {
            #expect(a[k].chosenFeatures == reference[k].chosenFeatures && a[k].rejectedFeatures == reference[k].rejectedFeatures)
            #expect(b[k].chosenFeatures == reference[k].chosenFeatures && b[k].rejectedFeatures == reference[k].rejectedFeatures)
        }
        #expect(reference[0].chosenFeatures[1] == ResponseFeatures(characters: 24, words: 6, headers: 1, listItems: 2, boldSpans: 1))
        // Four lists per file, all distinct; the second file repeats them all.
        #expect(measures.statistics.measured == 4)
        #expect(measures.statistics.reused == 4)
        #expect(a[0].rejectedFeatures[2] == a[0].chosenFeatures[2])
    }

    static func oneItem(chosen: String, rejected: String = #"["r"]"#) -> String {
        #"[{"id": 7, "domain": "chat", "chosen": \#(chosen), "rejected": \#(rejected), "score_chosen": [1, 2, 3], "score_rejected": [0, 0, 0]}]"#
    }

    @Test("a file whose texts differ at the same place (another dataset version) gets its own measures")
    func otherVersionAtTheSamePlace() throws {
        let measures = TextMeasures()
        let shared = ResultReadOptions(measureResponses: true, textMeasures: measures)
        let first = items(Self.oneItem(chosen: #"["one two", "**b**", "x"]"#), options: shared)
        // Same length as the first list, one byte different.
        let changed = items(Self.oneItem(chosen: #"["one twe", "**b** c", "x"]"#), options: shared)
        // The first list's bytes followed by more: equal bytes up to its length are not enough.
        let longer = items(Self.oneItem(chosen: #"["one two", "**b**", "x", "y"]"#), options: shared)
        // A string that starts like the first list's first text.
        let string = items(Self.oneItem(chosen: #""one two three""#), options: shared)
        try #require(first.count == 1 && changed.count == 1 && longer.count == 1 && string.count == 1)
        #expect(first[0].chosenFeatures == [Self.features(7, 2), Self.features(5, 1, bold: 1), Self.features(1, 1)])
        #expect(changed[0].chosenFeatures == [Self.features(7, 2), Self.features(7, 2, bold: 1), Self.features(1, 1)])
        // A fourth text is not a style: three are measured, as without sharing.
        #expect(longer[0].chosenFeatures == [Self.features(7, 2), Self.features(5, 1, bold: 1), Self.features(1, 1)])
        #expect(string[0].chosenFeatures == [Self.features(13, 3), nil, nil])
        #expect(measures.statistics.measured == 4 + 1)  // four chosen lists, one rejected list
        #expect(measures.statistics.reused == 3)  // the rejected list of the last three files
    }

    @Test("items in another order: each list found by its bytes, none measured twice")
    func otherOrder() throws {
        let measures = TextMeasures()
        let shared = ResultReadOptions(measureResponses: true, textMeasures: measures)
        let item1 = #"{"id": 1, "domain": "chat", "chosen": ["a b c"], "rejected": "d", "score_chosen": [1, 2, 3], "score_rejected": [0, 0, 0]}"#
        let item2 = ##"{"id": 2, "domain": "chat", "chosen": ["# h\n1. x"], "rejected": "e f", "score_chosen": [1, 2, 3], "score_rejected": [0, 0, 0]}"##
        let forward = items("[\(item1), \(item2)]", options: shared)
        let backward = items("[\(item2), \(item1)]", options: shared)
        try #require(forward.count == 2 && backward.count == 2)
        #expect(backward[1].chosenFeatures == [Self.features(5, 3), nil, nil])
        #expect(backward[1].rejectedFeatures == [Self.features(1, 1), nil, nil])
        #expect(backward[0].chosenFeatures == [Self.features(8, 4, headers: 1, listItems: 1), nil, nil])
        #expect(backward[0].rejectedFeatures == [Self.features(3, 2), nil, nil])
        #expect(measures.statistics.measured == 4)
        #expect(measures.statistics.reused == 4)
    }

    @Test("a file that ends inside a list seen whole before is reported as without sharing")
    func truncatedFileAfterAWholeOne() {
        let measures = TextMeasures()
        let shared = ResultReadOptions(measureResponses: true, textMeasures: measures)
        let whole = Self.oneItem(chosen: #"["a long first text", "b", "c"]"#)
        _ = items(whole, options: shared)
        let cut = String(whole.prefix(while: { $0 != "," }) + #", "domain": "chat", "chosen": ["a long fi"#)
        let expected = problems(cut, options: ResultReadOptions(measureResponses: true))
        #expect(!expected.isEmpty)
        #expect(problems(cut, options: shared) == expected)
    }

    @Test("escapes inside texts are measured as the decoded text, shared or not")
    func escapedTexts() throws {
        // \" and \\ are one character each; \u00e9 is é (one character); \ud83d\ude00 is one
        // emoji (a surrogate pair, one character); \n starts a line, so "# h" after it is a header.
        let list = #"["say \"hi\"", "a\\b \u00e9t\u00e9", "\ud83d\ude00 ok\n# h\n- **x**"]"#
        let expected = [Self.features(8, 2), Self.features(7, 2), Self.features(16, 6, headers: 1, listItems: 1, bold: 1)]
        let measures = TextMeasures()
        let shared = ResultReadOptions(measureResponses: true, textMeasures: measures)
        for options in [ResultReadOptions(measureResponses: true), shared, shared] {
            let read = items(Self.oneItem(chosen: list), options: options)
            try #require(read.count == 1)
            #expect(read[0].chosenFeatures == expected)
        }
        #expect(measures.statistics.reused == 2)
    }
}
