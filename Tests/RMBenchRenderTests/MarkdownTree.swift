import CCmarkGFM

/// A Markdown document as cmark-gfm parses it with the site's extensions (table,
/// strikethrough, autolink, tagfilter): the nodes in document order. Tests walk it to see
/// what a page's Markdown really becomes, rather than guessing from its text.
struct MarkdownTree {
    struct Node: Equatable {
        /// cmark's name for the type: "link", "image", "html_inline", "heading", "code", "text"…
        var type: String
        /// Destination of a link or image.
        var url: String?
        /// Text and code literals below the node (its own literal for leaves).
        var text: String
    }

    let nodes: [Node]

    init(_ markdown: String) {
        cmark_gfm_core_extensions_ensure_registered()
        let parser = cmark_parser_new(CMARK_OPT_DEFAULT)!
        defer { cmark_parser_free(parser) }
        for name in ["table", "strikethrough", "autolink", "tagfilter"] {
            precondition(cmark_parser_attach_syntax_extension(parser, cmark_find_syntax_extension(name)) == 1, "extension \(name)")
        }
        var bytes = Array(markdown.utf8)
        bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
        }
        let document = cmark_parser_finish(parser)!
        defer { cmark_node_free(document) }
        let iterator = cmark_iter_new(document)!
        defer { cmark_iter_free(iterator) }
        var nodes: [Node] = []
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = String(cString: cmark_node_get_type_string(node))
            let url = type == "link" || type == "image" ? cmark_node_get_url(node).map { String(cString: $0) } : nil
            nodes.append(Node(type: type, url: url, text: Self.text(below: node)))
        }
        self.nodes = nodes
    }

    private static func text(below node: OpaquePointer) -> String {
        if cmark_node_first_child(node) == nil {
            return cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
        }
        var text = ""
        var child = cmark_node_first_child(node)
        while let current = child {
            text += Self.text(below: current)
            child = cmark_node_next(current)
        }
        return text
    }

    func nodes(_ types: Set<String>) -> [Node] { nodes.filter { types.contains($0.type) } }

    /// Links, images and raw HTML: what data must never create.
    var active: [Node] { nodes(["link", "image", "html_inline", "html_block"]) }

    /// Every text and code literal, joined: where data must end up instead.
    var literalText: String { nodes(["text", "code"]).map(\.text).joined(separator: "\n") }
}
