import RMBenchCore

/// `index.html`: every model, recomputed and published, best Average first.
enum LeaderboardPage {
    static func render(rows: [LeaderboardRow], slugs: [String: String], input: SiteInput, templates: TemplateSet, layout: Layout) -> RenderedPage {
        let recomputed = rows.filter { $0.score != nil }
        let partialRecomputed = recomputed.filter(\.isPartial)
        let context: [String: Any] = [
            "siteTitle": Escape.markdownText(input.title),
            "modelCount": rows.count,
            "recomputedCount": recomputed.count,
            "publishedCount": rows.count - recomputed.count,
            "table": LeaderboardTable.markdown(rows, slugs: slugs),
            "types": ModelType.allCases.filter { type in rows.contains { $0.type == type } }.map(\.title).joined(separator: ", "),
            "partialRecomputed": partialRecomputed.map { row in
                ["name": Escape.markdownText(row.id.displayName), "missing": row.missingDomains.map(\.title).joined(separator: ", ")]
            },
            "hasPartialRecomputed": !partialRecomputed.isEmpty,
            "hasIntervals": recomputed.contains { $0.intervals != nil },
            "resamples": recomputed.compactMap(\.intervals).first?.resamples ?? 0,
            "differentPromptSets": recomputed.contains { $0.rankGroup?.promptSetsDiffered == true },
        ]
        return layout.page(path: "index", title: "Leaderboard", markdown: templates.render("leaderboard.md", context))
    }
}
