import RMBenchCore

/// Reads published numbers from a GitHub-flavoured Markdown pipe table, such as the official
/// leaderboard's README (github THU-KEG/RM-Bench-Leaderboard):
///
///     | Model Name                      | Model Type | Chat | … | Overall | Potentially Score Mismatch | License Type |
///     |:--------------------------------|:-----------|:-----|---|--------:|:---------------------------|:-------------|
///     | [Skywork-Reward-V2-Llama-3.1-8B](https://arxiv.org/pdf/2507.01352) | Scalar RM | - | … | 92.8 | Not Available | Open Weight |
///
///     let rows = try MarkdownTableReader.read(path: "README.md")
///     rows[0].url   // "https://arxiv.org/pdf/2507.01352"
///
/// - The first table whose header has a model column is read; text outside it (and tables in
///   fenced code blocks) is ignored. A table is a header row, a delimiter row (`---`, `:--`,
///   `--:`, `:-:` cells, as many as the header has), and the rows up to the first blank line
///   or line without a `|`.
/// - Cells are split at `|`; `\|` is a `|` inside a cell; the outer pipes are optional.
/// - Column names as in the CSV format (`PublishedReader`): ignoring case, `_` versus space,
///   with the same aliases (`Model Name`, `Model Type`, `License Type`, `Overall`, `Domain Avg`,
///   `Difficulty Avg`…); other columns are ignored.
/// - A model cell `[name](url)` gives the model and its URL (a `url` column, when present
///   and reported, wins). Numbers are percents in [0, 100]; `-`, `–`, `—`, `n/a` or an empty
///   cell mean not reported.
/// - A `Potentially Score Mismatch` column becomes the flag `Potentially Score Mismatch: <value>`,
///   as in Data/published; a `flag` or `notes` column is kept as written.
///
/// Every row must have as many cells as the header. All problems are collected.
public enum MarkdownTableReader {
    public static func read(path: String) throws(InputProblems) -> [PublishedRow] {
        try parse(try FileBytes.contents(path: path), path: path)
    }

    public static func parse(_ bytes: [UInt8], path: String) throws(InputProblems) -> [PublishedRow] {
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        if let bad = firstInvalidUTF8(Array(bytes[start...])) {
            let line = 1 + bytes[start..<(start + bad)].count(where: { $0 == 0x0A })
            throw InputProblems([InputProblem(file: path, location: .row(line: line, column: nil),
                message: "the text is not valid UTF-8 (byte 0x\(String(bytes[start + bad], radix: 16, uppercase: true))); save the file as UTF-8")])
        }
        let text = String(decoding: bytes[start...], as: UTF8.self)
        var lines: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lines.append(line.last == "\r" ? line.dropLast() : line)
        }
        var reading = MarkdownTableReading(path: path)
        let rows = reading.read(lines)
        guard reading.problems.isEmpty else { throw InputProblems(reading.problems) }
        return rows
    }

    /// The cells of a table line: split at unescaped `|`, outer pipes dropped, trimmed, `\|`
    /// unescaped. Nil when the line has no unescaped `|`.
    static func cells(_ line: Substring) -> [String]? {
        var cells: [String] = []
        var current = ""
        var iterator = line.makeIterator()
        while let character = iterator.next() {
            if character == "\\" {
                let next = iterator.next()
                if next == "|" {
                    current.append("|")
                } else {
                    current.append(character)
                    if let next { current.append(next) }
                }
            } else if character == "|" {
                cells.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        guard !cells.isEmpty else { return nil }
        cells.append(current)
        // The text before the first pipe and after the last one is blank when the row has
        // outer pipes: those are not cells.
        if trimmed(cells[0]).isEmpty { cells.removeFirst() }
        if let last = cells.last, trimmed(last).isEmpty { cells.removeLast() }
        return cells.map(trimmed)
    }

    /// Whether the cells form a delimiter row: each `-`s with optional `:` at either end.
    static func isDelimiter(_ cells: [String]) -> Bool {
        !cells.isEmpty && cells.allSatisfy { cell in
            var body = Substring(cell)
            if body.first == ":" { body = body.dropFirst() }
            if body.last == ":" { body = body.dropLast() }
            return !body.isEmpty && body.allSatisfy { $0 == "-" }
        }
    }
}


/// The state of reading one Markdown file.
private struct MarkdownTableReading {
    let path: String
    var problems: [InputProblem] = []
    private var modelLines: [String: (line: Int, model: String)] = [:]

    init(path: String) {
        self.path = path
    }

    private mutating func problem(_ line: Int, _ column: String?, _ message: String) {
        problems.append(InputProblem(file: path, location: .row(line: line, column: column), message: message))
    }

    mutating func read(_ lines: [Substring]) -> [PublishedRow] {
        var fence: Substring?
        var k = 0
        var sawTable = false
        while k + 1 < lines.count {
            let line = lines[k]
            let stripped = line.drop(while: { $0 == " " })
            // Fenced code blocks hold examples, not data.
            if let open = fence {
                if stripped.hasPrefix(open) { fence = nil }
                k += 1
                continue
            }
            if stripped.hasPrefix("```") || stripped.hasPrefix("~~~") {
                fence = stripped.prefix(3)
                k += 1
                continue
            }
            guard let header = MarkdownTableReader.cells(line), let delimiter = MarkdownTableReader.cells(lines[k + 1]),
                MarkdownTableReader.isDelimiter(delimiter)
            else {
                k += 1
                continue
            }
            sawTable = true
            let columns = header.map { PublishedColumn(header: $0) }
            guard columns.contains(.model) else {
                // Another table (a changelog, a legend): skip it.
                k += 2
                while k < lines.count, !lines[k].allSatisfy(\.isWhitespace), MarkdownTableReader.cells(lines[k]) != nil { k += 1 }
                continue
            }
            if delimiter.count != header.count {
                problem(k + 2, nil, "the delimiter row has \(delimiter.count) cells but the header row has \(header.count); a table needs one delimiter cell (---) per column")
                return []
            }
            return readTable(header: header, columns: columns, lines: lines, headerIndex: k)
        }
        problems.append(InputProblem(file: path, location: .file, message: sawTable
            ? "no table with a model column (\"Model\" or \"Model Name\") found; the tables here have other columns"
            : "no Markdown table found: expected a header row, a delimiter row (| --- | --- |) and one row per model"))
        return []
    }

    private mutating func readTable(header: [String], columns: [PublishedColumn?], lines: [Substring], headerIndex: Int) -> [PublishedRow] {
        var used: [PublishedColumn: String] = [:]
        var columns = columns
        for (index, column) in columns.enumerated() {
            guard let column else { continue }
            if let first = used[column] {
                problem(headerIndex + 1, header[index], "this is a second \(column.name) column (the first is \"\(first)\"); keep one of them")
                columns[index] = nil
            } else {
                used[column] = header[index]
            }
        }
        var rows: [PublishedRow] = []
        var k = headerIndex + 2
        while k < lines.count, !lines[k].allSatisfy(\.isWhitespace), let cells = MarkdownTableReader.cells(lines[k]) {
            let lineNumber = k + 1
            k += 1
            guard cells.count == header.count else {
                problem(lineNumber, nil, "found \(cells.count) cells, but the header has \(header.count) columns; write a `|` inside a cell as `\\|`, and keep empty cells")
                continue
            }
            if let row = readRow(cells, header: header, columns: columns, line: lineNumber) { rows.append(row) }
        }
        if rows.isEmpty && problems.isEmpty {
            problem(headerIndex + 1, nil, "the table has no rows; add one row per model below the delimiter row")
        }
        return rows
    }

    private mutating func readRow(_ cells: [String], header: [String], columns: [PublishedColumn?], line: Int) -> PublishedRow? {
        var row = PublishedRow(model: "", file: path, line: line)
        var valid = true
        var linkURL: String?
        for (index, cell) in cells.enumerated() {
            guard let column = columns[index] else { continue }
            let name = header[index]
            switch column {
            case .model:
                var model = cell
                if let link = Self.link(cell) {
                    model = link.text
                    linkURL = link.url
                }
                do throws(NameRule.Refusal) {
                    model = trimmed(try NameRule.cleaned(model))
                } catch {
                    problem(line, name, "the model name \(error)")
                    valid = false
                    continue
                }
                if model.isEmpty {
                    problem(line, name, "the model name is empty")
                    valid = false
                } else if let first = modelLines[model.lowercased()] {
                    let spelling = first.model == model ? "" : " (there as \"\(first.model)\"; names are compared ignoring case)"
                    problem(line, name, "the model \"\(model)\" is also on line \(first.line)\(spelling); each model may appear once")
                    valid = false
                } else {
                    modelLines[model.lowercased()] = (line, model)
                    row.model = model
                }
            case .type:
                row.typeLabel = reported(cell)
                row.type = row.typeLabel.map(ModelType.init(lenient:)) ?? .unknown
            case .license: row.license = reported(cell)
            case .url: row.url = reported(cell)
            case .source: row.source = reported(cell)
            case .flag:
                let normalized = PublishedColumn.normalize(name)
                row.flag = reported(cell).map { normalized == "flag" || normalized == "notes" ? $0 : "\(name): \($0)" }
            default:
                guard let text = reported(cell) else { continue }
                if let number = plainPercent(text) {
                    row.setPercent(number, for: column)
                } else {
                    problem(line, name, "expected a percent between 0 and 100 or \"-\" for not reported, found \"\(text)\"")
                    valid = false
                }
            }
        }
        if row.url == nil { row.url = linkURL }
        return valid ? row : nil
    }

    /// `[text](url)` or `[text](url "title")` filling the whole cell.
    static func link(_ cell: String) -> (text: String, url: String)? {
        guard cell.hasPrefix("["), cell.hasSuffix(")") else { return nil }
        let characters = Array(cell)
        guard let middle = (1..<characters.count - 1).last(where: { characters[$0 - 1] == "]" && characters[$0] == "(" }) else {
            return nil
        }
        let text = String(characters[1..<(middle - 1)])
        var destination = String(characters[(middle + 1)..<(characters.count - 1)])
        if let space = destination.firstIndex(of: " ") { destination = String(destination[..<space]) }
        if destination.hasPrefix("<") && destination.hasSuffix(">") { destination = String(destination.dropFirst().dropLast()) }
        return (trimmed(text), destination)
    }

}

/// Nil for the markers of a value not reported: empty, `-`, `–`, `—`, `n/a`.
private func reported(_ text: String) -> String? {
    switch text.lowercased() {
    case "", "-", "\u{2013}", "\u{2014}", "n/a": nil
    default: text
    }
}
