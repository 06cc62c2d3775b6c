import CCmarkGFM
import Foundation

/// Thin helpers over libcmark-gfm. Every C pointer lives in a local variable of the
/// caller and is freed there: Swift 6 strict concurrency rejects statics holding
/// (non-Sendable) C pointers, and one parser per call keeps conversions thread-safe.
enum Cmark {
    /// CMARK_OPT_DEFAULT is SAFE mode: raw HTML in the Markdown becomes
    /// `<!-- raw HTML omitted -->`. Never add CMARK_OPT_UNSAFE (untrusted text goes
    /// into these pages), nor CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES (the site's
    /// Content-Security-Policy forbids inline styles, so tables keep `align=`).
    static let options: Int32 = CMARK_OPT_DEFAULT

    /// All four, always. tagfilter changes nothing in SAFE mode, but stays attached as
    /// defence in depth should raw HTML ever be let through.
    static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter"]

    /// The registry is a C global filled once; `static let` runs this exactly once,
    /// thread-safely. It stores a Bool, never an extension pointer.
    private static let coreExtensionsRegistered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    /// `cmark_parser_finish` of one parser at a time. It marks the extensions' trigger
    /// characters (`~` of strikethrough, `:`/`w` of autolinks) in a process-wide table before
    /// parsing inlines and clears them after (`cmark_manage_extensions_special_characters`), so
    /// a parser finishing on another thread cleared them under this one: its `~~…~~` and bare
    /// URLs came out as plain text (5 of 64 concurrent conversions here). Feeding the text and
    /// rendering HTML stay parallel.
    static func finish(_ parser: OpaquePointer) -> OpaquePointer? {
        finishing.withLock { cmark_parser_finish(parser) }
    }

    private static let finishing = NSLock()

    /// A new parser with the four extensions attached; the caller frees it with
    /// `cmark_parser_free`. Extensions are looked up per call (cheap) for the reason above.
    static func makeParser() throws -> OpaquePointer {
        _ = coreExtensionsRegistered
        guard let parser = cmark_parser_new(options) else {
            throw ConvertError(.cmarkFailure(operation: "cmark_parser_new"))
        }
        for name in extensionNames {
            guard let extensionPointer = cmark_find_syntax_extension(name),
                  cmark_parser_attach_syntax_extension(parser, extensionPointer) == 1
            else {
                cmark_parser_free(parser)
                throw ConvertError(.cmarkFailure(operation: "attach extension \(name)"))
            }
        }
        return parser
    }

    /// Feeds the UTF-8 bytes with an explicit length (no C-string copy, and a NUL in
    /// the text cannot cut the input short; cmark turns it into U+FFFD).
    static func feed(_ parser: OpaquePointer, _ markdown: String) {
        var markdown = markdown
        markdown.withUTF8 { bytes in
            guard bytes.count > 0 else { return }
            bytes.withMemoryRebound(to: CChar.self) { chars in
                cmark_parser_feed(parser, chars.baseAddress, chars.count)
            }
        }
    }

    /// Names of the extensions in a fresh parser's list, i.e. the list that
    /// `html(fromMarkdown:)` hands to `cmark_render_html`. Tests use it to check that
    /// tagfilter takes part in rendering, which SAFE-mode output cannot show.
    static func attachedExtensionNames() throws -> [String] {
        let parser = try makeParser()
        defer { cmark_parser_free(parser) }
        return attachedExtensionNames(of: parser)
    }

    private static func attachedExtensionNames(of parser: OpaquePointer) -> [String] {
        var attached: [OpaquePointer] = []
        var cell = cmark_parser_get_syntax_extensions(parser)
        while let current = cell {
            if let data = current.pointee.data { attached.append(OpaquePointer(data)) }
            cell = current.pointee.next
        }
        return extensionNames.filter { name in
            cmark_find_syntax_extension(name).map { attached.contains($0) } ?? false
        }
    }
}
