import Testing
import RMBenchCore
import RMBenchScore
@testable import RMBenchRender

/// The model page's "Prompts it got wrong": two models on a few prompts whose nine comparisons
/// are worked out by hand in the comments.
@Suite("ModelPromptLinks")
struct ModelPromptLinksTests {
    static func item(_ label: String, _ id: ItemID, _ chosen: [Double], _ rejected: [Double]) -> ScoredItem {
        ScoredItem(key: ItemKey(label: label, id: id), domain: Domain(label: label)!,
                   chosen: StyleScores(chosen[0], chosen[1], chosen[2]), rejected: StyleScores(rejected[0], rejected[1], rejected[2]))
    }

    // A, chat 1: chosen 3 5 7 vs rejected 2 6 8 → rows ✓✗✗ ✓✗✗ ✓✓✗: Hard 3 lost, Normal 2 lost (p–p, m–m), Easy 0.
    // A, chat 2: all nine right. A, chat "<x>": chosen 1 NaN 3 vs 1 0 0 → ✗✓✓ ✗✗✗ ✓✓✓: Hard 1 lost (p–m),
    //   Normal 2 lost (c–c tie, p–p NaN), Easy 1 lost (p–c NaN). A, code 5: chosen 0 0 0 vs 1 1 1 → all nine lost.
    // B, chat 1: chosen 9 9 9 vs 0 0 0 → all right; B, chat 2: chosen 0 0 0 vs 0 0 0 → all ties, all lost.
    static let a = [item("chat", .int(1), [3, 5, 7], [2, 6, 8]), item("chat", .int(2), [9, 9, 9], [0, 0, 0]),
                    item("chat", .string("<x>"), [1, .nan, 3], [1, 0, 0]), item("code", .int(5), [0, 0, 0], [1, 1, 1]),
                    item("chat", .int(1), [9, 9, 9], [0, 0, 0])]   // a repeated item: the first counts, as on the prompt pages
    static let b = [item("chat", .int(1), [9, 9, 9], [0, 0, 0]), item("chat", .int(2), [0, 0, 0], [0, 0, 0])]

    static func links() throws -> (a: ModelPromptLinks, b: ModelPromptLinks) {
        let links = PromptLink.all(PromptPages.files(PromptPages.records([("A", a), ("B", b)])))
        return (try #require(ModelPromptLinks(items: a, links: links)), try #require(ModelPromptLinks(items: b, links: links)))
    }

    @Test func countsPerDomainAndDifficulty() throws {
        let (a, b) = try Self.links()
        let rows = a.data.domains
        #expect(rows.map(\.title) == ["Chat", "Code"])
        #expect(rows[0].prompts == 3 && rows[0].allRight == 1)
        #expect((rows[0].hardPrompts, rows[0].hardComparisons) == (2, 4))
        #expect((rows[0].normalPrompts, rows[0].normalComparisons) == (2, 4))
        #expect((rows[0].easyPrompts, rows[0].easyComparisons) == (1, 1))
        #expect(rows[1].prompts == 1 && rows[1].allRight == 0)
        #expect((rows[1].hardPrompts, rows[1].hardComparisons, rows[1].normalComparisons, rows[1].easyComparisons) == (1, 3, 3, 3))
        #expect(a.data.lists == "@@prompts:wrong@@")
        let bRow = try #require(b.data.domains.first)
        #expect(b.data.domains.count == 1 && bRow.prompts == 2 && bRow.allRight == 1)
        #expect((bRow.hardPrompts, bRow.normalPrompts, bRow.easyPrompts) == (1, 1, 1))
    }

    @Test func listsAreByDifficultyMostLostFirst() throws {
        let (a, _) = try Self.links()
        let chat = try #require(a.domains.first { $0.domain == .chat })
        func misses(_ difficulty: Difficulty) -> [String] {
            (chat.misses.first { $0.difficulty == difficulty }?.prompts ?? []).map { "\($0.key.id) \($0.lost) \($0.prompt.href)" }
        }
        #expect(chat.misses.map(\.difficulty) == [.hard, .normal, .easy])
        #expect(misses(.hard) == ["1 3 ../prompts/chat/1.html", "<x> 1 ../prompts/chat/x.html"])
        #expect(misses(.normal) == ["1 2 ../prompts/chat/1.html", "<x> 2 ../prompts/chat/x.html"])
        #expect(misses(.easy) == ["<x> 1 ../prompts/chat/x.html"])
    }

    @Test func htmlIsCollapsedEscapedAndLinked() throws {
        let (a, b) = try Self.links()
        let html = a.html
        #expect(html.components(separatedBy: "<details class=\"wrong-prompts\">").count - 1 == 6)   // chat ×3, code ×3
        #expect(html.contains("<summary>Chat · Hard: 2 of 3 prompts</summary>\n<p>3 of 3 Hard comparisons wrong (1 prompt):</p>\n<ul class=\"prompt-links\"><li><a href=\"../prompts/chat/1.html\">chat 1</a></li></ul>\n<p>1 of 3 Hard comparisons wrong (1 prompt):</p>\n<ul class=\"prompt-links\"><li><a href=\"../prompts/chat/x.html\">chat &lt;x&gt;</a></li></ul>\n</details>"))
        #expect(!html.contains("<x>"))
        // B lost no Hard comparison on chat 1 and all on chat 2.
        #expect(b.html.contains("<summary>Chat · Hard: 1 of 2 prompts</summary>\n<p>3 of 3 Hard comparisons wrong (1 prompt):</p>\n<ul class=\"prompt-links\"><li><a href=\"../prompts/chat/2.html\">chat 2</a></li></ul>\n</details>"))
        #expect(a.markdown.contains("**Chat · Hard** (2 of 3 prompts): [chat 1](../prompts/chat/1.html) (3/3), [chat \\<x\\>](../prompts/chat/x.html) (1/3)"))
        #expect(ModelPromptLinks(items: [], links: [:]) == nil)
    }
}
