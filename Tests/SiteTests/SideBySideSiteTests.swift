import Foundation
import Testing

/// Issue 12's pages on the default site, built by the real binary: the side-by-side data script
/// carries the leaderboard's own rows and numbers, the page loads it, the prompt ranking pages
/// exist per domain, and recomputed model pages list their wrong prompts.
@Suite("Side by side and prompt links (default site)", .serialized)
struct SideBySideSiteTests {
    func site() throws -> URL { try DefaultSiteTests.built.get() }

    func text(_ path: String) throws -> String {
        String(decoding: try Data(contentsOf: try site().appendingPathComponent(path)), as: UTF8.self)
    }

    @Test func dataScriptHasEveryLeaderboardRowWithItsNumbers() throws {
        let script = try text("assets/side-by-side-data.js")
        let prefix = "window.RMBENCH_SIDE_BY_SIDE = "
        let line = try #require(script.split(separator: "\n").first { $0.hasPrefix(prefix) })
        let data = try #require(try JSONSerialization.jsonObject(with: Data(line.dropFirst(prefix.count).dropLast().utf8)) as? [String: Any])
        let models = try #require(data["models"] as? [[String: Any]])
        let leaderboard = try #require(try JSONSerialization.jsonObject(with: Data(try text("data/leaderboard.json").utf8)) as? [String: Any])
        let rows = try #require(leaderboard["models"] as? [[String: Any]])
        #expect(models.count == rows.count && models.count > 10)
        for (model, row) in zip(models, rows) {
            let name = (model["canonicalName"] as? String) ?? (model["name"] as? String)
            #expect(name == row["model"] as? String, "order or names differ: \(String(describing: name)) vs \(String(describing: row["model"]))")
            // The Average as the leaderboard prints it: the JSON's fraction in percent, one decimal.
            let values = try #require(model["values"] as? [String: String])
            let expected = (row["average"] as? Double).map { String(format: "%.1f", $0 * 100) } ?? "–"
            #expect(values["average"] == expected, "\(name ?? "?"): \(values["average"] ?? "nil") vs \(expected)")
            #expect((model["matrices"] != nil) == (row["provenance"] as? String != "published"), "\(name ?? "?"): matrices iff recomputed")
        }
        let page = try text("side-by-side.html")
        #expect(page.contains("<script src=\"assets/side-by-side-data.js\" defer=\"defer\"></script>\n<script src=\"assets/site.js\""))
        #expect(page.contains("<div id=\"side-by-side-view\"") && page.contains("<noscript>"))
        #expect(try text("index.html").contains("href=\"side-by-side.html\""))
    }

    @Test func rankingPagesAndWrongPromptLinksExist() throws {
        let root = try site()
        let domains = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("prompts").path)
            .filter { !$0.contains(".") }.sorted()
        #expect(!domains.isEmpty)
        for domain in domains {
            let ranking = try text("prompts/\(domain)/by-models-right.html")
            #expect(ranking.contains("<div class=\"sortable-table\">"), "\(domain): no sortable table")
        }
        // baseline-length is recomputed (per-sample results in Data/), Skywork published only.
        let recomputed = try text("models/baseline-length.html")
        #expect(recomputed.contains("<details class=\"wrong-prompts\">") && recomputed.contains("href=\"../prompts/"))
        #expect(!(try text("models/skywork-reward-llama-3.1-8b.html")).contains("wrong-prompts"))
        #expect(try text("prompts/\(domains[0])/page-1.html").contains("href=\"by-models-right.html\""))
    }
}
