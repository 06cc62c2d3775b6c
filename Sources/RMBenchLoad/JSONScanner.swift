import RMBenchCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A syntax error at a byte offset; turned into line:column only when reported.
struct JSONSyntaxError: Error {
    var offset: Int
    var message: String
}

/// A forward-only reader over the bytes of a JSON document.
///
/// It parses only what the result reader asks for and skips the rest (response texts are
/// most of a result file), 16 bytes at a time. Skipping still checks the syntax of what it
/// skips, so a file we accept is a file a strict parser accepts, apart from the tokens
/// Python's `json.dump` writes for non-finite floats (`NaN`, `Infinity`, `-Infinity`),
/// which we accept as numbers.
///
/// A number's token, once its grammar is checked, is copied with a NUL after it for `strtod`:
/// the buffer needs no terminator, and `strtod` never reads past the token (in place, `0x1…`
/// would have gone on as a hexadecimal float past the token's end, and past the buffer's).
struct JSONScanner {
    let bytes: UnsafePointer<UInt8>
    let count: Int
    var pos: Int = 0

    init(bytes: UnsafePointer<UInt8>, count: Int) {
        self.bytes = bytes
        self.count = count
    }

    /// Runs `body` with a scanner over `bytes` where they are (an empty array may have no
    /// storage to point at: then one byte the scanner never reads).
    static func scanning<Result>(_ bytes: [UInt8], _ body: (JSONScanner) -> Result) -> Result {
        bytes.withUnsafeBufferPointer { scanning($0, body) }
    }

    static func scanning<Result>(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (JSONScanner) -> Result) -> Result {
        guard let base = bytes.baseAddress, !bytes.isEmpty else {
            // No bytes: the scanner still needs an address (it reads nothing at or past `count`).
            var none: UInt8 = 0
            return withUnsafePointer(to: &none) { body(JSONScanner(bytes: $0, count: 0)) }
        }
        return body(JSONScanner(bytes: base, count: bytes.count))
    }

    var current: UInt8? { pos < count ? bytes[pos] : nil }

    mutating func skipWhitespace() {
        while pos < count {
            switch bytes[pos] {
            case 0x20, 0x0A, 0x0D, 0x09: pos += 1
            default: return
            }
        }
    }

    /// Skips whitespace and returns the next byte without consuming it.
    mutating func peek() -> UInt8? {
        skipWhitespace()
        return current
    }

    func error(_ message: String, at offset: Int? = nil) -> JSONSyntaxError {
        JSONSyntaxError(offset: offset ?? pos, message: message)
    }

    /// How the byte at `offset` reads in a message: `'}'`, `end of file`, `byte 0xC3`.
    func found(at offset: Int? = nil) -> String {
        let at = offset ?? pos
        guard at < count else { return "end of file" }
        let byte = bytes[at]
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        switch byte {
        case 0x20: return "a space"
        case 0x0A: return "a line break"
        case 0x09: return "a tab"
        default:
            let hex = String(byte, radix: 16, uppercase: true)
            return "byte 0x\(hex.count == 1 ? "0" + hex : hex)"
        }
    }

    /// `what` is made only for the message: building it for every field name was about an
    /// eighth of parsing an item.
    mutating func expect(_ byte: UInt8, _ what: @autoclosure () -> String) throws(JSONSyntaxError) {
        skipWhitespace()
        guard pos < count, bytes[pos] == byte else {
            throw error("expected \(what()), found \(found())")
        }
        pos += 1
    }

    // MARK: Strings

    /// Moves past a string whose opening quote is at `pos`, validating escapes.
    /// Returns whether the string contained any escape.
    @discardableResult
    mutating func skipString() throws(JSONSyntaxError) -> Bool {
        let start = pos
        pos += 1
        var sawEscape = false
        while true {
            pos = nextSpecialByte(from: pos)
            guard pos < count else { throw error("unterminated string (it starts here)", at: start) }
            let byte = bytes[pos]
            if byte == UInt8(ascii: "\"") {
                pos += 1
                return sawEscape
            } else if byte == UInt8(ascii: "\\") {
                sawEscape = true
                try skipEscape()
            } else if byte >= 0x80 {
                try skipNonASCII(stringStart: start)
            } else {
                throw error("control character \(found()) inside a string; write it as an escape such as \\n")
            }
        }
    }

    /// At a byte of 0x80 or above inside a string: moves past the run of well-formed UTF-8
    /// multi-byte characters there, or reports the string as not UTF-8 (as `readString` does),
    /// so that skipped and measured texts are checked like kept ones.
    mutating func skipNonASCII(stringStart: Int) throws(JSONSyntaxError) {
        func continuation(_ k: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
            k < count && bytes[k] >= low && bytes[k] <= high
        }
        while pos < count, bytes[pos] >= 0x80 {
            let byte = bytes[pos]
            switch byte {
            case 0xC2...0xDF where continuation(pos + 1):
                pos += 2
            case 0xE0...0xEF where continuation(pos + 1, byte == 0xE0 ? 0xA0 : 0x80, byte == 0xED ? 0x9F : 0xBF)
                && continuation(pos + 2):
                pos += 3
            case 0xF0...0xF4 where continuation(pos + 1, byte == 0xF0 ? 0x90 : 0x80, byte == 0xF4 ? 0x8F : 0xBF)
                && continuation(pos + 2) && continuation(pos + 3):
                pos += 4
            default:
                throw error("string is not valid UTF-8", at: stringStart)
            }
        }
    }

    /// Index of the first quote, backslash, control byte or non-ASCII byte at or after `start`,
    /// or `count`.
    @inline(__always)
    func nextSpecialByte(from start: Int) -> Int {
        var i = start
        let quote = SIMD16<UInt8>(repeating: UInt8(ascii: "\""))
        let backslash = SIMD16<UInt8>(repeating: UInt8(ascii: "\\"))
        // As signed bytes, control bytes (< 0x20) and non-ASCII bytes (≥ 0x80, negative) are
        // both below 0x20: one comparison finds both.
        let space = SIMD16<Int8>(repeating: 0x20)
        while i + 16 <= count {
            let chunk = UnsafeRawPointer(bytes + i).loadUnaligned(as: SIMD16<UInt8>.self)
            let hits = (chunk .== quote) .| (chunk .== backslash) .| (unsafeBitCast(chunk, to: SIMD16<Int8>.self) .< space)
            if any(hits) {
                // Each lane is 0xFF or 0; read as two words (lane 0 in the low byte), the lowest
                // set bit is in the first hit's byte.
                let halves = unsafeBitCast(hits, to: SIMD2<UInt64>.self)
                let low = UInt64(littleEndian: halves[0])
                if low != 0 { return i + low.trailingZeroBitCount / 8 }
                return i + 8 + UInt64(littleEndian: halves[1]).trailingZeroBitCount / 8
            }
            i += 16
        }
        while i < count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 || byte >= 0x80 { return i }
            i += 1
        }
        return count
    }

    /// At a backslash: checks the escape and moves past it.
    mutating func skipEscape() throws(JSONSyntaxError) {
        let start = pos
        pos += 1
        guard pos < count else { throw error("unterminated escape at end of file", at: start) }
        switch bytes[pos] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
            UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            pos += 1
        case UInt8(ascii: "u"):
            pos += 1
            _ = try readUnicodeEscape(escapeStart: start)
        default:
            throw error("invalid escape \\\(found().dropFirst().dropLast()) in a string", at: start)
        }
    }

    /// At the first hex digit of a `\u` escape that began at `escapeStart`: reads it, and the
    /// low half after a high surrogate, and returns the Unicode scalar value. A surrogate
    /// without its other half is an error (it is no character).
    mutating func readUnicodeEscape(escapeStart: Int) throws(JSONSyntaxError) -> UInt32 {
        let value = try readHex4(escapeStart: escapeStart)
        // Built only when thrown: most escapes are valid, and this runs for each of them.
        func lone() -> JSONSyntaxError { error("lone surrogate \\u\(String(value, radix: 16)) in a string", at: escapeStart) }
        if (0xDC00..<0xE000).contains(value) { throw lone() }
        guard (0xD800..<0xDC00).contains(value) else { return value }
        guard pos + 1 < count, bytes[pos] == UInt8(ascii: "\\"), bytes[pos + 1] == UInt8(ascii: "u") else { throw lone() }
        pos += 2
        let low = try readHex4(escapeStart: pos - 2)
        guard (0xDC00..<0xE000).contains(low) else { throw lone() }
        return 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
    }

    mutating func readHex4(escapeStart: Int) throws(JSONSyntaxError) -> UInt32 {
        guard pos + 4 <= count else { throw error("incomplete \\u escape", at: escapeStart) }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[pos]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw error("\\u escape needs 4 hex digits, found \(found())")
            }
            value = value << 4 | digit
            pos += 1
        }
        return value
    }

    /// Reads a string at `pos` into a Swift `String`, decoding escapes and checking UTF-8.
    mutating func readString() throws(JSONSyntaxError) -> String {
        let start = pos
        let hadEscape = try skipString()
        let body = UnsafeBufferPointer(start: bytes + start + 1, count: pos - start - 2)
        if !hadEscape {
            guard let text = String(validating: body, as: UTF8.self) else {
                throw error("string is not valid UTF-8", at: start)
            }
            return text
        }
        return try decodeEscapedString(start: start)
    }

    /// Slow path of `readString` for strings with escapes (rare in the fields we keep).
    private func decodeEscapedString(start: Int) throws(JSONSyntaxError) -> String {
        var utf8: [UInt8] = []
        var i = start + 1
        let end = pos - 1
        var scalarScanner = self
        while i < end {
            let byte = bytes[i]
            guard byte == UInt8(ascii: "\\") else {
                utf8.append(byte)
                i += 1
                continue
            }
            let kind = bytes[i + 1]
            switch kind {
            case UInt8(ascii: "b"): utf8.append(0x08)
            case UInt8(ascii: "f"): utf8.append(0x0C)
            case UInt8(ascii: "n"): utf8.append(0x0A)
            case UInt8(ascii: "r"): utf8.append(0x0D)
            case UInt8(ascii: "t"): utf8.append(0x09)
            case UInt8(ascii: "u"):
                scalarScanner.pos = i + 2
                let value = try scalarScanner.readUnicodeEscape(escapeStart: i)
                utf8.append(contentsOf: Array(String(Character(Unicode.Scalar(value)!)).utf8))
                i = scalarScanner.pos
                continue
            default: utf8.append(kind)  // \" \\ \/
            }
            i += 2
        }
        guard let text = String(validating: utf8, as: UTF8.self) else {
            throw error("string is not valid UTF-8", at: start)
        }
        return text
    }

    // MARK: Numbers

    /// Reads a number, or Python's `NaN`, `Infinity`, `-Infinity`, at `pos`.
    /// Returns nil without moving when `pos` does not start a number.
    mutating func readNumber() throws(JSONSyntaxError) -> Double? {
        let start = pos
        guard let end = try numberEnd() else { return nil }
        pos = end
        switch bytes[start] {
        case UInt8(ascii: "N"): return .nan
        case UInt8(ascii: "I"): return .infinity
        case UInt8(ascii: "-") where bytes[start + 1] == UInt8(ascii: "I"): return -.infinity
        default: break
        }
        let length = end - start
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: length + 1) { token in
            UnsafeMutableRawPointer(token.baseAddress!).copyMemory(from: bytes + start, byteCount: length)
            token[length] = 0
            return strtod(token.baseAddress!, nil)
        }
    }

    /// End offset of the number token at `pos`, checking JSON's number grammar.
    func numberEnd() throws(JSONSyntaxError) -> Int? {
        var i = pos
        func at(_ k: Int) -> UInt8 { k < count ? bytes[k] : 0 }
        func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
        if matches("NaN", at: i) { return i + 3 }
        if matches("Infinity", at: i) { return i + 8 }
        if at(i) == UInt8(ascii: "-") {
            if matches("Infinity", at: i + 1) { return i + 9 }
            i += 1
            guard isDigit(at(i)) else { throw error("expected a digit after '-', found \(found(at: i))", at: i) }
        } else if !isDigit(at(i)) {
            return nil
        }
        if at(i) == UInt8(ascii: "0") {
            i += 1
            if isDigit(at(i)) { throw error("numbers may not have leading zeros", at: i - 1) }
        } else {
            while isDigit(at(i)) { i += 1 }
        }
        if at(i) == UInt8(ascii: ".") {
            i += 1
            guard isDigit(at(i)) else { throw error("expected a digit after '.', found \(found(at: i))", at: i) }
            while isDigit(at(i)) { i += 1 }
        }
        if at(i) == UInt8(ascii: "e") || at(i) == UInt8(ascii: "E") {
            i += 1
            if at(i) == UInt8(ascii: "+") || at(i) == UInt8(ascii: "-") { i += 1 }
            guard isDigit(at(i)) else { throw error("expected a digit in the exponent, found \(found(at: i))", at: i) }
            while isDigit(at(i)) { i += 1 }
        }
        return i
    }

    /// Reads an item's `id` — an integer or a string — or skips the value and returns the
    /// problem in words.
    mutating func readItemID() throws(JSONSyntaxError) -> Result<ItemID, IDProblem> {
        if current == UInt8(ascii: "\"") { return .success(.string(try readString())) }
        if let value = try readInteger() { return .success(.int(value)) }
        let found = describeValue()
        try skipValue()
        return .failure(IDProblem(message: "\"id\" must be an integer or a string, found \(found == "a number" ? "a number that is not a 64-bit integer" : found)"))
    }

    /// Reads an integer token as Int64, or nil if the number at `pos` is not a plain integer.
    mutating func readInteger() throws(JSONSyntaxError) -> Int64? {
        let start = pos
        guard let end = try numberEnd() else { return nil }
        var value: Int64 = 0
        var negative = false
        var i = start
        if bytes[i] == UInt8(ascii: "-") {
            negative = true
            i += 1
        }
        while i < end {
            let byte = bytes[i]
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(Int64(byte - UInt8(ascii: "0")))
            guard !o1, !o2 else { return nil }
            value = sum
            i += 1
        }
        pos = end
        return negative ? -value : value
    }

    func matches(_ literal: StaticString, at offset: Int) -> Bool {
        let n = literal.utf8CodeUnitCount
        guard offset + n <= count else { return false }
        let p = literal.utf8Start
        for k in 0..<n where bytes[offset + k] != p[k] { return false }
        return true
    }

    // MARK: Skipping whole values

    /// Moves past one complete value of any kind, checking its syntax. Iterative, so deep
    /// nesting cannot overflow the stack.
    mutating func skipValue() throws(JSONSyntaxError) {
        var closers: [UInt8] = []
        while true {
            // A value is expected here.
            skipWhitespace()
            guard pos < count else { throw error("expected a value, found end of file") }
            switch bytes[pos] {
            case UInt8(ascii: "\""):
                try skipString()
            case UInt8(ascii: "{"):
                pos += 1
                if peek() == UInt8(ascii: "}") {
                    pos += 1
                } else {
                    closers.append(UInt8(ascii: "}"))
                    try skipKey()
                    continue
                }
            case UInt8(ascii: "["):
                pos += 1
                if peek() == UInt8(ascii: "]") {
                    pos += 1
                } else {
                    closers.append(UInt8(ascii: "]"))
                    continue
                }
            case UInt8(ascii: "t"): try skipLiteral("true")
            case UInt8(ascii: "f"): try skipLiteral("false")
            case UInt8(ascii: "n"): try skipLiteral("null")
            default:
                guard let end = try numberEnd() else {
                    throw error("expected a value (object, list, string, number, true, false or null), found \(found())")
                }
                pos = end
            }
            // After a value: close containers or move to the next element.
            while let closer = closers.last {
                skipWhitespace()
                guard pos < count else {
                    throw error("expected ',' or '\(Character(Unicode.Scalar(closer)))', found end of file")
                }
                let byte = bytes[pos]
                if byte == UInt8(ascii: ",") {
                    pos += 1
                    if closer == UInt8(ascii: "}") { try skipKey() }
                    break
                } else if byte == closer {
                    pos += 1
                    closers.removeLast()
                } else {
                    throw error("expected ',' or '\(Character(Unicode.Scalar(closer)))', found \(found())")
                }
            }
            if closers.isEmpty { return }
        }
    }

    /// Inside an object: moves past `"key" :`.
    mutating func skipKey() throws(JSONSyntaxError) {
        guard peek() == UInt8(ascii: "\"") else { throw error("expected a quoted key, found \(found())") }
        try skipString()
        try expect(UInt8(ascii: ":"), "':' after a key")
    }

    mutating func skipLiteral(_ literal: StaticString) throws(JSONSyntaxError) {
        guard matches(literal, at: pos) else {
            throw error("expected a value (object, list, string, number, true, false or null), found \(found())")
        }
        pos += literal.utf8CodeUnitCount
    }

    /// Words for the kind of value at `pos`, for schema messages: "a string", "null", "a list".
    mutating func describeValue() -> String {
        switch peek() {
        case UInt8(ascii: "\"")?: "a string"
        case UInt8(ascii: "{")?: "an object"
        case UInt8(ascii: "[")?: "a list"
        case UInt8(ascii: "t")?, UInt8(ascii: "f")?: "a boolean"
        case UInt8(ascii: "n")?: "null"
        case nil: "nothing"
        default: "a number"
        }
    }

    /// 1-based line and column (in Unicode scalars) of `offset`, counting on from `start`.
    /// Linear, so only for messages; `LineIndex` for many of them.
    func lineColumn(of offset: Int, from start: (offset: Int, line: Int, column: Int) = (0, 1, 1)) -> (line: Int, column: Int) {
        var line = start.line
        var column = start.column
        var i = start.offset
        let limit = min(offset, count)
        while i < limit {
            let byte = bytes[i]
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            i += 1
        }
        return (line, column)
    }

    /// Measures the string whose opening quote is at `pos` as its decoded text would measure,
    /// decoding escapes on the fly, and moves past it.
    mutating func measureString() throws(JSONSyntaxError) -> ResponseFeatures {
        let start = pos
        var counter = FeatureCounter()
        pos += 1
        while true {
            let special = nextSpecialByte(from: pos)
            counter.feedPlainASCII(bytes + pos, count: special - pos)
            pos = special
            guard pos < count else { throw error("unterminated string (it starts here)", at: start) }
            switch bytes[pos] {
            case UInt8(ascii: "\""):
                pos += 1
                return counter.features
            case UInt8(ascii: "\\"):
                try feedEscape(into: &counter)
            case 0x80...0xFF:
                let run = pos
                try skipNonASCII(stringStart: start)
                for i in run..<pos { counter.feed(bytes[i]) }
            default:
                throw error("control character \(found()) inside a string; write it as an escape such as \\n")
            }
        }
    }

    /// At a backslash: feeds the escaped character's UTF-8 bytes and moves past the escape.
    private mutating func feedEscape(into counter: inout FeatureCounter) throws(JSONSyntaxError) {
        let start = pos
        guard pos + 1 < count else { throw error("unterminated escape at end of file", at: start) }
        let kind = bytes[pos + 1]
        switch kind {
        case UInt8(ascii: "n"): counter.feed(0x0A)
        case UInt8(ascii: "t"): counter.feed(0x09)
        case UInt8(ascii: "r"): counter.feed(0x0D)
        case UInt8(ascii: "b"): counter.feed(0x08)
        case UInt8(ascii: "f"): counter.feed(0x0C)
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): counter.feed(kind)
        case UInt8(ascii: "u"):
            pos += 2
            let value = try readUnicodeEscape(escapeStart: start)
            for byte in UTF8.encode(Unicode.Scalar(value)!)! { counter.feed(byte) }
            return
        default:
            throw error("invalid escape \\\(found(at: pos + 1).dropFirst().dropLast()) in a string", at: start)
        }
        pos += 2
    }
}

/// Line and column of many offsets of one document without counting from the start of the file
/// for each (which made a big file with a problem on every item quadratic): it counts on from
/// the last offset it answered, or from the nearest of the checkpoints it leaves at least every
/// 128 KB for offsets before that (a duplicate's first occurrence).
struct LineIndex {
    typealias Point = (offset: Int, line: Int, column: Int)
    private var checkpoints: [Point] = [(0, 1, 1)]
    private var last: Point = (0, 1, 1)
    private static let spacing = 1 << 16

    mutating func lineColumn(of offset: Int, in scanner: JSONScanner) -> (line: Int, column: Int) {
        let target = min(max(offset, 0), scanner.count)
        var low = 0
        var high = checkpoints.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if checkpoints[middle].offset <= target { low = middle } else { high = middle - 1 }
        }
        var point = checkpoints[low]
        if last.offset <= target && last.offset > point.offset { point = last }
        while target - point.offset > Self.spacing {
            let next = point.offset + Self.spacing
            let (line, column) = scanner.lineColumn(of: next, from: point)
            point = (next, line, column)
            if next > checkpoints[checkpoints.count - 1].offset { checkpoints.append(point) }
        }
        let (line, column) = scanner.lineColumn(of: target, from: point)
        last = (target, line, column)
        if target - checkpoints[checkpoints.count - 1].offset >= Self.spacing { checkpoints.append(last) }
        return (line, column)
    }
}

/// Walks the fields of an object, checking the punctuation between them: create it after
/// the `{`, then `while let key = try fields.next(in: &scanner) { …read the value… }` (or
/// `nextName`, which gives the name without building a `String`).
struct ObjectFields {
    private var first = true
    /// Where the previous field's name starts (its opening quote), for messages.
    private var nameStart: Int?

    /// The next field's name, with the scanner at its value; nil after the closing `}`.
    mutating func next(in scanner: inout JSONScanner) throws(JSONSyntaxError) -> String? {
        try nextName(in: &scanner)?.string
    }

    /// The next field's name as written, with the scanner at its value; nil after the
    /// closing `}`. The name's syntax and UTF-8 are checked as `next` checks them.
    mutating func nextName(in scanner: inout JSONScanner) throws(JSONSyntaxError) -> FieldName? {
        if first {
            first = false
            if scanner.peek() == UInt8(ascii: "}") {
                scanner.pos += 1
                return nil
            }
        } else {
            switch scanner.peek() {
            case UInt8(ascii: ",")?: scanner.pos += 1
            case UInt8(ascii: "}")?:
                scanner.pos += 1
                return nil
            default: throw scanner.error("expected ',' or '}' after the field \"\(previousName(scanner))\", found \(scanner.found())")
            }
        }
        guard scanner.peek() == UInt8(ascii: "\"") else {
            throw scanner.error("expected a quoted field name, found \(scanner.found())")
        }
        let start = scanner.pos
        let escaped = try scanner.skipString()
        let name = try FieldName(scanner, start: start, end: scanner.pos, escaped: escaped)
        nameStart = start
        try scanner.expect(UInt8(ascii: ":"), "':' after the field name \"\(name.string)\"")
        _ = scanner.peek()
        return name
    }

    private func previousName(_ scanner: JSONScanner) -> String {
        guard let nameStart else { return "" }
        var reread = scanner
        reread.pos = nameStart
        return (try? reread.readString()) ?? ""
    }
}

/// A field name in the document, compared with known names byte by byte; valid while the
/// scanner's bytes are.
///
/// Why: building a `String` for every key of every item was a tenth of reading a result file.
/// A name without escapes is compared as its raw UTF-8 bytes; one with escapes (rare) is
/// decoded once and compared as a `String`, as before. For the ASCII names the readers look
/// for, byte equality is the same test as `String` equality: no other character sequence is
/// canonically equivalent to lowercase ASCII letters, digits and `_`.
struct FieldName {
    private let bytes: UnsafeBufferPointer<UInt8>
    private let decoded: String?

    /// `start` is the opening quote, `end` just past the closing one; `skipString` has
    /// checked the string between.
    init(_ scanner: JSONScanner, start: Int, end: Int, escaped: Bool) throws(JSONSyntaxError) {
        bytes = UnsafeBufferPointer(start: scanner.bytes + start + 1, count: end - start - 2)
        if escaped {
            var reread = scanner
            reread.pos = start
            decoded = try reread.readString()
        } else {
            decoded = nil
        }
    }

    /// Whether this is the field `name` (ASCII).
    func `is`(_ name: StaticString) -> Bool {
        if let decoded { return decoded == name.description }
        let count = name.utf8CodeUnitCount
        guard bytes.count == count else { return false }
        let expected = name.utf8Start
        for k in 0..<count where bytes[k] != expected[k] { return false }
        return true
    }

    /// The name as a `String`, for messages and for readers that keep it.
    var string: String {
        decoded ?? String(decoding: bytes, as: UTF8.self)
    }
}

/// Why a value is not an item id (a schema problem, not a syntax error).
struct IDProblem: Error {
    var message: String
}
