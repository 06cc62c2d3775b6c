import RMBenchCore

/// Reads the hand-edited model metadata file (`Data/models.toml`): a strict subset of TOML,
/// documented in docs/input-formats.md.
///
///     # Reward models on the site
///     [[model]]
///     name = "RM-R1-Qwen2.5-Instruct-32B"
///     display_name = "RM-R1 Qwen2.5-Instruct 32B"
///     aliases = ["RM-R1-Qwen-Instruct-32B"]   # the leaderboard's spelling
///     kind = "generative-judge"
///     parameters = "32B"
///
///     let models = try ModelMetadataReader.read(path: "Data/models.toml")
///
/// The subset: `[[model]]` blocks; `key = value` lines with bare keys; values `"basic
/// strings"` (TOML escapes), integers (`_` between digits allowed) and lists of strings
/// (`["a", "b"]`, may span lines, trailing comma allowed); `#` comments; blank lines. Anything
/// else TOML has (floats, booleans, single-quoted or multi-line strings, tables, dotted keys)
/// is an error naming what was found, so every file we accept means the same to any TOML
/// reader.
///
/// The keys (see `keys`): `name` (required), `display_name`, `aliases`, `type`
/// (sequence-classifier, dpo, generative, baseline), `kind` (sequence-classifier,
/// dpo-with-reference, dpo-without-reference, generative-judge, baseline; implies `type`),
/// `base_model`, `parameters` (an integer, or a string such as "8B", "1.5B", "560M"),
/// `license`, `url` (http or https), `family`, `reference`, `notes`. An unknown key is an error
/// listing the allowed ones; a key given twice in a block is an error; names and aliases must
/// be unique across all models, ignoring case.
public enum ModelMetadataReader {
    public static let keys = ["name", "display_name", "aliases", "type", "kind", "base_model", "parameters",
                              "license", "url", "family", "reference", "notes"]

    public static func read(path: String) throws(InputProblems) -> [ModelMetadata] {
        try parse(try FileBytes.contents(path: path), path: path)
    }

    public static func parse(_ bytes: [UInt8], path: String) throws(InputProblems) -> [ModelMetadata] {
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        let body = Array(bytes[start...])
        if let bad = firstInvalidUTF8(body) {
            let line = 1 + body[..<bad].count(where: { $0 == 0x0A })
            let hex = String(body[bad], radix: 16, uppercase: true)
            throw InputProblems([InputProblem(file: path, location: .position(line: line, column: 1 + body[..<bad].reversed().prefix(while: { $0 != 0x0A }).count(where: { $0 & 0xC0 != 0x80 })),
                message: "the text is not valid UTF-8 (byte 0x\(hex.count == 1 ? "0" : "")\(hex)); save the file as UTF-8")])
        }
        var parser = TOMLSubsetParser(text: String(decoding: body, as: UTF8.self))
        parser.parse()
        var problems = parser.problems.map { InputProblem(file: path, location: .position(line: $0.at.line, column: $0.at.column), message: $0.message) }
        var reading = MetadataReading(path: path)
        let models = reading.read(parser.blocks)
        problems += reading.problems
        guard problems.isEmpty else {
            throw InputProblems(problems.sorted { $0.location.sortKey < $1.location.sortKey })
        }
        return models
    }
}

private extension InputLocation {
    var sortKey: Int {
        switch self {
        case .file: Int.max
        case .position(let line, let column): line << 20 | min(column, 1 << 20 - 1)
        case .row(let line, _): line << 20
        }
    }
}

// MARK: The TOML subset

struct TOMLPosition: Equatable {
    var line: Int
    var column: Int
}

enum TOMLValue {
    case string(String)
    case integer(Int)
    case strings([(text: String, at: TOMLPosition)])

    var kind: String {
        switch self {
        case .string: "a string"
        case .integer: "an integer"
        case .strings: "a list"
        }
    }
}

struct TOMLEntry {
    var key: String
    var keyAt: TOMLPosition
    var value: TOMLValue
    var valueAt: TOMLPosition
}

struct TOMLBlock {
    var at: TOMLPosition
    var entries: [TOMLEntry] = []
    /// Keys whose line had a syntax error (already reported).
    var failedKeys: Set<String> = []
}

/// Parses the subset into `[[model]]` blocks; collects syntax problems, going on at the next
/// line after each.
struct TOMLSubsetParser {
    private let scalars: [Unicode.Scalar]
    private var i = 0
    private var line = 1
    private var lineStart = 0
    /// The key of the line being read, for `failedKeys`.
    private var lineKey: String?
    var blocks: [TOMLBlock] = []
    var problems: [(at: TOMLPosition, message: String)] = []

    init(text: String) {
        scalars = Array(text.unicodeScalars)
    }

    private struct SyntaxError: Error {
        var at: TOMLPosition
        var message: String
    }

    private var here: TOMLPosition { TOMLPosition(line: line, column: i - lineStart + 1) }
    private var current: Unicode.Scalar? { i < scalars.count ? scalars[i] : nil }

    private func found() -> String {
        guard let c = current else { return "the end of the file" }
        switch c {
        case "\n": return "the end of the line"
        case "\r": return "a carriage return"
        case "\t": return "a tab"
        case " ": return "a space"
        default: return "'\(c)'"
        }
    }

    private mutating func advance() {
        if current == "\n" {
            line += 1
            lineStart = i + 1
        }
        i += 1
    }

    private mutating func skipSpaces() {
        while let c = current, c == " " || c == "\t" { advance() }
    }

    /// Spaces, an optional comment, then a line break (or the end of the file).
    private mutating func endOfLine(after what: String) throws(SyntaxError) {
        skipSpaces()
        if current == "#" { while let c = current, c != "\n" { advance() } }
        if current == "\r" && i + 1 < scalars.count && scalars[i + 1] == "\n" { advance() }
        guard current == nil || current == "\n" else {
            throw SyntaxError(at: here, message: "expected the end of the line after \(what), found \(found()); put one key = value per line (a comment starts with #)")
        }
        if current == "\n" { advance() }
    }

    private static func isBare(_ c: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c) || c == "_" || c == "-"
    }

    mutating func parse() {
        while current != nil {
            skipSpaces()
            guard let c = current else { break }
            lineKey = nil
            do throws(SyntaxError) {
                switch c {
                case "\n":
                    advance()
                case "\r":
                    try endOfLine(after: "nothing")
                case "#":
                    try endOfLine(after: "a comment")
                case "[":
                    try header()
                default:
                    try keyValue()
                }
            } catch {
                problems.append((error.at, error.message))
                if let key = lineKey, let block = blocks.indices.last { blocks[block].failedKeys.insert(key) }
                // Go on at the next line.
                while let c = current, c != "\n" { advance() }
            }
        }
    }

    private mutating func header() throws(SyntaxError) {
        let at = here
        var text = ""
        while let c = current, c != "\n", c != "#" {
            text.unicodeScalars.append(c)
            advance()
        }
        let trimmed = text.tomlTrimmed()
        if trimmed.hasPrefix("[[") && trimmed.hasSuffix("]]") {
            let name = String(trimmed.dropFirst(2).dropLast(2)).tomlTrimmed()
            guard name == "model" else {
                throw SyntaxError(at: at, message: "unknown table [[\(name)]]; this file holds [[model]] blocks only")
            }
            blocks.append(TOMLBlock(at: at))
            try endOfLine(after: "[[model]]")
            return
        }
        throw SyntaxError(at: at, message: "expected [[model]], found \(trimmed); this file holds [[model]] blocks only (a single [table] is not used)")
    }

    private mutating func keyValue() throws(SyntaxError) {
        let keyAt = here
        guard let first = current, Self.isBare(first) else {
            if current == "\"" || current == "'" {
                throw SyntaxError(at: keyAt, message: "quoted keys are not used here; write the key bare, like license = \"MIT\"")
            }
            throw SyntaxError(at: keyAt, message: "expected a key (like name = \"…\"), a [[model]] header, a comment (#) or a blank line, found \(found())")
        }
        var key = ""
        while let c = current, Self.isBare(c) {
            key.unicodeScalars.append(c)
            advance()
        }
        lineKey = key
        skipSpaces()
        if current == "." {
            throw SyntaxError(at: here, message: "dotted keys are not used here; write one key per line, like license = \"MIT\"")
        }
        guard current == "=" else {
            throw SyntaxError(at: here, message: "expected '=' after the key \(key), found \(found())")
        }
        advance()
        skipSpaces()
        let valueAt = here
        let value = try readValue()
        guard let block = blocks.indices.last else {
            throw SyntaxError(at: keyAt, message: "\(key) = … comes before the first [[model]] line; every key belongs to a [[model]] block")
        }
        try endOfLine(after: "the value of \(key)")
        blocks[block].entries.append(TOMLEntry(key: key, keyAt: keyAt, value: value, valueAt: valueAt))
    }

    private mutating func readValue() throws(SyntaxError) -> TOMLValue {
        guard let c = current, c != "\n", c != "#" else {
            throw SyntaxError(at: here, message: "expected a value after '=', found \(found())")
        }
        switch c {
        case "\"":
            return .string(try readString())
        case "[":
            return .strings(try readList())
        case "0"..."9", "+", "-":
            return .integer(try readInteger())
        default:
            throw unsupported()
        }
    }

    /// What a value that is TOML but not our subset is, in words.
    private mutating func unsupported() -> SyntaxError {
        let at = here
        var word = ""
        while let c = current, c != "\n", c != ",", c != "]", c != "#", c != " " {
            word.unicodeScalars.append(c)
            advance()
        }
        let what: String
        switch word {
        case "true", "false": what = "a boolean"
        case let w where w.hasPrefix("'"): what = "a single-quoted string"
        case let w where w.hasPrefix("{"): what = "an inline table"
        default: what = "\(word.isEmpty ? "nothing" : "'\(word)'")"
        }
        return SyntaxError(at: at, message: "unsupported value: found \(what); values here are \"double-quoted strings\", integers and [\"lists\", \"of strings\"]")
    }

    private mutating func readString() throws(SyntaxError) -> String {
        let start = here
        if i + 2 < scalars.count && scalars[i + 1] == "\"" && scalars[i + 2] == "\"" {
            throw SyntaxError(at: start, message: "multi-line strings (\"\"\") are not used here; write the value on one line, with \\n for a line break")
        }
        advance()
        var text = ""
        while true {
            guard let c = current, c != "\n" else {
                throw SyntaxError(at: start, message: "unterminated string: it starts here and must end with \" on the same line")
            }
            if c == "\"" {
                advance()
                return text
            }
            if c == "\\" {
                let escapeAt = here
                advance()
                guard let kind = current, kind != "\n" else {
                    throw SyntaxError(at: escapeAt, message: "unterminated string: a \\ at the end of the line")
                }
                advance()
                switch kind {
                case "b": text += "\u{08}"
                case "t": text += "\t"
                case "n": text += "\n"
                case "f": text += "\u{0C}"
                case "r": text += "\r"
                case "\"": text += "\""
                case "\\": text += "\\"
                case "u", "U":
                    let length = kind == "u" ? 4 : 8
                    var value: UInt32 = 0
                    for _ in 0..<length {
                        guard let digit = current, let hex = UInt32(String(digit), radix: 16) else {
                            throw SyntaxError(at: escapeAt, message: "\\\(kind) needs \(length) hex digits")
                        }
                        value = value << 4 | hex
                        advance()
                    }
                    guard let scalar = Unicode.Scalar(value) else {
                        throw SyntaxError(at: escapeAt, message: "\\\(kind) escape is not a Unicode scalar value")
                    }
                    text.unicodeScalars.append(scalar)
                default:
                    throw SyntaxError(at: escapeAt, message: "invalid escape \\\(kind) in a string; the escapes are \\\" \\\\ \\n \\t \\r \\b \\f \\uXXXX \\UXXXXXXXX")
                }
                continue
            }
            if c.value < 0x20 && c != "\t" || c.value == 0x7F {
                throw SyntaxError(at: here, message: "control character U+\(String(c.value, radix: 16, uppercase: true)) inside a string; write it as an escape such as \\n")
            }
            text.unicodeScalars.append(c)
            advance()
        }
    }

    private mutating func readInteger() throws(SyntaxError) -> Int {
        let at = here
        var text = ""
        while let c = current, Self.isBare(c) || c == "+" || c == "." || c == ":" {
            text.unicodeScalars.append(c)
            advance()
        }
        var digits = Substring(text)
        var negative = false
        if digits.first == "+" || digits.first == "-" {
            negative = digits.first == "-"
            digits = digits.dropFirst()
        }
        let plain = digits.split(separator: "_", omittingEmptySubsequences: false)
        let wellFormed = !digits.isEmpty && plain.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }
            && !(digits.count > 1 && digits.first == "0")
        guard wellFormed else {
            let what = text.contains(".") || text.contains("e") || text.contains("E") ? "a float" : (text.contains(":") || text.filter({ $0 == "-" }).count > 1 ? "a date or time" : "'\(text)'")
            throw SyntaxError(at: at, message: "unsupported value: found \(what); values here are \"double-quoted strings\", integers (like 8030261248 or 8_030_261_248) and [\"lists\", \"of strings\"]")
        }
        guard let magnitude = Int(plain.joined()) else {
            throw SyntaxError(at: at, message: "the integer \(text) is too large")
        }
        return negative ? -magnitude : magnitude
    }

    private mutating func readList() throws(SyntaxError) -> [(text: String, at: TOMLPosition)] {
        let start = here
        advance()
        var elements: [(text: String, at: TOMLPosition)] = []
        while true {
            try skipListSpace(start)
            if current == "]" {
                advance()
                return elements
            }
            guard current == "\"" else {
                if current == nil {
                    throw SyntaxError(at: start, message: "unterminated list: it starts at line \(start.line), column \(start.column) and has no closing ]")
                }
                if current == "[" {
                    throw SyntaxError(at: here, message: "nested lists are not used here; a list holds strings")
                }
                if current == "0" || ("1"..."9").contains(current!) || current == "-" || current == "+" {
                    throw SyntaxError(at: here, message: "a list here holds strings only; found a number (write it in quotes if it is a name)")
                }
                throw SyntaxError(at: here, message: "expected a string or ']' in the list, found \(found())")
            }
            let at = here
            elements.append((try readString(), at))
            try skipListSpace(start)
            if current == "," {
                advance()
            } else if current != "]" {
                throw SyntaxError(at: current == nil ? start : here, message: current == nil
                    ? "unterminated list: it starts at line \(start.line), column \(start.column) and has no closing ]"
                    : "expected ',' or ']' after a list element, found \(found())")
            }
        }
    }

    /// Inside a list: spaces, line breaks and comments.
    private mutating func skipListSpace(_ start: TOMLPosition) throws(SyntaxError) {
        while let c = current {
            if c == " " || c == "\t" || c == "\n" || c == "\r" {
                advance()
            } else if c == "#" {
                while let c = current, c != "\n" { advance() }
            } else {
                return
            }
        }
    }
}

private extension String {
    func tomlTrimmed() -> String {
        let scalars = Array(unicodeScalars)
        guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" && $0 != "\r" }),
            let last = scalars.lastIndex(where: { $0 != " " && $0 != "\t" && $0 != "\r" })
        else { return "" }
        var out = ""
        out.unicodeScalars.append(contentsOf: scalars[first...last])
        return out
    }
}

private extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

// MARK: From blocks to metadata

private struct MetadataReading {
    let path: String
    var problems: [InputProblem] = []

    init(path: String) {
        self.path = path
    }

    private mutating func problem(_ at: TOMLPosition, _ message: String) {
        problems.append(InputProblem(file: path, location: .position(line: at.line, column: at.column), message: message))
    }

    mutating func read(_ blocks: [TOMLBlock]) -> [ModelMetadata] {
        var models: [(ModelMetadata, [(String, TOMLPosition)])] = []
        for block in blocks {
            if let model = read(block) { models.append(model) }
        }
        checkUnique(models)
        return models.map(\.0)
    }

    private mutating func read(_ block: TOMLBlock) -> (ModelMetadata, [(String, TOMLPosition)])? {
        var model = ModelMetadata(name: "", file: path, line: block.at.line)
        var names: [(String, TOMLPosition)] = []
        var seen: [String: TOMLPosition] = [:]
        var valid = true
        var typeAt: TOMLPosition?
        var kindAt: TOMLPosition?
        for entry in block.entries {
            guard ModelMetadataReader.keys.contains(entry.key) else {
                problem(entry.keyAt, "unknown key \"\(entry.key)\"\(NameSuggestion.hint(entry.key, ModelMetadataReader.keys)); the allowed keys are \(ModelMetadataReader.keys.joined(separator: ", "))")
                valid = false
                continue
            }
            if let first = seen[entry.key] {
                problem(entry.keyAt, "\"\(entry.key)\" is already set on line \(first.line) of this [[model]] block; set it once")
                valid = false
                continue
            }
            seen[entry.key] = entry.keyAt
            func string() -> String? {
                guard case .string(let text) = entry.value else {
                    problem(entry.valueAt, "\"\(entry.key)\" must be a string in double quotes, found \(entry.value.kind)")
                    valid = false
                    return nil
                }
                if text.allSatisfy(\.isWhitespace) {
                    problem(entry.valueAt, "\"\(entry.key)\" is empty; leave the key out instead")
                    valid = false
                    return nil
                }
                return text
            }
            func name(_ text: String, at: TOMLPosition, _ what: String) -> String? {
                do throws(NameRule.Refusal) {
                    let cleaned = try NameRule.cleaned(text)
                    if cleaned.allSatisfy(\.isWhitespace) {
                        problem(at, "\(what) is empty once its invisible characters (zero-width, bidi controls) are removed")
                        valid = false
                        return nil
                    }
                    return cleaned
                } catch {
                    problem(at, "\(what) \(error)")
                    valid = false
                    return nil
                }
            }
            switch entry.key {
            case "name":
                if let text = string().flatMap({ name($0, at: entry.valueAt, "the name") }) {
                    model.name = text
                    names.append((text, entry.valueAt))
                }
            case "display_name": model.displayName = string().flatMap { name($0, at: entry.valueAt, "the display name") }
            case "aliases":
                guard case .strings(let elements) = entry.value else {
                    problem(entry.valueAt, "\"aliases\" must be a list of strings, like [\"other-name\"], found \(entry.value.kind)")
                    valid = false
                    continue
                }
                for element in elements {
                    if element.text.allSatisfy(\.isWhitespace) {
                        problem(element.at, "an alias is empty")
                        valid = false
                    } else if let alias = name(element.text, at: element.at, "an alias") {
                        model.aliases.append(alias)
                        names.append((alias, element.at))
                    }
                }
            case "type":
                guard let text = string() else { continue }
                let allowed = ModelType.allCases.filter { $0 != .unknown }
                if let type = ModelType(rawValue: text), type != .unknown {
                    model.type = type
                    typeAt = entry.valueAt
                } else {
                    problem(entry.valueAt, "\"type\" must be one of \(allowed.map(\.rawValue).joined(separator: ", ")); found \"\(text)\"")
                    valid = false
                }
            case "kind":
                guard let text = string() else { continue }
                if let kind = ModelKind(rawValue: text) {
                    model.kind = kind
                    kindAt = entry.valueAt
                } else {
                    problem(entry.valueAt, "\"kind\" must be one of \(ModelKind.allCases.map(\.rawValue).joined(separator: ", ")); found \"\(text)\"")
                    valid = false
                }
            case "base_model": model.baseModel = string()
            case "parameters":
                switch entry.value {
                case .integer(let count) where count > 0:
                    model.parameters = count
                case .string(let text):
                    if let count = Self.parameterCount(text) {
                        model.parameters = count
                    } else {
                        problem(entry.valueAt, "\"parameters\" must be a count such as \"8B\", \"1.5B\" or \"560M\" (or an integer), found \"\(text)\"")
                        valid = false
                    }
                default:
                    problem(entry.valueAt, "\"parameters\" must be a positive integer or a count such as \"8B\", found \(entry.value.kind == "an integer" ? "an integer below 1" : entry.value.kind)")
                    valid = false
                }
            case "license": model.license = string()
            case "url":
                guard let text = string() else { continue }
                if (text.hasPrefix("https://") || text.hasPrefix("http://")) && !text.contains(where: \.isWhitespace) && text.count > 8 {
                    model.url = text
                } else {
                    problem(entry.valueAt, "\"url\" must be an http:// or https:// address without spaces, found \"\(text)\"")
                    valid = false
                }
            case "family": model.family = string()
            case "reference": model.reference = string()
            case "notes": model.notes = string()
            default: break
            }
        }
        if let kind = model.kind, let type = model.type, kind.type != type, let at = kindAt ?? typeAt {
            problem(at, "\"kind\" \(kind.rawValue) is a kind of \(kind.type.rawValue), but \"type\" says \(type.rawValue); leave out \"type\" (the kind implies it) or make them agree")
            valid = false
        }
        if model.type == nil { model.type = model.kind?.type }
        if seen["name"] == nil && !block.failedKeys.contains("name") {
            problem(block.at, "this [[model]] block has no \"name\"; every model needs name = \"…\"")
            valid = false
        }
        return valid ? (model, names) : nil
    }

    /// Names and aliases unique across models, ignoring case.
    private mutating func checkUnique(_ models: [(ModelMetadata, [(String, TOMLPosition)])]) {
        var owners: [String: (model: String, index: Int, line: Int, isName: Bool)] = [:]
        for (index, (model, names)) in models.enumerated() {
            for (k, (name, at)) in names.enumerated() {
                let what = k == 0 ? "the name" : "the alias"
                if let owner = owners[name.lowercased()] {
                    let theirs = owner.isName ? "the name" : "an alias"
                    if owner.index == index {
                        problem(at, "\(what) \"\(name)\" repeats \(theirs) of this model; give each name once")
                    } else {
                        problem(at, "\(what) \"\(name)\" of model \"\(model.name)\" is already \(theirs) of model \"\(owner.model)\" (line \(owner.line)); names and aliases must be unique across models, ignoring case")
                    }
                } else {
                    owners[name.lowercased()] = (model.name, index, at.line, k == 0)
                }
            }
        }
    }

    /// "8B" → 8_000_000_000, "1.5B" → 1_500_000_000, "560M" → 560_000_000.
    static func parameterCount(_ text: String) -> Int? {
        guard let unit = text.last, unit == "B" || unit == "M" else { return nil }
        let zeros = unit == "B" ? 9 : 6
        let parts = text.dropLast().split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }),
            let whole = Int(parts[0])
        else { return nil }
        var fraction = parts.count == 2 ? String(parts[1]) : ""
        guard fraction.count <= zeros else { return nil }
        fraction += String(repeating: "0", count: zeros - fraction.count)
        var scale = 1
        for _ in 0..<zeros { scale *= 10 }
        let (product, overflow) = whole.multipliedReportingOverflow(by: scale)
        guard !overflow, let small = Int(fraction), product + small > 0 else { return nil }
        return product + small
    }
}
