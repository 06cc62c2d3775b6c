/// How `{{name}}` escapes a value in an HTML template: `<`, `>`, `&`, `"` and `'` become
/// `&lt;`, `&gt;`, `&amp;`, `&quot;` and `&#39;`, compared character by character (grapheme
/// clusters) as swift-mustache 2.1.1 did, so a `<` that a combining mark joins is left as it is.
/// (`Escape.html` is the page renderers' own rule for text they put in HTML.)
enum HTMLEscaping {
    static func append(_ text: String, to output: inout String) {
        let utf8 = text.utf8
        var special = false
        var previous: UInt8 = 0
        var previousSpecial = false
        for byte in utf8 {
            let isSpecial = replacement(for: byte) != nil
            // A special byte next to a non-ASCII one may be part of a larger character.
            if (isSpecial && previous >= 0x80) || (previousSpecial && byte >= 0x80) {
                appendByCharacter(text, to: &output)
                return
            }
            special = special || isSpecial
            previous = byte
            previousSpecial = isSpecial
        }
        guard special else {
            output.append(text)
            return
        }
        var runStart = utf8.startIndex
        var index = runStart
        while index != utf8.endIndex {
            if let replacement = replacement(for: utf8[index]) {
                output.append(contentsOf: text[runStart..<index])
                output.append(replacement)
                runStart = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        output.append(contentsOf: text[runStart..<utf8.endIndex])
    }

    private static func replacement(for byte: UInt8) -> String? {
        switch byte {
        case UInt8(ascii: "<"): "&lt;"
        case UInt8(ascii: ">"): "&gt;"
        case UInt8(ascii: "&"): "&amp;"
        case UInt8(ascii: "\""): "&quot;"
        case UInt8(ascii: "'"): "&#39;"
        default: nil
        }
    }

    private static func appendByCharacter(_ text: String, to output: inout String) {
        for character in text {
            switch character {
            case "<": output.append("&lt;")
            case ">": output.append("&gt;")
            case "&": output.append("&amp;")
            case "\"": output.append("&quot;")
            case "'": output.append("&#39;")
            default: output.append(character)
            }
        }
    }
}
