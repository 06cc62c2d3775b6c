import Foundation
import RMBenchAnalyze
import RMBenchCore

/// A comparison as Markdown (a pull-request comment: short, verdict first), as JSON, and as
/// page content for HTML.
public enum ComparisonReport {
    /// At most this many flips are listed in Markdown (a PR comment), and in HTML; JSON has
    /// them all. The HTML limit keeps a single-file report small enough to attach.
    public static let listedFlips = 40
    public static let listedFlipsHTML = 300

    /// The pull-request comment (`compare --format markdown`); HTML pages come from
    /// `compare.md.mustache` and `report.md.mustache` with ``TemplateData``.
    public static func markdown(_ c: Comparison) -> String {
        var lines: [String] = []
        let title = c.sameModel ? "\(c.nameA): new run vs old run" : "\(c.nameB) vs \(c.nameA)"
        lines += ["## RM-Bench: \(Escape.markdownText(title))", ""]
        lines.append("**Verdict: \(c.verdict(name: Escape.markdownText)).** Compared on \(c.differences.sharedPrompts) shared prompts"
                     + (c.differences.resamples > 0 ? "; intervals from a paired bootstrap (\(c.differences.resamples) resamples)." : "; bootstrap off, no intervals."))
        lines.append("")
        let a = c.sameModel ? "old" : Escape.markdownTableCell(c.nameA), b = c.sameModel ? "new" : Escape.markdownTableCell(c.nameB)
        lines += ["| Metric | \(a) | \(b) | Δ points | 95 % CI of Δ | |", "|---|---:|---:|---:|---:|---|"]
        for metric in c.headlineMetrics {
            guard let entry = c.differences.entry(metric) else { continue }
            let row = metricRow(entry)
            lines.append("| \(row.metric) | \(row.a) | \(row.b) | \(row.difference) | \(row.interval) | \(row.marker) |")
        }
        lines.append("")
        lines.append(flipSummary(c))
        if c.sameModel || !c.onlyInA.isEmpty || !c.onlyInB.isEmpty {
            lines.append("")
            lines.append(inputChanges(c))
        }
        if !c.flips.isEmpty {
            lines.append("")
            let shown = c.flips.count > listedFlips ? " — first \(listedFlips) of \(c.flips.count)" : ""
            lines.append("<details><summary>Flipped comparisons\(shown)</summary>")
            lines.append("")
            lines.append(flipTable(c, limit: listedFlips))
            lines.append("")
            lines.append("</details>")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func flipSummary(_ c: Comparison) -> String {
        let gained = c.flips.filter { !$0.lostByB }.count, lost = c.flips.count - gained
        var text = "**Flips:** \(c.flips.count) comparisons changed — \(gained) gained (wrong before, right now), \(lost) lost."
        let byDomain = Domain.allCases.compactMap { domain -> String? in
            let flips = c.flips.filter { $0.domain == domain }
            guard !flips.isEmpty else { return nil }
            let g = flips.filter { !$0.lostByB }.count
            return "\(domain.title) +\(g) / −\(flips.count - g)"
        }
        if !byDomain.isEmpty { text += " By domain: " + byDomain.joined(separator: ", ") + "." }
        return text
    }

    static func inputChanges(_ c: Comparison) -> String {
        var lines = ["**Inputs:**"]
        let filesA = c.sourcesA.map(source).joined(separator: ", ")
        let filesB = c.sourcesB.map(source).joined(separator: ", ")
        lines.append("- \(c.sameModel ? "old" : Escape.markdownText(c.nameA)): \(filesA)")
        lines.append("- \(c.sameModel ? "new" : Escape.markdownText(c.nameB)): \(filesB)")
        if Set(c.sourcesA.map(\.sha256)) == Set(c.sourcesB.map(\.sha256)) { lines.append("- The files are identical (same SHA-256).") }
        lines.append("- Prompts: \(c.differences.sharedPrompts) shared, \(c.onlyInA.count) only in \(c.sameModel ? "the old run" : Escape.markdownText(c.nameA)), \(c.onlyInB.count) only in \(c.sameModel ? "the new run" : Escape.markdownText(c.nameB))"
                     + (c.onlyInA.isEmpty && c.onlyInB.isEmpty ? "." : " (" + (c.onlyInA + c.onlyInB).prefix(10).map { Escape.markdownText($0.description) }.joined(separator: ", ") + ((c.onlyInA.count + c.onlyInB.count) > 10 ? ", …" : "") + ")."))
        return lines.joined(separator: "\n")
    }

    /// A source file for the inputs list: its path as code, and the start of its digest.
    static func source(_ file: SourceFile) -> String {
        "\(Escape.markdownCode(file.path)) (sha256 \(file.sha256.prefix(12))…)"
    }

    static func flipTable(_ c: Comparison, limit: Int) -> String {
        var lines = ["| Prompt | Cell (chosen vs rejected) | Change | A: chosen; rejected | B: chosen; rejected |", "|---|---|---|---|---|"]
        for flip in c.flips.prefix(limit) {
            let cell = "\(Style(rawValue: flip.row)!.title) vs \(Style(rawValue: flip.column)!.title)"
            lines.append("| \(Escape.markdownTableCell(flip.key.description)) | \(cell) | \(flip.lostByB ? "lost" : "gained") | "
                         + "\(scores(flip.scoresA)) | \(scores(flip.scoresB)) |")
        }
        return lines.joined(separator: "\n")
    }

    static func scores(_ s: (chosen: StyleScores, rejected: StyleScores)) -> String {
        func f(_ v: Double) -> String {
            guard v.isFinite else { return v.isNaN ? "NaN" : (v > 0 ? "∞" : "−∞") }
            return abs(v) >= 1000 ? NumberText.format("%.0f", v) : NumberText.format("%.3g", v)
        }
        return s.chosen.array.map(f).joined(separator: " ") + "; " + s.rejected.array.map(f).joined(separator: " ")
    }

    public static func json(_ c: Comparison) -> JSONValue {
        func entry(_ e: PairedDifferences.Entry) -> JSONValue {
            .object([
                ("metric", .string(e.metric.label)), ("a", .double(e.a)), ("b", .double(e.b)),
                ("difference", .double(e.difference)),
                ("difference_ci95", e.interval.map { .array([.double($0.lowerBound), .double($0.upperBound)]) } ?? .null),
                ("significant", .bool(e.significant)),
            ])
        }
        func sources(_ files: [SourceFile]) -> JSONValue {
            .array(files.map { .object([("path", .string($0.path)), ("sha256", .string($0.sha256)), ("timestamp", $0.timestamp.map(JSONValue.string) ?? .null)]) })
        }
        func scores(_ s: (chosen: StyleScores, rejected: StyleScores)) -> JSONValue {
            .object([("chosen", .array(s.chosen.array.map(JSONValue.double))), ("rejected", .array(s.rejected.array.map(JSONValue.double)))])
        }
        return .object([
            ("a", .object([("model", .string(c.nameA)), ("sources", sources(c.sourcesA)), ("prompts", .int(c.differences.promptsA))])),
            ("b", .object([("model", .string(c.nameB)), ("sources", sources(c.sourcesB)), ("prompts", .int(c.differences.promptsB))])),
            ("shared_prompts", .int(c.differences.sharedPrompts)),
            ("verdict", .string(c.verdict)),
            ("resamples", .int(c.differences.resamples)),
            ("metrics", .array(c.differences.entries.map(entry))),
            ("flips", .array(c.flips.map { flip in
                .object([("domain", .string(flip.domain.rawValue)), ("label", .string(flip.key.label)), ("id", .string(flip.key.id.description)),
                         ("chosen_style", .int(flip.row)), ("rejected_style", .int(flip.column)),
                         ("change", .string(flip.lostByB ? "lost" : "gained")), ("a", scores(flip.scoresA)), ("b", scores(flip.scoresB))])
            })),
            ("only_in_a", .array(c.onlyInA.map { .string($0.description) })),
            ("only_in_b", .array(c.onlyInB.map { .string($0.description) })),
        ])
    }
}
