import Foundation
import RMBenchCore
import Testing
@testable import RMBenchLoad

/// Our skipping scanner must read exactly what a full JSON parser reads. Random documents from
/// a seeded generator are parsed by both; every score must match bit for bit.
@Suite("Scanner vs JSONDecoder")
struct DifferentialTests {
    struct DecodedItem: Decodable {
        var id: Int
        var domain: String
        var score_chosen: [Double]
        var score_rejected: [Double]
    }

    /// SplitMix64: a small seeded generator so failures reproduce.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9e37_79b9_7f4a_7c15
            var z = state
            z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
            z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    static func number(_ g: inout Generator) -> String {
        switch g.below(6) {
        case 0: return String(Int64(bitPattern: g.next()) >> Int64(g.below(60)))
        case 1: return Double(bitPattern: g.next() & 0x7FEF_FFFF_FFFF_FFFF).description
        case 2: return String(format: "%.17g", Double(Int64(bitPattern: g.next()) % 1_000_000) / 977)
        case 3: return "\(g.below(1000))e\(g.below(40) - 20)"
        case 4: return "-0.\(g.below(100_000))E+\(g.below(5))"
        default: return String(format: "%.6f", Double(g.below(2_000_000)) / 1000 - 1000)
        }
    }

    static func string(_ g: inout Generator) -> String {
        let pieces = ["a", "é", "😀", "\\n", "\\\"", "\\\\", "\\u00e9", "\\ud83d\\ude00", " ", "\\t", "{", "]", ",", ":"]
        return "\"" + (0..<g.below(40)).map { _ in pieces[g.below(pieces.count)] }.joined() + "\""
    }

    static func junk(_ g: inout Generator, depth: Int = 0) -> String {
        switch depth > 3 ? g.below(4) : g.below(6) {
        case 0: return string(&g)
        case 1: return number(&g)
        case 2: return ["true", "false", "null"][g.below(3)]
        case 3: return "[]"
        case 4: return "[" + (0..<g.below(4)).map { _ in junk(&g, depth: depth + 1) }.joined(separator: ", ") + "]"
        default: return "{" + (0..<g.below(4)).map { _ in string(&g) + ": " + junk(&g, depth: depth + 1) }.joined(separator: ",\n") + "}"
        }
    }

    @Test(arguments: 0..<40)
    func randomDocumentsReadTheSame(seed: Int) throws {
        var g = Generator(state: UInt64(seed))
        var items: [String] = []
        let domains = ["chat", "math", "code", "safety-refuse", "safety-response"]
        for id in 0..<(1 + g.below(30)) {
            var fields = [
                "\"id\": \(id)",
                "\"domain\": \"\(domains[g.below(domains.count)])\"",
                "\"score_chosen\": [\((0..<3).map { _ in Self.number(&g) }.joined(separator: ", "))]",
                "\"score_rejected\": [\((0..<3).map { _ in Self.number(&g) }.joined(separator: ", "))]",
            ]
            for _ in 0..<g.below(4) { fields.append("\"x\(g.below(100))\": " + Self.junk(&g)) }
            fields.shuffle(using: &g)
            let indent = String(repeating: " ", count: g.below(5))
            items.append("{" + fields.joined(separator: ",\n" + indent) + "}")
        }
        let text = "[\n" + items.joined(separator: ",\n") + "\n]"
        let decoded = try JSONDecoder().decode([DecodedItem].self, from: Data(text.utf8))
        let ours = try ResultReader.parseItems(Array(text.utf8), path: "random-\(seed).json")
        #expect(ours.count == decoded.count)
        for (mine, theirs) in zip(ours, decoded) {
            #expect(mine.key.id == .int(Int64(theirs.id)))
            #expect(mine.key.label == theirs.domain)
            #expect(mine.chosen.array.map(\.bitPattern) == theirs.score_chosen.map(\.bitPattern))
            #expect(mine.rejected.array.map(\.bitPattern) == theirs.score_rejected.map(\.bitPattern))
        }
    }

    /// Strings measured while decoding escapes on the fly equal strings measured after decoding.
    @Test(arguments: 0..<20)
    func measuringEscapedStringsMatchesDecodedText(seed: Int) throws {
        var g = Generator(state: UInt64(1000 + seed))
        let literal = Self.string(&g)
        let decoded = try JSONDecoder().decode(String.self, from: Data(literal.utf8))
        let text = #"[{"id": 1, "domain": "chat", "chosen": [\#(literal), "", ""], "score_chosen": [1, 2, 3], "score_rejected": [0, 0, 0]}]"#
        let items = try ResultReader.parseItems(Array(text.utf8), path: "x.json", options: ResultReadOptions(measureResponses: true))
        #expect(items.first?.chosenFeatures[0] == ResponseFeatures(measuring: decoded))
    }

    /// The real dataset splits (texts full of escapes) parse without problems and their ids
    /// and subsets match a full parse.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["RMBENCH_SHARED_DATA"].map { FileManager.default.fileExists(atPath: $0) } ?? false,
                   "RMBENCH_SHARED_DATA does not point at ../shared/data: real-data test skipped"),
          arguments: ["chat_filtered.json", "code_filtered.json", "safety-refuse_filtered.json", "safety-response_filtered.json"])
    func realSplitsWithScoresAdded(file: String) throws {
        let url = URL(fileURLWithPath: ProcessInfo.processInfo.environment["RMBENCH_SHARED_DATA"]!).appendingPathComponent(file)
        struct Split: Decodable { var id: Int; var subset: String; var chosen: [String] }
        let data = try Data(contentsOf: url)
        let split = try JSONDecoder().decode([Split].self, from: data)
        // Give every item scores by inserting them after its opening brace.
        var text = String(decoding: data, as: UTF8.self)
        text = text.replacingOccurrences(of: "\n    {\n", with: "\n    {\n        \"score_chosen\": [1, 2, 3], \"score_rejected\": [0.5, 1.5, 2.5],\n")
        let items = try ResultReader.parseItems(Array(text.utf8), path: file, options: ResultReadOptions(measureResponses: true))
        #expect(items.map(\.key.id) == split.map { .int(Int64($0.id)) })
        #expect(items.map(\.subset) == split.map(\.subset))
        #expect(items.map { $0.chosenFeatures.map { $0?.characters } } == split.map { $0.chosen.map { $0.unicodeScalars.count } })
    }
}
