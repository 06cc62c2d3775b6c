import Foundation
import RMBenchCore
import Testing

/// Model pages define every column of their headline and group tables in a list right under
/// the table (site.js copies the definitions into the header cells' titles).
@Suite("Model page column definitions")
struct ModelColumnDefinitionTests {
    /// The header cells of each `<table>` and the `data-column`s of the definition list that
    /// directly follows it (nil when none does).
    static func tables(_ html: String) throws -> [(headers: [String], defined: [String]?)] {
        let table = try Regex(#"<table>\s*<thead>\s*<tr>(.*?)</tr>.*?</table>\s*(<dl class="column-definitions table-definitions">.*?</dl>)?"#)
            .dotMatchesNewlines()
        let cell = try Regex(#"<th[^>]*>(.*?)</th>"#)
        let column = try Regex(#"data-column="([^"]*)""#)
        return html.matches(of: table).map { match in
            let headers = String(match.output[1].substring ?? "").matches(of: cell).map { String($0.output[1].substring ?? "") }
            let defined = match.output[2].substring.map { String($0).matches(of: column).map { String($0.output[1].substring ?? "") } }
            return (headers, defined)
        }
    }

    @Test("recomputed and published-only pages: every headline and group column has one definition from the vocabulary")
    func definitions() async throws {
        let (recomputed, published) = try await DefaultSite.with { site in
            (try DefaultSite.text(site, "models/baseline-length.html"), try DefaultSite.text(site, "models/skywork-reward-llama-3.1-8b.html"))
        }
        let headline = ["Numbers", "Chat", "Math", "Code", "Safety", "Easy", "Normal", "Hard", "Average"]
        let groups = ["Group", "Kind", "Prompts", "Easy", "Normal", "Hard", "Average", "Average 95 % CI", "Ties", "Non-finite scores"]
        let page = try Self.tables(recomputed)
        #expect(page.first?.headers == headline)
        #expect(page.first?.defined == headline)
        #expect(page.contains { $0.headers == groups && $0.defined == groups })
        let publishedPage = try Self.tables(published)
        #expect(publishedPage.first?.headers == headline)
        #expect(publishedPage.first?.defined == headline)
        // The leaderboard's words (HTML-escaped: ' is &#39;), one definition per metric.
        #expect(recomputed.contains("<dt>Hard</dt><dd>\(Metric.overall(.hard).definition.replacingOccurrences(of: "'", with: "&#39;"))</dd>"))
        #expect(recomputed.contains("<dt>Math</dt><dd>Math: the mean of the domain&#39;s Easy, Normal and Hard.</dd>"))
        #expect(recomputed.contains("<dt>Hard</dt><dd>Hard on the group&#39;s prompts: mean of the upper triangle"))
    }
}
