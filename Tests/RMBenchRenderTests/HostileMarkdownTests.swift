import Foundation
import Testing
import RMBenchAnalyze
import RMBenchConvert
import RMBenchCore
import RMBenchScore
@testable import RMBenchRender

/// Data that tries to become Markdown structure (links, images, raw HTML, headings) in the
/// Markdown that `compare` posts as a pull-request comment, in `report`, and in the pages'
/// `.md` copies. Each test renders the same thing twice, once with hostile data and once with
/// plain data, parses both with cmark-gfm and requires the same links, images and raw HTML:
/// none of them may come from data. And the hostile text must be there, as text.
@Suite("Hostile Markdown")
struct HostileMarkdownTests {
    static let hostileIDs = [
        "![x](https://evil.example/p.png)", "<img src=x onerror=alert(1)>", "[click](javascript:alert(1))",
        "www.evil.example", "http://evil.example/a", "<https://evil.example/b>", "me@evil.example",
        "x\n# heading\n![y](https://evil.example/q.png)", "*em* _em_ ~~s~~", "[ref]: https://evil.example/r",
    ]
    static let hostilePaths = [
        "runs/a`![p](https://evil.example/p.png)`b.json", "runs/](https://evil.example/l) <img src=x>.json",
        "runs/```\n# heading\n[l](https://evil.example/n).json", "` <b>bold</b> `", "runs/x@evil.example.json",
    ]
    static let hostileName = "evil](https://evil.example/m) ![i](https://evil.example/i.png) <b>"

    /// Two runs whose prompts partly overlap: the shared ones flip, the rest are only in one.
    static func comparison(ids: [String], paths: [String], nameA: String, nameB: String) -> Comparison {
        func item(_ id: String, right: Bool) -> ScoredItem {
            ScoredItem(key: ItemKey(label: "chat", id: .string(id)), domain: .chat,
                       chosen: right ? StyleScores(5, 5, 5) : StyleScores(1, 1, 1), rejected: StyleScores(3, 3, 3))
        }
        let shared = ids.prefix(4), onlyA = ids.dropFirst(4).prefix(3), onlyB = ids.dropFirst(7)
        let itemsA = shared.map { item($0, right: true) } + onlyA.map { item($0, right: true) }
        let itemsB = shared.map { item($0, right: false) } + onlyB.map { item($0, right: true) }
        let keysA = Set(itemsA.map(\.key)), keysB = Set(itemsB.map(\.key))
        let half = paths.count / 2
        return Comparison(
            nameA: nameA, nameB: nameB,
            sourcesA: paths.prefix(half).map { SourceFile(path: $0, sha256: String(repeating: "a", count: 64)) },
            sourcesB: paths.dropFirst(half).map { SourceFile(path: $0, sha256: String(repeating: "b", count: 64)) },
            differences: Analyze.pairedDifferences(itemsA, itemsB, resamples: 0, seed: 1),
            flips: Analyze.flips(itemsA, itemsB),
            onlyInA: keysA.subtracting(keysB).sorted(), onlyInB: keysB.subtracting(keysA).sorted())
    }

    static let hostile = comparison(ids: hostileIDs, paths: hostilePaths, nameA: "base", nameB: hostileName)
    static let plain = comparison(ids: hostileIDs.indices.map { "id\($0)" }, paths: hostilePaths.indices.map { "runs/p\($0).json" },
                                  nameA: "base", nameB: "candidate")

    static func templates() throws -> TemplateSet {
        try TemplateSet.load(directory: PromptPagesTests.repository.appendingPathComponent("Templates").path)
    }

    /// What the text shows once Markdown has folded line breaks and the escaper has put word
    /// joiners before `@`.
    static func shown(_ text: String) -> String {
        text.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\u{2060}", with: "")
    }

    static func expectSameStructure(_ hostile: String, _ plain: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let a = MarkdownTree(hostile), b = MarkdownTree(plain)
        #expect(a.active == b.active, "links, images or raw HTML from data", sourceLocation: sourceLocation)
        #expect(a.nodes(["heading"]).count == b.nodes(["heading"]).count, "headings from data", sourceLocation: sourceLocation)
        #expect(!a.active.contains { ($0.url ?? $0.text).contains("evil") }, sourceLocation: sourceLocation)
    }

    // MARK: compare

    @Test func compareMarkdownGivesDataNoStructure() {
        let markdown = ComparisonReport.markdown(Self.hostile)
        Self.expectSameStructure(markdown, ComparisonReport.markdown(Self.plain))
        let tree = MarkdownTree(markdown)
        // The only raw HTML is our own collapsible flip list.
        #expect(tree.active.map(\.text) == ["<details><summary>Flipped comparisons</summary>\n", "</details>\n"])
        let text = Self.shown(tree.literalText)
        for id in Self.hostileIDs { #expect(text.contains("chat/" + Self.shown(id)), "\(id)") }
        #expect(text.contains(Self.hostileName))
    }

    @Test func compareMarkdownShowsEachPathAsOneCodeSpan() {
        let codes = MarkdownTree(ComparisonReport.markdown(Self.hostile)).nodes(["code"]).map(\.text)
        #expect(codes == Self.hostilePaths.map { $0.replacingOccurrences(of: "\n", with: " ") })
    }

    @Test func compareHTMLGivesDataNoStructure() throws {
        let templates = try Self.templates()
        let page = Reports.comparison(Self.hostile, templates: templates, toolVersion: "test", path: "compare")
        let plainPage = Reports.comparison(Self.plain, templates: templates, toolVersion: "test", path: "compare")
        Self.expectSameStructure(page.markdown, plainPage.markdown)
        #expect(MarkdownTree(page.markdown).active.isEmpty)
        let html = try MarkdownConverter().html(fromMarkdown: page.markdown, fragments: page.fragments)
        #expect(!html.contains("<a "))
        #expect(!html.contains("<img"))
        #expect(!html.contains("<b>"))
        #expect(!html.contains("raw HTML omitted"))
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
        #expect(html.contains("<code>runs/a`![p](https://evil.example/p.png)`b.json</code>"))
    }

    // MARK: report

    @Test func reportMarkdownGivesDataNoStructure() throws {
        let templates = try Self.templates()
        func report(_ comparison: Comparison, name: String) throws -> String {
            let items = [ScoredItem(key: ItemKey(label: "chat", id: .string(Self.hostileIDs[0])), domain: .chat,
                                    chosen: StyleScores(5, 5, 5), rejected: StyleScores(3, 3, 3))]
            let run = ModelRun(model: name, type: .sequenceClassifier,
                               sources: comparison.sourcesB, items: items)
            let page = try #require(Reports.model(row: LeaderboardRow(score: Scorer.score(run)), lengths: nil, reference: nil,
                                                  comparison: comparison, templates: templates, toolVersion: "test", path: "report"))
            return page.markdown
        }
        let markdown = try report(Self.hostile, name: Self.hostileName)
        Self.expectSameStructure(markdown, try report(Self.plain, name: "candidate"))
        let text = Self.shown(MarkdownTree(markdown).literalText)
        for id in Self.hostileIDs.prefix(4) { #expect(text.contains(Self.shown(id)), "\(id)") }
    }

    // MARK: correlations.md

    static func correlationsMarkdown(metrics: [String], description: String, file: String) throws -> String {
        let models = ["m1", "m2", "m3", "m4"]
        let directory = ModelDirectory(metadata: [], names: models)
        let rmbench = Dictionary(uniqueKeysWithValues: models.enumerated().map { index, model in
            (directory.id(model)!, ["Average": 50.0 + Double(index * index), "Hard": 40.0 + Double(index)])
        })
        let external = ExternalMetrics(
            file: file, metrics: metrics.map { ExternalMetrics.Metric(name: $0, description: description) },
            values: Dictionary(uniqueKeysWithValues: models.enumerated().map { index, model in
                (model, Dictionary(uniqueKeysWithValues: metrics.map { ($0, Double(10 + index * 3)) }))
            }),
            models: models)
        let pairs = Analyze.correlationStudy(rmbench: rmbench, rmbenchMetrics: ["Average", "Hard"], external: [external],
                                             models: directory, resamples: 20, seed: 1)
        let (templates, layout) = try PromptPagesTests.layout()
        return CorrelationsPage.render(pairs: pairs, rows: [], templates: templates, layout: layout).page.exportMarkdown
    }

    @Test func correlationsMarkdownGivesMetricNamesNoStructure() throws {
        let hostile = ["x](https://evil.example/p.png) ![y", "z](javascript:alert(1))", "# <img src=x> www.evil.example"]
        let markdown = try Self.correlationsMarkdown(metrics: hostile, description: "see [d](https://evil.example/d) <b>",
                                                     file: "external/e](https://evil.example/f).csv")
        let plain = try Self.correlationsMarkdown(metrics: ["a", "b", "c"], description: "plain", file: "external/plain.csv")
        let tree = MarkdownTree(markdown), plainTree = MarkdownTree(plain)
        #expect(tree.active.map(\.type) == plainTree.active.map(\.type))
        #expect(tree.nodes(["link"]) == plainTree.nodes(["link"]))
        #expect(tree.nodes(["html_inline", "html_block"]).isEmpty)
        #expect(tree.nodes(["heading"]).count == plainTree.nodes(["heading"]).count)
        let images = tree.nodes(["image"])
        #expect(images.count == 6)   // each metric against Average and Hard
        // The chart files are named by slug: data shapes the file name, never the link.
        #expect(images.map(\.url) == hostile.flatMap { name in
            ["average", "hard"].map { "charts/correlations/\(Slug.plain(name))-vs-\($0).svg" }
        })
        #expect(images.map(\.text) == hostile.flatMap { ["Average on RM-Bench vs \($0)", "Hard on RM-Bench vs \($0)"] })
        let headings = tree.nodes(["heading"]).map { Self.shown($0.text) }
        for name in hostile { #expect(headings.contains(name), "\(name)") }
    }
}
