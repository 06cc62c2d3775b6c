import Foundation
import RMBenchCore
import RMBenchScore

/// The leaderboard as CSV and as a GFM table: rank, model, type, Chat, Math, Code, Safety,
/// Easy, Normal, Hard, Average.
public enum LeaderboardTable {
    /// Percent with one decimal, locale-independent; "–" when unknown.
    public static func percent(_ fraction: Double?) -> String {
        guard let fraction, fraction.isFinite else { return "–" }
        return NumberText.format("%.1f", fraction * 100)
    }

    /// One CSV row per leaderboard row, best first, numbers in percent at full precision.
    public static func csv(_ rows: [LeaderboardRow]) -> String {
        var lines = ["model,type,provenance,rank_group,complete,missing_domains,samples,chat,math,code,safety,easy,normal,hard,average,average_ci95_low,average_ci95_high,ties,non_finite_scores,source,sha256"]
        for row in LeaderboardRow.ranked(rows) {
            let values = MetricColumn.all.map { number(row.value($0)) }
            let score = row.score
            let fields: [String] = [
                CSV.field(row.name), row.type.rawValue, row.provenance.rawValue, row.rankGroup.map { String($0.rank) } ?? "",
                row.isPartial ? "false" : "true",
                row.missingDomains.map(\.rawValue).joined(separator: " "), score.map { String($0.samples) } ?? "",
            ] + values + [
                number(row.interval(.average)?.lowerBound), number(row.interval(.average)?.upperBound),
                score.map { String($0.ties) } ?? "", score.map { String($0.nonFiniteScores) } ?? "",
                CSV.field(score?.sources.map(\.path).joined(separator: " ") ?? row.published?.source ?? ""),
                score?.sources.map(\.sha256).joined(separator: " ") ?? "",
            ]
            lines.append(fields.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A GFM table, percent with one decimal. With `linkPrefix`, model names link to
    /// `<linkPrefix><slug>.html`; the best value of each column is bold; partial rows get †.
    public static func markdown(_ rows: [LeaderboardRow], slugs: [String: String]? = nil, linkPrefix: String = "models/") -> String {
        let ranked = LeaderboardRow.ranked(rows)
        let ranks = LeaderboardRow.ranks(ranked)
        // A column's best is marked only where there is something to compare it with.
        let best = MetricColumn.all.map { column -> String? in
            let values = ranked.compactMap { $0.value(column) }
            return values.count > 1 ? values.max().map(percent) : nil
        }
        let showIntervals = ranked.contains { $0.intervals != nil }
        var lines = [
            "| Rank | Model | Type | Chat | Math | Code | Safety | Easy | Normal | Hard | Average |"
                + (showIntervals ? " 95 % CI |" : "") + " Numbers |",
            "|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|" + (showIntervals ? "---:|" : "") + "---|",
        ]
        var partial = false
        for (row, rank) in zip(ranked, ranks) {
            var name = Escape.markdownTableCell(row.id.displayName)
            if let slug = slugs?[row.name] { name = "[\(name)](\(linkPrefix)\(slug).html)" }
            if row.id.hasDisplayName { name += " (\(Escape.markdownTableCell(row.name)))" }
            if row.isPartial {
                name += " †"
                partial = true
            }
            if row.flagged, let slug = slugs?[row.name] {
                name += " [⚑ audit](audit.html#audit-\(slug))"
            }
            let values = MetricColumn.all.enumerated().map { index, column -> String in
                let shown = percent(row.value(column))
                return shown != "–" && shown == best[index] ? "**\(shown)**" : shown
            }
            var cells = [rank.map(String.init) ?? (row.score == nil ? "published" : "–"), name, row.type.title] + values
            if showIntervals { cells.append(range(row.interval(.average))) }
            cells.append(row.provenance.rawValue)
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        if partial {
            lines.append("")
            lines.append("† Partial row: some domains are missing or not reported; its Easy, Normal, Hard and Average cover only the domains it has (recomputed), or are as published.")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// An interval in percent with one decimal: "44.1–46.5"; "–" when there is none.
    public static func range(_ interval: ClosedRange<Double>?) -> String {
        guard let interval else { return "–" }
        return "\(percent(interval.lowerBound))–\(percent(interval.upperBound))"
    }

    private static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        return (value * 100).description
    }
}

/// CSV quoting (RFC 4180) with spreadsheet formula injection neutralised.
public enum CSV {
    public static func field(_ text: String) -> String {
        var value = text
        // A cell starting with = + - @ (or tab/CR) is run as a formula by spreadsheets.
        if let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) {
            value = "'" + value
        }
        if value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return value
    }
}
