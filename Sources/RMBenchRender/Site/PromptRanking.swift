import RMBenchCore
import RMBenchScore

/// `prompts/<domain>/by-models-right.html`: every prompt of a domain on one page, ordered by how
/// many models got it right (all nine comparisons), fewest first, so the prompts that defeat
/// most models come first. The order is in the HTML, so it holds without JavaScript; the page
/// script makes the columns sortable and keeps the sort in the URL fragment
/// (`#sort=mean-right&dir=desc`), marked by the `<div class="sortable-table">` around the table.
enum PromptRanking {
    /// The page's file name in the domain's folder; no prompt page may take it (``PromptPages/files(_:)``).
    static let fileName = "by-models-right"

    /// What `prompt-ranking.md.mustache` reads (as a dictionary, like the list pages).
    struct PageData {
        var domain: String
        var total: Int
        var modelCount: Int
        var rows: [PromptPages.ListRow]
        /// Placeholder lines around the table (the sortable marker): keep each on a line of its own.
        var sortableStart: String
        var sortableEnd: String

        var templateValue: [String: Any] {
            ["domain": domain, "total": total, "modelCount": modelCount, "rows": rows.map(\.templateValue),
             "sortableStart": sortableStart, "sortableEnd": sortableEnd]
        }
    }

    /// The domain's records (`members`) with their list rows, in the ranking's order.
    static func ordered(_ members: [PromptRecord], rows: [PromptPages.ListRow]) -> [PromptPages.ListRow] {
        // Sort keys from the comparisons themselves: models all right, then the total right
        // over the models that scored the prompt (compared as fractions, exactly), then key order.
        let keys = members.map { record -> (allRight: Int, right: Int, models: Int) in
            let all = PromptPages.outcomes(record)
            return (all.filter(\.allRight).count, all.reduce(0) { $0 + $1.count(.average) }, all.count)
        }
        let order = members.indices.sorted { a, b in
            let x = keys[a], y = keys[b]
            if x.allRight != y.allRight { return x.allRight < y.allRight }
            let left = x.right * max(y.models, 1), right = y.right * max(x.models, 1)
            if left != right { return left < right }
            return members[a].key < members[b].key
        }
        return order.map { rows[$0] }
    }

    static func page(domain: Domain, members: [PromptRecord], rows: [PromptPages.ListRow],
                     templates: TemplateSet, layout: Layout) -> RenderedPage {
        let data = PageData(domain: domain.title, total: members.count,
                            modelCount: Set(members.flatMap { $0.scores.map(\.model) }).count,
                            rows: ordered(members, rows: rows),
                            sortableStart: "@@prompts:sortable@@", sortableEnd: "@@prompts:sortable-end@@")
        let fragments = ["prompts:sortable": "<div class=\"sortable-table\">", "prompts:sortable-end": "</div>"]
        return layout.page(path: "prompts/\(domain.rawValue)/\(fileName)", title: "\(domain.title) prompts by models right",
                           markdown: templates.render("prompt-ranking.md", data.templateValue),
                           fragments: fragments, exports: ["prompts:sortable": "", "prompts:sortable-end": ""])
    }
}
