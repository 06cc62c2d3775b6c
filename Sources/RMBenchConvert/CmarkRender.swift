import CCmarkGFM
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension Cmark {
    /// HTML of `node` and its subtree. `extensions` must be the parser's own list
    /// (`cmark_parser_get_syntax_extensions`): with nil, tagfilter silently drops out.
    /// The list belongs to the parser and is not freed here; the returned C string is.
    static func renderHTML(_ node: OpaquePointer, extensions: UnsafeMutablePointer<cmark_llist>?) throws -> String {
        guard let html = cmark_render_html(node, options, extensions) else {
            throw ConvertError(.cmarkFailure(operation: "cmark_render_html"))
        }
        defer { free(html) }
        return String(cString: html)
    }

    /// HTML of a block's inline children only, i.e. a heading without its `<hN>` tags,
    /// rendered by cmark itself so escaping and inline markup match the rest of the page.
    static func renderChildren(of node: OpaquePointer, extensions: UnsafeMutablePointer<cmark_llist>?) throws -> String {
        var html = ""
        var child = cmark_node_first_child(node)
        while let current = child {
            html += try renderHTML(current, extensions: extensions)
            child = cmark_node_next(current)
        }
        return html
    }
}
