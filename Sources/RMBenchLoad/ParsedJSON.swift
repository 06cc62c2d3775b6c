/// A parsed JSON value with the byte offset it starts at, for files small enough to hold
/// whole (verdict lines, aggregate results) or values we keep (result lists).
struct ParsedJSON {
    indirect enum Value {
        case null
        case bool(Bool)
        /// The value and its text as written (`0.5`, `1.0`, `1e-3`).
        case number(Double, String)
        case string(String)
        case array([ParsedJSON])
        case object([(key: String, offset: Int, value: ParsedJSON)])
    }

    var value: Value
    var offset: Int

    /// "a string", "a list"… for messages.
    var kind: String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "a list"
        case .object: "an object"
        }
    }

    /// Compact text of the value for messages: `[1, 0.7, 0]`, `"tie"`, shortened.
    var shown: String {
        var text = ""
        render(into: &text)
        return text.count > 60 ? String(text.prefix(57)) + "…" : text
    }

    private func render(into text: inout String) {
        guard text.count <= 60 else { return }
        switch value {
        case .null: text += "null"
        case .bool(let flag): text += flag ? "true" : "false"
        case .number(_, let written): text += written
        case .string(let string):
            let short = string.count > 40 ? String(string.prefix(37)) + "…" : string
            text += "\"" + short.replacingNewlines() + "\""
        case .array(let elements):
            text += "["
            for (k, element) in elements.enumerated() {
                if k > 0 { text += ", " }
                element.render(into: &text)
            }
            text += "]"
        case .object(let members):
            text += members.isEmpty ? "{}" : "{…}"
        }
    }
}

private extension String {
    func replacingNewlines() -> String {
        var out = ""
        for character in self {
            switch character {
            case "\n", "\r\n": out += "\\n"
            case "\"": out += "\\\""
            default: out.append(character)
            }
        }
        return out
    }
}

extension JSONScanner {
    /// Reads one whole value at `pos` into a tree. Nesting deeper than 64 is refused (nothing
    /// we read nests beyond 3), so hostile input cannot exhaust the stack.
    mutating func readParsedJSON(depth: Int = 0) throws(JSONSyntaxError) -> ParsedJSON {
        _ = peek()
        let start = pos
        guard depth < 64 else { throw error("values nested more than 64 deep") }
        guard let byte = current else { throw error("expected a value, found end of file") }
        switch byte {
        case UInt8(ascii: "\""):
            return ParsedJSON(value: .string(try readString()), offset: start)
        case UInt8(ascii: "{"):
            pos += 1
            var members: [(key: String, offset: Int, value: ParsedJSON)] = []
            if peek() == UInt8(ascii: "}") {
                pos += 1
                return ParsedJSON(value: .object(members), offset: start)
            }
            while true {
                guard peek() == UInt8(ascii: "\"") else { throw error("expected a quoted field name, found \(found())") }
                let keyOffset = pos
                let key = try readString()
                try expect(UInt8(ascii: ":"), "':' after the field name \"\(key)\"")
                let value = try readParsedJSON(depth: depth + 1)
                members.append((key, keyOffset, value))
                switch peek() {
                case UInt8(ascii: ",")?: pos += 1
                case UInt8(ascii: "}")?:
                    pos += 1
                    return ParsedJSON(value: .object(members), offset: start)
                default: throw error("expected ',' or '}' after the field \"\(key)\", found \(found())")
                }
            }
        case UInt8(ascii: "["):
            pos += 1
            var elements: [ParsedJSON] = []
            if peek() == UInt8(ascii: "]") {
                pos += 1
                return ParsedJSON(value: .array(elements), offset: start)
            }
            while true {
                elements.append(try readParsedJSON(depth: depth + 1))
                switch peek() {
                case UInt8(ascii: ",")?: pos += 1
                case UInt8(ascii: "]")?:
                    pos += 1
                    return ParsedJSON(value: .array(elements), offset: start)
                default: throw error("expected ',' or ']' after a list element, found \(found())")
                }
            }
        case UInt8(ascii: "t"):
            try skipLiteral("true")
            return ParsedJSON(value: .bool(true), offset: start)
        case UInt8(ascii: "f"):
            try skipLiteral("false")
            return ParsedJSON(value: .bool(false), offset: start)
        case UInt8(ascii: "n"):
            try skipLiteral("null")
            return ParsedJSON(value: .null, offset: start)
        default:
            guard let number = try readNumber() else {
                throw error("expected a value (object, list, string, number, true, false or null), found \(found())")
            }
            let text = String(decoding: UnsafeBufferPointer(start: bytes + start, count: pos - start), as: UTF8.self)
            return ParsedJSON(value: .number(number, text), offset: start)
        }
    }
}
