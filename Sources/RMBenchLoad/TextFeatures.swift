import RMBenchCore

extension ResponseFeatures {
    /// Measures a response in one pass.
    ///
    ///     ResponseFeatures(measuring: "## Steps\n- **mix**\n- bake")
    ///     // characters 25, words 6, headers 1, listItems 2, boldSpans 1
    public init(measuring text: String) {
        var counter = FeatureCounter()
        for byte in text.utf8 { counter.feed(byte) }
        self = counter.features
    }

    /// Measures valid UTF-8 text. See `ResponseFeatures` for what each count means.
    public init(measuringUTF8 text: UnsafeBufferPointer<UInt8>) {
        var counter = FeatureCounter()
        for byte in text { counter.feed(byte) }
        self = counter.features
    }
}

/// Counts response features from a stream of UTF-8 bytes, so a JSON string can be measured
/// while its escapes are decoded, without building the string.
struct FeatureCounter {
    private var characters = 0
    private var words = 0
    private var headers = 0
    private var listItems = 0
    private var stars = 0
    private var bold = 0
    private var inWord = false
    private var line = LinePrefix.start(indent: 0)

    /// What the start of the current line has shown so far: up to 3 spaces, then `#`×1–6,
    /// a bullet (`-`, `*`, `+`) or `12.` / `12)`, each followed by a space or tab.
    private enum LinePrefix {
        case start(indent: Int)
        case hashes(Int)
        case bullet
        case digits(Int)
        case digitsAndDot
        case decided
    }

    var features: ResponseFeatures {
        ResponseFeatures(characters: characters, words: words, headers: headers, listItems: listItems, boldSpans: bold / 2)
    }

    @inline(__always)
    mutating func feed(_ byte: UInt8) {
        if byte & 0xC0 != 0x80 { characters += 1 }
        switch byte {
        case 0x20, 0x09, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x1F:
            inWord = false
            stars = 0
        case 0x0A:
            inWord = false
            stars = 0
            line = .start(indent: 0)
            return
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
        if case .decided = line { return }
        advanceLinePrefix(byte)
    }

    /// Feeds a run of printable ASCII bytes (0x20–0x7F), the bytes a JSON string holds between
    /// its escapes and non-ASCII characters: the same counts as feeding them one by one.
    ///
    /// Why: measuring byte by byte was most of reading a result file. Once a line's start is
    /// decided, such a byte changes only the characters (one each), the words (a non-space after
    /// a space starts one) and the bold pairs (`*`), so 8 bytes without a `*` are counted at
    /// once from a mask of their spaces.
    mutating func feedPlainASCII(_ run: UnsafePointer<UInt8>, count: Int) {
        var i = 0
        while i < count, !lineDecided {
            feed(run[i])
            i += 1
        }
        while i + 8 <= count {
            let chunk = UInt64(littleEndian: UnsafeRawPointer(run + i).loadUnaligned(as: UInt64.self))
            if Self.zeroBytes(chunk ^ Self.repeated(UInt8(ascii: "*"))) != 0 {
                for k in i..<i + 8 { feed(run[k]) }
            } else {
                // Bit 7 of each byte: set where the byte is not a space.
                let nonSpace = ~Self.zeroBytes(chunk ^ Self.repeated(0x20)) & Self.repeated(0x80)
                // A word starts where a non-space follows a space (or the run's start, when the
                // byte before it was no word character).
                let before = nonSpace << 8 | (inWord ? 0x80 : 0)
                words += (nonSpace & ~before).nonzeroBitCount
                inWord = nonSpace >> 63 != 0
                characters += 8
                stars = 0
            }
            i += 8
        }
        while i < count {
            feed(run[i])
            i += 1
        }
    }

    private var lineDecided: Bool {
        if case .decided = line { return true }
        return false
    }

    /// `byte` in each of the 8 bytes of a word.
    private static func repeated(_ byte: UInt8) -> UInt64 { 0x0101_0101_0101_0101 &* UInt64(byte) }

    /// Bit 7 set in exactly the bytes of `word` that are zero (no false positives: the sum
    /// of a byte's low 7 bits and 0x7F cannot carry into the next byte).
    private static func zeroBytes(_ word: UInt64) -> UInt64 {
        let low7 = repeated(0x7F)
        return ~(((word & low7) &+ low7) | word | low7)
    }

    private mutating func advanceLinePrefix(_ byte: UInt8) {
        let isSpace = byte == 0x20 || byte == 0x09
        let isDigit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
        switch line {
        case .start(let indent):
            if byte == 0x20 && indent < 3 {
                line = .start(indent: indent + 1)
            } else if byte == UInt8(ascii: "#") {
                line = .hashes(1)
            } else if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "*") || byte == UInt8(ascii: "+") {
                line = .bullet
            } else if isDigit {
                line = .digits(1)
            } else {
                line = .decided
            }
        case .hashes(let n):
            if byte == UInt8(ascii: "#") && n < 6 {
                line = .hashes(n + 1)
            } else {
                if isSpace { headers += 1 }
                line = .decided
            }
        case .bullet, .digitsAndDot:
            if isSpace { listItems += 1 }
            line = .decided
        case .digits(let n):
            if isDigit && n < 10 {
                line = .digits(n + 1)
            } else if byte == UInt8(ascii: ".") || byte == UInt8(ascii: ")") {
                line = .digitsAndDot
            } else {
                line = .decided
            }
        case .decided:
            break
        }
    }
}
