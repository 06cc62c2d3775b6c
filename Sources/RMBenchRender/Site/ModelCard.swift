import RMBenchCore

/// What the model metadata (`models.toml`) says of a model, for the small card on its page:
/// only what is given (nil otherwise), every value escaped for a Markdown table cell. The
/// templates choose the rows, their labels and their order (`{{#card.family}}…{{/card.family}}`).
struct ModelCard {
    /// The name in the results, when the metadata gives a display name.
    var nameInResults: String?
    /// Other names of the model (aliases), comma-separated.
    var aliases: String?
    var kind: String?
    var family: String?
    var baseModel: String?
    /// `8B`, `1.5B`, `350M`.
    var parameters: String?
    var license: String?
    /// The metadata's link: `url` escaped for a URL (http/https only), `urlText` the same
    /// address escaped as cell text.
    var url: String?
    var urlText: String?
    var reference: String?
    var notes: String?

    init(_ id: ModelID) {
        if id.hasDisplayName { nameInResults = Escape.markdownTableCell(id.name) }
        if !id.aliases.isEmpty { aliases = id.aliases.map(Escape.markdownText).joined(separator: ", ") }
        guard let meta = id.metadata else { return }
        kind = meta.kind.map { Escape.markdownTableCell($0.rawValue) }
        family = meta.family.map(Escape.markdownTableCell)
        baseModel = meta.baseModel.map(Escape.markdownTableCell)
        parameters = meta.parameters.map(Self.parameterText)
        license = meta.license.map(Escape.markdownTableCell)
        url = meta.url.flatMap(Escape.url)
        urlText = url.map(Escape.markdownTableCell)
        reference = meta.reference.map(Escape.markdownTableCell)
        notes = meta.notes.map(Escape.markdownTableCell)
    }

    /// Whether any field is given (the template shows no card otherwise).
    var isEmpty: Bool {
        [nameInResults, aliases, kind, family, baseModel, parameters, license, url, reference, notes].allSatisfy { $0 == nil }
    }

    /// `8B`, `1.5B`, `350M`, or the count itself below a million.
    static func parameterText(_ count: Int) -> String {
        if count >= 1_000_000_000 { return NumberText.format("%g", Double(count) / 1e9) + "B" }
        if count >= 1_000_000 { return NumberText.format("%g", Double(count) / 1e6) + "M" }
        return String(count)
    }
}
