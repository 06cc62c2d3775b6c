import RMBenchAnalyze
import RMBenchCore
import RMBenchScore

/// `models/<slug>.html`: one model's numbers, matrices, subgroups and sources.
enum ModelPage {
    struct Chart {
        var name: String
        var title: String
        var svg: String
    }

    static func render(row: LeaderboardRow, slug: String, lengths: LengthAnalysis?, reference: (name: String, analysis: LengthAnalysis)?,
                       templates: TemplateSet, layout: Layout) -> (page: RenderedPage, charts: [Chart]) {
        guard let score = row.score else {
            var context = publishedContext(row, slug: slug)
            context["headline"] = headlineTable(row)
            context["sources"] = row.allPublished.enumerated().map { index, published in
                publishedContext(row, slug: slug, published: published).merging(["number": index + 1, "several": row.allPublished.count > 1]) { a, _ in a }
            }
            context["flagged"] = row.flagged
            context["slug"] = slug
            context.merge(ModelCard.context(row.id)) { _, card in card }
            let markdown = templates.render("published-model.md", context)
            return (layout.page(path: "models/\(slug)", title: row.id.displayName, markdown: markdown), [])
        }
        let parts = recomputedParts(row: row, score: score, slug: slug, lengths: lengths, reference: reference)
        var context = parts.context
        context["report"] = "../reports/\(slug).html"
        let markdown = templates.render("model.md", context)
        return (layout.page(path: "models/\(slug)", title: row.id.displayName, markdown: markdown, fragments: parts.fragments, exports: parts.exports),
                parts.charts)
    }

    /// What a recomputed model's page and its single-file report share: the template context,
    /// the chart fragments, their Markdown exports and the charts themselves.
    struct Parts {
        var context: [String: Any]
        var fragments: [String: String]
        var exports: [String: String]
        var charts: [Chart]
    }

    static func recomputedParts(row: LeaderboardRow, score: ModelScore, slug: String, lengths: LengthAnalysis?,
                                reference: (name: String, analysis: LengthAnalysis)?) -> Parts {
        var charts: [Chart] = []
        let pooled = score.pooledMatrix
        charts.append(Chart(name: "matrix-all", title: "All domains (prompts pooled)",
                            svg: StyleMatrixChart(id: "matrix-all", title: "\(score.model) — all domains, prompts pooled",
                                                  counts: pooled.counts, samples: pooled.samples).svg()))
        for domain in score.domains {
            charts.append(Chart(name: "matrix-\(domain.domain.rawValue)", title: domain.domain.title,
                                svg: StyleMatrixChart(id: "matrix-\(domain.domain.rawValue)", title: "\(score.model) — \(domain.domain.title)",
                                                      counts: domain.score.matrix.counts, samples: domain.score.samples,
                                                      intervals: cellIntervals(row.intervals, domain.domain)).svg()))
        }
        var context: [String: Any] = [
            "type": row.type.title,
            "provenance": row.provenance.rawValue,
            "samples": score.samples,
            "isPartial": row.isPartial,
            "missing": row.missingDomains.map(\.title).joined(separator: ", "),
            "headline": headlineTable(row),
            "charts": "@@charts:matrices@@",
            "groups": groupTable(score, intervals: row.intervals),
            "ties": score.ties,
            "comparisons": score.samples * 9,
            "nonFinite": score.nonFiniteScores,
            "nanComparisons": score.domains.reduce(0) { $0 + $1.score.nanComparisons },
            "sources": score.sources.map { source in
                ["path": Escape.markdownTableCell(source.path), "sha256": source.sha256,
                 "timestamp": source.timestamp.map(Escape.markdownTableCell) ?? "–"]
            },
            "json": "../data/models/\(slug).json",
        ]
        context["published"] = row.allPublished.enumerated().map { index, published in
            publishedContext(row, slug: slug, published: published).merging(["number": index + 1, "several": row.allPublished.count > 1]) { a, _ in a }
        }
        context.merge(ModelCard.context(row.id)) { _, card in card }
        context["provenanceNote"] = provenanceNote(row)
        if let judge = row.judge { context["judge"] = judgeTable(judge) }
        if let intervals = row.intervals {
            context["bootstrap"] = ["resamples": intervals.resamples, "seed": String(intervals.seed)]
        }
        if let group = row.rankGroup {
            context["rankGroup"] = [
                "rank": group.rank,
                "better": group.significantlyBetter.map(Escape.markdownText).joined(separator: ", "),
                "worse": group.significantlyWorse.map(Escape.markdownText).joined(separator: ", "),
                "hasBetter": !group.significantlyBetter.isEmpty,
                "hasWorse": !group.significantlyWorse.isEmpty,
                "differed": group.promptSetsDiffered,
            ]
        }
        // One fragment holds all matrices so the stylesheet can lay them out as a grid.
        let grid = "<div class=\"chart-grid\">\n" + charts.map { chart in
            "<figure class=\"chart\">\n\(chart.svg)\n</figure>"
        }.joined(separator: "\n") + "\n</div>"
        var fragments = ["charts:matrices": grid]
        var exports = ["charts:matrices": charts.map { chart in
            "**\(Escape.markdownText(chart.title))**\n\n![\(Escape.markdownText(chart.title)) style-substance matrix](../charts/\(slug)/\(chart.name).svg)"
        }.joined(separator: "\n\n")]
        if let lengths {
            let section = LengthSection.render(lengths, model: score.model, reference: reference)
            context["lengths"] = section.context
            let lengthCharts = section.charts.map { Chart(name: $0.name, title: $0.title, svg: $0.svg) }
            if !lengthCharts.isEmpty {
                fragments["charts:length"] = "<div class=\"chart-grid\">\n" + lengthCharts.map { "<figure class=\"chart\">\n\($0.svg)\n</figure>" }.joined(separator: "\n") + "\n</div>"
                exports["charts:length"] = lengthCharts.map { "![\(Escape.markdownText($0.title))](../charts/\(slug)/\($0.name).svg)" }.joined(separator: "\n\n")
            }
            charts += lengthCharts
        }
        return Parts(context: context, fragments: fragments, exports: exports, charts: charts)
    }

    static func cellIntervals(_ intervals: BootstrapIntervals?, _ domain: Domain) -> [[ClosedRange<Double>?]]? {
        guard let intervals else { return nil }
        return (0..<3).map { i in (0..<3).map { j in intervals.interval(.cell(domain, row: i, column: j)) } }
    }

    /// Recomputed numbers, and the published ones with the difference when both exist.
    static func headlineTable(_ row: LeaderboardRow) -> String {
        let columns = MetricColumn.all
        var lines = ["| | " + columns.map(\.title).joined(separator: " | ") + " |",
                     "|---|" + String(repeating: "---:|", count: columns.count)]
        if let score = row.score {
            let recomputed = LeaderboardRow(score: score)
            lines.append("| Recomputed | " + columns.map { LeaderboardTable.percent(recomputed.value($0)) }.joined(separator: " | ") + " |")
            if row.intervals != nil {
                lines.append("| 95 % CI | " + columns.map { LeaderboardTable.range(row.interval($0)) }.joined(separator: " | ") + " |")
            }
            for (index, published) in row.allPublished.enumerated() {
                let reported = LeaderboardRow(published: published)
                let label = row.allPublished.count > 1 ? "Published (\(index + 1))" : "Published"
                lines.append("| \(label) | " + columns.map { LeaderboardTable.percent(reported.value($0)) }.joined(separator: " | ") + " |")
                // Overall numbers of a partial recomputed model are not comparable.
                lines.append("| Difference (points) | " + columns.map { column -> String in
                    guard comparable(column, score), let a = recomputed.value(column), let b = reported.value(column), a.isFinite else { return "–" }
                    return signed((a - b) * 100)
                }.joined(separator: " | ") + " |")
            }
        } else {
            for (index, published) in row.allPublished.enumerated() {
                let reported = LeaderboardRow(published: published)
                let label = row.allPublished.count > 1 ? "Published (\(index + 1))" : "Published"
                lines.append("| \(label) | " + columns.map { LeaderboardTable.percent(reported.value($0)) }.joined(separator: " | ") + " |")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Every domain and its subgroups: prompts, Easy/Normal/Hard/Average, ties, non-finite.
    static func groupTable(_ score: ModelScore, intervals: BootstrapIntervals?) -> String {
        var lines = ["| Group | Kind | Prompts | Easy | Normal | Hard | Average | Average 95 % CI | Ties | Non-finite scores |",
                     "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
        func line(_ name: String, _ kind: String, _ group: GroupScore, _ interval: ClosedRange<Double>? = nil) -> String {
            let cells = [name, kind, String(group.samples),
                         LeaderboardTable.percent(group.easy), LeaderboardTable.percent(group.normal),
                         LeaderboardTable.percent(group.hard), LeaderboardTable.percent(group.average),
                         LeaderboardTable.range(interval), String(group.ties), String(group.nonFiniteScores)]
            return "| " + cells.joined(separator: " | ") + " |"
        }
        for domain in score.domains {
            lines.append(line("**\(domain.domain.title)**", "domain", domain.score, intervals?.interval(.domain(domain.domain, .average))))
            for subgroup in domain.subgroups {
                let kind = switch subgroup.kind {
                case .label: "subdomain"
                case .subset: "subset"
                case .language: "language"
                }
                lines.append(line("  " + Escape.markdownTableCell(subgroup.name), kind, subgroup.score))
            }
        }
        return lines.joined(separator: "\n")
    }

    static func publishedContext(_ row: LeaderboardRow, slug: String, published: PublishedRow? = nil) -> [String: Any] {
        let published = published ?? row.published!
        var context = templateContext([
            "name": Escape.markdownText(published.model),
            "type": row.type.title,
            "typeLabel": published.typeLabel.map(Escape.markdownText) as Any?,
            "license": published.license.map(Escape.markdownText) as Any?,
            "source": published.source.map(Escape.markdownText) as Any?,
            "flag": published.flag.map(Escape.markdownText) as Any?,
            "file": Escape.markdownText("\(published.file), line \(published.line)"),
            "headline": headlineTable(LeaderboardRow(published: published)),
            "isPartial": published.reportedDomains.count < 4,
            "missing": Domain.allCases.filter { published.domain($0) == nil }.map(\.title).joined(separator: ", "),
            "json": "../data/models/\(slug).json",
        ])
        if let url = published.url.flatMap(Escape.url) { context["url"] = url }
        return context
    }

    /// A generative judge's verdicts: strict (the leaderboard's rule) and half credit per
    /// domain, ties, missing comparisons and order-swap consistency.
    static func judgeTable(_ judge: JudgeScore) -> [String: Any] {
        var lines = ["| Domain | Strict: Easy | Normal | Hard | Average | Half credit: Easy | Normal | Hard | Average | Tie verdicts | Missing | Order-swap consistency |",
                     "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
        func consistency(_ value: Double?) -> String { value.map { NumberText.format("%.1f %%", $0 * 100) } ?? "–" }
        for domain in judge.domains {
            let m = domain.matrix
            let strict = m.strict, half = m.halfCredit
            let cells = [domain.domain.title,
                         LeaderboardTable.percent(strict.easy), LeaderboardTable.percent(strict.normal), LeaderboardTable.percent(strict.hard), LeaderboardTable.percent(strict.average),
                         LeaderboardTable.percent(half.easy), LeaderboardTable.percent(half.normal), LeaderboardTable.percent(half.hard), LeaderboardTable.percent(half.average),
                         String(m.tieCount), String(m.missingCount), consistency(m.orderConsistency)]
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        let overall = ["**Overall**",
                       LeaderboardTable.percent(judge.strictEasy), LeaderboardTable.percent(judge.strictNormal), LeaderboardTable.percent(judge.strictHard), LeaderboardTable.percent(judge.strictAverage),
                       LeaderboardTable.percent(judge.halfCreditEasy), LeaderboardTable.percent(judge.halfCreditNormal), LeaderboardTable.percent(judge.halfCreditHard), LeaderboardTable.percent(judge.halfCreditAverage),
                       String(judge.ties), String(judge.missingComparisons), consistency(judge.orderConsistency)]
        lines.append("| " + overall.joined(separator: " | ") + " |")
        return ["table": lines.joined(separator: "\n"), "missing": judge.missingComparisons, "hasMissing": judge.missingComparisons > 0]
    }

    /// Domain numbers always compare; overall numbers only for a complete recomputed model.
    static func comparable(_ column: MetricColumn, _ score: ModelScore) -> Bool {
        if case .domain = column { return true }
        return score.isComplete
    }

    /// What the row's provenance level means for this model, in a sentence.
    static func provenanceNote(_ row: LeaderboardRow) -> String {
        switch row.provenance {
        case .recomputed: "Recomputed here from per-sample results; no published numbers to compare with."
        case .published: "Published numbers only."
        case .verified: "Verified: recomputed from per-sample results, and the published numbers agree within ±\(Audit.tolerance) points (they are rounded to one decimal)."
        case .disagrees: "Disagrees: the recomputed numbers differ from the published ones beyond ±\(Audit.tolerance) points; see the differences below."
        }
    }

    private static func signed(_ points: Double) -> String {
        let text = NumberText.format("%+.1f", points)
        return text == "-0.0" || text == "+0.0" ? "0.0" : text
    }
}
