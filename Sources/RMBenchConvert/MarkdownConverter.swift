import Foundation
import CCmarkGFM

/// Converts GitHub-flavoured Markdown into an HTML fragment for the site's pages.
///
/// Stateless and `Sendable`: each call builds and frees its own libcmark-gfm parser,
/// so one converter can be shared by any number of concurrent tasks (the one step that
/// touches cmark-gfm's global state, finishing a parse, takes a lock: see `Cmark.finish`).
///
/// ```swift
/// let converter = MarkdownConverter()
/// let html = try converter.html(
///     fromMarkdown: """
///     ## Chat & Math
///
///     @@chart:win-rate@@
///     """,
///     fragments: ["chart:win-rate": svgString])
/// // <h2 id="chat-math">Chat &amp; Math</h2>
/// // <svg …>…</svg>
/// ```
public struct MarkdownConverter: Sendable {
    public init() {}

    /// Converts GFM Markdown to an HTML fragment.
    ///
    /// - Extensions: table, strikethrough, autolink, tagfilter (all four, always).
    ///   Table alignment is rendered as `align=` attributes, not inline styles, so a
    ///   strict Content-Security-Policy (no inline styles) keeps working.
    /// - SAFE mode: raw HTML in `markdown` is never passed through; each raw block or
    ///   inline tag becomes `<!-- raw HTML omitted -->`.
    /// - Fragments: a paragraph whose entire text is `@@NAME@@` (a line on its own,
    ///   NAME = `[A-Za-z0-9_.:-]+`) is replaced by `fragments[NAME]`, printed verbatim.
    ///   That is how our own trusted SVG charts get in without opening SAFE mode.
    ///   A placeholder inside a longer paragraph or a code span stays literal text.
    /// - Links to other sites (`http:`/`https:`) get `rel="noopener noreferrer"`: a page
    ///   opened from a data-provided link gets no handle on ours and learns nothing of it.
    ///   (SAFE mode already empties `javascript:` and other unsafe link targets.)
    /// - Headings get a unique `id`: `## Chat & Math` → `<h2 id="chat-math">Chat &amp; Math</h2>`;
    ///   repeats become `-2`, `-3`…; text without ASCII letters or digits → `section`.
    ///
    /// - Throws: ``ConvertError`` when a placeholder names no fragment (the name and line
    ///   are in the error), or when libcmark-gfm fails.
    public func html(fromMarkdown markdown: String, fragments: [String: String] = [:]) throws -> String {
        let parser = try Cmark.makeParser()
        defer { cmark_parser_free(parser) }
        Cmark.feed(parser, markdown)
        guard let document = Cmark.finish(parser) else {
            throw ConvertError(.cmarkFailure(operation: "cmark_parser_finish"))
        }
        // Declared after the parser's defer, so it runs first; the tree does not
        // depend on the parser, but rendering below needs the parser's extension list.
        defer { cmark_node_free(document) }
        let extensions = cmark_parser_get_syntax_extensions(parser)

        let found = try Cmark.collect(in: document)
        for placeholder in found.placeholders {
            guard let fragment = fragments[placeholder.name] else {
                throw ConvertError(.unknownFragment(name: placeholder.name, line: placeholder.line))
            }
            guard !Self.containsNUL(fragment) else {
                throw ConvertError(.fragmentContainsNUL(name: placeholder.name))
            }
            try Cmark.replace(placeholder.node, withTrustedHTML: fragment)
        }

        var slugger = HeadingSlugger()
        for heading in found.headings {
            try Self.addID(to: heading, slugger: &slugger, extensions: extensions)
        }
        return Self.markExternalLinks(try Cmark.renderHTML(document, extensions: extensions))
    }

    /// Whether a fragment holds a NUL byte (cmark would end its text there): with `memchr`,
    /// since fragments are whole charts and grids, and a byte loop over them was 3 % of a build.
    static func containsNUL(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.baseAddress.map { memchr($0, 0, bytes.count) != nil } ?? false
        } ?? text.utf8.contains(0)
    }

    /// cmark-gfm writes every link as `<a href="…"`; external ones gain a `rel`. Done on the
    /// UTF-8 bytes with `memchr` to each `<`: this runs over every page of a site, and a
    /// `String.replacing` over the HTML took three times as long as cmark itself.
    static func markExternalLinks(_ html: String) -> String {
        let needle = Array("<a href=\"http".utf8)
        let inserted = Array("rel=\"noopener noreferrer\" ".utf8)
        var text = html
        return text.withUTF8 { bytes -> String in
            guard let base = bytes.baseAddress else { return html }
            var output: [UInt8] = []
            var copied = 0
            var position = 0
            while position < bytes.count,
                  let found = memchr(base + position, Int32(UInt8(ascii: "<")), bytes.count - position) {
                let at = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                if at + needle.count <= bytes.count, memcmp(base + at, needle, needle.count) == 0 {
                    if output.isEmpty { output.reserveCapacity(bytes.count + 1024) }
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<(at + 3)]))
                    output.append(contentsOf: inserted)
                    copied = at + 3
                    position = at + needle.count
                } else {
                    position = at + 1
                }
            }
            guard copied > 0 else { return html }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...]))
            return String(decoding: output, as: UTF8.self)
        }
    }

    /// cmark-gfm has no attribute API, so the heading is re-emitted as a custom block:
    /// `<hN id="slug">` + cmark's own rendering of the heading's inlines + `</hN>`.
    /// This gives valid HTML with the id on the heading itself; the slug contains only
    /// `[a-z0-9-]`, so it needs no attribute escaping.
    private static func addID(
        to heading: OpaquePointer,
        slugger: inout HeadingSlugger,
        extensions: UnsafeMutablePointer<cmark_llist>?
    ) throws {
        let level = cmark_node_get_heading_level(heading)
        let id = slugger.uniqueSlug(for: try Cmark.plainText(of: heading))
        let inner = try Cmark.renderChildren(of: heading, extensions: extensions)
        try Cmark.replace(heading, withTrustedHTML: "<h\(level) id=\"\(id)\">\(inner)</h\(level)>")
    }
}
