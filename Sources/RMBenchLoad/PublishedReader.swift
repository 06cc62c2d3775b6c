import RMBenchCore

/// Reads our CSV format for published numbers (Data/published/README.md): one row per model,
/// a header row naming the columns, values in percent.
///
///     let rows = try PublishedReader.read(path: "Data/published/rm-bench-leaderboard-2025-07.csv")
///     rows[0].model     // "Skywork-Reward-V2-Llama-3.1-8B-40M"
///     rows[0].average   // 96
///
/// - UTF-8 (a leading byte order mark is dropped, as spreadsheets write one); RFC 4180 quoting;
///   CRLF or LF.
/// - Column names are matched ignoring case, surrounding spaces, and `_` versus space, with
///   aliases: `model` (`model_name`), `type` (`model type`), `license` (`license type`),
///   `url` (`model_url`, `link`), `chat`, `math`, `code`, `safety`, `easy`, `normal`, `hard`,
///   `average` (`overall`), `domain_avg`, `difficulty_avg`, `source` (`corroboration`,
///   `citation`), `flag` (`potentially score mismatch`, `notes`). Only `model` is required;
///   other columns are ignored.
/// - Numbers are percents in [0, 100] (a trailing `%` is allowed); `-`, `–`, `—`, `n/a` or an
///   empty value means not reported (nil). The same markers make a text value nil. A file
///   whose numbers (three or more, not all whole) all lie between 0 and 1 is refused: it holds
///   fractions (0.701, as RM-Bench's compute_accuracy prints), not percents.
/// - `type` becomes `ModelType(lenient:)`, its text kept in `typeLabel`; `url` is kept as given.
///
/// Every problem in the file is collected and thrown together; nothing is returned from a file
/// with problems.
public enum PublishedReader {
    public static func read(path: String) throws(InputProblems) -> [PublishedRow] {
        try parse(try FileBytes.contents(path: path), path: path)
    }

    /// Parses a file's bytes; `path` names the file in messages and in the rows.
    public static func parse(_ bytes: [UInt8], path: String) throws(InputProblems) -> [PublishedRow] {
        var reading = PublishedReading(path: path)
        let rows = reading.read(bytes)
        guard reading.problems.isEmpty else { throw InputProblems(reading.problems) }
        return rows
    }
}

/// A column of the published-numbers format.
enum PublishedColumn: CaseIterable {
    case model, type, license, url, chat, math, code, safety, easy, normal, hard, average
    case domainAverage, difficultyAverage, source, flag

    /// The name our files use.
    var name: String {
        switch self {
        case .domainAverage: "domain_avg"
        case .difficultyAverage: "difficulty_avg"
        default: "\(self)"
        }
    }

    /// Accepted names, normalized (lower case, `_` as space, single spaces).
    var names: [String] {
        switch self {
        case .model: ["model", "model name"]
        case .type: ["type", "model type"]
        case .license: ["license", "license type"]
        case .url: ["url", "model url", "link"]
        case .average: ["average", "overall"]
        case .domainAverage: ["domain avg"]
        case .difficultyAverage: ["difficulty avg"]
        case .source: ["source", "corroboration", "citation"]
        case .flag: ["flag", "potentially score mismatch", "notes"]
        default: [name]
        }
    }

    private static let byName: [String: PublishedColumn] = {
        var table: [String: PublishedColumn] = [:]
        for column in allCases {
            for name in column.names { table[name] = column }
        }
        return table
    }()

    init?(header: String) {
        guard let column = Self.byName[Self.normalize(header)] else { return nil }
        self = column
    }

    static func normalize(_ header: String) -> String {
        header.lowercased()
            .split(whereSeparator: { $0 == "_" || $0.isWhitespace })
            .joined(separator: " ")
    }
}

/// The state of reading one published-numbers file.
struct PublishedReading {
    let path: String
    var problems: [InputProblem] = []
    /// Header text (trimmed) of each column, for messages.
    private var headers: [String] = []
    /// What each column of the file holds, nil for columns we ignore.
    private var columns: [PublishedColumn?] = []
    private var modelLines: [String: (line: Int, model: String)] = [:]
    private var numbers = 0
    private var fractional = false
    private var largestNumber: (value: Double, text: String, line: Int, column: String)?

    init(path: String) {
        self.path = path
    }

    private mutating func problem(_ location: InputLocation, _ message: String) {
        problems.append(InputProblem(file: path, location: location, message: message))
    }

    mutating func read(_ bytes: [UInt8]) -> [PublishedRow] {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            problem(.file, "the file is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8")
            return []
        }
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let (records, syntaxProblems) = CSVParser.parse(bytes, from: start)
        guard let headerIndex = records.firstIndex(where: { !$0.isBlank }) else {
            for syntax in syntaxProblems { problem(.row(line: syntax.line, column: nil), syntax.message) }
            if syntaxProblems.isEmpty {
                problem(.file, "the file is empty; expected a header row (e.g. model,type,chat,math,code,safety,easy,normal,hard,average) and one row per model")
            }
            return []
        }
        readHeader(records[headerIndex])
        for syntax in syntaxProblems {
            let column = syntax.record > headerIndex && syntax.field < headers.count ? headers[syntax.field] : nil
            problem(.row(line: syntax.line, column: column), syntax.message)
        }
        var rows: [PublishedRow] = []
        var rowCount = 0
        for record in records[(headerIndex + 1)...] where !record.isBlank {
            rowCount += 1
            if let row = readRow(record) { rows.append(row) }
        }
        if rowCount == 0 && !syntaxProblems.contains(where: \.endsParse) {
            problem(.file, "no rows: the file holds only the header row; add one row per model")
        }
        // RM-Bench's own output (compute_accuracy, RM-R1's final_result.json) holds fractions;
        // no reward model's percents are all at most 1.
        if numbers >= 3, fractional, let largest = largestNumber, largest.value <= 1 {
            problem(.file, "every number in the file is between 0 and 1 (the largest is \(shown(largest.text)) on line \(largest.line), column \"\(largest.column)\"): these look like fractions, but the values are percents; multiply them by 100")
        }
        // In the order of the file; problems with the file as a whole last.
        problems = problems.enumerated().sorted { a, b in
            let (lineA, lineB) = (a.element.location.line ?? Int.max, b.element.location.line ?? Int.max)
            return lineA != lineB ? lineA < lineB : a.offset < b.offset
        }.map(\.element)
        return rows
    }

    // MARK: Header

    private mutating func readHeader(_ record: CSVRecord) {
        var firstOf: [PublishedColumn: String] = [:]
        for field in record.fields {
            let header = text(field, column: nil).map(trimmed) ?? ""
            headers.append(header)
            var column = PublishedColumn(header: header)
            if let known = column {
                if let first = firstOf[known] {
                    problem(.row(line: record.line, column: header),
                        PublishedColumn.normalize(first) == PublishedColumn.normalize(header)
                            ? "the header names this column twice; keep one of them"
                            : "this is a second \(known.name) column (the first is \"\(first)\"); keep one of them")
                    column = nil
                } else {
                    firstOf[known] = header
                }
            }
            columns.append(column)
        }
        if firstOf[.model] == nil {
            problem(.row(line: record.line, column: nil),
                "the header has no \"model\" column (also accepted: \"model_name\", \"model name\"); found \(headers.map { "\"\($0)\"" }.joined(separator: ", "))")
        }
    }

    // MARK: Rows

    private mutating func readRow(_ record: CSVRecord) -> PublishedRow? {
        guard record.fields.count == headers.count else {
            let found = record.fields.count
            problem(.row(line: record.line, column: nil), found > headers.count
                ? "found \(found) values, but the header has \(headers.count) columns; a value that contains a comma must be in double quotes"
                : "found \(found) values, but the header has \(headers.count) columns; every row needs one value per column (an empty value keeps its comma)")
            return nil
        }
        var row = PublishedRow(model: "", file: path, line: record.line)
        var valid = true
        var hasModel = false
        for (index, field) in record.fields.enumerated() {
            guard let column = columns[index] else { continue }
            let header = headers[index]
            guard let raw = text(field, column: header) else {
                valid = false
                continue
            }
            let value = trimmed(raw)
            switch column {
            case .model:
                hasModel = true
                let value: String
                do throws(NameRule.Refusal) {
                    value = trimmed(try NameRule.cleaned(raw))
                } catch {
                    problem(.row(line: record.line, column: header), "the model name \(error)")
                    valid = false
                    continue
                }
                if value.isEmpty {
                    problem(.row(line: record.line, column: header), "the model name is empty")
                    valid = false
                } else if let first = modelLines[value.lowercased()] {
                    let spelling = first.model == value ? "" : " (there as \"\(first.model)\"; names are compared ignoring case)"
                    problem(.row(line: record.line, column: header),
                        "the model \"\(value)\" is also on line \(first.line)\(spelling); each model may appear once")
                    valid = false
                } else {
                    modelLines[value.lowercased()] = (record.line, value)
                    row.model = value
                }
            case .type:
                row.typeLabel = reported(value)
                row.type = row.typeLabel.map(ModelType.init(lenient:)) ?? .unknown
            case .license: row.license = reported(value)
            case .url: row.url = reported(value)
            case .source: row.source = reported(value)
            case .flag: row.flag = reported(value)
            default:
                switch percent(value) {
                case .notReported:
                    break
                case .value(let number):
                    numbers += 1
                    if number != number.rounded() { fractional = true }
                    if largestNumber == nil || number > largestNumber!.value {
                        largestNumber = (number, value, record.line, header)
                    }
                    row.setPercent(number, for: column)
                case .invalid:
                    problem(.row(line: record.line, column: header),
                        "expected a percent between 0 and 100 or \"-\" for not reported, found \(shown(value))")
                    valid = false
                }
            }
        }
        return valid && hasModel ? row : nil
    }

    /// A value's text, or nil after reporting that it is not UTF-8.
    private mutating func text(_ field: CSVField, column: String?) -> String? {
        guard let bad = firstInvalidUTF8(field.bytes) else {
            return String(decoding: field.bytes, as: UTF8.self)
        }
        let line = field.line + field.bytes[..<bad].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        let hex = String(field.bytes[bad], radix: 16, uppercase: true)
        problem(.row(line: line, column: column),
            "the text is not valid UTF-8 (byte 0x\(hex.count == 1 ? "0" : "")\(hex)); save the file as UTF-8")
        return nil
    }

    private enum Percent {
        case notReported
        case value(Double)
        case invalid
    }

    private func percent(_ text: String) -> Percent {
        if reported(text) == nil { return .notReported }
        return plainPercent(text).map(Percent.value) ?? .invalid
    }
}

private extension InputLocation {
    var line: Int? {
        switch self {
        case .file: nil
        case .position(let line, _), .row(let line, _): line
        }
    }
}

/// Nil for the markers of a value not reported: empty, `-`, `–`, `—`, `n/a`.
private func reported(_ text: String) -> String? {
    switch text.lowercased() {
    case "", "-", "\u{2013}", "\u{2014}", "n/a": nil
    default: text
    }
}

/// A plain decimal percent in [0, 100], with an optional trailing `%`: no exponents,
/// hexadecimal, "inf" or "nan", which `Double(_:)` would take.
func plainPercent(_ text: String) -> Double? {
    var number = Substring(text)
    if number.last == "%" { number = Substring(trimmed(String(number.dropLast()))) }
    var digits = 0
    var points = 0
    for (offset, character) in number.enumerated() {
        switch character {
        case "0"..."9": digits += 1
        case ".": points += 1
        case "+" where offset == 0, "-" where offset == 0: break
        default: return nil
        }
    }
    guard digits > 0, points <= 1, let value = Double(String(number)), value >= 0, value <= 100 else { return nil }
    return value
}

/// Without leading and trailing whitespace.
func trimmed(_ text: String) -> String {
    let characters = Substring(text)
    guard let first = characters.firstIndex(where: { !$0.isWhitespace }),
        let last = characters.lastIndex(where: { !$0.isWhitespace })
    else { return "" }
    return String(characters[first...last])
}

/// A value as messages show it: in quotes, with quotes and line breaks escaped, shortened.
private func shown(_ text: String) -> String {
    var escaped = ""
    for character in text {
        switch character {
        case "\"": escaped += "\\\""
        case "\n": escaped += "\\n"
        case "\r\n": escaped += "\\r\\n"
        case "\r": escaped += "\\r"
        case "\t": escaped += "\\t"
        default: escaped.append(character)
        }
    }
    if escaped.count > 60 { escaped = String(escaped.prefix(57)) + "…" }
    return "\"\(escaped)\""
}

extension PublishedRow {
    /// Stores a percent read for one of the number columns (the text columns are no numbers).
    mutating func setPercent(_ number: Double, for column: PublishedColumn) {
        switch column {
        case .chat: chat = number
        case .math: math = number
        case .code: code = number
        case .safety: safety = number
        case .easy: easy = number
        case .normal: normal = number
        case .hard: hard = number
        case .average: average = number
        case .domainAverage: domainAverage = number
        case .difficultyAverage: difficultyAverage = number
        case .model, .type, .license, .url, .source, .flag: break
        }
    }
}
