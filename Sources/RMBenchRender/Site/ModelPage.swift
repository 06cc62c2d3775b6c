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

    /// `findings` are the audit's findings about this model (any severity; notes are not shown);
    /// `wrongPrompts` the prompts it lost comparisons on, linked to their pages.
    static func render(row: LeaderboardRow, slug: String, lengths: LengthAnalysis?, reference: (name: String, analysis: LengthAnalysis)?,
                       findings: [AuditFinding] = [], wrongPrompts: ModelPromptLinks? = nil,
                       templates: TemplateSet, layout: Layout) -> (page: RenderedPage, charts: [Chart], parts: Parts?) {
        guard let score = row.score else {
            let first = row.published!
            let card = ModelCard(row.id)
            let data = PublishedData(
                name: Escape.markdownText(row.id.displayName),
                canonicalName: row.id.hasDisplayName ? Escape.markdownText(row.id.name) : nil,
                card: card, hasCard: !card.isEmpty,
                type: row.type.title,
                typeLabel: first.typeLabel.map(Escape.markdownText),
                isPartial: first.reportedDomains.count < 4,
                missing: Domain.allCases.filter { first.domain($0) == nil }.map(\.title).joined(separator: ", "),
                flagged: row.flagged, slug: slug,
                headline: headline(row), sources: publishedSources(row),
                leaderboardSource: row.allPublished.count > 1
                    ? Escape.markdownText(first.source ?? "\(first.file), line \(first.line)") : nil,
                json: "../data/models/\(slug).json")
            let markdown = templates.render("published-model.md", data)
            let columns = ColumnDefinitions.pageParts(
                numbers: row.allPublished.count > 1 ? ColumnDefinitions.severalSourcesLines : ColumnDefinitions.publishedLines,
                withGroups: false)
            return (layout.page(path: "models/\(slug)", title: row.id.displayName, markdown: markdown,
                                fragments: columns.fragments, exports: columns.exports), [], nil)
        }
        // The report is made of the same parts (charts drawn once), without the page's own additions.
        let parts = recomputedParts(row: row, score: score, slug: slug, lengths: lengths, reference: reference)
        var page = parts
        // The page shows its large charts as the files in charts/ (the report inlines them).
        page.fragments.merge(parts.pageFragments) { _, linked in linked }
        page.data.report = "../reports/\(slug).html"
        page.data.audit = auditBanner(row: row, findings: findings, slug: slug)
        if let wrongPrompts {   // model page only: a single-file report has no prompt pages to link to
            page.data.wrongPrompts = wrongPrompts.data
            page.fragments[ModelPromptLinks.placeholder] = wrongPrompts.html
            page.exports[ModelPromptLinks.placeholder] = wrongPrompts.markdown
        }
        // The tables' column definitions (the model page's template has their placeholders).
        let columns = ColumnDefinitions.pageParts(numbers: ColumnDefinitions.recomputedLines, withGroups: true)
        page.fragments.merge(columns.fragments) { current, _ in current }
        page.exports.merge(columns.exports) { current, _ in current }
        let markdown = templates.render("model.md", page.data)
        return (layout.page(path: "models/\(slug)", title: row.id.displayName, markdown: markdown, fragments: page.fragments, exports: page.exports),
                parts.charts, parts)
    }

    /// What a recomputed model's page and its single-file report share: the template data,
    /// the chart fragments, their Markdown exports and the charts themselves.
    struct Parts {
        var data: RecomputedData
        /// Every chart inline, as the single-file report needs them.
        var fragments: [String: String]
        /// The fragments the model page uses instead: its length charts are `<img>`s of the files
        /// in `charts/`. A reward-vs-length chart has ~8,000 markers (400 KB); inlined in the page
        /// as well, it made a 50-model site 20 MB larger, to write, hash and convert.
        var pageFragments: [String: String] = [:]
        var exports: [String: String]
        var charts: [Chart]
    }

    static func recomputedParts(row: LeaderboardRow, score: ModelScore, slug: String, lengths: LengthAnalysis?,
                                reference: (name: String, analysis: LengthAnalysis)?) -> Parts {
        var charts: [Chart] = []
        let pooled = score.pooledMatrix
        charts.append(Chart(name: "matrix-all", title: "All domains (prompts pooled)",
                            svg: StyleMatrixChart(id: "matrix-all", title: "\(score.model) — all domains, prompts pooled",
                                                  matrix: pooled).svg()))
        for domain in score.domains {
            charts.append(Chart(name: "matrix-\(domain.domain.rawValue)", title: domain.domain.title,
                                svg: StyleMatrixChart(id: "matrix-\(domain.domain.rawValue)", title: "\(score.model) — \(domain.domain.title)",
                                                      matrix: domain.score.matrix,
                                                      intervals: cellIntervals(row.intervals, domain.domain)).svg()))
        }
        let card = ModelCard(row.id)
        var data = RecomputedData(
            name: Escape.markdownText(row.id.displayName),
            canonicalName: row.id.hasDisplayName ? Escape.markdownText(row.id.name) : nil,
            card: card, hasCard: !card.isEmpty,
            type: row.type.title,
            provenance: row.provenance.rawValue,
            provenanceIs: ProvenanceFlags(row.provenance),
            tolerance: String(Audit.tolerance),
            samples: score.samples,
            isPartial: row.isPartial,
            missing: row.missingDomains.map(\.title).joined(separator: ", "),
            headline: headline(row),
            bootstrap: row.intervals.map { Bootstrap(resamples: $0.resamples, seed: String($0.seed)) },
            rankGroup: row.rankGroup.map { group in
                RankGroup(rank: group.rank,
                          better: group.significantlyBetter.map(Escape.markdownText).joined(separator: ", "),
                          worse: group.significantlyWorse.map(Escape.markdownText).joined(separator: ", "),
                          hasBetter: !group.significantlyBetter.isEmpty, hasWorse: !group.significantlyWorse.isEmpty,
                          differed: group.promptSetsDiffered)
            },
            judge: row.judge.map(judge),
            charts: "@@charts:matrices@@",
            groups: groups(score, intervals: row.intervals),
            ties: score.ties,
            comparisons: score.samples * 9,
            nanComparisons: score.domains.reduce(0) { $0 + $1.score.nanComparisons },
            nonFinite: score.nonFiniteScores,
            sources: score.sources.map { source in
                SourceFile(path: Escape.markdownTableCell(source.path), sha256: source.sha256,
                           timestamp: source.timestamp.map(Escape.markdownTableCell) ?? "–")
            },
            published: publishedSources(row),
            json: "../data/models/\(slug).json")
        // One fragment holds all matrices so the stylesheet can lay them out as a grid.
        let grid = "<div class=\"chart-grid\">\n" + charts.map { chart in
            "<figure class=\"chart\">\n\(chart.svg)\n</figure>"
        }.joined(separator: "\n") + "\n</div>"
        var fragments = ["charts:matrices": grid]
        var exports = ["charts:matrices": charts.map { chart in
            "**\(Escape.markdownText(chart.title))**\n\n![\(Escape.markdownText(chart.title)) style-substance matrix](../charts/\(slug)/\(chart.name).svg)"
        }.joined(separator: "\n\n")]
        var pageFragments: [String: String] = [:]
        if let lengths {
            let section = LengthSection.render(lengths, model: score.model, reference: reference)
            data.lengths = section.data
            if !section.charts.isEmpty {
                func grid(_ figures: [String]) -> String {
                    "<div class=\"chart-grid\">\n" + figures.map { "<figure class=\"chart\">\n\($0)\n</figure>" }.joined(separator: "\n") + "\n</div>"
                }
                fragments["charts:length"] = grid(section.charts.map(\.drawing.svg))
                pageFragments["charts:length"] = grid(section.charts.map { chart in
                    let drawing = chart.drawing
                    return "<img src=\"../charts/\(slug)/\(chart.name).svg\" width=\"\(drawing.width)\" height=\"\(drawing.height)\""
                        + " alt=\"\(Escape.html(drawing.title + ". " + drawing.description))\">"
                })
                exports["charts:length"] = section.charts.map { "![\(Escape.markdownText($0.title))](../charts/\(slug)/\($0.name).svg)" }.joined(separator: "\n\n")
            }
            charts += section.charts.map { Chart(name: $0.name, title: $0.title, svg: $0.drawing.svg) }
        }
        return Parts(data: data, fragments: fragments, pageFragments: pageFragments, exports: exports, charts: charts)
    }

    /// The banner of a flagged row: how many errors and warnings, of which checks, and the
    /// link to them. Nil for a row without warnings or errors, so its page stays as it was.
    static func auditBanner(row: LeaderboardRow, findings: [AuditFinding], slug: String) -> AuditBanner? {
        let shown = Audit.sorted(findings.filter { $0.severity != .note && $0.model == row.id })
        guard row.flagged || !shown.isEmpty else { return nil }
        let errors = shown.filter { $0.severity == .error }.count
        let warnings = shown.count - errors
        var checks: [String] = []
        for finding in shown where !checks.contains(Audit.title(check: finding.check)) {
            checks.append(Audit.title(check: finding.check))
        }
        func count(_ n: Int, _ noun: String) -> String { "\(n) audit \(noun)\(n == 1 ? "" : "s")" }
        let counts = [errors > 0 ? count(errors, "error") : nil, warnings > 0 ? count(warnings, "warning") : nil].compactMap { $0 }
        let summary = counts.isEmpty ? "audit findings" : counts.joined(separator: " and ") + ": " + checks.joined(separator: ", ")
        return AuditBanner(summary: summary, errors: errors, warnings: warnings, checks: checks.joined(separator: ", "),
                           link: "../audit.html#audit-\(slug)")
    }

    static func cellIntervals(_ intervals: BootstrapIntervals?, _ domain: Domain) -> [[ClosedRange<Double>?]]? {
        guard let intervals else { return nil }
        return (0..<3).map { i in (0..<3).map { j in intervals.interval(.cell(domain, row: i, column: j)) } }
    }

    /// Recomputed numbers, and the published ones with the difference when both exist.
    static func headline(_ row: LeaderboardRow) -> [HeadlineRow] {
        let columns = Metric.leaderboard
        let several = row.allPublished.count > 1
        var rows: [HeadlineRow] = []
        if let score = row.score {
            let recomputed = LeaderboardRow(score: score)
            var line = HeadlineRow(values: columns.map { LeaderboardTable.percent(recomputed.value($0)) })
            line.isRecomputed = true
            rows.append(line)
            if row.intervals != nil {
                var interval = HeadlineRow(values: columns.map { LeaderboardTable.range(row.interval($0)) })
                interval.isInterval = true
                rows.append(interval)
            }
            for (index, published) in row.allPublished.enumerated() {
                let reported = LeaderboardRow(published: published)
                var line = HeadlineRow(values: columns.map { LeaderboardTable.percent(reported.value($0)) })
                (line.isPublished, line.number, line.several) = (true, index + 1, several)
                rows.append(line)
                // Overall numbers of a partial recomputed model are not comparable.
                var difference = HeadlineRow(values: columns.map { column -> String in
                    guard comparable(column, score), let a = recomputed.value(column), let b = reported.value(column), a.isFinite else { return "–" }
                    return signed((a - b) * 100)
                })
                (difference.isDifference, difference.number, difference.several) = (true, index + 1, several)
                rows.append(difference)
            }
        } else {
            let first = row.allPublished.first.map { LeaderboardRow(published: $0) }
            for (index, published) in row.allPublished.enumerated() {
                let reported = LeaderboardRow(published: published)
                var line = HeadlineRow(values: columns.map { LeaderboardTable.percent(reported.value($0)) })
                (line.isPublished, line.number, line.several) = (true, index + 1, several)
                rows.append(line)
            }
            // Every other source against source 1, the one the leaderboard shows.
            for (index, published) in row.allPublished.enumerated().dropFirst() {
                let reported = LeaderboardRow(published: published)
                var difference = HeadlineRow(values: columns.map { column -> String in
                    guard let a = first?.value(column), let b = reported.value(column) else { return "–" }
                    return signed((b - a) * 100)
                })
                (difference.isDifference, difference.number, difference.several) = (true, index + 1, several)
                rows.append(difference)
            }
        }
        return rows
    }

    /// Every domain and its subgroups: prompts, Easy/Normal/Hard/Average, ties, non-finite.
    static func groups(_ score: ModelScore, intervals: BootstrapIntervals?) -> [GroupRow] {
        func line(_ isDomain: Bool, _ name: String, _ kind: String, _ group: GroupScore, _ interval: ClosedRange<Double>? = nil) -> GroupRow {
            GroupRow(isDomain: isDomain, name: name, kind: kind, prompts: group.samples,
                     easy: LeaderboardTable.percent(group.easy), normal: LeaderboardTable.percent(group.normal),
                     hard: LeaderboardTable.percent(group.hard), average: LeaderboardTable.percent(group.average),
                     interval: LeaderboardTable.range(interval), ties: group.ties, nonFinite: group.nonFiniteScores)
        }
        var rows: [GroupRow] = []
        for domain in score.domains {
            rows.append(line(true, domain.domain.title, "domain", domain.score, intervals?.interval(.domain(domain.domain, .average))))
            for subgroup in domain.subgroups {
                let kind = switch subgroup.kind {
                case .label: "subdomain"
                case .subset: "subset"
                case .language: "language"
                }
                rows.append(line(false, Escape.markdownTableCell(subgroup.name), kind, subgroup.score))
            }
        }
        return rows
    }

    /// Every published source of the row, numbered.
    static func publishedSources(_ row: LeaderboardRow) -> [PublishedSource] {
        row.allPublished.enumerated().map { index, published in
            PublishedSource(number: index + 1, several: row.allPublished.count > 1,
                            source: published.source.map(Escape.markdownText), url: published.url.flatMap(Escape.url),
                            license: published.license.map(Escape.markdownText), flag: published.flag.map(Escape.markdownText),
                            file: Escape.markdownText("\(published.file), line \(published.line)"))
        }
    }

    /// A generative judge's verdicts: strict (the leaderboard's rule) and half credit per
    /// domain, ties, missing comparisons and order-swap consistency.
    static func judge(_ judge: JudgeScore) -> Judge {
        func consistency(_ value: Double?) -> String { value.map { NumberText.format("%.1f %%", $0 * 100) } ?? "–" }
        let p = LeaderboardTable.percent
        var rows = judge.domains.map { domain -> JudgeRow in
            let m = domain.matrix
            let strict = m.strict, half = m.halfCredit
            return JudgeRow(isOverall: false, domain: domain.domain.title,
                            strictEasy: p(strict.easy), strictNormal: p(strict.normal), strictHard: p(strict.hard), strictAverage: p(strict.average),
                            halfEasy: p(half.easy), halfNormal: p(half.normal), halfHard: p(half.hard), halfAverage: p(half.average),
                            ties: m.tieCount, missing: m.missingCount, consistency: consistency(m.orderConsistency))
        }
        rows.append(JudgeRow(isOverall: true, domain: "",
                             strictEasy: p(judge.strictEasy), strictNormal: p(judge.strictNormal), strictHard: p(judge.strictHard), strictAverage: p(judge.strictAverage),
                             halfEasy: p(judge.halfCreditEasy), halfNormal: p(judge.halfCreditNormal), halfHard: p(judge.halfCreditHard),
                             halfAverage: p(judge.halfCreditAverage),
                             ties: judge.ties, missing: judge.missingComparisons, consistency: consistency(judge.orderConsistency)))
        return Judge(rows: rows, missing: judge.missingComparisons, hasMissing: judge.missingComparisons > 0)
    }

    /// Domain numbers always compare; overall numbers only for a complete recomputed model.
    static func comparable(_ column: Metric, _ score: ModelScore) -> Bool {
        if case .domain = column { return true }
        return score.isComplete
    }

    private static func signed(_ points: Double) -> String {
        let text = NumberText.format("%+.1f", points)
        // NumberText already drops the minus of a number that rounds to zero; not the plus.
        return text == "+0.0" ? "0.0" : text
    }
}
