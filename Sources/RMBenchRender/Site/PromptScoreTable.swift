import RMBenchCore
import RMBenchScore

/// A prompt page's score table: one row per model with the six rewards and how many of the
/// nine (and of the three Hard) comparisons it got right. It goes in as an HTML fragment with
/// its Markdown twin for the page's `.md` copy, both made here from pieces escaped once per
/// build (``PromptPageModel``): a 50-model site has 66,000 of these rows, and passing them
/// through the template engine and cmark-gfm's table parser took a tenth of the build.
struct PromptScoreTable {
    /// The placeholder the table goes in.
    static let placeholder = "prompt:scores"

    private(set) var html: String
    private(set) var markdown: String

    init(capacity models: Int) {
        html = "<table class=\"prompt-scores\">\n<thead>\n<tr><th>Model</th><th>Chosen (c · p · m)</th><th>Rejected (c · p · m)</th><th>Right</th><th>Hard</th></tr>\n</thead>\n<tbody>"
        markdown = "| Model | Chosen (c · p · m) | Rejected (c · p · m) | Right | Hard |\n|---|---:|---:|---:|---:|"
        html.reserveCapacity(html.utf8.count + models * 160)
        markdown.reserveCapacity(markdown.utf8.count + models * 110)
    }

    /// Adds the model's row. The rewards are plain numbers (``PromptPages/score(_:)``: digits,
    /// a sign, `NaN`, `∞`), which need no escaping in either language.
    mutating func append(_ model: PromptPageModel, chosen: StyleScores, rejected: StyleScores, outcomes: ComparisonOutcomes) {
        let right = outcomes.count(.average).description, hard = outcomes.count(.hard).description
        let chosenText = Self.rewards(chosen), rejectedText = Self.rewards(rejected)
        let cells = [chosenText, rejectedText, right + "/9", hard + "/3"]
        // Each row starts with its line break, so the last ends where the placeholder's line does.
        Self.appendRow(to: &html, start: model.htmlRowStart, separator: "</td><td>", end: "</td></tr>", cells: cells)
        Self.appendRow(to: &markdown, start: model.markdownRowStart, separator: " | ", end: " |", cells: cells)
    }

    /// `start`, the cells with `separator` between them, and `end`, appended piece by piece
    /// (`a + b + …` would make a string per `+`).
    private static func appendRow(to text: inout String, start: String, separator: String, end: String, cells: [String]) {
        text += start
        for (index, cell) in cells.enumerated() {
            if index > 0 { text += separator }
            text += cell
        }
        text += end
    }

    /// The finished fragment and its Markdown twin.
    var finished: (html: String, markdown: String) {
        (html + "\n</tbody>\n</table>", markdown)
    }

    private static func rewards(_ scores: StyleScores) -> String {
        var text = PromptPages.score(scores.concise)
        text += " · "
        text += PromptPages.score(scores.detailedPlain)
        text += " · "
        text += PromptPages.score(scores.detailedMarkdown)
        return text
    }
}
