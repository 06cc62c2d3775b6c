import Foundation
import RMBenchCore
import RMBenchScore

/// The leaderboard as CSV and as a GFM table: rank, model, type, Chat, Math, Code, Safety,
/// Easy, Normal, Hard, Average.
public enum LeaderboardTable {
    /// Percent with one decimal, locale-independent; "–" when unknown.
    public static func percent(_ fraction: Double?) -> String {
        guard let fraction, fraction.isFinite else { return "–" }
        return String(format: "%.1f", fraction * 100)
    }

    /// One CSV row per leaderboard row, best first, numbers in percent at full precision.
    public static func csv(_ rows: [LeaderboardRow]) -> String {
        var lines = ["model,type,provenance,complete,missing_domains,samples,chat,math,code,safety,easy,normal,hard,average,ties,non_finite_scores,source,sha256"]
        for row in LeaderboardRow.ranked(rows) {
            let values = MetricColumn.all.map { number(row.value($0)) }
            let score = row.score
            let fields: [String] = [
                CSV.field(row.name), row.type.rawValue, row.provenance.rawValue, row.isPartial ? "false" : "true",
                row.missingDomains.map(\.rawValue).joined(separator: " "), score.map { String($0.samples) } ?? "",
            ] + values + [
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
        let best = MetricColumn.all.map { column in
            ranked.compactMap { $0.value(column) }.max().map(percent)
        }
        var lines = [
            "| Rank | Model | Type | Chat | Math | Code | Safety | Easy | Normal | Hard | Average | Numbers |",
            "|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
        ]
        var partial = false
        for (row, rank) in zip(ranked, ranks) {
            var name = Escape.markdownTableCell(row.name)
            if let slug = slugs?[row.name] { name = "[\(name)](\(linkPrefix)\(slug).html)" }
            if row.isPartial {
                name += " †"
                partial = true
            }
            let values = MetricColumn.all.enumerated().map { index, column -> String in
                let shown = percent(row.value(column))
                return shown != "–" && shown == best[index] ? "**\(shown)**" : shown
            }
            let cells = [rank.map(String.init) ?? "–", name, row.type.title] + values + [row.provenance.title]
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        if partial {
            lines.append("")
            lines.append("† Partial row: some domains are missing or not reported; its Easy, Normal, Hard and Average cover only the domains it has (recomputed), or are as published.")
        }
        return lines.joined(separator: "\n") + "\n"
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
