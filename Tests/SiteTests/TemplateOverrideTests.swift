import Foundation
import Testing

/// Tables are Mustache sections in `Templates/`: a user renames, drops or reorders a column by
/// editing a copy of the templates alone, and the built site follows.
@Suite("Template overrides", .serialized)
struct TemplateOverrideTests {
    /// A copy of the repository's templates with `edit` applied to one of them.
    static func templates(editing name: String, _ edit: (String) -> String) throws -> URL {
        let folder = temporaryDirectory().appendingPathComponent("Templates")
        try FileManager.default.copyItem(at: Tool.repository.appendingPathComponent("Templates"), to: folder)
        let file = folder.appendingPathComponent(name)
        let original = try String(contentsOf: file, encoding: .utf8)
        let edited = edit(original)
        #expect(edited != original, "the edit changed nothing in \(name)")
        try edited.write(to: file, atomically: true, encoding: .utf8)
        return folder
    }

    static func build(templates: URL) throws -> [String: Data] {
        let site = temporaryDirectory().appendingPathComponent("Site")
        let output = try Tool.run(["build", "--quiet", "--data", Tool.repository.appendingPathComponent("Data").path,
                                   "--templates", templates.path, "--output", site.path])
        #expect(output.status == 0, "\(output.stderr)")
        return try tree(site)
    }

    /// The first table of a page: its header cells' texts and each body row's cell count.
    static func firstTable(_ html: String) throws -> (header: [String], rowCells: [Int]) {
        let start = try #require(html.range(of: "<table>"))
        let end = try #require(html.range(of: "</table>", range: start.upperBound..<html.endIndex))
        let table = String(html[start.upperBound..<end.lowerBound])
        let parts = table.components(separatedBy: "<tbody>")
        // `<th>` and `<th align=…>`, not `<thead>`.
        let header = try #require(parts.first).components(separatedBy: "<th").dropFirst().filter { $0.first == ">" || $0.first == " " }.map { cell -> String in
            let text = cell.drop { $0 != ">" }.dropFirst()
            return String(text.prefix { $0 != "<" })
        }
        let body = parts.count > 1 ? parts[1] : ""
        let rows = body.components(separatedBy: "<tr>").dropFirst().map { $0.components(separatedBy: "<td").count - 1 }
        return (header, rows)
    }

    func replacing(_ text: String, _ old: String, _ new: String) -> String {
        #expect(text.contains(old), "the template has no \(old)")
        return text.replacingOccurrences(of: old, with: new)
    }

    @Test("the leaderboard's Chat header renamed and its Type column dropped in the template")
    func leaderboardColumns() throws {
        let templates = try Self.templates(editing: "leaderboard.md.mustache") { text in
            var text = replacing(text, "| Rank | Model | Type | Chat |", "| Rank | Model | Conversation |")
            text = replacing(text, "|---:|---|---|---:|", "|---:|---|---:|")
            return replacing(text, " | {{type}} | {{chat}} |", " | {{chat}} |")
        }
        let files = try Self.build(templates: templates)
        let table = try Self.firstTable(String(decoding: try #require(files["index.html"]), as: UTF8.self))
        #expect(table.header == ["Rank", "Model", "Conversation", "Math", "Code", "Safety", "Easy", "Normal", "Hard", "Average", "95 % CI", "Numbers"])
        #expect(table.rowCells.count == 68)
        #expect(table.rowCells.allSatisfy { $0 == 12 })
        let markdown = String(decoding: try #require(files["index.md"]), as: UTF8.self)
        #expect(markdown.contains("| 66 (≈1) | [baseline-random](models/baseline-random.html) † | 51.2 | – | 47.5 | 51.1 |"))
        #expect(!markdown.contains("| Baseline |"))
    }

    @Test("a model page's headline: Average renamed and moved first, Safety dropped")
    func modelPageColumns() throws {
        let templates = try Self.templates(editing: "model.md.mustache") { text in
            var text = replacing(text, "| Numbers | Chat | Math | Code | Safety | Easy | Normal | Hard | Average |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|",
                                 "| Numbers | Overall | Chat | Math | Code | Easy | Normal | Hard |\n|---|---:|---:|---:|---:|---:|---:|---:|")
            text = replacing(text, " | {{chat}} | {{math}} | {{code}} | {{safety}} | {{easy}} | {{normal}} | {{hard}} | {{average}} |",
                             " | {{average}} | {{chat}} | {{math}} | {{code}} | {{easy}} | {{normal}} | {{hard}} |")
            return replacing(text, "{{#isRecomputed}}Recomputed{{/isRecomputed}}", "{{#isRecomputed}}Ours{{/isRecomputed}}")
        }
        let files = try Self.build(templates: templates)
        let table = try Self.firstTable(String(decoding: try #require(files["models/baseline-length.html"]), as: UTF8.self))
        #expect(table.header == ["Numbers", "Overall", "Chat", "Math", "Code", "Easy", "Normal", "Hard"])
        // Our numbers and their 95 % interval.
        #expect(table.rowCells == [8, 8])
        let markdown = String(decoding: try #require(files["models/baseline-length.md"]), as: UTF8.self)
        #expect(markdown.contains("| Ours | 45.3 | 37.4 | – | 51.6 | 83.7 | 39.4 | 12.7 |"))
        // Pages of other kinds keep their own templates.
        let published = try Self.firstTable(String(decoding: try #require(files["models/skywork-reward-llama-3.1-8b.html"]), as: UTF8.self))
        #expect(published.header == ["Numbers", "Chat", "Math", "Code", "Safety", "Easy", "Normal", "Hard", "Average"])
    }
}
