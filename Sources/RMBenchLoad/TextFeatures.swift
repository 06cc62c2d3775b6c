import RMBenchCore

extension ResponseFeatures {
    /// Measures a response from its UTF-8 bytes in one pass.
    ///
    ///     ResponseFeatures(measuring: "## Steps\n- **mix**\n- bake")
    ///     // characters 25, words 6, headers 1, listItems 2, boldSpans 1
    public init(measuring text: String) {
        var copy = text
        self = copy.withUTF8 { ResponseFeatures(measuringUTF8: $0) }
    }

    /// Measures valid UTF-8 text. See `ResponseFeatures` for what each count means.
    public init(measuringUTF8 text: UnsafeBufferPointer<UInt8>) {
        var characters = 0
        var words = 0
        var headers = 0
        var listItems = 0
        var stars = 0
        var bold = 0
        var inWord = false
        var lineStart = true
        let n = text.count
        var i = 0
        while i < n {
            if lineStart {
                lineStart = false
                switch Self.lineMarker(text, at: i) {
                case .header: headers += 1
                case .listItem: listItems += 1
                case .none: break
                }
            }
            let byte = text[i]
            if byte & 0xC0 != 0x80 { characters += 1 }
            switch byte {
            case 0x20, 0x09, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x1F:
                inWord = false
                stars = 0
            case 0x0A:
                inWord = false
                stars = 0
                lineStart = true
            case UInt8(ascii: "*"):
                if !inWord { words += 1 }
                inWord = true
                stars += 1
                if stars == 2 {
                    bold += 1
                    stars = 0
                }
            default:
                if !inWord { words += 1 }
                inWord = true
                stars = 0
            }
            i += 1
        }
        self.init(characters: characters, words: words, headers: headers, listItems: listItems, boldSpans: bold / 2)
    }

    private enum LineMarker { case header, listItem, none }

    /// Looks at the start of a line: up to 3 spaces, then `#`×1–6, a bullet, or `12.` / `12)`,
    /// each followed by a space or tab.
    private static func lineMarker(_ text: UnsafeBufferPointer<UInt8>, at start: Int) -> LineMarker {
        let n = text.count
        var i = start
        var indent = 0
        while i < n, text[i] == 0x20, indent < 3 {
            i += 1
            indent += 1
        }
        func spaceFollows(_ k: Int) -> Bool { k < n && (text[k] == 0x20 || text[k] == 0x09) }
        guard i < n else { return .none }
        switch text[i] {
        case UInt8(ascii: "#"):
            var hashes = 0
            while i < n, text[i] == UInt8(ascii: "#"), hashes < 7 {
                i += 1
                hashes += 1
            }
            return hashes <= 6 && spaceFollows(i) ? .header : .none
        case UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "+"):
            return spaceFollows(i + 1) ? .listItem : .none
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            var digits = 0
            while i < n, text[i] >= UInt8(ascii: "0"), text[i] <= UInt8(ascii: "9"), digits < 10 {
                i += 1
                digits += 1
            }
            guard i < n, text[i] == UInt8(ascii: ".") || text[i] == UInt8(ascii: ")") else { return .none }
            return spaceFollows(i + 1) ? .listItem : .none
        default:
            return .none
        }
    }
}
