import RMBenchAnalyze
import RMBenchCore

/// `audit.html`: every finding of the audit, by model, with an anchor per model that the
/// leaderboard's ⚑ markers link to.
enum AuditPage {
    static func render(findings: [AuditFinding], rows: [LeaderboardRow], slugs: [String: String], templates: TemplateSet, layout: Layout) -> RenderedPage {
        var fragments: [String: String] = [:]
        var models: [[String: Any]] = []
        let order = rows.map(\.name)
        let byModel = Dictionary(grouping: findings) { $0.model.lowercased() }
        let names = order.filter { byModel[$0.lowercased()] != nil }
            + Set(findings.map(\.model)).filter { name in !order.contains { $0.lowercased() == name.lowercased() } }.sorted()
        var notes: [String] = ["| Model | Check | Note | Source |", "|---|---|---|---|"]
        for name in names {
            let modelFindings = byModel[name.lowercased()] ?? []
            guard modelFindings.contains(where: { $0.severity != .note }) else {
                for finding in modelFindings {
                    let model = slugs[name].map { "[\(Escape.markdownTableCell(name))](models/\($0).html)" } ?? Escape.markdownTableCell(name)
                    notes.append("| \(model) | \(finding.check) | \(Escape.markdownTableCell(finding.message)) | \(Escape.markdownTableCell(finding.source ?? "")) |")
                }
                continue
            }
            let slug = slugs[name] ?? Escape.slug(name)
            let anchor = "anchor:audit-\(slug)"
            fragments[anchor] = "<div id=\"audit-\(slug)\"></div>"
            models.append(templateContext([
                "name": Escape.markdownText(name),
                "anchor": "@@\(anchor)@@",
                "worst": modelFindings.map(\.severity).min()!.rawValue,
                "link": slugs[name].map { "models/\($0).html" } as Any?,
                "findings": modelFindings.sorted { $0.severity < $1.severity }.map { finding in
                    templateContext([
                        "severity": finding.severity.rawValue,
                        "check": finding.check,
                        "message": Escape.markdownText(finding.message),
                        "source": finding.source.map(Escape.markdownText) as Any?,
                    ])
                },
            ]))
        }
        let levels = ProvenanceLevel.allCases.map { level -> [String: Any] in
            ["level": level.rawValue, "count": rows.filter { $0.provenance == level }.count]
        }
        let context: [String: Any] = [
            "errors": findings.filter { $0.severity == .error }.count,
            "warnings": findings.filter { $0.severity == .warning }.count,
            "noteCount": findings.filter { $0.severity == .note }.count,
            "levels": levels,
            "models": models,
            "notes": notes.count > 2 ? notes.joined(separator: "\n") : "",
            "tolerance": String(Audit.tolerance),
            "sumTolerance": String(Audit.sumTolerance),
        ]
        return layout.page(path: "audit", title: "Audit", markdown: templates.render("audit.md", context), fragments: fragments)
    }
}
