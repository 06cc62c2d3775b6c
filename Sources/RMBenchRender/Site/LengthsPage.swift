import Foundation
import RMBenchAnalyze
import RMBenchCore

/// `lengths.html`: response lengths of the benchmark, chosen against rejected, per style.
enum LengthsPage {
    /// What `lengths.md.mustache` reads.
    struct TemplateData {
        var domains: [DomainSection]
        var hasDomains: Bool
        /// The model whose results the lengths were read from, escaped for Markdown text.
        var source: String
        /// Domains without measured responses, comma-separated; `hasMissing` when some are shown and some not.
        var missing: String
        var hasMissing: Bool
    }

    struct DomainSection {
        var title: String
        /// One sentence on what length tells in the domain.
        var verdict: String
        /// The placeholder line the chart goes in (`@@charts:lengths-<domain>@@`).
        var chart: String
        /// One per style with compared prompts.
        var styles: [StyleRow]
    }

    /// Median lengths in characters; `longer` is the share of prompts whose correct response is the longer, `48.2 %`.
    struct StyleRow {
        var style: String
        var prompts: Int
        var correct: String
        var incorrect: String
        var longer: String
    }

    static func render(_ lengths: [DomainLengths], source: String?, templates: TemplateSet, layout: Layout)
        -> (page: RenderedPage, files: [(String, [UInt8])]) {
        var fragments: [String: String] = [:]
        var exports: [String: String] = [:]
        var files: [(String, [UInt8])] = []
        var domains: [DomainSection] = []
        let styles = Style.allCases.map(\.title)
        for entry in lengths {
            let name = "lengths-\(entry.domain.rawValue)"
            let chart = StripChart(
                id: name, title: "\(entry.domain.title): response length, correct vs incorrect",
                valueLabel: "Response length (characters)",
                groups: (0..<3).map { style in
                    StripChart.Group(name: styles[style], series: [("correct (chosen)", entry.chosen[style]), ("incorrect (rejected)", entry.rejected[style])])
                },
                valueLog: true, showPoints: true, valueText: characters).svg()
            fragments["charts:\(name)"] = "<div class=\"chart-grid\">\n<figure class=\"chart\">\n\(chart)\n</figure>\n</div>"
            exports["charts:\(name)"] = "![\(entry.domain.title) response lengths](charts/lengths/\(name).svg)"
            files.append(("charts/lengths/\(name).svg", Array(chart.utf8)))
            let rows = (0..<3).filter { entry.compared[$0] > 0 }.map { style in
                StyleRow(style: styles[style], prompts: entry.compared[style], correct: median(entry.chosen[style]),
                         incorrect: median(entry.rejected[style]),
                         longer: NumberText.format("%.1f %%", Double(entry.chosenLonger[style]) / Double(entry.compared[style]) * 100))
            }
            domains.append(DomainSection(title: entry.domain.title, verdict: verdict(entry), chart: "@@charts:\(name)@@", styles: rows))
        }
        let missing = Domain.allCases.filter { domain in !lengths.contains { $0.domain == domain } }.map(\.title)
        let data = TemplateData(domains: domains, hasDomains: !domains.isEmpty, source: source.map(Escape.markdownText) ?? "",
                                missing: missing.joined(separator: ", "), hasMissing: !missing.isEmpty && !domains.isEmpty)
        let page = layout.page(path: "lengths", title: "Lengths", markdown: templates.render("lengths.md", data),
                               fragments: fragments, exports: exports)
        return (page, files)
    }

    /// One sentence on what length tells in a domain, from the shares in its table.
    static func verdict(_ entry: DomainLengths) -> String {
        let shares = (0..<3).filter { entry.compared[$0] > 0 }.map { Double(entry.chosenLonger[$0]) / Double(entry.compared[$0]) * 100 }
        guard let low = shares.min(), let high = shares.max() else { return "" }
        let range = NumberText.format("%.1f", low) + (high - low >= 0.05 ? "–" + NumberText.format("%.1f", high) : "") + " %"
        let reading: String
        if high < 40 {
            reading = "here the incorrect response tends to be the longer one, so a model that prefers length loses even within a style"
        } else if low > 60 {
            reading = "here the correct response tends to be the longer one, so preferring length helps within a style"
        } else if low >= 40 && high <= 60 {
            reading = "length says little about correctness within a style"
        } else {
            reading = "how much length tells depends on the style"
        }
        return "The correct response is the longer one in \(range) of prompts: \(reading)."
    }

    static func median(_ values: [Double]) -> String {
        guard let quartiles = Percentile.quartiles(values) else { return "–" }
        return characters(quartiles.median)
    }

    /// A length in characters as the table and the chart print it: whole characters.
    @Sendable static func characters(_ value: Double) -> String {
        NumberText.format("%.0f", value)
    }
}
