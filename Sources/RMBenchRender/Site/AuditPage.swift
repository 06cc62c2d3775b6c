import RMBenchAnalyze
import RMBenchCore

/// `audit.html`: every finding of the audit, by model, with an anchor per model that the
/// leaderboard's ⚑ markers link to.
enum AuditPage {
    static func render(findings: [AuditFinding], rows: [LeaderboardRow], templates: TemplateSet, layout: Layout) -> RenderedPage {
        var fragments: [String: String] = [:]
        var models: [[String: Any]] = []
        // By model, in leaderboard order, then models that have no row.
        let byModel = Dictionary(grouping: findings, by: \.model)
        let order = rows.map(\.id).filter { byModel[$0] != nil }
        let ids = order + Set(byModel.keys).subtracting(order).sorted()
        let pages = Set(rows.map(\.id))
        var notes: [String] = ["| Model | Check | Note | Source |", "|---|---|---|---|"]
        for id in ids {
            let modelFindings = byModel[id] ?? []
            let name = Escape.markdownTableCell(id.displayName)
            guard modelFindings.contains(where: { $0.severity != .note }) else {
                for finding in modelFindings {
                    let model = pages.contains(id) ? "[\(name)](models/\(id.slug).html)" : name
                    notes.append("| \(model) | \(finding.check) | \(Escape.markdownTableCell(finding.message)) | \(Escape.markdownTableCell(finding.source ?? "")) |")
                }
                continue
            }
            let anchor = "anchor:audit-\(id.slug)"
            fragments[anchor] = "<div id=\"audit-\(id.slug)\"></div>"
            models.append(templateContext([
                "name": Escape.markdownText(id.displayName),
                "anchor": "@@\(anchor)@@",
                "worst": modelFindings.map(\.severity).min()!.rawValue,
                "link": pages.contains(id) ? "models/\(id.slug).html" : nil as String?,
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
