import Foundation
import RMBenchAnalyze
import RMBenchCore
import RMBenchScore

/// The leaderboard as CSV, as typed rows for the leaderboard template, and as a GFM table for
/// the terminal: rank, model, type, Chat, Math, Code, Safety, Easy, Normal, Hard, Average.
public enum LeaderboardTable {
    /// Percent with one decimal, locale-independent; "–" when unknown.
    public static func percent(_ fraction: Double?) -> String {
        guard let fraction, fraction.isFinite else { return "–" }
        return NumberText.format("%.1f", fraction * 100)
    }

    /// The Rank column: one rank order for every row, competition ranks ("1, 2, 2, 4") on the
    /// Average as displayed (``Analyze/competitionRanks(_:)``), recomputed and published rows
    /// alike, in the order given (``LeaderboardRow/ranked(_:)``: best first). Rows without an
    /// Average share the rank after the last row that has one. Significance is not in this
    /// number: it is the tie group (``tieGroups(_:)``) shown beside it.
    public static func ranks(_ rows: [LeaderboardRow]) -> [Int] {
        let ranks = Analyze.competitionRanks(rows.map { row in row.average.map { percent($0) } })
        let last = ranks.compactMap { $0 }.count + 1
        return ranks.map { $0 ?? last }
    }

    /// The tie group of each recomputed row that has one: 1 + the number of recomputed models
    /// whose Average is significantly higher (paired bootstrap), nil for the other rows.
    public static func tieGroups(_ rows: [LeaderboardRow]) -> [Int?] {
        rows.map { row in row.score != nil && row.average != nil ? row.rankGroup?.rank : nil }
    }

    /// One CSV row per leaderboard row, best first, numbers in percent at full precision.
    public static func csv(_ rows: [LeaderboardRow]) -> String {
        var lines = ["model,type,provenance,rank_group,complete,missing_domains,samples,chat,math,code,safety,easy,normal,hard,average,average_ci95_low,average_ci95_high,ties,non_finite_scores,source,sha256"]
        for row in LeaderboardRow.ranked(rows) {
            let values = Metric.leaderboard.map { number(row.value($0)) }
            let score = row.score
            let fields: [String] = [
                CSV.field(row.name), row.type.rawValue, row.provenance.rawValue, row.rankGroup.map { String($0.rank) } ?? "",
                row.isPartial ? "false" : "true",
                row.missingDomains.map(\.rawValue).joined(separator: " "), score.map { String($0.samples) } ?? "",
            ] + values + [
                number(row.interval(.overall(.average))?.lowerBound), number(row.interval(.overall(.average))?.upperBound),
                score.map { String($0.ties) } ?? "", score.map { String($0.nonFiniteScores) } ?? "",
                CSV.field(score?.sources.map(\.path).joined(separator: " ") ?? row.published?.source ?? ""),
                score?.sources.map(\.sha256).joined(separator: " ") ?? "",
            ]
            lines.append(fields.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One leaderboard line as the leaderboard template reads it (`{{#rows}}`): every value is
    /// escaped for a GFM table cell, links are relative URLs made of slugs.
    public struct Row: Sendable {
        /// Competition rank by Average, every row (``LeaderboardTable/ranks(_:)``).
        public var rank: String
        /// The tie group (``LeaderboardTable/tieGroups(_:)``) as `≈2`, for recomputed rows with one.
        public var group: String?
        /// The row's slug (its `id` on the leaderboard page), when the table links to model pages.
        public var slug: String?
        /// The display name.
        public var name: String
        /// The name in the results, when the model metadata gives a display name.
        public var canonicalName: String?
        /// `models/<slug>.html`, when the table links to model pages.
        public var link: String?
        /// Some domains are missing or not reported (the table's † rows).
        public var partial: Bool
        /// `audit.html#audit-<slug>` when the audit flagged the row.
        public var auditLink: String?
        public var type: String
        /// Percent with one decimal, `–` when unknown; the column's best is wrapped in `**`.
        public var chat, math, code, safety, easy, normal, hard, average: String
        /// The Average's 95 % interval (`44.1–46.5`), `–` without one.
        public var interval: String
        /// recomputed, published, verified or disagrees.
        public var provenance: String
    }

    /// The rows of the leaderboard, best first. With `slugs`, names link to
    /// `<linkPrefix><slug>.html` and flagged rows to their audit findings; the best value of
    /// each column is bold where there is something to compare it with. A partial row does not
    /// take the best mark of an overall column (Easy, Normal, Hard, Average) from complete rows:
    /// its number covers fewer domains.
    public static func rows(_ rows: [LeaderboardRow], slugs: [String: String]? = nil, linkPrefix: String = "models/") -> [Row] {
        let ranked = LeaderboardRow.ranked(rows)
        let ranks = ranks(ranked)
        let groups = tieGroups(ranked)
        let hasComplete = ranked.contains { !$0.isPartial }
        let best = Metric.leaderboard.map { column -> String? in
            let overall = if case .overall = column { true } else { false }
            let values = ranked.filter { !(overall && hasComplete && $0.isPartial) }.compactMap { $0.value(column) }
            return values.count > 1 ? values.max().map(percent) : nil
        }
        return zip(ranked, zip(ranks, groups)).map { row, rankAndGroup in
            let (rank, group) = rankAndGroup
            let values = Metric.leaderboard.enumerated().map { index, column -> String in
                let shown = percent(row.value(column))
                let excluded = hasComplete && row.isPartial && { if case .overall = column { true } else { false } }()
                return shown != "–" && !excluded && shown == best[index] ? "**\(shown)**" : shown
            }
            let slug = slugs?[row.name]
            return Row(rank: String(rank), group: group.map { "≈\($0)" }, slug: slug,
                       name: Escape.markdownTableCell(row.id.displayName),
                       canonicalName: row.id.hasDisplayName ? Escape.markdownTableCell(row.name) : nil,
                       link: slug.map { "\(linkPrefix)\($0).html" }, partial: row.isPartial,
                       auditLink: row.flagged ? slug.map { "audit.html#audit-\($0)" } : nil,
                       type: row.type.title,
                       chat: values[0], math: values[1], code: values[2], safety: values[3],
                       easy: values[4], normal: values[5], hard: values[6], average: values[7],
                       interval: range(row.interval(.overall(.average))), provenance: row.provenance.rawValue)
        }
    }

    /// The leaderboard as a GFM table without links, for `score --format markdown` (no
    /// templates there; the site's table is `Templates/leaderboard.md.mustache`'s). Partial
    /// rows get † and a footnote.
    public static func markdown(_ rows: [LeaderboardRow]) -> String {
        let showIntervals = rows.contains { $0.intervals != nil }
        var lines = [
            "| Rank | Model | Type | Chat | Math | Code | Safety | Easy | Normal | Hard | Average |"
                + (showIntervals ? " 95 % CI |" : "") + " Numbers |",
            "|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|" + (showIntervals ? "---:|" : "") + "---|",
        ]
        let table = Self.rows(rows)
        for row in table {
            let name = row.name + (row.canonicalName.map { " (\($0))" } ?? "") + (row.partial ? " †" : "")
            var cells = [row.rank + (row.group.map { " (\($0))" } ?? ""), name, row.type, row.chat, row.math, row.code, row.safety, row.easy, row.normal, row.hard, row.average]
            if showIntervals { cells.append(row.interval) }
            cells.append(row.provenance)
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        if table.contains(where: \.partial) {
            lines += ["", partialFootnote]
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// What † means; the site's leaderboard template says it in its own words.
    static let partialFootnote = "† Partial row: some domains are missing or not reported; its Easy, Normal, Hard and Average cover only the domains it has (recomputed), or are as published."

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
