import Foundation
import CCmarkGFM
import RMBenchCore

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
        var bytes: [UInt8] = []
        try append(fromMarkdown: markdown, fragments: fragments, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The same HTML, appended to `output` as UTF-8: how a page is assembled into the bytes
    /// that are written, with the layout around it.
    ///
    /// Fragments (the bulk of a page: charts, grids) do not pass through cmark: each placeholder
    /// becomes a marker (STX, its number, ETX) and the fragment is put where cmark printed it,
    /// with the line break cmark would have added after it. If cmark's output holds any other
    /// STX (only data could bring one, as `&#2;`), the fragments go through cmark instead.
    public func append(fromMarkdown markdown: String, fragments: [String: String] = [:], to output: inout [UInt8]) throws {
        let marked = try render(markdown, fragments: fragments, splicing: true)
        if Self.splice(marked.html, marked.fragments, into: &output) { return }
        output.append(contentsOf: try render(markdown, fragments: fragments, splicing: false).html.utf8)
    }

    /// Appends `html` to `output` with `fragments[n]` where marker n is, and the line break
    /// after a marker dropped where cmark would not have printed one after the fragment (it
    /// ends a block with one unless the block's text already ends with one). False, with
    /// `output` untouched, unless the markers are exactly 0, 1, … once each, in order.
    static func splice(_ html: String, _ fragments: [String], into output: inout [UInt8]) -> Bool {
        var html = html
        return html.withUTF8 { bytes -> Bool in
            var markers: [(start: Int, end: Int)] = []
            if let base = bytes.baseAddress {
                var position = 0
                while position < bytes.count, let found = memchr(base + position, 2, bytes.count - position) {
                    let start = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                    var cursor = start + 1
                    var number = 0
                    while cursor < bytes.count, cursor - start <= 9, (48...57).contains(bytes[cursor]) {
                        number = number * 10 + Int(bytes[cursor] - 48)
                        cursor += 1
                    }
                    guard cursor > start + 1, cursor < bytes.count, bytes[cursor] == 3, number == markers.count, number < fragments.count else {
                        return false
                    }
                    markers.append((start, cursor + 1))
                    position = cursor + 1
                }
            }
            guard markers.count == fragments.count else { return false }
            var copied = 0
            for (marker, fragment) in zip(markers, fragments) {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<marker.start]))
                let linked = Self.markExternalLinks(fragment)
                output.append(contentsOf: linked.utf8)
                copied = marker.end
                if linked.isEmpty || linked.utf8.last == 10, copied < bytes.count, bytes[copied] == 10 { copied += 1 }
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...]))
            return true
        }
    }

    /// cmark's HTML of `markdown` and, when `splicing`, the fragments its markers stand for, in order.
    private func render(_ markdown: String, fragments: [String: String], splicing: Bool) throws -> (html: String, fragments: [String]) {
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
        var pieces: [String] = []
        for (index, placeholder) in found.placeholders.enumerated() {
            guard let fragment = fragments[placeholder.name] else {
                throw ConvertError(.unknownFragment(name: placeholder.name, line: placeholder.line))
            }
            guard !Self.containsNUL(fragment) else {
                throw ConvertError(.fragmentContainsNUL(name: placeholder.name))
            }
            if splicing {
                try Cmark.replace(placeholder.node, withTrustedHTML: "\u{2}\(index)\u{3}")
                pieces.append(fragment)
            } else {
                try Cmark.replace(placeholder.node, withTrustedHTML: fragment)
            }
        }

        var slugger = HeadingSlugger()
        for heading in found.headings {
            try Self.addID(to: heading, slugger: &slugger, extensions: extensions)
        }
        return (Self.markExternalLinks(try Cmark.renderHTML(document, extensions: extensions)), pieces)
    }

    /// Whether a fragment holds a NUL byte (cmark would end its text there): with `memchr`,
    /// since fragments are whole charts and grids, and a byte loop over them was 3 % of a build.
    static func containsNUL(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.baseAddress.map { memchr($0, 0, bytes.count) != nil } ?? false
        } ?? text.utf8.contains(0)
    }

    /// cmark-gfm writes every link as `<a href="…"`; external ones gain a `rel`. Done on the
    /// UTF-8 bytes (``ByteSearch``): this runs over every page of a site, and a
    /// `String.replacing` over the HTML took three times as long as cmark itself.
    static func markExternalLinks(_ html: String) -> String {
        let needle = Array("<a href=\"http".utf8)
        let inserted = Array("rel=\"noopener noreferrer\" ".utf8)
        var text = html
        return text.withUTF8 { bytes -> String in
            var output: [UInt8] = []
            var copied = 0
            var position = 0
            while let at = ByteSearch.firstIndex(of: needle, in: bytes, from: position) {
                if output.isEmpty { output.reserveCapacity(bytes.count + 1024) }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<(at + 3)]))
                output.append(contentsOf: inserted)
                copied = at + 3
                position = at + needle.count
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
