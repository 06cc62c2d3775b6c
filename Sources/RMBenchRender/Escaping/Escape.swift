import Foundation

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
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out.append(contentsOf: "&amp;".unicodeScalars)
            case "<": out.append(contentsOf: "&lt;".unicodeScalars)
            case ">": out.append(contentsOf: "&gt;".unicodeScalars)
            case "\"": out.append(contentsOf: "&quot;".unicodeScalars)
            case "'": out.append(contentsOf: "&#39;".unicodeScalars)
            default:
                if stripXMLIllegal && !isXMLChar(scalar) { continue }
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// XML 1.0 `Char` production (surrogates cannot occur in a Swift `Unicode.Scalar`).
    static func isXMLChar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: return true
        case 0x00..<0x20: return false
        case 0xFFFE, 0xFFFF: return false
        default: return true
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

    // MARK: - File names

    /// Turns a model name into a safe, stable file name (without extension).
    ///
    /// Keeps lowercase ASCII letters (uppercase are lowercased), digits, `-`, `.` and `_`;
    /// every run of other characters becomes one `-`. Runs of dots collapse to one, leading
    /// and trailing `.`/`-` are removed, and the result has at most 80 characters. If the
    /// name had to be truncated or contained non-ASCII characters, `-` plus the first 8 hex
    /// digits of the FNV-1a 64-bit hash of the name's UTF-8 is appended, so such names
    /// cannot collide silently. A name that leaves nothing becomes `model-<hash>`.
    ///
    /// ASCII names that differ only in case or punctuation (`A/b`, `a-b`) still share a slug;
    /// use ``uniqueSlugs(_:)`` when writing several names into one folder.
    public static func slug(_ name: String) -> String {
        slug(name, forceHash: false)
    }

    /// Slugs for several names, guaranteed distinct for distinct names (equal names get
    /// equal slugs). A name whose plain ``slug(_:)`` is shared with another name gets the
    /// hash suffix; results are deterministic for a given input order.
    public static func uniqueSlugs(_ names: [String]) -> [String] {
        var namesBySlug: [String: Set<String>] = [:]
        for name in names { namesBySlug[slug(name), default: []].insert(name) }

        var assigned: [String: String] = [:]   // name → slug
        var taken: Set<String> = []
        var result: [String] = []
        for name in names {
            if let existing = assigned[name] { result.append(existing); continue }
            let plain = slug(name)
            var candidate = (namesBySlug[plain]?.count ?? 0) > 1 ? slug(name, forceHash: true) : plain
            if taken.contains(candidate) {
                let base = candidate
                var counter = 2
                repeat {
                    candidate = base + "-" + String(counter)
                    counter += 1
                } while taken.contains(candidate)
            }
            taken.insert(candidate)
            assigned[name] = candidate
            result.append(candidate)
        }
        return result
    }

    static let maxSlugLength = 80

    private static func slug(_ name: String, forceHash: Bool) -> String {
        var chars: [Character] = []
        var nonASCII = false
        var inRun = false
        for scalar in name.unicodeScalars {
            let value = scalar.value
            if value >= 0x80 { nonASCII = true }
            let kept: Character?
            switch value {
            case 0x61...0x7A, 0x30...0x39: kept = Character(scalar)          // a-z 0-9
            case 0x41...0x5A: kept = Character(Unicode.Scalar(value + 0x20)!) // A-Z
            case 0x2D, 0x2E, 0x5F: kept = Character(scalar)                   // - . _
            default: kept = nil
            }
            if let kept {
                chars.append(kept)
                inRun = false
            } else if !inRun {
                chars.append("-")
                inRun = true
            }
        }
        // Collapse runs of dots, so no ".." survives.
        var collapsed: [Character] = []
        for char in chars where !(char == "." && collapsed.last == ".") { collapsed.append(char) }
        var base = trimDotsAndDashes(collapsed)

        let hash = hex8(fnv1a64(Array(name.utf8)))
        let needsHash = forceHash || nonASCII || base.count > maxSlugLength
        if needsHash {
            base = trimDotsAndDashes(Array(base.prefix(maxSlugLength - 9)))
        }
        if base.isEmpty { return "model-" + hash }
        return needsHash ? String(base) + "-" + hash : String(base)
    }

    private static func trimDotsAndDashes(_ chars: [Character]) -> [Character] {
        var slice = chars[...]
        while let first = slice.first, first == "." || first == "-" { slice = slice.dropFirst() }
        while let last = slice.last, last == "." || last == "-" { slice = slice.dropLast() }
        return Array(slice)
    }

    /// FNV-1a, 64 bit.
    static func fnv1a64(_ bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// First 8 hex digits (lowercase) of the zero-padded 16-digit hex form.
    static func hex8(_ value: UInt64) -> String {
        let hex = String(value, radix: 16)
        let padded = String(repeating: "0", count: 16 - hex.count) + hex
        return String(padded.prefix(8))
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
