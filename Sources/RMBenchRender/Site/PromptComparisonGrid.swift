import RMBenchCore
import RMBenchScore

/// One model's nine comparisons on one prompt as a 3×3 table: rows are the chosen response's
/// style, columns the rejected one's, as in the style-substance matrix. Each cell says right or
/// wrong in a glyph (✓/✗) and in words for screen readers; the Hard cells (upper triangle: the
/// correct response is the plainer one) carry a visible H and the word "Hard", so nothing rests
/// on colour alone.
struct PromptComparisonGrid {
    var model: ModelID
    /// `right[i][j]`: the chosen response in style i scored strictly higher than the rejected
    /// one in style j (``PromptPages/cells(chosen:rejected:)``).
    var right: [[Bool]]
    /// The model's page, relative to the prompt page.
    var link: String

    /// The short column and row labels; the caption of the table names the full styles.
    static let styleLabels = ["concise", "plain", "markdown"]

    static func difficulty(row: Int, column: Int) -> Difficulty {
        row < column ? .hard : row == column ? .normal : .easy
    }

    /// A `<figure>` with the table; model name and link escaped for HTML.
    var html: String {
        let name = Escape.html(model.displayName)
        let rightCount = DifficultyMeans.count(.average, of: right)
        let hardCount = DifficultyMeans.count(.hard, of: right)
        var lines = [
            "<table class=\"comparison-grid\" data-model=\"\(Escape.html(model.slug))\">",
            "<caption><a href=\"\(Escape.html(link))\">\(name)</a> <span class=\"grid-summary\">\(rightCount)/9 right, \(hardCount)/3 Hard</span></caption>",
            "<thead><tr><th scope=\"col\"><span aria-hidden=\"true\">chosen ↓ rejected →</span><span class=\"visually-hidden\">chosen style, rejected style</span></th>"
                + Self.styleLabels.map { "<th scope=\"col\">\($0)</th>" }.joined() + "</tr></thead>",
            "<tbody>",
        ]
        for i in 0..<3 {
            var cells = "<tr><th scope=\"row\">\(Self.styleLabels[i])</th>"
            for j in 0..<3 {
                let isRight = right[i][j]
                let hard = Self.difficulty(row: i, column: j) == .hard
                let classes = [isRight ? "cell-right" : "cell-wrong"] + (hard ? ["cell-hard"] : [])
                let mark = (isRight ? "✓" : "✗") + (hard ? "<sup>H</sup>" : "")
                let words = (isRight ? "right" : "wrong") + (hard ? ", Hard" : "")
                cells += "<td class=\"\(classes.joined(separator: " "))\"><span aria-hidden=\"true\">\(mark)</span><span class=\"visually-hidden\">\(words)</span></td>"
            }
            lines.append(cells + "</tr>")
        }
        lines += ["</tbody>", "</table>"]
        return lines.joined(separator: "\n")
    }

    /// The same grid for the page's Markdown copy: a heading line and a GFM table.
    var markdown: String {
        let rightCount = DifficultyMeans.count(.average, of: right)
        let hardCount = DifficultyMeans.count(.hard, of: right)
        var lines = [
            "**\(Escape.markdownText(model.displayName))**: \(rightCount)/9 right, \(hardCount)/3 Hard",
            "",
            "| chosen ↓ rejected → | " + Self.styleLabels.joined(separator: " | ") + " |",
            "|---|:-:|:-:|:-:|",
        ]
        for i in 0..<3 {
            let cells = (0..<3).map { j in (right[i][j] ? "✓" : "✗") + (Self.difficulty(row: i, column: j) == .hard ? " (Hard)" : "") }
            lines.append("| \(Self.styleLabels[i]) | " + cells.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n")
    }
}
