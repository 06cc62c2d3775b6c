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
    /// a sign, `NaN`, `∞`), which need no escaping in either language. Each number is formatted
    /// once and appended to both tables piece by piece (`a + b + …` would make a string per `+`,
    /// and a row array per row was a tenth of this work).
    mutating func append(_ model: PromptPageModel, chosen: StyleScores, rejected: StyleScores, outcomes: ComparisonOutcomes) {
        let rewards = [chosen.concise, chosen.detailedPlain, chosen.detailedMarkdown,
                       rejected.concise, rejected.detailedPlain, rejected.detailedMarkdown].map(PromptPages.score)
        let right = Self.counts[outcomes.count(.average)], hard = Self.counts[outcomes.count(.hard)]
        // Each row starts with its line break, so the last ends where the placeholder's line does.
        html += model.htmlRowStart
        markdown += model.markdownRowStart
        for (index, reward) in rewards.enumerated() {
            if index == 3 {
                html += "</td><td>"
                markdown += " | "
            } else if index > 0 {
                html += " · "
                markdown += " · "
            }
            html += reward
            markdown += reward
        }
        html += "</td><td>"
        html += right
        html += "/9</td><td>"
        html += hard
        html += "/3</td></tr>"
        markdown += " | "
        markdown += right
        markdown += "/9 | "
        markdown += hard
        markdown += "/3 |"
    }

    /// Counts of right comparisons, 0–9, as text.
    private static let counts = (0...9).map(String.init)

    /// The finished fragment and its Markdown twin.
    var finished: (html: String, markdown: String) {
        (html + "\n</tbody>\n</table>", markdown)
    }
}
