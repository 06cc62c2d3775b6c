import RMBenchAnalyze
import RMBenchCore

extension ComparisonReport {
    /// What `compare.md.mustache` reads, and `report.md.mustache` in its `{{#comparison}}`
    /// section. Names are escaped for Markdown text (`nameA`, `nameB`) or a table cell
    /// (`cellA`, `cellB`); numbers are percent with one decimal, differences signed points.
    struct TemplateData {
        /// The page title (compare only).
        var title: String
        /// `B is better than A: Average +1.2 points (95 % CI …)`, the same sentence as the JSON's `verdict`.
        var verdict: String
        var sharedPrompts: Int
        var hasBootstrap: Bool
        var resamples: Int
        /// Two runs of one model: the template says "old" and "new" instead of names.
        var sameModel: Bool
        var nameA: String
        var nameB: String
        var cellA: String
        var cellB: String
        /// Overall Average, Easy, Normal, Hard, then each domain's Average.
        var headline: [MetricRow]
        /// Every domain's difficulties and cells.
        var details: [MetricRow]
        var flipCount: Int
        var gained: Int
        var lost: Int
        var domainFlips: [DomainFlips]
        var hasDomainFlips: Bool
        /// Which files and prompts each side had: for two runs of a model, or when the prompt sets differ.
        var inputs: Inputs?
        var flips: Flips?
        /// Flipped prompts with their texts, when the dataset was given.
        var texts: Texts?
    }

    struct MetricRow {
        /// `Average`, `Math Hard`, `Chat cell chosen concise vs rejected detailed plain`.
        var metric: String
        var a: String
        var b: String
        var difference: String
        /// `-1.0 … 2.3`, `–` without bootstrap.
        var interval: String
        /// `▲ significant`, `▼ significant` or empty.
        var marker: String
    }

    struct DomainFlips {
        var domain: String
        var gained: Int
        var lost: Int
        var isLast: Bool
    }

    struct Inputs {
        /// Source files: each path as a code span and the start of its SHA-256.
        var filesA: String
        var filesB: String
        var identical: Bool
        var onlyInA: Int
        var onlyInB: Int
        /// The first ten keys only one side has (Markdown text), comma-separated; `more` when there are others.
        var onlyKeys: String
        var hasOnlyKeys: Bool
        var more: Bool
    }

    struct Flips {
        /// Not every flip is listed: `limit` of `flipCount`.
        var truncated: Bool
        var limit: Int
        var rows: [FlipRow]
    }

    struct FlipRow {
        /// `chat/12`, escaped for a table cell.
        var prompt: String
        var chosenStyle: String
        var rejectedStyle: String
        /// `lost` or `gained`.
        var change: String
        /// Six scores, `1.23 4.56 7.89; 0.12 3.45 6.78`.
        var scoresA: String
        var scoresB: String
    }

    struct Texts {
        /// Only the first `shown` of `prompts` flipped prompts carry their texts.
        var truncated: Bool
        var shown: Int
        var prompts: Int
        /// The placeholder line the texts go in (`@@texts:flips@@`).
        var placeholder: String
    }

    /// The comparison for the HTML templates; `texts` is how many flipped prompts with texts are shown.
    static func templateData(_ c: Comparison, title: String, texts: (shown: Int, prompts: Int)?) -> TemplateData {
        let gained = c.flips.filter { !$0.lostByB }.count
        let domains = Domain.allCases.compactMap { domain -> (Domain, Int, Int)? in
            let flips = c.flips.filter { $0.domain == domain }
            guard !flips.isEmpty else { return nil }
            let g = flips.filter { !$0.lostByB }.count
            return (domain, g, flips.count - g)
        }
        var inputs: Inputs?
        if c.sameModel || !c.onlyInA.isEmpty || !c.onlyInB.isEmpty {
            let only = c.onlyInA + c.onlyInB
            inputs = Inputs(filesA: c.sourcesA.map(source).joined(separator: ", "), filesB: c.sourcesB.map(source).joined(separator: ", "),
                            identical: Set(c.sourcesA.map(\.sha256)) == Set(c.sourcesB.map(\.sha256)),
                            onlyInA: c.onlyInA.count, onlyInB: c.onlyInB.count,
                            onlyKeys: only.prefix(10).map { Escape.markdownText($0.description) }.joined(separator: ", "),
                            hasOnlyKeys: !only.isEmpty, more: only.count > 10)
        }
        let flips = c.flips.isEmpty ? nil : Flips(
            truncated: c.flips.count > listedFlipsHTML, limit: listedFlipsHTML,
            rows: c.flips.prefix(listedFlipsHTML).map { flip in
                FlipRow(prompt: Escape.markdownTableCell(flip.key.description),
                        chosenStyle: Style(rawValue: flip.row)!.title, rejectedStyle: Style(rawValue: flip.column)!.title,
                        change: flip.lostByB ? "lost" : "gained", scoresA: scores(flip.scoresA), scoresB: scores(flip.scoresB))
            })
        return TemplateData(
            title: Escape.markdownText(title),
            verdict: c.verdict(name: Escape.markdownText),
            sharedPrompts: c.differences.sharedPrompts,
            hasBootstrap: c.differences.resamples > 0,
            resamples: c.differences.resamples,
            sameModel: c.sameModel,
            nameA: Escape.markdownText(c.nameA), nameB: Escape.markdownText(c.nameB),
            cellA: Escape.markdownTableCell(c.nameA), cellB: Escape.markdownTableCell(c.nameB),
            headline: c.headlineMetrics.compactMap { c.differences.entry($0).map(metricRow) },
            details: c.differences.entries.filter { if case .overall = $0.metric { false } else { true } }.map(metricRow),
            flipCount: c.flips.count, gained: gained, lost: c.flips.count - gained,
            domainFlips: domains.enumerated().map { index, entry in
                DomainFlips(domain: entry.0.title, gained: entry.1, lost: entry.2, isLast: index == domains.count - 1)
            },
            hasDomainFlips: !domains.isEmpty,
            inputs: inputs, flips: flips,
            texts: texts.map { Texts(truncated: $0.prompts > $0.shown, shown: $0.shown, prompts: $0.prompts, placeholder: "@@texts:flips@@") })
    }

    static func metricRow(_ entry: PairedDifferences.Entry) -> MetricRow {
        MetricRow(metric: entry.metric.label, a: LeaderboardTable.percent(entry.a), b: LeaderboardTable.percent(entry.b),
                  difference: Comparison.points(entry.difference),
                  interval: entry.interval.map { "\(Comparison.points($0.lowerBound)) … \(Comparison.points($0.upperBound))" } ?? "–",
                  marker: entry.significant ? (entry.difference > 0 ? "▲ significant" : "▼ significant") : "")
    }
}
