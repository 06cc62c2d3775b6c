import RMBenchCore
import Testing

/// `ByteSearch`, which every page's HTML goes through (markers, inline styles, links): checked
/// against a plain scan on hand-picked edges and on every string of up to 7 bytes over a
/// two-letter alphabet, where needles recur and overlap.
@Suite("Byte search")
struct ByteSearchTests {
    static func plain(_ needle: [UInt8], _ bytes: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, start >= 0, needle.count <= bytes.count else { return nil }
        var at = start
        while at + needle.count <= bytes.count {
            if Array(bytes[at..<(at + needle.count)]) == needle { return at }
            at += 1
        }
        return nil
    }

    static func search(_ needle: String, _ text: String, from start: Int = 0) -> Int? {
        Array(text.utf8).withUnsafeBufferPointer { ByteSearch.firstIndex(of: Array(needle.utf8), in: $0, from: start) }
    }

    @Test func edges() {
        #expect(Self.search("<style>", "<p><style>x</style>") == 3)
        #expect(Self.search("<style>", "<p><style>x</style>", from: 4) == nil)
        #expect(Self.search("ab", "ab") == 0)
        #expect(Self.search("ab", "a") == nil)
        #expect(Self.search("aab", "aaab") == 1)
        #expect(Self.search("x", "") == nil)
        #expect(Self.search("", "abc") == nil)
        #expect(Self.search("c", "abc", from: 3) == nil)
        #expect(Self.search("c", "abc", from: 9) == nil)
    }

    @Test func agreesWithAPlainScan() {
        func strings(upTo length: Int) -> [[UInt8]] {
            var all: [[UInt8]] = [[]]
            var last: [[UInt8]] = [[]]
            for _ in 0..<length {
                last = last.flatMap { [$0 + [UInt8(ascii: "a")], $0 + [UInt8(ascii: "b")]] }
                all += last
            }
            return all
        }
        let needles = strings(upTo: 3).filter { !$0.isEmpty }
        var checked = 0
        for bytes in strings(upTo: 7) {
            for needle in needles {
                for start in 0...bytes.count {
                    let found = bytes.withUnsafeBufferPointer { ByteSearch.firstIndex(of: needle, in: $0, from: start) }
                    #expect(found == Self.plain(needle, bytes, from: start), "\(needle) in \(bytes) from \(start)")
                    checked += 1
                }
            }
        }
        #expect(checked == 25_102)
    }
}
