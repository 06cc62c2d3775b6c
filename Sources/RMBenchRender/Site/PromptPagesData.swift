/// What the prompt browser's templates read: `prompts.md.mustache` an ``IndexData`` (the
/// index) or a ``ListPageData`` (`isList`), `prompt.md.mustache` a ``PromptPageData``. Texts
/// are escaped for Markdown text, table cells for a GFM table cell; links are relative file
/// names. The site has a page per prompt, so list and prompt pages reach the template as the
/// dictionaries their `templateValue` builds (Mustache reads a struct by reflection, several
/// times slower); the keys are the property names.
extension PromptPages {
    struct IndexData {
        var isList = false
        var domains: [IndexDomain]
        var hasPrompts: Bool
        var promptCount: Int
        var modelCount: Int
        var pageSize: Int
        /// The dataset was given (prompt pages show texts).
        var hasTexts: Bool
    }

    struct IndexDomain {
        var title: String
        var prompts: Int
        var pageCount: Int
        var onePage: Bool
        /// `chat 129, safety-refuse 284`, when the domain has several labels.
        var labels: String
        var hasLabels: Bool
        var pageLinks: [PageLink]
        /// The domain's prompts ordered by models right: `chat/by-models-right.html`.
        var ranking: String
    }

    /// A list page's link: `range` is `101–150` (word joiners around the dash), `href` `chat/page-3.html`.
    struct PageLink {
        var range: String
        var href: String
        var isLast: Bool
    }

    struct ListPageData {
        var domain: String
        var number: Int
        var pageCount: Int
        /// `101–150`.
        var range: String
        var total: Int
        /// Some prompt on the page has its text: the table has a Text column.
        var showText: Bool
        var rows: [ListRow]
        var hasPrevious: Bool
        var previous: String
        var hasNext: Bool
        var next: String
        var pages: [PageNumber]

        var templateValue: [String: Any] {
            ["isList": true, "domain": domain, "number": number, "pageCount": pageCount, "range": range, "total": total,
             "showText": showText, "rows": rows.map(\.templateValue), "hasPrevious": hasPrevious, "previous": previous,
             "hasNext": hasNext, "next": next, "pages": pages.map(\.templateValue)]
        }
    }

    struct ListRow {
        /// Label and id with a no-break space between: `chat 12`.
        var name: String
        /// The prompt page, `12.html`.
        var link: String
        /// The prompt's first characters, `–` without a text.
        var text: String
        /// Subset / language, `–` when none.
        var group: String
        var models: Int
        /// Models with all nine comparisons right, with the three Hard ones right.
        var allRight: Int
        var allHardRight: Int
        /// Mean right comparisons of nine, `6.3`.
        var meanRight: String

        var templateValue: [String: Any] {
            ["name": name, "link": link, "text": text, "group": group, "models": models, "allRight": allRight,
             "allHardRight": allHardRight, "meanRight": meanRight]
        }
    }

    struct PageNumber {
        var number: Int
        var href: String
        var current: Bool

        var templateValue: [String: Any] { ["number": number, "href": href, "current": current] }
    }

    struct PromptPageData {
        /// `safety-refuse 12`.
        var name: String
        var domain: String
        var label: String
        var id: String
        /// Subset / language.
        var group: String
        var hasGroup: Bool
        /// This prompt's text is shown; `hasTexts`: the dataset was given.
        var hasText: Bool
        var hasTexts: Bool
        /// The placeholder lines the prompt and responses go in: keep each on a line of its own.
        var textFragment: String
        var responsesFragment: String
        /// The placeholder line of the models' 3×3 comparison grids (``PromptComparisonGrid``).
        var gridsFragment: String
        /// The placeholder line of the score table, a row per model (``PromptScoreTable``).
        var scoresFragment: String
        var modelCount: Int
        /// How many models got each comparison right: one line per chosen style.
        var matrix: [MatrixRow]
        var listPage: String
        var listPageNumber: Int
        var hasPrevious: Bool
        var previous: String
        var hasNext: Bool
        var next: String

        var templateValue: [String: Any] {
            ["name": name, "domain": domain, "label": label, "id": id, "group": group, "hasGroup": hasGroup,
             "hasText": hasText, "hasTexts": hasTexts, "textFragment": textFragment, "responsesFragment": responsesFragment, "gridsFragment": gridsFragment,
             "scoresFragment": scoresFragment, "modelCount": modelCount, "matrix": matrix.map(\.templateValue),
             "listPage": listPage, "listPageNumber": listPageNumber, "hasPrevious": hasPrevious, "previous": previous,
             "hasNext": hasNext, "next": next]
        }
    }

    /// `style` is the chosen response's style; each cell the models right of those that scored
    /// the prompt, and the comparison's difficulty: `2/3 (Hard)`.
    struct MatrixRow {
        var style: String
        var concise: String
        var plain: String
        var markdown: String

        var templateValue: [String: Any] { ["style": style, "concise": concise, "plain": plain, "markdown": markdown] }
    }
}
