/// Hands out heading ids that are unique within one document.
///
/// Pure Swift and byte-based on purpose: ids must not depend on the locale or on
/// Unicode tables of the machine that builds the site (deterministic output).
struct HeadingSlugger {
    private var used: Set<String> = []
    /// Next suffix to try per base slug, so N equal headings cost O(N), not O(N²).
    private var nextSuffix: [String: Int] = [:]

    /// Lowercase ASCII letters and digits; every other run of bytes (spaces,
    /// punctuation, '-', non-ASCII) becomes one '-'; no leading/trailing '-'.
    /// Text without any ASCII letter or digit gets "section" so the id is never empty.
    static func slug(_ text: String) -> String {
        var bytes: [UInt8] = []
        var pendingDash = false
        for byte in text.utf8 {
            let kept: UInt8
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                kept = byte
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                kept = byte + 32
            default:
                pendingDash = true
                continue
            }
            // Only emit the separator between two kept characters: this trims both ends.
            if pendingDash && !bytes.isEmpty { bytes.append(UInt8(ascii: "-")) }
            pendingDash = false
            bytes.append(kept)
        }
        return bytes.isEmpty ? "section" : String(decoding: bytes, as: UTF8.self)
    }

    /// `slug(text)`, or `slug-2`, `slug-3`… if taken. Also checks the suffixed form
    /// against earlier ids, so "A", "A", "A 2" yields a, a-2, a-2-2 (never a repeat).
    mutating func uniqueSlug(for text: String) -> String {
        let base = Self.slug(text)
        if used.insert(base).inserted { return base }
        var suffix = nextSuffix[base, default: 2]
        while !used.insert("\(base)-\(suffix)").inserted { suffix += 1 }
        nextSuffix[base] = suffix + 1
        return "\(base)-\(suffix)"
    }
}
