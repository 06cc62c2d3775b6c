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
        html = "<table class=\"prompt-scores\">\n<thead>\n<tr><th>Model</th><th>Chosen (c · p · m)</th><th>Rejected (c · p · m)</th><th>Right</th><th>Hard</th></tr>\n</thead>\n<tbody>\n"
        markdown = "| Model | Chosen (c · p · m) | Rejected (c · p · m) | Right | Hard |\n|---|---:|---:|---:|---:|\n"
        html.reserveCapacity(html.utf8.count + models * 160)
        markdown.reserveCapacity(markdown.utf8.count + models * 110)
    }

    /// Adds the model's row. The rewards are plain numbers (``PromptPages/score(_:)``: digits,
    /// a sign, `NaN`, `∞`), which need no escaping in either language.
    mutating func append(_ model: PromptPageModel, chosen: StyleScores, rejected: StyleScores, outcomes: ComparisonOutcomes) {
        let chosenText = Self.rewards(chosen)
        let rejectedText = Self.rewards(rejected)
        let right = outcomes.count(.average).description, hard = outcomes.count(.hard).description
        html += "<tr><td>" + model.htmlAnchor + "</td><td>" + chosenText + "</td><td>" + rejectedText + "</td><td>" + right + "/9</td><td>" + hard + "/3</td></tr>\n"
        markdown += "| [" + model.tableCell + "](" + model.link + ") | " + chosenText + " | " + rejectedText + " | " + right + "/9 | " + hard + "/3 |\n"
    }

    /// The finished fragment and its Markdown twin (no trailing newline: the placeholder's
    /// line break follows).
    var finished: (html: String, markdown: String) {
        (html + "</tbody>\n</table>", String(markdown.dropLast()))
    }

    private static func rewards(_ scores: StyleScores) -> String {
        PromptPages.score(scores.concise) + " · " + PromptPages.score(scores.detailedPlain) + " · " + PromptPages.score(scores.detailedMarkdown)
    }
}
