import RMBenchCache
import RMBenchCore
import Testing

@Suite("Cached runs")
struct RunCodingTests {
    static func run() -> ModelRun {
        let features = ResponseFeatures(characters: 120, words: 20, headers: 1, listItems: 3, boldSpans: 2)
        let items = [
            ScoredItem(key: ItemKey(label: "chat", id: .int(7)), domain: .chat, subset: "alpacaeval", language: nil,
                       chosen: StyleScores(1.5, -0.0, .nan), rejected: StyleScores(.infinity, -.infinity, .leastNonzeroMagnitude),
                       chosenFeatures: [features, nil, features], rejectedFeatures: [nil, nil, nil],
                       attributes: AttributeScores(chosen: [["correctness": 3.5, "verbosity": 1], nil, [:]], rejected: [nil, nil, nil])),
            ScoredItem(key: ItemKey(label: "safety-refuse", id: .string("r-1 ünïcode")), domain: .safety, language: "python",
                       chosen: StyleScores(1, 2, 3), rejected: StyleScores(0, 0, 0)),
        ]
        return ModelRun(model: "my-rm", type: .dpo,
                        sources: [SourceFile(path: "results/DPO/my-rm/a.json", sha256: String(repeating: "ab", count: 32), timestamp: "20250101_000000"),
                                  SourceFile(path: "b.json", sha256: String(repeating: "cd", count: 32))],
                        items: items)
    }

    @Test("a run decodes to the same values, scores bit for bit")
    func roundTrip() throws {
        let original = Self.run()
        let bytes = RunCoding.encode(original)
        let decoded = try RunCoding.decode(bytes)
        #expect(decoded.model == "my-rm" && decoded.type == .dpo && decoded.sources == original.sources)
        #expect(decoded.items.count == 2)
        let first = decoded.items[0]
        #expect(first.key == ItemKey(label: "chat", id: .int(7)) && first.domain == .chat && first.subset == "alpacaeval" && first.language == nil)
        #expect(first.chosen == original.items[0].chosen && first.rejected == original.items[0].rejected)
        #expect(first.chosen.detailedPlain.sign == .minus && first.chosen.detailedMarkdown.isNaN)
        #expect(first.chosenFeatures == original.items[0].chosenFeatures && first.rejectedFeatures == [nil, nil, nil])
        #expect(first.attributes == original.items[0].attributes)
        #expect(decoded.items[1].key.id == .string("r-1 ünïcode") && decoded.items[1].language == "python" && decoded.items[1].attributes == nil)
        #expect(RunCoding.encode(decoded) == bytes)
    }

    /// Integers are written in a variable number of bytes: every length, both signs and the
    /// ends of the range come back as they were.
    @Test("integers of every encoded length round-trip", arguments: [
        0, 1, -1, 63, -64, 64, -65, 127, 128, 8191, 8192, 1 << 20, -(1 << 20), 1 << 35, -(1 << 49), Int.max, Int.min, Int.max - 1, Int.min + 1,
    ])
    func integers(_ value: Int) throws {
        let features = ResponseFeatures(characters: value, words: value, headers: 0, listItems: value, boldSpans: 0 &- value)
        let item = ScoredItem(key: ItemKey(label: "chat", id: .int(Int64(value))), domain: .chat,
                              chosen: StyleScores(1, 2, 3), rejected: StyleScores(0, 0, 0),
                              chosenFeatures: [features, nil, features], rejectedFeatures: [nil, features, nil])
        let run = ModelRun(model: "m", type: .sequenceClassifier, sources: [], items: [item])
        let decoded = try RunCoding.decode(RunCoding.encode(run))
        #expect(decoded.items.first?.key.id == .int(Int64(value)))
        #expect(decoded.items.first?.chosenFeatures == item.chosenFeatures && decoded.items.first?.rejectedFeatures == item.rejectedFeatures)
    }

    @Test("every truncation and a trailing byte are refused, never half-read")
    func truncated() {
        let bytes = RunCoding.encode(Self.run())
        for length in 0..<bytes.count {
            #expect(throws: MalformedPayload.self) { try RunCoding.decode(Array(bytes.prefix(length))) }
        }
        #expect(throws: MalformedPayload.self) { try RunCoding.decode(bytes + [0]) }
    }
}
