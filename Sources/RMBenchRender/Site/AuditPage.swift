import RMBenchAnalyze
import RMBenchCore

/// `audit.html`: every finding of the audit, by model, with an anchor per model that the
/// leaderboard's ⚑ markers link to.
enum AuditPage {
    /// What `audit.md.mustache` reads. Texts are escaped for Markdown text, table cells for a
    /// GFM table cell; links are relative URLs made of slugs.
    struct TemplateData {
        var errors: Int
        var warnings: Int
        var noteCount: Int
        /// How many rows have each provenance level.
        var levels: [Level]
        /// Models with errors or warnings, in leaderboard order.
        var models: [FlaggedModel]
        /// Findings of models with nothing but notes.
        var notes: [Note]
        var hasNotes: Bool
        /// Points a recomputed number may differ from a published one (`0.055`), and two published ones (`0.11`).
        var tolerance: String
        var sumTolerance: String
    }

    struct Level {
        var level: String
        var count: Int
    }

    struct FlaggedModel {
        var name: String
        /// The placeholder line of the model's anchor (`@@anchor:audit-<slug>@@`): keep it on a line of its own.
        var anchor: String
        /// The most severe finding: error or warning.
        var worst: String
        /// `models/<slug>.html`, when the model has a page.
        var link: String?
        var findings: [Finding]
    }

    struct Finding {
        /// error, warning or note.
        var severity: String
        /// The check's name.
        var check: String
        var message: String
        /// Where the numbers came from, when the finding names it.
        var source: String?
    }

    /// A note, for the notes table: every text escaped for a table cell.
    struct Note {
        var model: String
        var link: String?
        var check: String
        var message: String
        /// Empty when the finding names none.
        var source: String
    }

    static func render(findings: [AuditFinding], rows: [LeaderboardRow], templates: TemplateSet, layout: Layout) -> RenderedPage {
        var fragments: [String: String] = [:]
        var models: [FlaggedModel] = []
        var notes: [Note] = []
        // By model, in leaderboard order, then models that have no row.
        let byModel = Dictionary(grouping: findings, by: \.model)
        let order = rows.map(\.id).filter { byModel[$0] != nil }
        let ids = order + Set(byModel.keys).subtracting(order).sorted()
        let pages = Set(rows.map(\.id))
        for id in ids {
            let modelFindings = byModel[id] ?? []
            let link = pages.contains(id) ? "models/\(id.slug).html" : nil
            guard modelFindings.contains(where: { $0.severity != .note }) else {
                for finding in modelFindings {
                    notes.append(Note(model: Escape.markdownTableCell(id.displayName), link: link, check: finding.check,
                                      message: Escape.markdownTableCell(finding.message), source: Escape.markdownTableCell(finding.source ?? "")))
                }
                continue
            }
            let anchor = "anchor:audit-\(id.slug)"
            fragments[anchor] = "<div id=\"audit-\(id.slug)\"></div>"
            models.append(FlaggedModel(
                name: Escape.markdownText(id.displayName), anchor: "@@\(anchor)@@",
                worst: modelFindings.map(\.severity).min()!.rawValue, link: link,
                findings: modelFindings.sorted { $0.severity < $1.severity }.map { finding in
                    Finding(severity: finding.severity.rawValue, check: finding.check, message: Escape.markdownText(finding.message),
                            source: finding.source.map(Escape.markdownText))
                }))
        }
        let data = TemplateData(
            errors: findings.filter { $0.severity == .error }.count,
            warnings: findings.filter { $0.severity == .warning }.count,
            noteCount: findings.filter { $0.severity == .note }.count,
            levels: ProvenanceLevel.allCases.map { level in Level(level: level.rawValue, count: rows.filter { $0.provenance == level }.count) },
            models: models, notes: notes, hasNotes: !notes.isEmpty,
            tolerance: String(Audit.tolerance), sumTolerance: String(Audit.sumTolerance))
        return layout.page(path: "audit", title: "Audit", markdown: templates.render("audit.md", data), fragments: fragments)
    }
}
