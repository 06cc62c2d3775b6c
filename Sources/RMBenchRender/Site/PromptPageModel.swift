import RMBenchCore

/// A model as the prompt pages show it. Every prompt page repeats every model, so its name and
/// link are escaped once per build here, not once per prompt.
struct PromptPageModel: Sendable {
    let id: ModelID
    /// The start of the model's row in the score table, after a line break: HTML
    /// `<tr><td><a href="…">name</a></td><td>`, Markdown `| [name](link) | `.
    let htmlRowStart: String
    let markdownRowStart: String
    /// The name as Markdown text.
    let markdownName: String
    /// The name linking the model's page, as HTML: `<a href="../../models/<slug>.html">name</a>`.
    let htmlAnchor: String
    let htmlSlug: String

    init(_ id: ModelID) {
        self.id = id
        let link = "../../models/\(id.slug).html"
        markdownRowStart = "\n| [\(Escape.markdownTableCell(id.displayName))](\(link)) | "
        markdownName = Escape.markdownText(id.displayName)
        htmlAnchor = "<a href=\"\(Escape.html(link))\">\(Escape.html(id.displayName))</a>"
        htmlRowStart = "\n<tr><td>\(htmlAnchor)</td><td>"
        htmlSlug = Escape.html(id.slug)
    }
}
