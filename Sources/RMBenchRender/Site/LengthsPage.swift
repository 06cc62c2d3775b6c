import Foundation
import RMBenchAnalyze
import RMBenchCore

/// `lengths.html`: response lengths of the benchmark, chosen against rejected, per style.
enum LengthsPage {
    static func render(_ lengths: [DomainLengths], source: String?, templates: TemplateSet, layout: Layout)
        -> (page: RenderedPage, files: [(String, [UInt8])]) {
        var fragments: [String: String] = [:]
        var exports: [String: String] = [:]
        var files: [(String, [UInt8])] = []
        var domains: [[String: Any]] = []
        let styles = Style.allCases.map(\.title)
        for entry in lengths {
            let name = "lengths-\(entry.domain.rawValue)"
            let chart = StripChart(
                id: name, title: "\(entry.domain.title): response length, correct vs incorrect",
                valueLabel: "Response length (characters)",
                groups: (0..<3).map { style in
                    StripChart.Group(name: styles[style], series: [("correct (chosen)", entry.chosen[style]), ("incorrect (rejected)", entry.rejected[style])])
                },
                valueLog: true, showPoints: true).svg()
            fragments["charts:\(name)"] = "<div class=\"chart-grid\">\n<figure class=\"chart\">\n\(chart)\n</figure>\n</div>"
            exports["charts:\(name)"] = "![\(entry.domain.title) response lengths](charts/lengths/\(name).svg)"
            files.append(("charts/lengths/\(name).svg", Array(chart.utf8)))
            var table = ["| Style | Prompts | Median length, correct | Median length, incorrect | Correct one is longer |",
                         "|---|---:|---:|---:|---:|"]
            for style in 0..<3 where entry.compared[style] > 0 {
                let share = Double(entry.chosenLonger[style]) / Double(entry.compared[style]) * 100
                table.append("| \(styles[style]) | \(entry.compared[style]) | \(median(entry.chosen[style])) | \(median(entry.rejected[style])) | "
                             + NumberText.format("%.1f %%", share) + " |")
            }
            domains.append(["title": entry.domain.title, "chart": "@@charts:\(name)@@", "table": table.joined(separator: "\n"),
                            "verdict": verdict(entry)])
        }
        let missing = Domain.allCases.filter { domain in !lengths.contains { $0.domain == domain } }.map(\.title)
        let context: [String: Any] = [
            "domains": domains,
            "hasDomains": !domains.isEmpty,
            "source": source.map(Escape.markdownText) ?? "",
            "missing": missing.joined(separator: ", "),
            "hasMissing": !missing.isEmpty && !domains.isEmpty,
        ]
        let page = layout.page(path: "lengths", title: "Lengths", markdown: templates.render("lengths.md", context),
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
        return NumberText.format("%.0f", quartiles.median)
    }
}
