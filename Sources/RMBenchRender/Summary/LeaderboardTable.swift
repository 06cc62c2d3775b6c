import Foundation
import RMBenchCore
import RMBenchScore

/// Formats for the leaderboard columns: model, type, Chat, Math, Code, Safety, Easy, Normal,
/// Hard, Average.
public enum LeaderboardTable {
    /// Models best first: by Average, NaN last, then by name so the order is total.
    public static func ranked(_ scores: [ModelScore]) -> [ModelScore] {
        scores.sorted { a, b in
            let x = a.average.isNaN ? -Double.infinity : a.average
            let y = b.average.isNaN ? -Double.infinity : b.average
            return x != y ? x > y : a.model < b.model
        }
    }

    /// Percent with one decimal, locale-independent; "–" when not a number.
    public static func percent(_ fraction: Double?) -> String {
        guard let fraction, fraction.isFinite else { return "–" }
        return String(format: "%.1f", fraction * 100)
    }

    /// One CSV row per model, numbers in percent at full precision, best model first.
    public static func csv(_ scores: [ModelScore]) -> String {
        var lines = ["model,type,complete,missing_domains,samples,chat,math,code,safety,easy,normal,hard,average,ties,non_finite_scores,source,sha256"]
        for score in ranked(scores) {
            let domains = Domain.allCases.map { domain in
                score[domain].map { number($0.score.average * 100) } ?? ""
            }
            let fields: [String] = [
                CSV.field(score.model), score.type.rawValue, score.isComplete ? "true" : "false",
                CSV.field(score.missingDomains.map(\.rawValue).joined(separator: " ")), String(score.samples),
            ] + domains + [
                number(score.easy * 100), number(score.normal * 100), number(score.hard * 100), number(score.average * 100),
                String(score.ties), String(score.nonFiniteScores),
                CSV.field(score.sources.map(\.path).joined(separator: " ")),
                score.sources.map(\.sha256).joined(separator: " "),
            ]
            lines.append(fields.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A GFM table in the leaderboard layout, percent with one decimal. Incomplete models are
    /// marked with † and explained under the table.
    public static func markdown(_ scores: [ModelScore]) -> String {
        var lines = [
            "| Rank | Model | Type | Chat | Math | Code | Safety | Easy | Normal | Hard | Average |",
            "|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        var partial: [String] = []
        for (rank, score) in ranked(scores).enumerated() {
            var name = Markdown.cell(score.model)
            if !score.isComplete {
                name += " †"
                partial.append("\(Markdown.cell(score.model)) (missing \(score.missingDomains.map(\.title).joined(separator: ", ")))")
            }
            let cells = [String(rank + 1), name, score.type.title]
                + Domain.allCases.map { percent(score[$0]?.score.average) }
                + [percent(score.easy), percent(score.normal), percent(score.hard), percent(score.average)]
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        if !partial.isEmpty {
            lines.append("")
            lines.append("† Partial: Easy, Normal, Hard and Average are means over the domains present only — "
                + partial.joined(separator: "; ") + ".")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func number(_ value: Double) -> String {
        value.isFinite ? value.description : ""
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

/// Escaping for text that goes into GFM Markdown.
public enum Markdown {
    /// Inert literal text inside a table cell: no links, emphasis, HTML, code or cell breaks.
    public static func cell(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\n", "\r": out += " "
            case "|": out += "\\|"
            case "\\", "`", "*", "_", "[", "]", "<", ">", "#", "!", "&", "~", "(", ")": out += "\\" + String(character)
            default: out.append(character)
            }
        }
        return out
    }
}
