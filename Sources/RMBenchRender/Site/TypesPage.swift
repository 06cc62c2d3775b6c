import Foundation
import RMBenchAnalyze
import RMBenchCore

/// `types.html`: how kinds of reward model compare, and models trained on the same data.
enum TypesPage {
    /// What `types.md.mustache` reads. Names are escaped for a GFM table cell, links are
    /// relative URLs made of slugs, numbers percent with one decimal (`–` when none).
    struct TemplateData {
        var types: [TypeRow]
        /// The placeholder line the chart goes in (`@@charts:types@@`).
        var chart: String
        var families: [Family]
        var hasFamilies: Bool
    }

    struct TypeRow {
        var type: String
        var models: Int
        var withAverage: Int
        var meanAverage: String
        var medianAverage: String
        var meanHard: String
        /// The type's best model by Average (`–` when none has one) and its page.
        var bestName: String
        var bestLink: String?
    }

    /// Models the metadata links by training data (`family`).
    struct Family {
        /// Escaped for Markdown text.
        var family: String
        var members: [Member]
    }

    struct Member {
        var name: String
        var link: String?
        /// The metadata's kind, else the row's type.
        var kind: String
        var average: String
        var hard: String
        var provenance: String
    }

    static func render(rows: [LeaderboardRow], metadata: [ModelMetadata], slugs: [String: String], templates: TemplateSet, layout: Layout)
        -> (page: RenderedPage, files: [(String, [UInt8])]) {
        let types = ModelType.allCases.filter { type in rows.contains { $0.type == type } }
        var typeRows: [TypeRow] = []
        var groups: [StripChart.Group] = []
        for type in types {
            let members = rows.filter { $0.type == type }
            let averages = members.compactMap(\.average).map { $0 * 100 }
            let hards = members.compactMap(\.hard).map { $0 * 100 }
            let best = members.filter { $0.average != nil }.max { $0.average! < $1.average! }
            typeRows.append(TypeRow(type: type.title, models: members.count, withAverage: averages.count, meanAverage: mean(averages),
                                    medianAverage: Percentile.quartiles(averages).map { percent($0.median) } ?? "–",
                                    meanHard: mean(hards), bestName: best.map { Escape.markdownTableCell($0.id.displayName) } ?? "–",
                                    bestLink: best.flatMap { link($0, slugs) }))
            groups.append(StripChart.Group(name: type.title, series: [("Average", averages), ("Hard", hards)]))
        }
        // The chart's medians in the table's digits.
        let chart = StripChart(id: "types", title: "RM-Bench Average and Hard by model type", valueLabel: "Percent",
                               groups: groups, showPoints: true, valueText: percent).svg()
        let fragments = ["charts:types": "<div class=\"chart-grid\">\n<figure class=\"chart\">\n\(chart)\n</figure>\n</div>"]
        let exports = ["charts:types": "![RM-Bench Average and Hard by model type](charts/types/types.svg)"]

        // Models the metadata links by training data (`family`), e.g. the paper's Table 4.
        var families: [Family] = []
        let byFamily = Dictionary(grouping: metadata.filter { $0.family != nil }) { $0.family! }
        for family in byFamily.keys.sorted() {
            let entries = byFamily[family]!.compactMap { meta -> (ModelMetadata, LeaderboardRow)? in
                guard let row = rows.first(where: { $0.id.metadata == meta }) else { return nil }
                return (meta, row)
            }
            guard entries.count >= 2 else { continue }
            families.append(Family(family: Escape.markdownText(family), members: entries.map { meta, row in
                Member(name: Escape.markdownTableCell(row.id.displayName), link: link(row, slugs), kind: meta.kind?.rawValue ?? row.type.rawValue,
                       average: LeaderboardTable.percent(row.average), hard: LeaderboardTable.percent(row.hard), provenance: row.provenance.rawValue)
            }))
        }
        let data = TemplateData(types: typeRows, chart: "@@charts:types@@", families: families, hasFamilies: !families.isEmpty)
        let page = layout.page(path: "types", title: "Model types", markdown: templates.render("types.md", data),
                               fragments: fragments, exports: exports)
        return (page, [("charts/types/types.svg", Array(chart.utf8))])
    }

    /// The model's page, when it has one.
    static func link(_ row: LeaderboardRow, _ slugs: [String: String]) -> String? {
        slugs[row.name].map { "models/\($0).html" }
    }

    static func mean(_ values: [Double]) -> String {
        values.isEmpty ? "–" : percent(values.reduce(0, +) / Double(values.count))
    }

    /// A percentage as the table and the chart print it: one decimal.
    @Sendable static func percent(_ value: Double) -> String {
        NumberText.format("%.1f", value)
    }
}
