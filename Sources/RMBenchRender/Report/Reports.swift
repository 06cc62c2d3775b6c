import Foundation
import RMBenchAnalyze
import RMBenchCore

/// Single-file HTML documents: a model's report and a comparison. CSS and SVG are inline,
/// there is no script and no reference to anything outside the file, so the file can be
/// attached to a CI run or mailed as it is.
public enum Reports {
    /// A recomputed model's report; with `comparison`, the comparison follows.
    public static func model(row: LeaderboardRow, lengths: LengthAnalysis?, reference: (name: String, analysis: LengthAnalysis)?,
                             comparison: Comparison?, templates: TemplateSet, toolVersion: String, path: String) -> RenderedPage? {
        guard let score = row.score else { return nil }
        return model(row: row, parts: ModelPage.recomputedParts(row: row, score: score, slug: row.id.slug, lengths: lengths, reference: reference),
                     comparison: comparison, templates: templates, toolVersion: toolVersion, path: path)
    }

    /// The report from the parts the model page was made of: its charts are drawn once.
    static func model(row: LeaderboardRow, parts: ModelPage.Parts, comparison: Comparison?, templates: TemplateSet,
                      toolVersion: String, path: String) -> RenderedPage? {
        guard let score = row.score else { return nil }
        var parts = parts
        var fragments = parts.fragments
        if let comparison {
            let content = comparisonContent(comparison)
            parts.data.comparison = content.data
            fragments.merge(content.fragments) { a, _ in a }
        }
        let markdown = templates.render("report.md", parts.data)
        return standalone(path: path, title: "\(score.model) — RM-Bench report", markdown: markdown, fragments: fragments,
                          templates: templates, toolVersion: toolVersion)
    }

    /// A comparison as a single-file HTML document.
    public static func comparison(_ comparison: Comparison, templates: TemplateSet, toolVersion: String, path: String) -> RenderedPage {
        let content = comparisonContent(comparison)
        let markdown = templates.render("compare.md", content.data)
        return standalone(path: path, title: content.title, markdown: markdown, fragments: content.fragments, templates: templates, toolVersion: toolVersion)
    }

    /// The comparison's template data for HTML (flips listed up to the HTML limit, texts
    /// collapsible) and the texts' fragment.
    static func comparisonContent(_ comparison: Comparison) -> (title: String, data: ComparisonReport.TemplateData, fragments: [String: String]) {
        let title = comparison.sameModel ? "\(comparison.nameA): two runs compared" : "\(comparison.nameB) vs \(comparison.nameA)"
        var fragments: [String: String] = [:]
        var texts: (shown: Int, prompts: Int)?
        let withTexts = comparison.flips.filter { comparison.texts[$0.key] != nil }
        if !withTexts.isEmpty {
            let prompts = Set(withTexts.map(\.key)).count
            let shown = min(prompts, textsShown)
            texts = (shown, prompts)
            fragments["texts:flips"] = flipTexts(withTexts, comparison.texts, prompts: shown)
        }
        return (title, ComparisonReport.templateData(comparison, title: title, texts: texts), fragments)
    }

    /// Flipped prompts whose texts are shown, at most: texts are most of a report's size.
    static let textsShown = 50

    /// Each flipped prompt once, with the two responses of each flipped cell; all escaped.
    static func flipTexts(_ flips: [Flip], _ texts: [ItemKey: PromptTexts], prompts limit: Int) -> String {
        var html = "<div class=\"flip-texts\">\n"
        var seen: Set<ItemKey> = []
        for flip in flips where seen.count < limit && seen.insert(flip.key).inserted {
            guard let text = texts[flip.key] else { continue }
            let cells = flips.filter { $0.key == flip.key }
            html += "<details>\n<summary>\(Escape.html(flip.key.description)): \(cells.count) flipped cell\(cells.count == 1 ? "" : "s")</summary>\n"
            html += "<p><strong>Prompt</strong></p>\n<pre>\(Escape.html(text.prompt))</pre>\n"
            for cell in cells {
                let chosen = cell.row < text.chosen.count ? text.chosen[cell.row] : "(not in the dataset)"
                let rejected = cell.column < text.rejected.count ? text.rejected[cell.column] : "(not in the dataset)"
                html += "<p><strong>\(cell.lostByB ? "Lost" : "Gained"): chosen \(Style(rawValue: cell.row)!.title) vs rejected \(Style(rawValue: cell.column)!.title)</strong></p>\n"
                html += "<p>Chosen (correct):</p>\n<pre>\(Escape.html(chosen))</pre>\n<p>Rejected:</p>\n<pre>\(Escape.html(rejected))</pre>\n"
            }
            html += "</details>\n"
        }
        return html + "</div>"
    }

    /// What `standalone.html.mustache` reads: plain text, HTML-escaped by Mustache, except
    /// `css` (the site's stylesheet, `{{{css}}}`) and `content` (where the body goes, `{{{content}}}`).
    struct StandaloneData {
        var title: String
        var css: String
        var csp: String
        var version: String
        var content: String
    }

    /// Wraps Markdown in the standalone layout: the site's CSS inline, allowed by its hash.
    static func standalone(path: String, title: String, markdown: String, fragments: [String: String],
                           templates: TemplateSet, toolVersion: String) -> RenderedPage {
        let css = templates.asset("assets/style.css").map { String(decoding: $0, as: UTF8.self) } ?? ""
        let marker = "\u{1}CONTENT\u{1}"
        let csp = ContentSecurityPolicy.policy(fragments: Array(fragments.values) + ["<style>\(css)</style>"], allowScripts: false)
        let html = templates.render("standalone.html", StandaloneData(title: title, css: css, csp: csp, version: toolVersion, content: marker))
        let parts = html.split(separator: marker, omittingEmptySubsequences: false).map(String.init)
        precondition(parts.count == 2, "standalone.html must contain {{{content}}} exactly once")
        return RenderedPage(path: path, markdown: markdown, fragments: fragments, exports: [:],
                            layoutBefore: parts[0], layoutAfter: parts[1], exportsMarkdown: false)
    }
}
