/// The rule every reader applies to a model name, and to the names that stand for one
/// (aliases, display names) or sit next to one in a table (external metric names).
///
/// - Invisible characters are removed: zero-width (U+200B–U+200D, U+2060, U+FEFF) and bidi
///   controls (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069). They make two different
///   names look the same, or one name look like another; without them, names that differed
///   only by them are the same name (one model, or a duplicate row).
/// - Control characters are refused: C0 (U+0000–U+001F, tab and line breaks included), DEL and
///   C1 (U+0080–U+009F). A NUL would be written raw into CSV and Markdown, and the others are
///   terminal escape sequences and line breaks in disguise.
///
///     try NameRule.cleaned("Llama\u{200B}-3")   // "Llama-3"
///     try NameRule.cleaned("a\u{0}b")           // throws: contains U+0000 NUL
public enum NameRule {
    /// A control character found in a name.
    public struct Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        public var scalar: Unicode.Scalar

        /// `contains U+0000 NUL`; readers put what the name is in front ("model name …").
        public var description: String {
            "contains \(NameRule.describe(scalar)); control characters are not allowed in names"
        }
    }

    /// `name` without invisible characters, or the first control character in it.
    public static func cleaned(_ name: String) throws(Refusal) -> String {
        if let control = name.unicodeScalars.first(where: isControl) { throw Refusal(scalar: control) }
        guard name.unicodeScalars.contains(where: isInvisible) else { return name }
        var kept = String.UnicodeScalarView()
        for scalar in name.unicodeScalars where !isInvisible(scalar) { kept.append(scalar) }
        return String(kept)
    }

    /// Zero-width and bidi control characters.
    public static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x200B...0x200D, 0x2060, 0xFEFF: true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// C0, DEL and C1 control characters.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        default: false
        }
    }

    /// `U+0000 NUL`, `U+001B ESC`, `U+0085 (a C1 control character)`.
    static func describe(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        switch scalar.value {
        case 0x00..<0x20: return code + " " + c0Names[Int(scalar.value)]
        case 0x7F: return code + " DEL"
        default: return code + " (a C1 control character)"
        }
    }

    private static let c0Names = [
        "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "TAB", "LF", "VT", "FF", "CR", "SO", "SI",
        "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB", "ESC", "FS", "GS", "RS", "US",
    ]
}
