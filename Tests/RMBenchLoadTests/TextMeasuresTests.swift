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
}
