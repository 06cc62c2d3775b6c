/// A JSON value with ordered object keys, written deterministically.
///
/// We write our own instead of `JSONEncoder` for two reasons: key order must be the order
/// we choose (readers diff these files), and doubles must be printed as the shortest text
/// that reads back to the same bits (Swift's `description`), with NaN/∞ as `null`.
public indirect enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        lhs.serialized() == rhs.serialized()
    }

    /// Compact when `indent` is nil, else pretty with that many spaces per level.
    public func serialized(indent: Int? = nil) -> String {
        var out = ""
        write(to: &out, indent: indent, level: 0)
        return out
    }

    private func write(to out: inout String, indent: Int?, level: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .int(let value): out += String(value)
        case .double(let value): out += value.isFinite ? JSONValue.number(value) : "null"
        case .string(let value): JSONValue.writeString(value, to: &out)
        case .array(let values):
            guard !values.isEmpty else { out += "[]"; return }
            // Short lists of scalars (matrix rows, intervals) stay on one line.
            let inline = indent == nil || values.allSatisfy(\.isScalar) && values.count <= 9
            out += "["
            for (k, value) in values.enumerated() {
                if k > 0 { out += inline && indent != nil ? ", " : "," }
                if !inline { newline(&out, indent, level + 1) }
                value.write(to: &out, indent: indent, level: level + 1)
            }
            if !inline { newline(&out, indent, level) }
            out += "]"
        case .object(let members):
            guard !members.isEmpty else { out += "{}"; return }
            out += "{"
            for (k, (key, value)) in members.enumerated() {
                if k > 0 { out += "," }
                newline(&out, indent, level + 1)
                JSONValue.writeString(key, to: &out)
                out += indent == nil ? ":" : ": "
                value.write(to: &out, indent: indent, level: level + 1)
            }
            newline(&out, indent, level)
            out += "}"
        }
    }

    private var isScalar: Bool {
        switch self {
        case .array, .object: false
        default: true
        }
    }

    private func newline(_ out: inout String, _ indent: Int?, _ level: Int) {
        guard let indent else { return }
        out += "\n"
        for _ in 0..<(indent * level) { out += " " }
    }

    /// Shortest round-trip text; integers-valued doubles keep a `.0` so readers see a float.
    static func number(_ value: Double) -> String {
        value.description
    }

    /// A JSON string literal. With `escapingHTML`, `<`, `>` and `&` become `\u003c`, `\u003e`,
    /// `\u0026` too, so the literal can sit in a script file (or be inlined) without ending a
    /// `<script>` element or starting an HTML comment: what `Escape.javaScriptString` gives.
    public static func writeString(_ value: String, to out: inout String, escapingHTML: Bool = false) {
        out += "\""
        // Keys and most values are printable ASCII with nothing to escape: copied whole (the
        // data files hold some 100,000 of them).
        if value.utf8.allSatisfy({ byte in
            (0x20...0x7E).contains(byte) && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\")
                && !(escapingHTML && (byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "&")))
        }) {
            out += value
            out += "\""
            return
        }
        for scalar in value.unicodeScalars {
            switch scalar {
            case "<" where escapingHTML, ">" where escapingHTML, "&" where escapingHTML:
                out += "\\u00" + String(scalar.value, radix: 16)
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            // U+2028/2029 are valid JSON but break JavaScript string literals.
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                // Also DEL, C1 and format characters (bidi, zero-width): JSON is printed to terminals.
                if scalar.value < 0x20 || (scalar.value <= 0xFFFF && TerminalText.needsEscape(scalar)) {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
