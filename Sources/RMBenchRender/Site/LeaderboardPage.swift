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
        let columns = columnDefinitions(hasIntervals: data.hasIntervals, resamples: data.resamples)
        let fragments = [
            "leaderboard:columns": "<dl class=\"column-definitions\">\n" + columns.map { label, definition in
                "<div data-column=\"\(Escape.html(label))\"><dt>\(Escape.html(label))</dt><dd>\(Escape.html(definition))</dd></div>"
            }.joined(separator: "\n") + "\n</dl>",
            "leaderboard:rows": rowData(LeaderboardRow.ranked(rows), table: table),
        ]
        let exports = [
            "leaderboard:columns": columns.map { "- **\(Escape.markdownText($0.label))**: \(Escape.markdownText($0.definition))" }.joined(separator: "\n"),
            "leaderboard:rows": "",
        ]
        return layout.page(path: "index", title: "Leaderboard", markdown: templates.render("leaderboard.md", data),
                           fragments: fragments, exports: exports)
    }

    /// Each column header's definition (its `title` on the page, and the list under the table),
    /// in the words of ``Metric/definition``.
    static func columnDefinitions(hasIntervals: Bool, resamples: Int) -> [(label: String, definition: String)] {
        var columns: [(label: String, definition: String)] = [
            ("Rank", "Position by Average as shown (ties share a rank). ≈N beside it: the recomputed model's tie group, 1 + the number of recomputed models whose Average is significantly higher (paired bootstrap over prompts\(resamples > 0 ? ", \(resamples) resamples" : ""), 95 %); models with the same ≈N cannot be told apart by the data."),
            ("Model", "The model's display name; it links to the model's page."),
            ("Type", "How the model scores a response: sequence classifier, DPO (implicit reward), generative judge, or a baseline."),
        ]
        columns += Metric.leaderboard.map { ($0.label, $0.definition) }
        if hasIntervals {
            columns.append(("95 % CI", "The bootstrap 95 % interval of the Average (recomputed rows)."))
        }
        columns.append(("Numbers", "recomputed: from per-sample result files, scored here; published: as a source reported them; verified: published and recomputed agree; disagrees: they differ beyond the audit's tolerance."))
        return columns
    }

    /// What the page script needs per row and cannot read from the table: each row's slug (its
    /// `id`), every name it is known by (search), its provenance and tie group (filters), in
    /// table order. Hidden; the table itself is complete without it.
    static func rowData(_ ranked: [LeaderboardRow], table: [LeaderboardTable.Row]) -> String {
        let items = zip(ranked, table).map { row, line -> String in
            var names = [row.id.displayName, row.name] + row.id.aliases
            names = names.reduce(into: [String]()) { seen, name in if !seen.contains(name) { seen.append(name) } }
            return "<li data-slug=\"\(Escape.html(line.slug ?? ""))\" data-names=\"\(Escape.html(names.joined(separator: "\n")))\" data-provenance=\"\(Escape.html(line.provenance))\" data-type=\"\(Escape.html(line.type))\"></li>"
        }
        return "<ul class=\"leaderboard-rows\" hidden=\"hidden\">\n" + items.joined(separator: "\n") + "\n</ul>"
    }
}
