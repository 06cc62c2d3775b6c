/// Text from data made safe to print on a terminal or into a CI log.
///
/// A terminal runs escape sequences (ESC, CSI, OSC: colours, cursor moves, window titles,
/// hyperlinks), BEL rings, and bidi and zero-width format characters reorder or hide text. A CI
/// log runs lines: GitHub Actions executes a line that starts with `::` (`::error::`,
/// `::add-mask::`) as a workflow command, so a newline inside data would let the data start
/// one. Every such character is shown as a visible escape instead:
///
///     TerminalText.line("a\u{1B}[31mb\n::error::x")   // "a\x1b[31mb\n::error::x" (backslashes literal)
///     TerminalText.line("x\u{202E}y")                   // "x\u{202e}y"
///
/// Escaped: C0 controls (`\n`, `\r`, `\t`, else `\xNN`), DEL (`\x7f`), C1 controls and every
/// Unicode format character (bidi controls, zero-width characters, the BOM; general category
/// Cf) and the line and paragraph separators (U+2028, U+2029), as `\u{…}` with lowercase hex.
/// Backslashes are kept as they are, so Markdown escapes survive; a literal `\x1b` in data
/// therefore looks like an escaped ESC, which is harmless.
public enum TerminalText {
    /// `text` as one line: every line break is shown as an escape.
    public static func line(_ text: String) -> String {
        escaped(text, keepingLineFeeds: false)
    }

    /// `text` as several lines: line feeds stay line breaks, everything else as in
    /// ``line(_:)``. For documents (Markdown, tables) whose writer already keeps data from
    /// starting a line; a CR, which a log viewer may treat as a line break, is escaped.
    public static func lines(_ text: String) -> String {
        escaped(text, keepingLineFeeds: true)
    }

    /// CSV for a terminal or CI log: one record per line, control characters (line breaks in
    /// quoted values too) shown as escapes; a record whose first value starts with `:` (after
    /// whitespace, which GitHub Actions skips) gets that value quoted, so no line starts with
    /// `::` (a workflow command).
    public static func csv(_ csv: String) -> String {
        var records: [String] = []
        var record = String.UnicodeScalarView()
        var quoted = false
        for scalar in csv.unicodeScalars {
            if scalar == "\"" { quoted.toggle() }
            if scalar == "\n" && !quoted {
                records.append(String(record))
                record = String.UnicodeScalarView()
            } else {
                record.append(scalar)
            }
        }
        if !record.isEmpty { records.append(String(record)) }
        return records.map { record in
            let line = line(record)
            // Unquoted, the first value holds no quote, comma or line break: quoting keeps it.
            guard line.drop(while: \.isWhitespace).first == ":", let end = line.firstIndex(of: ",") else { return line }
            return "\"" + line[..<end] + "\"" + line[end...]
        }.joined(separator: "\n") + "\n"
    }

    /// Whether ``line(_:)`` would change `scalar`.
    public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029: return true
        default: return scalar.properties.generalCategory == .format
        }
    }

    private static func escaped(_ text: String, keepingLineFeeds: Bool) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar), !(keepingLineFeeds && scalar == "\n") else {
                out.append(scalar)
                continue
            }
            out.append(contentsOf: visible(scalar).unicodeScalars)
        }
        return String(out)
    }

    private static func visible(_ scalar: Unicode.Scalar) -> String {
        switch scalar.value {
        case 0x0A: return "\\n"
        case 0x0D: return "\\r"
        case 0x09: return "\\t"
        case 0x00...0x1F, 0x7F:
            let hex = String(scalar.value, radix: 16)
            return "\\x" + (hex.count == 1 ? "0" + hex : hex)
        default:
            return "\\u{" + String(scalar.value, radix: 16) + "}"
        }
    }
}
