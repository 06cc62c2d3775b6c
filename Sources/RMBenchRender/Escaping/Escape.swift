import Foundation
import RMBenchCore

/// Escaping for every place where data-derived text (model names, domain names, prompts,
/// chart titles, URLs) is put into generated output.
///
/// All functions are pure, deterministic and locale independent.
public enum Escape {

    // MARK: - HTML and XML

    /// Escapes text for HTML text content and quoted attribute values (single or double quotes):
    /// `&` `<` `>` `"` `'`.
    public static func html(_ text: String) -> String {
        escapeMarkup(text, stripXMLIllegal: false)
    }

    /// Escapes text for XML (SVG) text content and quoted attribute values: the same five
    /// characters as ``html(_:)``, and additionally drops characters that XML 1.0 forbids
    /// (C0 controls other than tab, LF and CR, and U+FFFE / U+FFFF), so the result always
    /// yields a well-formed document.
    public static func xml(_ text: String) -> String {
        escapeMarkup(text, stripXMLIllegal: true)
    }

    private static func escapeMarkup(_ text: String, stripXMLIllegal: Bool) -> String {
        // Most texts (names, labels, numbers) need nothing: return them without a copy.
        if !text.utf8.contains(where: { needsMarkupEscape($0, stripXMLIllegal: stripXMLIllegal) }) { return text }
        // Byte by byte, which is scalar by scalar for these rules: every character escaped or
        // dropped is ASCII or U+FFFE / U+FFFF, and no byte of a multi-byte UTF-8 sequence is
        // ASCII. (A page's Content-Security-Policy alone has a dozen quotes to escape.)
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 32)
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            switch byte {
            case UInt8(ascii: "&"): out += "&amp;".utf8
            case UInt8(ascii: "<"): out += "&lt;".utf8
            case UInt8(ascii: ">"): out += "&gt;".utf8
            case UInt8(ascii: "\""): out += "&quot;".utf8
            case UInt8(ascii: "'"): out += "&#39;".utf8
            case 0x00..<0x20 where stripXMLIllegal && byte != 0x09 && byte != 0x0A && byte != 0x0D:
                break
            case 0xEF where stripXMLIllegal && i + 2 < bytes.count && bytes[i + 1] == 0xBF && (bytes[i + 2] == 0xBE || bytes[i + 2] == 0xBF):
                i += 2  // U+FFFE or U+FFFF
            default:
                out.append(byte)
            }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func needsMarkupEscape(_ byte: UInt8, stripXMLIllegal: Bool) -> Bool {
        switch byte {
        case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"): return true
        case 0x09, 0x0A, 0x0D: return false
        case 0x00..<0x20, 0xEF: return stripXMLIllegal
        default: return false
        }
    }

    // MARK: - Markdown (GitHub Flavored Markdown, as parsed by cmark-gfm)

    /// Makes `text` inert literal text inside one GFM table cell.
    ///
    /// Backslash-escapes `` ` * _ ~ [ ] < > # | & : `` so the text cannot start a code span,
    /// emphasis, strikethrough, link, image (alt text included), footnote, raw HTML, autolink,
    /// entity or an extra cell; a backslash becomes `&#92;` (a trailing `\\` would swallow the
    /// cell's closing `|`). GFM's extended autolinks need more: the `.` of `www.` is escaped
    /// (no www-autolink), the escaped `:` stops bare `http://` ones, and a U+2060 WORD JOINER
    /// goes before an `@` between a letter, digit or `. + - _` and something shaped like a
    /// domain (`a@b.org`, not `voting@32`): cmark-gfm finds email autolinks after inline
    /// parsing, where escapes no longer show, and the invisible joiner is the only thing that
    /// keeps the address from starting at the `@`. Newlines become spaces; leading and
    /// trailing whitespace is trimmed (GFM trims cells anyway).
    public static func markdownTableCell(_ text: String) -> String {
        markdown(text, backslash: "&#92;", atLineStart: false)
    }

    /// Makes `text` inert literal text inside a Markdown paragraph (inline text).
    ///
    /// The same escapes as ``markdownTableCell(_:)`` (backslash as `\\`), and, because the text
    /// may start a line, a leading `-`, `+`, `=` or the `.`/`)` after leading digits is escaped
    /// so it cannot become a list item, setext underline or thematic break. Newlines become
    /// spaces; leading and trailing whitespace is trimmed (it would otherwise make an indented
    /// code block; Markdown drops it from paragraphs anyway). Image alt text and link text
    /// take this rule too: escaped brackets cannot close them early.
    public static func markdownText(_ text: String) -> String {
        markdown(text, backslash: "\\\\", atLineStart: true)
    }

    private static func markdown(_ text: String, backslash: String, atLineStart: Bool) -> String {
        if isInertMarkdown(text, atLineStart: atLineStart) { return text }
        // Newlines (CR LF, CR, LF) → one space each; then trim.
        var flat = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\n" && previousWasCR { previousWasCR = false; continue }
            previousWasCR = scalar == "\r"
            flat.append(scalar == "\n" || scalar == "\r" ? " " : scalar)
        }
        let scalars = Array(String(flat).trimmingCharacters(in: .whitespaces).unicodeScalars)

        // Index of a block-level marker character at the start of a line that must be escaped.
        var lineStartMarker: Int? = nil
        if atLineStart, let first = scalars.first {
            if first == "-" || first == "+" || first == "=" {
                lineStartMarker = 0
            } else {
                var i = 0
                while i < scalars.count, ("0"..."9").contains(scalars[i]) { i += 1 }
                if i > 0, i < scalars.count, scalars[i] == "." || scalars[i] == ")" {
                    lineStartMarker = i
                }
            }
        }

        var out = String.UnicodeScalarView()
        for (index, scalar) in scalars.enumerated() {
            switch scalar {
            case "\\":
                out.append(contentsOf: backslash.unicodeScalars)
            case "`", "*", "_", "~", "[", "]", "<", ">", "#", "|", "&", ":":
                out.append("\\")
                out.append(scalar)
            case "." where index >= 3 && isWWW(scalars[(index - 3)..<index]):
                out.append("\\")
                out.append(scalar)
            case "@" where index > 0 && isEmailLocalPart(scalars[index - 1]) && startsEmailDomain(scalars[(index + 1)...]):
                out.append(wordJoiner)
                out.append(scalar)
            default:
                if index == lineStartMarker { out.append("\\") }
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Text the rule below leaves as it is, found without the scalar loop: only letters,
    /// digits and punctuation that is never escaped here, no newline, no leading or trailing
    /// space, and at a line start no leading `-`, `+`, `=` or digit (a list item, underline or
    /// thematic break could start there). Model names and prompt ids are nearly all like this.
    private static func isInertMarkdown(_ text: String, atLineStart: Bool) -> Bool {
        let utf8 = text.utf8
        guard let first = utf8.first, let last = utf8.last, first != UInt8(ascii: " "), last != UInt8(ascii: " ") else { return false }
        if atLineStart && (first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: "=")
                           || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first)) {
            return false
        }
        return utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: " "), UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: ","), UInt8(ascii: "("), UInt8(ascii: ")"),
                 UInt8(ascii: "+"), UInt8(ascii: "="), UInt8(ascii: "%"), UInt8(ascii: "?"), UInt8(ascii: "!"), UInt8(ascii: ";"):
                return true
            default:
                return false
            }
        }
    }

    private static func isWWW(_ slice: ArraySlice<Unicode.Scalar>) -> Bool {
        slice.allSatisfy { $0 == "w" || $0 == "W" }
    }

    /// U+2060 WORD JOINER: invisible, and no line break opportunity where it stands.
    static let wordJoiner: Unicode.Scalar = "\u{2060}"

    /// The characters cmark-gfm accepts right before the `@` of an email autolink.
    private static func isEmailLocalPart(_ scalar: Unicode.Scalar) -> Bool {
        isASCIIAlphanumeric(scalar) || scalar == "." || scalar == "+" || scalar == "-" || scalar == "_"
    }

    /// Whether the text after an `@` can be an email autolink's domain for cmark-gfm: a run of
    /// letters, digits, `-`, `_` and `.` with a `.` followed by a letter or digit. Without
    /// one (`voting@32`) no link forms, and the text stays as it is.
    private static func startsEmailDomain(_ rest: ArraySlice<Unicode.Scalar>) -> Bool {
        var previousWasDot = false
        for scalar in rest {
            if isASCIIAlphanumeric(scalar) {
                if previousWasDot { return true }
            } else if scalar != "." && scalar != "-" && scalar != "_" {
                return false
            }
            previousWasDot = scalar == "."
        }
        return false
    }

    private static func isASCIIAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9": true
        default: false
        }
    }

    /// `text` as one inline code span: literal, whatever it contains.
    ///
    /// The backtick fence is one longer than the longest backtick run inside, so no run can
    /// close it early; when the text starts or ends with a backtick or a space, a space pads
    /// each side (CommonMark strips exactly one from each side of such a span). Newlines become
    /// spaces (a line ending inside a span would let the next line start a block). Not for GFM
    /// table cells: there a `|` ends the cell even inside a code span.
    public static func markdownCode(_ text: String) -> String {
        var flat = String.UnicodeScalarView()
        var previousWasCR = false
        var longestRun = 0
        var run = 0
        for scalar in text.unicodeScalars {
            if scalar == "\n" && previousWasCR { previousWasCR = false; continue }
            previousWasCR = scalar == "\r"
            flat.append(scalar == "\n" || scalar == "\r" ? " " : scalar)
            run = scalar == "`" ? run + 1 : 0
            longestRun = max(longestRun, run)
        }
        let body = String(flat)
        let fence = String(repeating: "`", count: longestRun + 1)
        let edges = [body.unicodeScalars.first, body.unicodeScalars.last]
        let allSpaces = body.unicodeScalars.allSatisfy { $0 == " " }
        let pad = !allSpaces && edges.contains { $0 == "`" || $0 == " " } ? " " : ""
        // An empty span would be two literal backticks; one space is a span showing nothing.
        return fence + (body.isEmpty ? " " : pad + body + pad) + fence
    }

    // MARK: - JavaScript (and JSON)

    /// `text` as a double-quoted JavaScript string literal, which is also a JSON string.
    ///
    /// The JSON writer's string rule (`JSONValue.writeString`: `"` and `\`, every C0 control,
    /// DEL, C1 and format character escaped, `\n`, `\r`, `\t` by name, U+2028 and U+2029 —
    /// line terminators in older JavaScript) plus `<`, `>`, `&` as `\u003c`, `\u003e`, `\u0026`,
    /// so the literal cannot end a `<script>` element or start an HTML comment even if it is
    /// ever inlined; everything else stays as it is (UTF-8).
    public static func javaScriptString(_ text: String) -> String {
        var out = ""
        JSONValue.writeString(text, to: &out, escapingHTML: true)
        return out
    }

    // MARK: - URLs

    /// Returns `text` as a link target if it is an absolute `http:` or `https:` URL
    /// (scheme case-insensitive, lowercased in the result) with a non-empty host and no
    /// user info; otherwise `nil` (`javascript:`, `data:`, relative paths, `//host`, …).
    ///
    /// Surrounding whitespace is trimmed. Characters that are not allowed in a URL are
    /// percent-encoded as UTF-8: spaces, controls, non-ASCII, `" < > \ ^ ` { | }`, a `%`
    /// not followed by two hex digits, and also `'`, `(` and `)` so the result can stand in
    /// a Markdown link destination. `[` `]` are kept only in the host (IPv6). The result can
    /// still contain `&`: put it into HTML attributes through ``html(_:)``.
    public static func url(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let colon = trimmed.firstIndex(of: ":") else { return nil }
        let scheme = trimmed[..<colon].lowercased()
        guard scheme == "http" || scheme == "https" else { return nil }
        let afterColon = trimmed[trimmed.index(after: colon)...]
        guard afterColon.hasPrefix("//") else { return nil }
        let bytes = Array(afterColon.dropFirst(2).utf8)

        // Authority: up to the first '/', '?' or '#'.
        let authorityEnd = bytes.firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }
            ?? bytes.count
        let authority = bytes[..<authorityEnd]
        guard !authority.isEmpty,
              !authority.contains(UInt8(ascii: "@")),
              !authority.contains(UInt8(ascii: "\\"))
        else { return nil }

        var out = scheme + "://"
        var seenFragment = false
        for (index, byte) in bytes.enumerated() {
            let inAuthority = index < authorityEnd
            let keep: Bool
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"):
                keep = true
            case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"),
                 UInt8(ascii: ":"), UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: "@"),
                 UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "*"),
                 UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "="):
                keep = true
            case UInt8(ascii: "["), UInt8(ascii: "]"):
                keep = inAuthority
            case UInt8(ascii: "#"):
                keep = !seenFragment
                seenFragment = true
            case UInt8(ascii: "%"):
                keep = index + 2 < bytes.count && isHexDigit(bytes[index + 1]) && isHexDigit(bytes[index + 2])
            default:
                keep = false
            }
            if keep {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += percentEncoded(byte)
            }
        }
        return out
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"),
             UInt8(ascii: "A")...UInt8(ascii: "F"):
            return true
        default:
            return false
        }
    }

    private static func percentEncoded(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "%" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
    }
}
