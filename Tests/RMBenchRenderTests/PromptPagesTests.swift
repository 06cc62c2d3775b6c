import Foundation
import RMBenchScore
import Testing
import RMBenchCore
@testable import RMBenchRender

@Suite("PromptPages")
struct PromptPagesTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func layout() throws -> (TemplateSet, Layout) {
        let templates = try TemplateSet.load(directory: repository.appendingPathComponent("Templates").path)
        let input = SiteInput(title: "RM-Bench", baseURL: nil, toolVersion: "test", rows: [])
        return (templates, Layout(input: input, templates: templates))
    }

    static func item(_ label: String, _ id: Int64, _ chosen: [Double] = [3, 5, 7], _ rejected: [Double] = [2, 6, 8],
                     subset: String? = nil) -> ScoredItem {
        ScoredItem(key: ItemKey(label: label, id: .int(id)), domain: Domain(label: label)!, subset: subset,
                   chosen: StyleScores(chosen[0], chosen[1], chosen[2]), rejected: StyleScores(rejected[0], rejected[1], rejected[2]))
    }

    static func render(_ records: [PromptRecord], texts: [ItemKey: PromptText] = [:]) throws -> [RenderedPage] {
        let (templates, layout) = try layout()
        return PromptPages.render(records: records, texts: texts, templates: templates, layout: layout)
    }

    // MARK: Records

    @Test func recordsJoinModelsOnOverlappingPrompts() {
        let a = [Self.item("safety-refuse", 3), Self.item("chat", 2, subset: "alpacaeval"), Self.item("chat", 1)]
        let b = [Self.item("code", 5), Self.item("chat", 2, [1, 1, 1], [0, 0, 0]), Self.item("safety-response", 3)]
        let repeated = Self.item("chat", 1, [9, 9, 9], [0, 0, 0])   // a model listing an item twice: the first counts
        let records = PromptPages.records([("A", a + [repeated]), ("B", b)])
        #expect(records.map(\.key.description) == ["chat/1", "chat/2", "code/5", "safety-refuse/3", "safety-response/3"])
        #expect(records.map { $0.scores.map(\.model) } == [["A"], ["A", "B"], ["B"], ["A"], ["B"]])
        #expect(records[1].subset == "alpacaeval")
        #expect(records[1].scores[1].chosen == StyleScores(1, 1, 1))
        #expect(records.map(\.domain) == [.chat, .chat, .code, .safety, .safety])
        #expect(records[0].scores[0].chosen == StyleScores(3, 5, 7))
    }

    // MARK: Cells

    /// The outcomes as nested rows, to compare with a hand-written grid.
    static func grid(_ outcomes: ComparisonOutcomes) -> [[Bool]] {
        (0..<3).map { i in (0..<3).map { j in outcomes.isRight(row: i, column: j) } }
    }

    @Test func cellsOfAHandComputedPair() {
        let cells = ComparisonOutcomes(chosen: StyleScores(3, 5, 7), rejected: StyleScores(2, 6, 8))
        #expect(Self.grid(cells) == [[true, false, false], [true, false, false], [true, true, false]])
        #expect(cells.count(.average) == 4)   // Easy 3, Normal 1, Hard 0
        #expect(cells.count(.hard) == 0)
        #expect(cells.count(.easy) == 3)
        #expect(cells.count(.normal) == 1)
        #expect(!cells.allRight)
        // Ties and NaN are wrong, as in the official scorer.
        let ties = ComparisonOutcomes(chosen: StyleScores(1, .nan, 3), rejected: StyleScores(1, 0, 0))
        #expect(Self.grid(ties) == [[false, true, true], [false, false, false], [true, true, true]])
        #expect(ties.count(.hard) == 2)
        #expect(ComparisonOutcomes(chosen: StyleScores(9, 9, 9), rejected: StyleScores(1, 1, 1)).allRight)
    }

    @Test func scoresHaveThreeSignificantDigits() {
        #expect(PromptPages.score(3) == "3.00")
        #expect(PromptPages.score(-0.123456) == "-0.123")
        #expect(PromptPages.score(1917) == "1917")
        #expect(PromptPages.score(0.5) == "0.500")
        #expect(PromptPages.score(12.345) == "12.3")
        #expect(PromptPages.score(-0.0001) == "-0.000100")
        #expect(PromptPages.score(-0.00001234) == "-1.23e-05")
        #expect(PromptPages.score(0) == "0.00")
        #expect(PromptPages.score(-0.0) == "0.00")
        #expect(PromptPages.score(-0.0004) == "-0.000400")
        #expect(PromptPages.score(-0.00004) == "-4.00e-05")
        #expect(PromptPages.score(.nan) == "NaN")
        #expect(PromptPages.score(-.infinity) == "−∞")
    }

    // MARK: Pages

    @Test func oneHundredTwentyPromptsMakeThreeListPages() throws {
        let items = (1...120).map { Self.item("chat", Int64($0)) }
        let pages = try Self.render(PromptPages.records([("A", items)]))
        let lists = pages.filter { $0.path.hasPrefix("prompts/chat/page-") }
        #expect(PromptPages.pageCount(120) == 3)
        #expect(lists.map(\.path) == ["prompts/chat/page-1", "prompts/chat/page-2", "prompts/chat/page-3"])
        #expect(pages.count == 1 + 1 + 3 + 120)   // index, ranking, list pages, prompt pages
        #expect(pages.first?.path == "prompts/index")
        // Page 3 holds prompts 101–120 and links back but not forward.
        let third = lists[2].markdown
        #expect(third.contains("[chat\u{A0}101](101.html)") && third.contains("[chat\u{A0}120](120.html)"))
        #expect(!third.contains("(100.html)"))
        #expect(third.contains("(page-2.html)") && !third.contains("(page-4.html)"))
        #expect(lists[0].markdown.contains("(page-2.html)") && !lists[0].markdown.contains("Previous page"))
        // A prompt page links to its list page and the index.
        let prompt = try #require(pages.first { $0.path == "prompts/chat/51" })
        #expect(prompt.markdown.contains("(page-2.html)") && prompt.markdown.contains("(../index.html)"))
        #expect(prompt.markdown.contains("(50.html)") && prompt.markdown.contains("(52.html)"))
        let index = pages[0].markdown
        #expect(index.contains("3 pages: prompts [1\u{2060}–\u{2060}50](chat/page-1.html) · [51\u{2060}–\u{2060}100](chat/page-2.html) · [101\u{2060}–\u{2060}120](chat/page-3.html)\n"))
        #expect(index.contains("120 prompts"))
        #expect(index.contains("rmbench-site build --dataset DIR"))
    }

    @Test func listPagesDoNotGrowWithModels() throws {
        let items = (1...10).map { Self.item("chat", Int64($0)) }
        let few = try Self.render(PromptPages.records([("A", items)]))
        let many = try Self.render(PromptPages.records((0..<200).map { (ModelID(name: "model \($0)"), items) }))
        let listFew = try #require(few.first { $0.path == "prompts/chat/page-1" })
        let listMany = try #require(many.first { $0.path == "prompts/chat/page-1" })
        #expect(listFew.markdown.split(separator: "\n").count == listMany.markdown.split(separator: "\n").count)
        #expect(listMany.markdown.count < listFew.markdown.count + 200)   // only the aggregate numbers differ
        // A prompt page: one score row per model (and the header row), its template's Markdown alike.
        let promptFew = try #require(few.first { $0.path == "prompts/chat/1" })
        let promptMany = try #require(many.first { $0.path == "prompts/chat/1" })
        #expect(promptFew.fragments["prompt:scores"]?.components(separatedBy: "<tr>").count == 1 + 2)
        #expect(promptMany.fragments["prompt:scores"]?.components(separatedBy: "<tr>").count == 1 + 201)
        #expect(promptMany.exportMarkdown.split(separator: "\n").filter { $0.hasPrefix("| [model ") }.count == 200)
        #expect(promptFew.markdown.split(separator: "\n").count == promptMany.markdown.split(separator: "\n").count)
    }

    @Test func fileNamesCarryTheLabelWhenADomainHasSeveral() throws {
        let items = [Self.item("safety-refuse", 12), Self.item("safety-response", 12), Self.item("chat", 12)]
        var records = PromptPages.records([("A", items)])
        records.append(PromptRecord(key: ItemKey(label: "code", id: .string("page-2")), domain: .code, scores: [("A", StyleScores(1, 1, 1), StyleScores(0, 0, 0))]))
        records.append(PromptRecord(key: ItemKey(label: "code", id: .string("../x y")), domain: .code, scores: [("A", StyleScores(1, 1, 1), StyleScores(0, 0, 0))]))
        let files = PromptPages.files(records)
        #expect(files[ItemKey(label: "safety-refuse", id: .int(12))] == "prompts/safety/safety-refuse-12")
        #expect(files[ItemKey(label: "safety-response", id: .int(12))] == "prompts/safety/safety-response-12")
        #expect(files[ItemKey(label: "chat", id: .int(12))] == "prompts/chat/12")
        #expect(files[ItemKey(label: "code", id: .string("page-2"))] == "prompts/code/id-page-2")
        #expect(files[ItemKey(label: "code", id: .string("../x y"))] == "prompts/code/x-y")
        let paths = try Self.render(records).map(\.path)
        #expect(Set(paths).count == paths.count)
        #expect(paths.contains("prompts/code/page-1") && paths.contains("prompts/code/id-page-2"))
    }

    @Test func modelLinksUseEachIdentitysSlug() throws {
        let records = PromptPages.records([(ModelID(name: "Org/Model A", slug: "org-model-a-1234"), [Self.item("chat", 1)]),
                                           (ModelID(name: "<b>escaped</b>", slug: "b-escaped-b"), [Self.item("chat", 1, [0, 0, 0], [1, 1, 1])])])
        let pages = try Self.render(records)
        let rendered = try #require(pages.first { $0.path == "prompts/chat/1" })
        let page = rendered.exportMarkdown
        #expect(rendered.markdown.contains("\n@@prompt:scores@@\n"))
        #expect(page.contains("| Model | Chosen (c · p · m) | Rejected (c · p · m) | Right | Hard |\n|---|---:|---:|---:|---:|\n"
            + "| [Org/Model A](../../models/org-model-a-1234.html) | 3.00 · 5.00 · 7.00 | 2.00 · 6.00 · 8.00 | 4/9 | 0/3 |\n"
            + "| [\\<b\\>escaped\\</b\\>](../../models/b-escaped-b.html) | 0.00 · 0.00 · 0.00 | 1.00 · 1.00 · 1.00 | 0/9 | 0/3 |\n\n"))
        let table = try #require(rendered.fragments["prompt:scores"])
        #expect(table.contains("<tbody>\n<tr><td><a href=\"../../models/org-model-a-1234.html\">Org/Model A</a></td><td>3.00 · 5.00 · 7.00</td><td>2.00 · 6.00 · 8.00</td><td>4/9</td><td>0/3</td></tr>\n"
            + "<tr><td><a href=\"../../models/b-escaped-b.html\">&lt;b&gt;escaped&lt;/b&gt;</a></td><td>0.00 · 0.00 · 0.00</td><td>1.00 · 1.00 · 1.00</td><td>0/9</td><td>0/3</td></tr>\n</tbody>\n</table>"))
        #expect(!page.contains("<b>") && !table.contains("<b>"))
        #expect(page.contains("| concise | 1/2 (Normal) | 0/2 (Hard) | 0/2 (Hard) |"))
        // The list page aggregates: nobody got all nine; mean (4 + 0) / 2.
        let list = try #require(pages.first { $0.path == "prompts/chat/page-1" }).markdown
        #expect(list.contains("| [chat\u{A0}1](1.html) | – | 2 | 0 | 0 | 2.0 |"))
    }

    /// Two models on one prompt: each gets a 3×3 table whose cells say right/wrong in words (the
    /// style sheet adds the glyphs), Hard cells (upper triangle) marked; cells hand-checked from
    /// the scores.
    @Test func promptPageHasAComparisonGridPerModel() throws {
        // A: chosen 3 5 7 vs rejected 2 6 8 → rows ✓✗✗, ✓✗✗, ✓✓✗. B: chosen 1 1 9 vs rejected 0 2 0 → ✓✗✓, ✓✗✓, ✓✓✓.
        let records = PromptPages.records([(ModelID(name: "A <i>", slug: "a-i"), [Self.item("chat", 1)]),
                                           (ModelID(name: "B", slug: "b"), [Self.item("chat", 1, [1, 1, 9], [0, 2, 0])])])
        let page = try #require(try Self.render(records).first { $0.path == "prompts/chat/1" })
        #expect(page.markdown.contains("\n@@prompt:grids@@\n"))
        let html = try #require(page.fragments["prompt:grids"])
        let tables: [String] = Array(html.components(separatedBy: "<table class=\"comparison-grid\"").dropFirst())
        #expect(tables.count == 2)
        func cells(_ table: String) -> [String] {
            let parts: [String] = Array(table.components(separatedBy: "<td class=\"").dropFirst())
            return parts.map { String($0.prefix { $0 != "\"" }) }
        }
        #expect(cells(tables[0]) == ["cell-right", "cell-wrong cell-hard", "cell-wrong cell-hard",
                                     "cell-right", "cell-wrong", "cell-wrong cell-hard",
                                     "cell-right", "cell-right", "cell-wrong"])
        #expect(cells(tables[1]) == ["cell-right", "cell-wrong cell-hard", "cell-right cell-hard",
                                     "cell-right", "cell-wrong", "cell-right cell-hard",
                                     "cell-right", "cell-right", "cell-right"])
        // Row concise, column plain of A: wrong and Hard, in glyph and in words.
        #expect(tables[0].contains("<td class=\"cell-wrong cell-hard\"><span>wrong, Hard</span></td>"))
        #expect(tables[0].contains("<a href=\"../../models/a-i.html\">A &lt;i&gt;</a> <span class=\"grid-summary\">4/9 right, 0/3 Hard</span>"))
        #expect(tables[1].contains("7/9 right, 2/3 Hard"))
        #expect(!html.contains("<i>"))
        // The Markdown copy has the same grid as a table.
        #expect(page.exportMarkdown.contains("**A \\<i\\>**: 4/9 right, 0/3 Hard\n\n| chosen ↓ rejected → | concise | plain | markdown |\n|---|:-:|:-:|:-:|\n| concise | ✓ | ✗ (Hard) | ✗ (Hard) |\n| plain | ✓ | ✗ | ✗ (Hard) |\n| markdown | ✓ | ✓ | ✗ |"))
    }

    /// The ranking page orders a domain's prompts by models with all nine right, fewest first,
    /// then by mean right, then by key; it is linked from the index and the list pages.
    @Test func rankingPageOrdersByModelsRight() throws {
        let allRight: ([Double], [Double]) = ([9, 9, 9], [0, 0, 0])
        let fourRight: ([Double], [Double]) = ([3, 5, 7], [2, 6, 8])
        let noneRight: ([Double], [Double]) = ([0, 0, 0], [1, 1, 1])
        func item(_ id: Int64, _ pair: ([Double], [Double])) -> ScoredItem { Self.item("chat", id, pair.0, pair.1) }
        // chat 1: A all, B all → 2 all right. chat 2: A four, B none → 0 all right, mean 2.0.
        // chat 3: A all, B none → 1 all right. chat 4: A four, B four → 0 all right, mean 4.0.
        // chat 5: A none, B none → 0, mean 0.0. Order: 5 (0, 0.0), 2 (0, 2.0), 4 (0, 4.0), 3 (1), 1 (2).
        let a = [item(1, allRight), item(2, fourRight), item(3, allRight), item(4, fourRight), item(5, noneRight)]
        let b = [item(1, allRight), item(2, noneRight), item(3, noneRight), item(4, fourRight), item(5, noneRight)]
        let pages = try Self.render(PromptPages.records([("A", a), ("B", b)]))
        let ranking = try #require(pages.first { $0.path == "prompts/chat/by-models-right" })
        let order = ranking.markdown.split(separator: "\n").filter { $0.hasPrefix("| [chat") }.map { String($0.prefix(12)) }
        #expect(order == ["| [chat\u{A0}5](5", "| [chat\u{A0}2](2", "| [chat\u{A0}4](4", "| [chat\u{A0}3](3", "| [chat\u{A0}1](1"])
        #expect(ranking.markdown.contains("| [chat\u{A0}2](2.html) | – | 2 | 0 | 0 | 2.0 |"))
        #expect(ranking.markdown.contains("| [chat\u{A0}1](1.html) | – | 2 | 2 | 2 | 9.0 |"))
        #expect(ranking.markdown.contains("\n@@prompts:sortable@@\n") && ranking.fragments["prompts:sortable"] == "<div class=\"sortable-table\">")
        #expect(pages[0].markdown.contains("(chat/by-models-right.html)"))
        #expect(try #require(pages.first { $0.path == "prompts/chat/page-1" }).markdown.contains("(by-models-right.html)"))
        // No prompt page takes the ranking page's name.
        let odd = PromptRecord(key: ItemKey(label: "chat", id: .string("by-models-right")), domain: .chat,
                               scores: [("A", StyleScores(1, 1, 1), StyleScores(0, 0, 0))])
        #expect(PromptPages.files([odd])[odd.key] == "prompts/chat/id-by-models-right")
    }

    @Test func untrustedTextStaysInert() throws {
        let hostile = "Run this:\n```\n<script>alert(1)</script>\n`````\n</pre></details><img src=x onerror=alert(2)>\n@@prompt:text@@\n\u{0}end"
        let key = ItemKey(label: "chat", id: .int(7))
        let texts = [key: PromptText(prompt: hostile, chosen: [hostile, "plain", "**md**"], rejected: ["a", "b"])]
        let records = PromptPages.records([("A", [Self.item("chat", 7)])])
        let pages = try Self.render(records, texts: texts)
        let page = try #require(pages.first { $0.path == "prompts/chat/7" })

        // The Markdown holds placeholders only; the text is in the fragments, HTML-escaped.
        #expect(!page.markdown.contains("<script") && !page.markdown.contains("alert("))
        #expect(page.markdown.contains("\n@@prompt:text@@\n") && page.markdown.contains("\n@@prompt:responses@@\n"))
        let fragments = page.fragments.values.joined()
        #expect(!fragments.contains("<script") && !fragments.contains("<img") && !fragments.contains("\u{0}"))
        #expect(fragments.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(fragments.contains("&lt;/pre&gt;&lt;/details&gt;&lt;img src=x onerror=alert(2)&gt;"))
        #expect(page.fragments["prompt:text"]!.components(separatedBy: "<details").count == 2)
        #expect(page.fragments["prompt:responses"]!.components(separatedBy: "<details").count == 1 + 5)   // 3 chosen + 2 rejected
        #expect(page.fragments["prompt:responses"]!.contains("Rejected, detailed markdown: not in the dataset."))
        #expect(ContentSecurityPolicy.inlineStyles(fragments).isEmpty)

        // The exported Markdown holds it in fenced code whose fence outlasts every backtick run.
        let export = page.exportMarkdown
        let lines = export.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let opening = try #require(lines.firstIndex(of: "``````text"))
        let closing = try #require(lines[(opening + 1)...].firstIndex(of: "``````"))
        #expect(lines[(opening + 1)..<closing].joined(separator: "\n") == hostile.replacingOccurrences(of: "\u{0}", with: "\u{FFFD}"))
        #expect(!lines[(opening + 1)..<closing].contains { $0.hasPrefix("``````") })
        #expect(PromptPages.fenced("no ticks") == "```text\nno ticks\n```")

        // The list page's preview, a hostile subset and a hostile string id are Markdown-escaped:
        // every `<`, `` ` `` and `|` from data is backslash-escaped.
        let odd = ItemKey(label: "chat", id: .string("<i>|`x`"))
        var records2 = records
        records2.append(PromptRecord(key: odd, domain: .chat, subset: "<b>|sub", scores: [("A", StyleScores(1, 1, 1), StyleScores(0, 0, 0))]))
        let pages2 = try Self.render(records2, texts: texts)
        let list = try #require(pages2.first { $0.path == "prompts/chat/page-1" }).markdown
        #expect(list.contains("Run this\\: \\`\\`\\` \\<script\\>alert(1)\\</script\\>"))
        #expect(list.contains("[chat\u{A0}\\<i\\>\\|\\`x\\`](i-x.html) | – | \\<b\\>\\|sub |"))
        let oddPage = try #require(pages2.first { $0.path == "prompts/chat/i-x" }).markdown
        #expect(oddPage.contains("# Prompt chat \\<i\\>\\|\\`x\\`\n"))
        for markdown in [list, oddPage] {
            let scalars = Array(markdown.unicodeScalars)
            for (index, scalar) in scalars.enumerated() where scalar == "<" {
                #expect(index > 0 && scalars[index - 1] == "\\", "unescaped < in \(markdown)")
            }
        }
    }

    @Test func withoutTextsThePageSaysHowToAddThem() throws {
        let pages = try Self.render(PromptPages.records([("A", [Self.item("chat", 1), Self.item("chat", 2)])]),
                                    texts: [ItemKey(label: "chat", id: .int(2)): PromptText(prompt: "Hi", chosen: [], rejected: [])])
        let withText = try #require(pages.first { $0.path == "prompts/chat/2" })
        #expect(withText.markdown.contains("@@prompt:text@@") && withText.fragments["prompt:text"]!.contains("Hi"))
        let missing = try #require(pages.first { $0.path == "prompts/chat/1" })
        #expect(missing.markdown.contains("The dataset given has no item") && missing.fragments["prompt:text"] == nil && missing.fragments["prompt:responses"] == nil)
        let list = try #require(pages.first { $0.path == "prompts/chat/page-1" }).markdown
        #expect(list.contains("| [chat\u{A0}2](2.html) | Hi |") && list.contains("| [chat\u{A0}1](1.html) | – |"))

        let bare = try Self.render(PromptPages.records([("A", [Self.item("chat", 1)])]))
        #expect(try #require(bare.first { $0.path == "prompts/chat/1" }).markdown.contains("`rmbench-site build --dataset DIR`"))
    }

    @Test func renderingIsDeterministic() throws {
        let items = (1...60).reversed().map { Self.item($0 % 2 == 0 ? "safety-refuse" : "safety-response", Int64($0)) }
        let first = try Self.render(PromptPages.records([("A", items), ("B", items.shuffled())]))
        let second = try Self.render(PromptPages.records([("A", items.shuffled()), ("B", items)]))
        #expect(first.map(\.path) == second.map(\.path))
        #expect(first.map(\.markdown) == second.map(\.markdown))
    }

    // MARK: Default data

    /// Every prompt of the default per-sample results gets a page that links to every model.
    @Test func everyPromptOfTheDefaultDataHasAPage() throws {
        let results = Self.repository.appendingPathComponent("Data/results/Baseline")
        let folders = try FileManager.default.contentsOfDirectory(atPath: results.path).sorted()
        var models: [(model: ModelID, items: [ScoredItem])] = []
        var keys: Set<ItemKey> = []
        for folder in folders {
            let data = try Data(contentsOf: results.appendingPathComponent("\(folder)/\(folder).json"))
            let list = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
            let items = try list.map { object -> ScoredItem in
                let label = try #require(object["domain"] as? String)
                let id = try #require(object["id"] as? Int)
                let chosen = try #require(object["score_chosen"] as? [Double])
                let rejected = try #require(object["score_rejected"] as? [Double])
                let domain = try #require(Domain(label: label))
                return ScoredItem(key: ItemKey(label: label, id: .int(Int64(id))), domain: domain,
                                  subset: object["subset"] as? String, language: object["language"] as? String,
                                  chosen: StyleScores(chosen[0], chosen[1], chosen[2]), rejected: StyleScores(rejected[0], rejected[1], rejected[2]))
            }
            keys.formUnion(items.map(\.key))
            models.append((ModelID(name: folder), items))
        }
        #expect(models.count == 3 && keys.count > 500)
        let records = PromptPages.records(models)
        #expect(Set(records.map(\.key)) == keys)
        let pages = try Self.render(records)
        let files = PromptPages.files(records)
        let byPath = Dictionary(uniqueKeysWithValues: pages.map { ($0.path, $0) })
        #expect(byPath.count == pages.count)
        for key in keys {
            let path = try #require(files[key])
            let page = try #require(byPath[path])
            for model in models.map(\.model) {
                #expect(page.exportMarkdown.contains("(../../models/\(model.slug).html)"), "\(key) lacks \(model)")
            }
        }
        // Safety has two labels, so its file names carry them.
        #expect(files.values.contains { $0.hasPrefix("prompts/safety/safety-refuse-") })
        #expect(files.values.contains { $0.hasPrefix("prompts/safety/safety-response-") })
    }
}


/// Test models named by string literals: `("A", items)`.
extension ModelID: ExpressibleByStringLiteral {
    public init(stringLiteral name: String) {
        self.init(name: name)
    }
}
