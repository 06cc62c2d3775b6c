/// One value of a CSV record: its bytes with the quotes removed, `""` unescaped and CRLF inside
/// quotes turned into LF (so a value does not depend on the file's line-ending style).
struct CSVField: Equatable {
    var bytes: [UInt8]
    /// The 1-based line the value starts on.
    var line: Int
    var quoted: Bool
}

/// One record (row) of a CSV file.
struct CSVRecord: Equatable {
    /// The 1-based line the record starts on.
    var line: Int
    var fields: [CSVField]

    /// An empty line, or one holding only spaces: not a record anyone meant to write.
    var isBlank: Bool {
        fields.count == 1 && !fields[0].quoted && fields[0].bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }
}

/// A syntax problem: which record and which value of it, counting from 0.
struct CSVSyntaxProblem: Equatable {
    var record: Int
    var field: Int
    var line: Int
    var message: String
    /// Whether the problem ended the parse (a quoted value never closed).
    var endsParse = false
}

/// RFC 4180 CSV: comma-separated values, values with commas, quotes or line breaks in double
/// quotes, `""` for a quote inside quotes, records ended by CRLF or LF (a lone CR counts too).
/// Lenient where the meaning is plain: spaces around a quoted value are dropped, and a quote
/// inside an unquoted value (`12" display`) is kept as a character.
enum CSVParser {
    private static let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\""),
        cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n"), space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")

    /// Parses `bytes` from `start`. A quoted value that is never closed ends the parse: everything
    /// after its opening quote would be that one value, so neither it nor its record is returned.
    static func parse(_ bytes: [UInt8], from start: Int = 0) -> (records: [CSVRecord], problems: [CSVSyntaxProblem]) {
        var records: [CSVRecord] = []
        var problems: [CSVSyntaxProblem] = []
        let count = bytes.count
        var i = start
        guard i < count else { return (records, problems) }
        var line = 1
        var fields: [CSVField] = []
        var recordLine = 1
        while true {
            // One value.
            let fieldLine = line
            var value: [UInt8] = []
            var quoted = false
            var j = i
            while j < count && (bytes[j] == space || bytes[j] == tab) { j += 1 }
            if j < count && bytes[j] == quote {
                quoted = true
                i = j + 1
                var closed = false
                while i < count {
                    let byte = bytes[i]
                    if byte == quote {
                        if i + 1 < count && bytes[i + 1] == quote {
                            value.append(quote)
                            i += 2
                        } else {
                            i += 1
                            closed = true
                            break
                        }
                    } else if byte == cr && i + 1 < count && bytes[i + 1] == lf {
                        value.append(lf)
                        i += 2
                        line += 1
                    } else {
                        if byte == lf || byte == cr { line += 1 }
                        value.append(byte)
                        i += 1
                    }
                }
                if !closed {
                    problems.append(CSVSyntaxProblem(record: records.count, field: fields.count, line: fieldLine,
                        message: "a quoted value starts here but never ends: its closing quote (\") is missing, so the rest of the file would be this one value",
                        endsParse: true))
                    return (records, problems)
                }
                while i < count && (bytes[i] == space || bytes[i] == tab) { i += 1 }
                if i < count && bytes[i] != comma && bytes[i] != cr && bytes[i] != lf {
                    problems.append(CSVSyntaxProblem(record: records.count, field: fields.count, line: line,
                        message: "unexpected text after the closing quote of a quoted value; inside quotes, write a quote as two quotes (\"\")"))
                    while i < count && bytes[i] != comma && bytes[i] != cr && bytes[i] != lf {
                        value.append(bytes[i])
                        i += 1
                    }
                }
            } else {
                while i < count && bytes[i] != comma && bytes[i] != cr && bytes[i] != lf {
                    value.append(bytes[i])
                    i += 1
                }
            }
            fields.append(CSVField(bytes: value, line: fieldLine, quoted: quoted))
            // What ends the value: a comma, the end of the record, the end of the file.
            if i < count && bytes[i] == comma {
                i += 1
                continue
            }
            if i < count {
                if bytes[i] == cr && i + 1 < count && bytes[i + 1] == lf { i += 1 }
                i += 1
                line += 1
            }
            records.append(CSVRecord(line: recordLine, fields: fields))
            fields = []
            recordLine = line
            if i >= count { break }
        }
        return (records, problems)
    }
}

/// Where UTF-8 breaks, or nil: the offset of the first byte that does not begin a well-formed
/// character (a stray continuation byte, a lead byte without its continuation bytes, an overlong
/// form, a surrogate, a value above U+10FFFF).
func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
    var i = 0
    let count = bytes.count
    func continuation(_ k: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
        k < count && bytes[k] >= low && bytes[k] <= high
    }
    while i < count {
        let byte = bytes[i]
        switch byte {
        case 0x00...0x7F:
            i += 1
            continue
        case 0xC2...0xDF:
            guard continuation(i + 1) else { return i }
            i += 2
        case 0xE0...0xEF:
            let low: UInt8 = byte == 0xE0 ? 0xA0 : 0x80
            let high: UInt8 = byte == 0xED ? 0x9F : 0xBF
            guard continuation(i + 1, low, high) else { return i }
            guard continuation(i + 2) else { return i }
            i += 3
        case 0xF0...0xF4:
            let low: UInt8 = byte == 0xF0 ? 0x90 : 0x80
            let high: UInt8 = byte == 0xF4 ? 0x8F : 0xBF
            guard continuation(i + 1, low, high), continuation(i + 2), continuation(i + 3) else { return i }
            i += 4
        default:
            return i
        }
    }
    return nil
}
