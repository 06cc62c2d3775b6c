import RMBenchCore

/// Reads our JSON Lines format for pairwise judge verdicts (docs/input-formats.md): one
/// comparison per line.
///
///     {"id": 7, "domain": "chat", "chosen_style": 0, "rejected_style": 2, "verdict": "chosen", "swapped_verdict": "tie"}
///
///     let run = try PairwiseVerdictReader.read(path: "Data/judges/my-judge.jsonl")
///     run.items[0][0, 2]?.swapped   // .tie
///
/// - `id` (integer or string) and `domain` (`chat`, `math`, `code`, `safety-refuse`,
///   `safety-response`; optional when the file name starts with the split name) key the item;
///   `subset` is optional and must be the same on every line of an item.
/// - `chosen_style`, `rejected_style`: 0 concise, 1 detailed plain, 2 detailed markdown.
/// - `verdict`: `"chosen"`, `"rejected"` or `"tie"`; the verdict of the first (or only) showing.
/// - `swapped_verdict` (optional, may be null): the verdict when the pair was shown again with
///   the positions exchanged, already mapped back to chosen/rejected.
/// - `extra` (optional, any value) is ignored; any other field is an error, so a misspelt
///   `swapped_verdict` cannot be dropped silently.
/// - Each (item, cell) at most once. Cells never given stay nil: the scorer reports them as
///   missing.
///
/// Blank lines are skipped. Every problem is collected, each with line:column and the line's
/// item; a syntax error ends only its own line.
public enum PairwiseVerdictReader {
    public static func read(path: String, model: String? = nil) throws(InputProblems) -> JudgeRun {
        try parse(try FileBytes.contents(path: path), path: path, model: model)
    }

    /// Parses a file's bytes; `path` names the file in messages and gives the model's name.
    public static func parse(_ bytes: [UInt8], path: String, model: String? = nil) throws(InputProblems) -> JudgeRun {
        var reading = PairwiseReading(path: path)
        JSONScanner.scanning(bytes) { reading.parse($0) }
        guard reading.problems.isEmpty else { throw InputProblems(reading.problems) }
        let name: String
        switch ModelIdentity.checkedModel(given: model, inferred: ModelIdentity(path: path).model, path: path) {
        case .success(let checked): name = checked
        case .failure(let problem): throw InputProblems([problem])
        }
        return JudgeRun(
            model: name,
            sources: [SourceFile(path: path, sha256: SHA256.hex(of: bytes))],
            items: reading.items)
    }

    static let fields = ["id", "domain", "subset", "chosen_style", "rejected_style", "verdict", "swapped_verdict", "extra"]
}

/// The state of reading one pairwise-verdict file.
struct PairwiseReading {
    let path: String
    let fileDomain: String?
    var problems: [InputProblem] = []
    var items: [JudgedItem] = []
    private var itemIndex: [ItemKey: Int] = [:]
    /// Line of each cell already given, per item.
    private var cellLines: [ItemKey: [[Int?]]] = [:]
    private var subsetLines: [ItemKey: Int] = [:]

    init(path: String) {
        self.path = path
        fileDomain = ModelIdentity(path: path).splitDomain
    }

    private mutating func problem(_ scanner: JSONScanner, at offset: Int, _ message: String) {
        let (line, column) = scanner.lineColumn(of: offset)
        problems.append(InputProblem(file: path, location: .position(line: line, column: column), message: message))
    }

    mutating func parse(_ start: JSONScanner) {
        var scanner = start
        if scanner.count == 0 {
            problems.append(InputProblem(file: path, location: .file,
                message: "the file is empty; expected one JSON object per line (JSON Lines) with \"id\", \"domain\", \"chosen_style\", \"rejected_style\" and \"verdict\""))
            return
        }
        if scanner.matches("\u{FEFF}", at: 0) {
            problems.append(InputProblem(file: path, location: .position(line: 1, column: 1),
                message: "the file starts with a UTF-8 byte order mark (EF BB BF), which JSON does not allow; save it as UTF-8 without BOM"))
            return
        }
        var lineNumber = 0
        var comparisons = 0
        while scanner.pos < scanner.count {
            lineNumber += 1
            let lineStart = scanner.pos
            var lineEnd = lineStart
            while lineEnd < scanner.count && scanner.bytes[lineEnd] != 0x0A { lineEnd += 1 }
            defer { scanner.pos = lineEnd + 1 }
            // Blank lines (only spaces) are skipped.
            var first = lineStart
            while first < lineEnd, [0x20, 0x09, 0x0D].contains(scanner.bytes[first]) { first += 1 }
            if first == lineEnd { continue }
            comparisons += 1
            scanner.pos = first
            do throws(JSONSyntaxError) {
                let node = try scanner.readParsedJSON()
                guard scanner.pos <= lineEnd else {
                    throw scanner.error("line \(lineNumber): the object does not end on its line; in JSON Lines each comparison is one whole line", at: first)
                }
                while scanner.pos < lineEnd, [0x20, 0x09, 0x0D].contains(scanner.bytes[scanner.pos]) { scanner.pos += 1 }
                if scanner.pos < lineEnd {
                    throw scanner.error("expected the end of the line after the object (JSON Lines: one comparison per line), found \(scanner.found())")
                }
                readComparison(node, line: lineNumber, scanner: scanner)
            } catch {
                if error.offset > lineEnd {
                    problem(scanner, at: first, "line \(lineNumber): the object does not end on its line; in JSON Lines each comparison is one whole line")
                } else {
                    problem(scanner, at: error.offset, error.message)
                }
            }
        }
        if comparisons == 0 {
            problems.append(InputProblem(file: path, location: .file,
                message: "the file holds only blank lines; expected one JSON object per line"))
        }
    }

    private mutating func readComparison(_ node: ParsedJSON, line: Int, scanner: JSONScanner) {
        guard case .object(let members) = node.value else {
            problem(scanner, at: node.offset, "line \(line): expected an object with \"id\", \"domain\", \"chosen_style\", \"rejected_style\" and \"verdict\", found \(node.kind)")
            return
        }
        var messages: [(offset: Int, text: String)] = []
        var seen: [String: Int] = [:]
        var id: ItemID?
        var label: String?
        var subset: String?
        var styles: [String: Int] = [:]
        var verdict: JudgeVerdict?
        var swapped: JudgeVerdict?
        var failed: Set<String> = []
        for member in members {
            let value = member.value
            if let firstOffset = seen[member.key] {
                let firstColumn = scanner.lineColumn(of: firstOffset).column
                messages.append((member.offset, "the field \"\(member.key)\" is given twice (first at column \(firstColumn)); give it once"))
                continue
            }
            seen[member.key] = member.offset
            switch member.key {
            case "id":
                switch value.value {
                case .string(let text): id = .string(text)
                case .number(_, let text):
                    if let integer = Int64(text) { id = .int(integer) } else {
                        messages.append((value.offset, "\"id\" must be an integer or a string, found the number \(text)"))
                        failed.insert("id")
                    }
                default:
                    messages.append((value.offset, "\"id\" must be an integer or a string, found \(value.kind)"))
                    failed.insert("id")
                }
            case "domain":
                if case .string(let text) = value.value {
                    if Domain(label: text) == nil {
                        messages.append((value.offset, "unknown domain \"\(text)\": expected chat, math, code, safety-refuse or safety-response (matched by prefix, as RM-Bench does)"))
                        failed.insert("domain")
                    } else {
                        label = text
                    }
                } else {
                    messages.append((value.offset, "\"domain\" must be a string such as \"chat\", found \(value.kind)"))
                    failed.insert("domain")
                }
            case "subset":
                switch value.value {
                case .string(let text): subset = text
                case .null: break
                default: messages.append((value.offset, "\"subset\" must be a string, found \(value.kind)"))
                }
            case "chosen_style", "rejected_style":
                if case .number(let number, let text) = value.value, number == 0 || number == 1 || number == 2, Int(text) != nil {
                    styles[member.key] = Int(number)
                } else {
                    messages.append((value.offset, "\"\(member.key)\" must be 0 (concise), 1 (detailed plain) or 2 (detailed markdown), found \(value.shown)"))
                    failed.insert(member.key)
                }
            case "verdict", "swapped_verdict":
                if case .null = value.value, member.key == "swapped_verdict" { break }
                if case .string(let text) = value.value, let parsed = JudgeVerdict(label: text) {
                    if member.key == "verdict" { verdict = parsed } else { swapped = parsed }
                } else {
                    let nullNote = member.key == "swapped_verdict" ? " (or null when the pair was shown in one order only)" : ""
                    messages.append((value.offset, "\"\(member.key)\" must be \"chosen\", \"rejected\" or \"tie\"\(nullNote), found \(value.shown)"))
                    failed.insert(member.key)
                }
            case "extra":
                break
            default:
                messages.append((member.offset, "unknown field \"\(member.key)\"\(NameSuggestion.hint(member.key, PairwiseVerdictReader.fields)); the fields are \(PairwiseVerdictReader.fields.joined(separator: ", "))"))
            }
        }
        if id == nil && !failed.contains("id") { messages.append((node.offset, "missing \"id\" (an integer or a string)")) }
        if label == nil && !failed.contains("domain") {
            if let fileDomain { label = fileDomain } else {
                messages.append((node.offset, "missing \"domain\" (chat, math, code, safety-refuse or safety-response)"))
            }
        }
        for name in ["chosen_style", "rejected_style"] where styles[name] == nil && !failed.contains(name) {
            messages.append((node.offset, "missing \"\(name)\" (0 concise, 1 detailed plain, 2 detailed markdown)"))
        }
        if verdict == nil && !failed.contains("verdict") {
            messages.append((node.offset, "missing \"verdict\" (\"chosen\", \"rejected\" or \"tie\")"))
        }
        var name = "line \(line)"
        if let id { name += " (id \(id))" }
        for message in messages { problem(scanner, at: message.offset, "\(name): \(message.text)") }
        guard messages.isEmpty, let id, let label, let domain = Domain(label: label),
            let chosen = styles["chosen_style"], let rejected = styles["rejected_style"], let verdict
        else { return }

        let key = ItemKey(label: label, id: id)
        let index: Int
        if let known = itemIndex[key] {
            index = known
        } else {
            index = items.count
            itemIndex[key] = index
            items.append(JudgedItem(key: key, domain: domain, subset: subset))
            cellLines[key] = Array(repeating: [nil, nil, nil], count: 3)
        }
        if let subset {
            if let existing = items[index].subset, existing != subset {
                problem(scanner, at: node.offset, "\(name): item \(key) has subset \"\(existing)\" on line \(subsetLines[key] ?? 0) but \"\(subset)\" here; an item has one subset")
                return
            }
            if items[index].subset == nil {
                items[index].subset = subset
                subsetLines[key] = line
            }
        }
        if let firstLine = cellLines[key]![chosen][rejected] {
            problem(scanner, at: node.offset, "\(name): item \(key), chosen style \(chosen) vs rejected style \(rejected) was already given on line \(firstLine); each comparison may appear once (put the other order in \"swapped_verdict\")")
            return
        }
        cellLines[key]![chosen][rejected] = line
        items[index][chosen, rejected] = VerdictCell(verdict: verdict, swapped: swapped)
    }
}
