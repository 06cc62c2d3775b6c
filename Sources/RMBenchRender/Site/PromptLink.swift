import RMBenchCore

/// A prompt page as a model page links it, escaped once per build: every model page lists
/// hundreds of prompts it got wrong, the same prompts on every page.
struct PromptLink: Equatable, Sendable {
    /// The page relative to a model page: `../prompts/chat/12.html`.
    let href: String
    /// `<li><a href="../prompts/chat/12.html">chat 12</a></li>`.
    let htmlListItem: String
    /// `[chat 12](../prompts/chat/12.html)`.
    let markdownLink: String
    /// The prompt's place among all prompts in key order, from 0: sorting by it sorts by key.
    let order: Int

    /// One link per prompt page; `files` are the pages' paths (``PromptPages/files(_:)``).
    static func all(_ files: [ItemKey: String]) -> [ItemKey: PromptLink] {
        var links: [ItemKey: PromptLink] = [:]
        links.reserveCapacity(files.count)
        for (order, key) in files.keys.sorted().enumerated() {
            let href = "../\(files[key]!).html"
            let name = "\(key.label) \(key.id)"
            links[key] = PromptLink(href: href, htmlListItem: "<li><a href=\"\(Escape.html(href))\">\(Escape.html(name))</a></li>",
                                    markdownLink: "[\(Escape.markdownText(name))](\(href))", order: order)
        }
        return links
    }
}
