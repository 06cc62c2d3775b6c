import RMBenchAnalyze
import RMBenchCore

/// `correlations.html`: does RM-Bench agree with other benchmarks and downstream results?
enum CorrelationsPage {
    /// What `correlations.md.mustache` reads: one section per external metric. Texts are
    /// escaped for Markdown text; numbers are `0.12` (r, ρ, τ), p-values `0.003` or `1.2e-05`.
    struct TemplateData {
        var sections: [Section]
        var hasSections: Bool
    }

    struct Section {
        var metric: String
        /// The metric's name escaped for a table cell (the points table's header).
        var metricCell: String
        var description: String?
        /// The CSV file the metric came from.
        var file: String
        /// Models with both numbers, for some RM-Bench metric.
        var models: Int
        var rows: [Row]
        /// Some correlation rests on fewer than 10 models (the template explains what that means).
        var fewModels: Bool
        /// Some row has a bootstrap interval (10 models or more).
        var hasBootstrap: Bool
        /// RM-Bench metrics no matched model has, comma-separated; `hasEmpty` when there are any.
        var empty: String
        var hasEmpty: Bool
        /// The placeholder line the scatter plots go in (`@@charts:correlation-N@@`), empty without plots.
        var charts: String
        /// The plotted RM-Bench metrics (the table's columns after the external metric) and one
        /// row per plotted model: every point of the charts, labelled there or not.
        var plotted: [PlottedMetric]
        var points: [PointRow]
        var hasPoints: Bool
    }

    struct PlottedMetric {
        var name: String
    }

    /// A plotted model: its name (escaped for a table cell), the external metric and each
    /// plotted RM-Bench metric (`45.3`, `–` where the model has none), as the tooltips print them.
    struct PointRow {
        var name: String
        var x: String
        var values: [PointValue]
    }

    struct PointValue {
        var value: String
    }

    /// One RM-Bench metric against the external one; `–` where too few models have both.
    struct Row {
        var metric: String
        var n: Int
        var pearson: String
        /// The Fisher-z 95 % interval of r, `0.12 – 0.85` (`–` below 4 models).
        var interval: String
        /// The percentile-bootstrap interval of r, only from 10 models on (`–` otherwise).
        var bootstrapInterval: String
        var pearsonP: String
        var spearman: String
        var spearmanP: String
        var kendall: String
        var kendallP: String
    }

    static func render(pairs: [CorrelationPair], rows: [LeaderboardRow], templates: TemplateSet, layout: Layout)
        -> (page: RenderedPage, files: [(String, [UInt8])]) {
        var sections: [Section] = []
        var fragments: [String: String] = [:]
        var exports: [String: String] = [:]
        var files: [(String, [UInt8])] = []
        let metrics = orderedUnique(pairs.map { "\($0.xFile)\u{0}\($0.x)" })
        for (index, key) in metrics.enumerated() {
            let group = pairs.filter { "\($0.xFile)\u{0}\($0.x)" == key }
            guard let first = group.first else { continue }
            let plottedPairs = group.filter { shouldPlot($0) }
            let charts = plottedPairs.map { chart($0, rows: rows, index: index) }
            let placeholder = "charts:correlation-\(index)"
            if !charts.isEmpty {
                fragments[placeholder] = "<div class=\"chart-grid\">\n" + charts.map { "<figure class=\"chart\">\n\($0.svg)\n</figure>" }.joined(separator: "\n") + "\n</div>"
                exports[placeholder] = charts.map { "![\(Escape.markdownText($0.title))](charts/correlations/\($0.name).svg)" }.joined(separator: "\n\n")
                files += charts.map { ("charts/correlations/\($0.name).svg", Array($0.svg.utf8)) }
            }
            let modelCount = Set(group.flatMap { $0.points.map(\.model) }).count
            let empty = group.filter { $0.points.isEmpty }.map(\.y)
            sections.append(Section(
                metric: Escape.markdownText(first.x), metricCell: Escape.markdownTableCell(first.x), description: first.xDescription.map(Escape.markdownText),
                file: Escape.markdownText(first.xFile), models: modelCount, rows: Self.rows(group),
                fewModels: group.contains { ($0.result?.n ?? 0) > 0 && ($0.result?.n ?? 0) < CorrelationPair.bootstrapMinimum },
                hasBootstrap: group.contains { $0.bootstrapInterval != nil },
                empty: empty.joined(separator: ", "), hasEmpty: !empty.isEmpty,
                charts: charts.isEmpty ? "" : "@@\(placeholder)@@",
                plotted: plottedPairs.map { PlottedMetric(name: $0.y) }, points: pointRows(plottedPairs),
                hasPoints: !plottedPairs.isEmpty))
        }
        let data = TemplateData(sections: sections, hasSections: !sections.isEmpty)
        let page = layout.page(path: "correlations", title: "Correlations",
                               markdown: templates.render("correlations.md", data), fragments: fragments, exports: exports)
        files.append(("data/correlations.json", Array((json(pairs).serialized(indent: 2) + "\n").utf8)))
        return (page, files)
    }

    /// The pairs worth a chart: every external metric against Average and Hard, and math-like
    /// metrics also against Math and Math Hard (the paper's downstream analysis).
    static func shouldPlot(_ pair: CorrelationPair) -> Bool {
        guard pair.result != nil else { return false }
        let mathLike = (pair.x + " " + (pair.xDescription ?? "")).lowercased().contains("math")
        return ["Average", "Hard"].contains(pair.y) || (mathLike && ["Math", "Math Hard"].contains(pair.y))
    }

    struct Chart {
        var name: String
        var title: String
        var svg: String
    }

    static func chart(_ pair: CorrelationPair, rows: [LeaderboardRow], index: Int) -> Chart {
        let name = "\(Slug.plain(pair.x))-vs-\(Slug.plain(pair.y))"
        let title = "\(pair.y) on RM-Bench vs \(pair.x)"
        let points = pair.points.map { point in
            ScatterChart.Point(x: point.x, y: point.y, label: point.model,
                               tooltip: "\(point.model): \(pair.x) = \(format(point.x)), RM-Bench \(pair.y) = \(format(point.y))")
        }
        // Baselines show where pure style preferences land on the RM-Bench axis.
        let references = rows.filter { $0.type == .baseline }.compactMap { row -> (label: String, y: Double)? in
            RMBenchMetrics.values(row)[pair.y].map { ("\(row.name) \(format($0))", $0) }
        }
        let svg = ScatterChart(
            id: "corr-\(index)-\(name)", title: title, xLabel: "\(pair.x) (%)", yLabel: "RM-Bench \(pair.y) (%)",
            series: [.init(name: "models", points: points, marker: .circle, showTrend: true)],
            referenceLines: references, caption: caption(pair), labelPoints: points.count <= 30,
            valueText: format).svg()
        return Chart(name: name, title: title, svg: svg)
    }

    /// One row per model in any of the plotted pairs, in the order the first pair lists them
    /// (then the others' additions), with its x (the same in every pair) and each pair's y.
    static func pointRows(_ pairs: [CorrelationPair]) -> [PointRow] {
        let models = orderedUnique(pairs.flatMap { $0.points.map(\.model) })
        return models.map { model in
            let x = pairs.lazy.compactMap { $0.points.first { $0.model == model }?.x }.first
            return PointRow(name: Escape.markdownTableCell(model), x: x.map(format) ?? "–",
                            values: pairs.map { pair in PointValue(value: pair.points.first { $0.model == model }.map { format($0.y) } ?? "–") })
        }
    }

    static func caption(_ pair: CorrelationPair) -> String {
        guard let r = pair.result else { return "n = \(pair.points.count): too few models" }
        var text = "Pearson r = \(format2(r.pearsonR))"
        if let ci = r.pearsonCI95 { text += " [\(format2(ci.lowerBound)), \(format2(ci.upperBound))]" }
        text += " (\(pPhrase(r.pearsonP))), Spearman ρ = \(format2(r.spearmanRho)) (\(pPhrase(r.spearmanP))), n = \(r.n)"
        return text
    }

    static func rows(_ group: [CorrelationPair]) -> [Row] {
        group.filter { !$0.points.isEmpty }.map { pair in
            guard let r = pair.result else {
                return Row(metric: pair.y, n: pair.points.count, pearson: "–", interval: "–", bootstrapInterval: "–", pearsonP: "–",
                           spearman: "–", spearmanP: "–", kendall: "–", kendallP: "–")
            }
            return Row(metric: pair.y, n: r.n, pearson: format2(r.pearsonR),
                       interval: r.pearsonCI95.map { "\(format2($0.lowerBound)) – \(format2($0.upperBound))" } ?? "–",
                       bootstrapInterval: pair.bootstrapInterval.map { "\(format2($0.low)) – \(format2($0.high))" } ?? "–",
                       pearsonP: pValue(r.pearsonP), spearman: format2(r.spearmanRho), spearmanP: pValue(r.spearmanP),
                       kendall: format2(r.kendallTau), kendallP: pValue(r.kendallP))
        }
    }

    static func json(_ pairs: [CorrelationPair]) -> JSONValue {
        .array(pairs.map { pair in
            var members: [(String, JSONValue)] = [
                ("x", .string(pair.x)), ("x_source", .string(pair.xFile)), ("y", .string("rmbench_" + pair.y.lowercased().replacingOccurrences(of: " ", with: "_"))),
                ("n", .int(pair.points.count)),
            ]
            let r = pair.result
            members += [
                ("pearson_r", r.map { .double($0.pearsonR) } ?? .null), ("pearson_p", r.map { .double($0.pearsonP) } ?? .null),
                ("spearman_rho", r.map { .double($0.spearmanRho) } ?? .null), ("spearman_p", r.map { .double($0.spearmanP) } ?? .null),
                ("kendall_tau", r.map { .double($0.kendallTau) } ?? .null), ("kendall_p", r.map { .double($0.kendallP) } ?? .null),
                ("pearson_ci95", r?.pearsonCI95.map { .array([.double($0.lowerBound), .double($0.upperBound)]) } ?? .null),
                ("pearson_bootstrap_ci95", pair.bootstrapInterval.map { .array([.double($0.low), .double($0.high)]) } ?? .null),
                // How each p was computed, so a reader can match them with scipy's defaults.
                ("pearson_p_method", r == nil ? .null : .string("t")), ("spearman_p_method", r == nil ? .null : .string("t")),
                ("kendall_p_method", r.map { .string($0.kendallPMethod.rawValue) } ?? .null),
                ("models", .array(pair.points.map { .object([("model", .string($0.model)), ("x", .double($0.x)), ("y", .double($0.y))]) })),
            ]
            return .object(members)
        })
    }

    /// RM-Bench and external numbers (percent) as the points table, the tooltips and the chart
    /// print them: one decimal; magnitudes one decimal cannot show (below 0.05 but not 0, or
    /// from 10^15 on) in `%.3g`, so 1e-320 does not read 0.0 and 1e308 is not 309 digits.
    @Sendable static func format(_ value: Double) -> String {
        let magnitude = abs(value)
        if value.isFinite && value != 0 && (magnitude < 0.05 || magnitude >= 1e15) { return NumberText.format("%.3g", value) }
        return NumberText.format("%.1f", value)
    }
    static func format2(_ value: Double) -> String { NumberText.format("%.2f", value) }

    /// p-values: three decimals, small ones in scientific notation. A p that underflowed to 0
    /// is not zero, only below what a double holds: "≤ 1e-300".
    static func pValue(_ p: Double) -> String {
        if p.isNaN { return "–" }
        if p == 0 { return "≤ 1e-300" }
        if p < 0.001 { return NumberText.format("%.1e", p) }
        return NumberText.format("%.3f", p)
    }

    /// "p = 0.012", or "p ≤ 1e-300" where it underflowed: for sentences.
    static func pPhrase(_ p: Double) -> String {
        p == 0 ? "p " + pValue(p) : "p = " + pValue(p)
    }

    static func orderedUnique(_ values: [String]) -> [String] {
        var seen: Set<String> = []
        return values.filter { seen.insert($0).inserted }
    }
}
