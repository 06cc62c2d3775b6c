import RMBenchCore

/// One table's column definitions, placed right after the table: an HTML definition list that
/// anyone can read (without a script, with a keyboard or a screen reader), which
/// `assets/site.js` also copies into each header cell's `title`; and a Markdown list for the
/// page's `.md` export. The metrics' words come from the vocabulary (`Metric`, `Difficulty`),
/// one definition per column.
struct ColumnDefinitions: Sendable {
    var columns: [(label: String, definition: String)]

    /// `<dl class="column-definitions table-definitions">` with one `<div data-column="label">`
    /// per column (site.js matches the header cell by its text); everything escaped.
    var html: String {
        "<dl class=\"column-definitions table-definitions\">\n" + columns.map { label, definition in
            "<div data-column=\"\(Escape.html(label))\"><dt>\(Escape.html(label))</dt><dd>\(Escape.html(definition))</dd></div>"
        }.joined(separator: "\n") + "\n</dl>"
    }

    var markdown: String {
        columns.map { "- **\(Escape.markdownText($0.label))**: \(Escape.markdownText($0.definition))" }.joined(separator: "\n")
    }

    /// A model page's headline table: what its lines are (`numbers`), then the leaderboard's metrics.
    static func headline(numbers: String) -> ColumnDefinitions {
        ColumnDefinitions(columns: [("Numbers", numbers)] + Metric.leaderboard.map { ($0.label, $0.definition) })
    }

    /// What the headline's lines are on a recomputed model's page.
    static let recomputedLines = "Recomputed: scored here from the per-sample results; 95 % CI: their bootstrap interval; "
        + "Published: as a source reported them; Difference: recomputed minus published, in points."
    /// … on a published-only page, with one source or several.
    static let publishedLines = "Published: the numbers as the source reported them."
    static let severalSourcesLines = "Published (N): the numbers as source N reported them; Difference (N − 1): source N minus source 1, in points."

    /// A recomputed model's table of domains and subgroups: the difficulties on the group's own prompts.
    static let groups = ColumnDefinitions(columns: [
        ("Group", "A domain (bold), or one of its subgroups (indented)."),
        ("Kind", "domain, subdomain, subset or language: how the dataset splits the domain."),
        ("Prompts", "Prompts scored in the group; each gives nine comparisons."),
    ] + [Difficulty.easy, .normal, .hard, .average].map { ($0.label, "\($0.label) on the group's prompts: \($0.definition).") } + [
        ("Average 95 % CI", "The bootstrap 95 % interval of a domain's Average (resampling its prompts); – for subgroups."),
        ("Ties", "Comparisons whose chosen and rejected scores were exactly equal: they count as wrong, as in the official scorer."),
        ("Non-finite scores", "NaN or infinite scores; a comparison with a NaN counts as wrong."),
    ])

    /// The placeholders (alone on a line under their table in `model.md` and `published-model.md`).
    static let headlinePlaceholder = "model:headline-columns"
    static let groupsPlaceholder = "model:group-columns"

    /// The fragments and Markdown exports of a model page's definition lists.
    static func pageParts(numbers: String, withGroups: Bool) -> (fragments: [String: String], exports: [String: String]) {
        let headline = renderedHeadlines[numbers] ?? rendered(headline(numbers: numbers))
        var fragments = [headlinePlaceholder: headline.html]
        var exports = [headlinePlaceholder: headline.markdown]
        if withGroups {
            fragments[groupsPlaceholder] = renderedGroups.html
            exports[groupsPlaceholder] = renderedGroups.markdown
        }
        return (fragments, exports)
    }

    /// The lists every model page shows, escaped once per run rather than once per page (the
    /// Markdown escaping goes character by character).
    private static let renderedHeadlines = Dictionary(uniqueKeysWithValues: [recomputedLines, publishedLines, severalSourcesLines].map {
        ($0, rendered(headline(numbers: $0)))
    })
    private static let renderedGroups = rendered(groups)

    private static func rendered(_ definitions: ColumnDefinitions) -> (html: String, markdown: String) {
        (definitions.html, definitions.markdown)
    }
}
