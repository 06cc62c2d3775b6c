import Foundation
import RMBenchAnalyze
import RMBenchCore

/// `types.html`: how kinds of reward model compare, and models trained on the same data.
enum TypesPage {
    static func render(rows: [LeaderboardRow], metadata: [ModelMetadata], slugs: [String: String], templates: TemplateSet, layout: Layout)
        -> (page: RenderedPage, files: [(String, [UInt8])]) {
        let types = ModelType.allCases.filter { type in rows.contains { $0.type == type } }
        var table = ["| Type | Models | With Average | Mean Average | Median Average | Mean Hard | Best |",
                     "|---|---:|---:|---:|---:|---:|---|"]
        var groups: [StripChart.Group] = []
        for type in types {
            let members = rows.filter { $0.type == type }
            let averages = members.compactMap(\.average).map { $0 * 100 }
            let hards = members.compactMap(\.hard).map { $0 * 100 }
            let best = members.filter { $0.average != nil }.max { $0.average! < $1.average! }
            table.append("| \(type.title) | \(members.count) | \(averages.count) | \(mean(averages)) | "
                         + "\(Percentile.quartiles(averages).map { NumberText.format("%.1f", $0.median) } ?? "–") | \(mean(hards)) | "
                         + "\(best.map { link($0, slugs) } ?? "–") |")
            groups.append(StripChart.Group(name: type.title, series: [("Average", averages), ("Hard", hards)]))
        }
        let chart = StripChart(id: "types", title: "RM-Bench Average and Hard by model type", valueLabel: "Percent",
                               groups: groups, showPoints: true).svg()
        let fragments = ["charts:types": "<div class=\"chart-grid\">\n<figure class=\"chart\">\n\(chart)\n</figure>\n</div>"]
        let exports = ["charts:types": "![RM-Bench Average and Hard by model type](charts/types/types.svg)"]

        // Models the metadata links by training data (`family`), e.g. the paper's Table 4.
        var families: [[String: Any]] = []
        let byFamily = Dictionary(grouping: metadata.filter { $0.family != nil }) { $0.family! }
        for family in byFamily.keys.sorted() {
            let entries = byFamily[family]!.compactMap { meta -> (ModelMetadata, LeaderboardRow)? in
                guard let row = rows.first(where: { $0.id.metadata == meta }) else { return nil }
                return (meta, row)
            }
            guard entries.count >= 2 else { continue }
            var lines = ["| Model | Kind | Average | Hard | Numbers |", "|---|---|---:|---:|---|"]
            for (meta, row) in entries {
                lines.append("| \(link(row, slugs)) | \(meta.kind?.rawValue ?? row.type.rawValue) | \(LeaderboardTable.percent(row.average)) | "
                             + "\(LeaderboardTable.percent(row.hard)) | \(row.provenance.rawValue) |")
            }
            families.append(["family": Escape.markdownText(family), "table": lines.joined(separator: "\n")])
        }
        let context: [String: Any] = [
            "table": table.joined(separator: "\n"),
            "chart": "@@charts:types@@",
            "families": families,
            "hasFamilies": !families.isEmpty,
        ]
        let page = layout.page(path: "types", title: "Model types", markdown: templates.render("types.md", context),
                               fragments: fragments, exports: exports)
        return (page, [("charts/types/types.svg", Array(chart.utf8))])
    }

    static func link(_ row: LeaderboardRow, _ slugs: [String: String]) -> String {
        let name = Escape.markdownTableCell(row.id.displayName)
        return slugs[row.name].map { "[\(name)](models/\($0).html)" } ?? name
    }

    static func mean(_ values: [Double]) -> String {
        values.isEmpty ? "–" : NumberText.format("%.1f", values.reduce(0, +) / Double(values.count))
    }
}
