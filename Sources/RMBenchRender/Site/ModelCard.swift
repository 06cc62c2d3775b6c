import RMBenchCore

/// What the model metadata (`models.toml`) says of a model, as the rows of a small card on its
/// page: only what is given, every value escaped for a Markdown table cell.
enum ModelCard {
    /// `label`/`value` rows for the template's `card` section, in a fixed order.
    static func rows(_ id: ModelID) -> [[String: String]] {
        var rows: [(String, String)] = []
        if id.hasDisplayName { rows.append(("Name in the results", Escape.markdownTableCell(id.name))) }
        if !id.aliases.isEmpty { rows.append(("Also listed as", id.aliases.map(Escape.markdownText).joined(separator: ", "))) }
        if let meta = id.metadata {
            if let kind = meta.kind { rows.append(("Kind", Escape.markdownTableCell(kind.rawValue))) }
            if let family = meta.family { rows.append(("Family", Escape.markdownTableCell(family))) }
            if let base = meta.baseModel { rows.append(("Base model", Escape.markdownTableCell(base))) }
            if let parameters = meta.parameters { rows.append(("Parameters", parameterText(parameters))) }
            if let license = meta.license { rows.append(("License", Escape.markdownTableCell(license))) }
            if let url = meta.url.flatMap(Escape.url) {
                rows.append(("Link", "[\(Escape.markdownTableCell(url))](\(url))"))
            }
            if let reference = meta.reference { rows.append(("Reference", Escape.markdownTableCell(reference))) }
            if let notes = meta.notes { rows.append(("Notes", Escape.markdownTableCell(notes))) }
        }
        return rows.map { ["label": $0.0, "value": $0.1] }
    }

    /// `8B`, `1.5B`, `350M`, or the count itself below a million.
    static func parameterText(_ count: Int) -> String {
        if count >= 1_000_000_000 { return NumberText.format("%g", Double(count) / 1e9) + "B" }
        if count >= 1_000_000 { return NumberText.format("%g", Double(count) / 1e6) + "M" }
        return String(count)
    }

    /// The card and the names, for a page's template context.
    static func context(_ id: ModelID) -> [String: Any] {
        let card = rows(id)
        var context: [String: Any] = ["name": Escape.markdownText(id.displayName), "card": card, "hasCard": !card.isEmpty]
        if id.hasDisplayName { context["canonicalName"] = Escape.markdownText(id.name) }
        return context
    }
}
