import RMBenchCore
import Testing
@testable import RMBenchLoad

/// `FeatureCounter.feedPlainASCII` counts 8 bytes at a time; it must count exactly as feeding
/// the same bytes one by one does, whatever state the counter is in before and after.
@Suite("Response features counted in runs")
struct FeatureCounterTests {
    static func measuredInRuns(_ text: String) -> ResponseFeatures {
        var counter = FeatureCounter()
        Array(text.utf8).withUnsafeBufferPointer { counter.feedPlainASCII($0.baseAddress!, count: $0.count) }
        return counter.features
    }

    @Test("hand-counted texts longer than a word of 8 bytes")
    func handCounted() {
        let words = String(repeating: "word ", count: 10) + "**bold words** here"
        #expect(Self.measuredInRuns(words) == ResponseFeatures(characters: 69, words: 13, headers: 0, listItems: 0, boldSpans: 1))
        #expect(Self.measuredInRuns(words) == ResponseFeatures(measuring: words))
        let header = "   ## heading with many words in it"
        #expect(Self.measuredInRuns(header) == ResponseFeatures(characters: 35, words: 7, headers: 1, listItems: 0, boldSpans: 0))
        let spaces = "        x        *        **y**        "
        #expect(Self.measuredInRuns(spaces) == ResponseFeatures(characters: 39, words: 3, headers: 0, listItems: 0, boldSpans: 1))
    }

    @Test("random runs fed in pieces, after and before bytes fed one by one", arguments: 0..<200)
    func randomRuns(seed: Int) {
        var g = DifferentialTests.Generator(state: UInt64(7_000 + seed))
        let pieces = [" ", "  ", "*", "**", "***", "#", "## ", "- ", "+ ", "12. ", "3) ", "a", "word", "longerword", "~", "\u{7F}"]
        let before = [[], [0x0A], [0x0A, 0x20], [UInt8(ascii: "x")], [0x20], [UInt8(ascii: "*")], [0xC3, 0xA9]][g.below(7)]
        let text = Array((0..<g.below(60)).map { _ in pieces[g.below(pieces.count)] }.joined().utf8)
        let after = Array([" **", "x", "\n- y", ""][g.below(4)].utf8)
        var one = FeatureCounter()
        var runs = FeatureCounter()
        for byte in before {
            one.feed(byte)
            runs.feed(byte)
        }
        for byte in text { one.feed(byte) }
        text.withUnsafeBufferPointer { buffer in
            var start = 0
            while start < buffer.count {
                let length = min(buffer.count - start, 1 + g.below(30))
                runs.feedPlainASCII(buffer.baseAddress! + start, count: length)
                start += length
            }
        }
        #expect(runs.features == one.features, "text \(String(decoding: text, as: UTF8.self).debugDescription)")
        for byte in after {
            one.feed(byte)
            runs.feed(byte)
        }
        #expect(runs.features == one.features, "text \(String(decoding: text, as: UTF8.self).debugDescription)")
    }
}
