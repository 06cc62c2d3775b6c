import RMBenchAnalyze
import RMBenchCore

/// `index.html`: every model, recomputed and published, best Average first.
enum LeaderboardPage {
    /// What `leaderboard.md.mustache` reads. Strings are escaped for Markdown text unless a
    /// comment says otherwise.
    struct TemplateData {
        var siteTitle: String
        var modelCount: Int
        var recomputedCount: Int
        var publishedCount: Int
        /// The model types present, comma-separated.
        var types: String
        /// One per model, best first; cells escaped for a GFM table cell.
        var rows: [LeaderboardTable.Row]
        /// A recomputed row has bootstrap intervals: the table has a 95 % CI column.
        var hasIntervals: Bool
        /// Some row is partial (marked †).
        var hasPartialRows: Bool
        var partialRecomputed: [PartialRow]
        var hasPartialRecomputed: Bool
        var resamples: Int
        /// Some rank groups compared models on the prompts they share.
        var differentPromptSets: Bool
    }

    /// A recomputed model that lacks domains.
    struct PartialRow {
        var name: String
        /// The missing domains, comma-separated.
        var missing: String
    }

    static func render(rows: [LeaderboardRow], slugs: [String: String], input: SiteInput, templates: TemplateSet, layout: Layout) -> RenderedPage {
        let recomputed = rows.filter { $0.score != nil }
        let partialRecomputed = recomputed.filter(\.isPartial)
        let table = LeaderboardTable.rows(rows, slugs: slugs)
        let data = TemplateData(
            siteTitle: Escape.markdownText(input.title),
            modelCount: rows.count,
            recomputedCount: recomputed.count,
            publishedCount: rows.count - recomputed.count,
            types: ModelType.allCases.filter { type in rows.contains { $0.type == type } }.map(\.title).joined(separator: ", "),
            rows: table,
            hasIntervals: rows.contains { $0.intervals != nil },
            hasPartialRows: table.contains { $0.partial },
            partialRecomputed: partialRecomputed.map { row in
                PartialRow(name: Escape.markdownText(row.id.displayName), missing: row.missingDomains.map(\.title).joined(separator: ", "))
            },
            hasPartialRecomputed: !partialRecomputed.isEmpty,
            resamples: recomputed.compactMap(\.intervals).first?.resamples ?? 0,
            differentPromptSets: recomputed.contains { $0.rankGroup?.promptSetsDiffered == true })
        return layout.page(path: "index", title: "Leaderboard", markdown: templates.render("leaderboard.md", data))
    }
}
