import RMBenchCore
import RMBenchScore

/// One model's nine comparisons on one prompt as a 3×3 table: rows are the chosen response's
/// style, columns the rejected one's, as in the style-substance matrix. Each cell says right or
/// wrong in a glyph (✓/✗, from the style sheet) and in words for screen readers (and for a
/// browser without styles); the Hard cells (upper triangle: the correct response is the plainer
/// one) carry a visible H and the word "Hard", so nothing rests on colour alone.
///
/// A prompt page holds one grid per model, so a 50-model site draws 66,000 of them. Only the
/// caption depends on the model; the rest depends on the nine outcomes alone, so it is made once
/// for each of the 512 possible outcomes and reused.
enum PromptComparisonGrid {
    /// The short column and row labels; the caption of the table names the full styles.
    static let styleLabels = ["concise", "plain", "markdown"]

    /// Appends a `<table>` with a caption naming the model (escaped for HTML) and linking its
    /// page, piece by piece (a page appends one per model).
    static func appendHTML(_ model: PromptPageModel, _ outcomes: ComparisonOutcomes, to html: inout String) {
        html += "<table class=\"comparison-grid\" data-model=\""
        html += model.htmlSlug
        html += "\">\n<caption>"
        html += model.htmlAnchor
        html += " "
        html += htmlTails[Int(outcomes.bits)]
    }

    /// Appends the same grid for the page's Markdown copy: a heading line and a GFM table.
    static func appendMarkdown(_ model: PromptPageModel, _ outcomes: ComparisonOutcomes, to markdown: inout String) {
        markdown += "**"
        markdown += model.markdownName
        markdown += "**: "
        markdown += markdownTails[Int(outcomes.bits)]
    }

    private static func summary(_ outcomes: ComparisonOutcomes) -> String {
        "\(outcomes.count(.average))/9 right, \(outcomes.count(.hard))/3 Hard"
    }

    /// Everything after the model's name, per outcome.
    private static let htmlTails: [String] = (0..<512).map { bits in
        let outcomes = ComparisonOutcomes(bits: UInt16(bits))
        var lines = [
            "<span class=\"grid-summary\">\(summary(outcomes))</span></caption>",
            // The glyphs (✓, ✗, the H of Hard cells, the arrows of the corner) are drawn by the
            // style sheet; the words in each cell's span are what a screen reader reads (the
            // style sheet hides them visually). The markup is the bytes a prompt page is made of
            // (a 50-model site draws 66,000 grids), so it carries nothing the styles can add. The
            // header cells have no `scope`: in a table whose first row and first column are all
            // `th`, browsers and screen readers take them as column and row headers by themselves
            // (axe-core, run on a prompt page in CI, finds nothing).
            "<thead><tr><th><span>chosen style, rejected style</span></th>" + styleLabels.map { "<th>\($0)</th>" }.joined() + "</tr></thead>",
            "<tbody>",
        ]
        for i in 0..<3 {
            var cells = "<tr><th>\(styleLabels[i])</th>"
            for j in 0..<3 {
                let isRight = outcomes.isRight(row: i, column: j)
                let hard = DifficultyMeans.difficulty(row: i, column: j) == .hard
                let classes = [isRight ? "cell-right" : "cell-wrong"] + (hard ? ["cell-hard"] : [])
                let words = (isRight ? "right" : "wrong") + (hard ? ", Hard" : "")
                cells += "<td class=\"\(classes.joined(separator: " "))\"><span>\(words)</span></td>"
            }
            lines.append(cells + "</tr>")
        }
        lines += ["</tbody>", "</table>"]
        return lines.joined(separator: "\n")
    }

    private static let markdownTails: [String] = (0..<512).map { bits in
        let outcomes = ComparisonOutcomes(bits: UInt16(bits))
        var lines = [
            summary(outcomes),
            "",
            "| chosen ↓ rejected → | " + styleLabels.joined(separator: " | ") + " |",
            "|---|:-:|:-:|:-:|",
        ]
        for i in 0..<3 {
            let cells = (0..<3).map { j in (outcomes.isRight(row: i, column: j) ? "✓" : "✗") + (DifficultyMeans.difficulty(row: i, column: j) == .hard ? " (Hard)" : "") }
            lines.append("| \(styleLabels[i]) | " + cells.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n")
    }
}
