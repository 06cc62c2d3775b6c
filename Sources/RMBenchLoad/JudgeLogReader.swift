import Dispatch
import RMBenchCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads RM-R1's per-sample generative-judge logs of RM-Bench: three files
/// `total_dataset_{1,2,3}_<model>.json`, each the dataset list plus `result` (3 values in
/// {1, 0.5, 0}: the judge preferred the chosen response, tie, the rejected one).
///
/// **Rotation.** File `total_dataset_<k+1>` has rotation k: its `rejected` list is the
/// dataset's rotated left by k, `rejected_file[i] = rejected[(i + k) mod 3]` (Python's
/// `rejected[k:] + rejected[:k]`), so its `result[i]` judges chosen style i against rejected
/// style (i + k) mod 3:
///
///     rotation 0 (total_dataset_1): cells (0,0) (1,1) (2,2)
///     rotation 1 (total_dataset_2): cells (0,1) (1,2) (2,0)
///     rotation 2 (total_dataset_3): cells (0,2) (1,0) (2,1)
///
/// (RM-R1's `eval/RM-Bench/scripts/process_final_result.py` assigns the cells this way.)
///
/// A file's rotation is established, never guessed:
/// - with `references` (RM-Bench dataset files in the original order: `total_dataset.json`
///   or the split files), from the texts: the file's `rejected` list must equal the
///   reference's rotated by one k for every item;
/// - otherwise from `rotations` (one per path) or else the file name's number, **checked
///   against the texts**: the files' `rejected` lists must be rotations of each other by the
///   differences of their claimed rotations. A file without a claim gets its rotation from
///   the texts relative to a file with one.
///
/// Files without `rejected` texts need `rotations`. Two files with the same rotation, a
/// missing rotation, an item whose rejected texts are not a rotation (or disagree with the
/// file's other items), different item sets, and a `result` that is not 3 values in
/// {0, 0.5, 1} are errors.
///
///     let run = try JudgeLogReader.readRotations(paths: [
///         "logs/total_dataset_1_RM-R1-Qwen2.5-Instruct-32B.json",
///         "logs/total_dataset_2_RM-R1-Qwen2.5-Instruct-32B.json",
///         "logs/total_dataset_3_RM-R1-Qwen2.5-Instruct-32B.json",
///     ], model: nil)
///     run.model             // "RM-R1-Qwen2.5-Instruct-32B"
///     run.items[0][0, 1]    // from total_dataset_2's result[0]
public enum JudgeLogReader {
    public static func readRotations(paths: [String], model: String? = nil, rotations: [Int]? = nil,
                                     references: [String] = []) throws(InputProblems) -> JudgeRun {
        // The files are independent: read them on as many cores.
        let inputs = paths.map { ($0, false) } + references.map { ($0, true) }
        let slots = inputs.map { JudgeLogSlot(JudgeLogFile(path: $0.0, isReference: $0.1)) }
        DispatchQueue.concurrentPerform(iterations: slots.count) { k in slots[k].file.load() }
        let files = slots.prefix(paths.count).map(\.file)
        let referenceFiles = slots.dropFirst(paths.count).map(\.file)
        let problems = slots.flatMap(\.file.problems)
        guard problems.isEmpty else { throw InputProblems(problems) }
        var assembly = RotationAssembly(files: files, references: referenceFiles, explicit: rotations, model: model)
        return try assembly.run()
    }

    /// The rotation RM-R1's file name states: `total_dataset_2_x.json` → 1; nil without one.
    public static func rotation(fileName path: String) -> Int? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard name.hasPrefix("total_dataset_") else { return nil }
        let rest = name.dropFirst("total_dataset_".count)
        guard let digit = rest.first, let number = Int(String(digit)), (1...3).contains(number),
            rest.dropFirst().first == "_"
        else { return nil }
        return number - 1
    }

    /// The model an RM-R1 log's name gives: `total_dataset_1_<model>.json`, also with the
    /// older `_REWORD_MODEL` suffix; other names as `ModelIdentity` reads them.
    public static func model(fileName path: String) -> String {
        guard rotation(fileName: path) != nil else { return ModelIdentity(path: path).model }
        var stem = Substring(path.split(separator: "/").last ?? Substring(path)).dropFirst("total_dataset_1_".count)
        for suffix in [".jsonl", ".json"] where stem.lowercased().hasSuffix(suffix) {
            stem = stem.dropLast(suffix.count)
        }
        if stem.hasSuffix("_REWORD_MODEL") { stem = stem.dropLast("_REWORD_MODEL".count) }
        return stem.isEmpty ? ModelIdentity(path: path).model : String(stem)
    }

    /// The cell that `result[style]` of a file with rotation `rotation` fills.
    public static func cell(rotation: Int, style: Int) -> (chosen: Int, rejected: Int) {
        (style, (style + rotation) % 3)
    }
}

// MARK: One file

/// One item of a log (or of a reference dataset) as far as rotations need it.
struct JudgeLogItem {
    var key: ItemKey
    var domain: Domain
    var subset: String?
    var index: Int
    var line: Int
    var column: Int
    /// The 3 rejected texts in the file's order; nil when absent (or, in a reference, not 3).
    var rejected: [String]?
    var results: [JudgeVerdict]?
    var shuffled: [Bool]?

    var name: String { "item \(index) (id \(key.id), \(key.label))" }
}

/// One file being read by one task; each task writes only its own slot.
private final class JudgeLogSlot: @unchecked Sendable {
    var file: JudgeLogFile

    init(_ file: JudgeLogFile) {
        self.file = file
    }
}

/// One log or reference file, parsed.
struct JudgeLogFile {
    let path: String
    let isReference: Bool
    var digest = ""
    var items: [JudgeLogItem] = []
    var problems: [InputProblem] = []
    var itemIndex: [ItemKey: Int] = [:]

    init(path: String, isReference: Bool) {
        self.path = path
        self.isReference = isReference
    }

    var fileName: String { path.split(separator: "/").last.map(String.init) ?? path }

    /// Whether every item carries its 3 rejected texts.
    var hasTexts: Bool { !items.isEmpty && items.allSatisfy { $0.rejected != nil } }

    mutating func load() {
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.read(path: path)
        } catch {
            problems.append(error)
            return
        }
        digest = SHA256.hex(of: bytes)
        (items, problems) = JSONScanner.scanning(bytes) { scanner in
            var parser = JudgeLogParser(path: path, isReference: isReference, scanner: scanner)
            parser.parse()
            return (parser.items, parser.problems)
        }
        for (index, item) in items.enumerated() { itemIndex[item.key] = index }
    }
}

/// Streams one log file: keeps id, domain, subset, rejected texts, result and the shuffle
/// flags of each item, skips the rest (prompts, responses, the judge's long outputs).
private struct JudgeLogParser {
    let path: String
    let isReference: Bool
    var scanner: JSONScanner
    let fileDomain: String?
    var items: [JudgeLogItem] = []
    var problems: [InputProblem] = []
    /// Problems as byte offsets, turned into line:column in one pass at the end.
    private var pending: [(offset: Int, message: String)] = []
    private var itemOffsets: [Int] = []
    private var firstIndex: [ItemKey: (index: Int, offset: Int)] = [:]
    private var duplicates: [(offset: Int, firstOffset: Int, message: String)] = []
    private var withoutDomain: [Int] = []

    init(path: String, isReference: Bool, scanner: JSONScanner) {
        self.path = path
        self.isReference = isReference
        self.scanner = scanner
        fileDomain = ModelIdentity(path: path).splitDomain
    }

    private var what: String { isReference ? "RM-Bench dataset items" : "judged items (the dataset items plus \"result\")" }

    mutating func parse() {
        if scanner.count == 0 {
            problems.append(InputProblem(file: path, location: .file, message: "the file is empty; expected a JSON list of \(what)"))
            return
        }
        if scanner.matches("\u{FEFF}", at: 0) {
            problems.append(InputProblem(file: path, location: .position(line: 1, column: 1),
                message: "the file starts with a UTF-8 byte order mark (EF BB BF), which JSON does not allow; save it as UTF-8 without BOM"))
            return
        }
        do throws(JSONSyntaxError) {
            guard scanner.peek() == UInt8(ascii: "[") else {
                throw scanner.error("expected '[' (a JSON list of \(what)), found \(scanner.found())")
            }
            scanner.pos += 1
            if scanner.peek() == UInt8(ascii: "]") {
                scanner.pos += 1
            } else {
                var index = 0
                while true {
                    try parseItem(index: index)
                    index += 1
                    switch scanner.peek() {
                    case UInt8(ascii: ",")?: scanner.pos += 1
                        continue
                    case UInt8(ascii: "]")?: scanner.pos += 1
                    default: throw scanner.error("expected ',' or ']' after item \(index - 1), found \(scanner.found())")
                    }
                    break
                }
            }
            if scanner.peek() != nil {
                throw scanner.error("unexpected \(scanner.found()) after the end of the list; the file holds one list")
            }
        } catch {
            pending.append((error.offset, error.message))
        }
        if !withoutDomain.isEmpty {
            problems.append(InputProblem(file: path, location: .file,
                message: "\(withoutDomain.count) item(s), the first being item \(withoutDomain[0]), have no \"domain\" field and the file name does not name a split (e.g. chat_filtered.json)"))
        }
        resolvePositions()
        if items.isEmpty && problems.isEmpty {
            problems.append(InputProblem(file: path, location: .file, message: "the file holds no items (an empty list)"))
        }
    }

    /// Turns the offsets of items and problems into line:column, walking the file once.
    private mutating func resolvePositions() {
        var offsets = Set(itemOffsets)
        for problem in pending { offsets.insert(problem.offset) }
        for duplicate in duplicates { offsets.insert(duplicate.offset); offsets.insert(duplicate.firstOffset) }
        var positions: [Int: (line: Int, column: Int)] = [:]
        var line = 1, lineStart = 0, at = 0
        let bytes = scanner.bytes
        for target in offsets.sorted() {
            let end = min(target, scanner.count)
            // Count line breaks only (memchr skips to each); the column is measured from the last.
            while at < end, let hit = memchr(bytes + at, 0x0A, end - at) {
                let newline = hit.assumingMemoryBound(to: UInt8.self) - UnsafeMutablePointer(mutating: bytes)
                line += 1
                lineStart = newline + 1
                at = newline + 1
            }
            at = max(at, end)
            var column = 1
            for k in lineStart..<end where bytes[k] & 0xC0 != 0x80 { column += 1 }
            positions[target] = (line, column)
        }
        for k in items.indices {
            let position = positions[itemOffsets[k]]!
            items[k].line = position.line
            items[k].column = position.column
        }
        var located: [(offset: Int, problem: InputProblem)] = pending.map { problem in
            let position = positions[problem.offset]!
            return (problem.offset, InputProblem(file: path, location: .position(line: position.line, column: position.column), message: problem.message))
        }
        for duplicate in duplicates {
            let position = positions[duplicate.offset]!
            located.append((duplicate.offset, InputProblem(file: path, location: .position(line: position.line, column: position.column),
                message: duplicate.message + " at line \(positions[duplicate.firstOffset]!.line); each (domain, id) may appear once")))
        }
        problems += located.sorted { $0.offset < $1.offset }.map(\.problem)
    }

    private struct Fields {
        var id: ItemID?
        var domain: String?
        var subset: String?
        var rejected: [String]?
        var results: [JudgeVerdict]?
        var shuffled: [Bool]?
        var sawRejected = false
        var sawResult = false
        var problems: [(offset: Int, message: String)] = []
    }

    private mutating func parseItem(index: Int) throws(JSONSyntaxError) {
        _ = scanner.peek()
        let itemStart = scanner.pos
        guard scanner.current == UInt8(ascii: "{") else {
            let found = scanner.describeValue()
            try scanner.skipValue()
            pending.append((itemStart, "item \(index): expected an object (a dataset item), found \(found)"))
            return
        }
        scanner.pos += 1
        var fields = Fields()
        var object = ObjectFields()
        while let key = try object.next(in: &scanner) {
            try parseField(key, into: &fields)
        }
        finish(fields, index: index, offset: itemStart)
    }

    private mutating func parseField(_ key: String, into fields: inout Fields) throws(JSONSyntaxError) {
        let start = scanner.pos
        switch key {
        case "id":
            switch try scanner.readItemID() {
            case .success(let id): fields.id = id
            case .failure(let problem): fields.problems.append((start, problem.message))
            }
        case "domain", "subset":
            if scanner.current == UInt8(ascii: "\"") {
                let text = try scanner.readString()
                if key == "domain" { fields.domain = text } else { fields.subset = text }
            } else {
                let found = scanner.describeValue()
                try scanner.skipValue()
                if found != "null" { fields.problems.append((start, "\"\(key)\" must be a string, found \(found)")) }
            }
        case "rejected":
            fields.sawRejected = true
            let node = try scanner.readParsedJSON()
            if case .array(let elements) = node.value, elements.count == 3 {
                var texts: [String] = []
                for element in elements {
                    if case .string(let text) = element.value { texts.append(text) }
                }
                if texts.count == 3 {
                    fields.rejected = texts
                    return
                }
            }
            // A reference may hold a partial split (math's single concise string): such
            // items carry no rotation evidence. A log's rejected list is what was judged.
            if !isReference {
                fields.problems.append((start, "\"rejected\" must be a list of 3 response texts (in this file's rotated order), found \(node.shown)"))
            }
        case "result" where !isReference:
            fields.sawResult = true
            let node = try scanner.readParsedJSON()
            var verdicts: [JudgeVerdict] = []
            if case .array(let elements) = node.value, elements.count == 3 {
                for element in elements {
                    if case .number(let value, _) = element.value, let verdict = JudgeVerdict(rmR1Result: value) {
                        verdicts.append(verdict)
                    }
                }
            }
            if verdicts.count == 3 {
                fields.results = verdicts
            } else {
                fields.problems.append((start, "\"result\" must be 3 values in {1, 0.5, 0} (1 = the judge preferred the chosen response, 0.5 = a tie, 0 = the rejected one), one per style, found \(node.shown)"))
            }
        case "Is_Chosen_Answer_Shuffled_toPositionB" where !isReference:
            let node = try scanner.readParsedJSON()
            var flags: [Bool] = []
            if case .array(let elements) = node.value, elements.count == 3 {
                for element in elements {
                    if case .bool(let flag) = element.value { flags.append(flag) }
                }
            }
            if flags.count == 3 {
                fields.shuffled = flags
            } else if case .null = node.value {
            } else {
                fields.problems.append((start, "\"Is_Chosen_Answer_Shuffled_toPositionB\" must be 3 booleans, found \(node.shown)"))
            }
        default:
            try scanner.skipValue()
        }
    }

    private mutating func finish(_ fields: Fields, index: Int, offset: Int) {
        var itemProblems = fields.problems
        if fields.id == nil && !itemProblems.contains(where: { $0.message.hasPrefix("\"id\"") }) {
            itemProblems.append((offset, "missing \"id\" (an integer or a string)"))
        }
        if !isReference && !fields.sawResult {
            itemProblems.append((offset, "missing \"result\" (3 values in {1, 0.5, 0}, one per style)"))
        }
        let label = fields.domain ?? fileDomain
        var domain: Domain?
        if let label {
            domain = Domain(label: label)
            if domain == nil {
                itemProblems.append((offset, "unknown domain \"\(label)\": expected chat, math, code, safety-refuse or safety-response (matched by prefix, as RM-Bench does)"))
            }
        } else {
            withoutDomain.append(index)
        }
        var name = "item \(index)"
        if let id = fields.id { name += " (id \(id))" }
        for problem in itemProblems { pending.append((problem.offset, "\(name): \(problem.message)")) }
        guard itemProblems.isEmpty, let id = fields.id, let label, let domain else { return }
        let key = ItemKey(label: label, id: id)
        if let first = firstIndex[key] {
            duplicates.append((offset, first.offset, "\(name): duplicate item: domain \"\(label)\" and id \(id) were already used by item \(first.index)"))
            return
        }
        firstIndex[key] = (index, offset)
        itemOffsets.append(offset)
        items.append(JudgeLogItem(key: key, domain: domain, subset: fields.subset, index: index, line: 0, column: 0,
                                  rejected: fields.rejected, results: fields.results, shuffled: fields.shuffled))
    }
}

// MARK: Rotations

/// Checks the files against each other and puts their verdicts into one run.
private struct RotationAssembly {
    let files: [JudgeLogFile]
    let references: [JudgeLogFile]
    let explicit: [Int]?
    let model: String?
    var problems: [InputProblem] = []

    init(files: [JudgeLogFile], references: [JudgeLogFile], explicit: [Int]?, model: String?) {
        self.files = files
        self.references = references
        self.explicit = explicit
        self.model = model
    }

    private mutating func problem(_ file: JudgeLogFile, _ message: String) {
        problems.append(InputProblem(file: file.path, location: .file, message: message))
    }

    private mutating func problem(_ file: JudgeLogFile, _ item: JudgeLogItem, _ message: String) {
        problems.append(InputProblem(file: file.path, location: .position(line: item.line, column: item.column),
                                     message: "\(item.name): \(message)"))
    }

    mutating func run() throws(InputProblems) -> JudgeRun {
        guard let firstFile = files.first else {
            throw InputProblems([InputProblem(file: "(no files)", location: .file,
                message: "no log files given; RM-R1's RM-Bench logs are three files, total_dataset_1_<model>.json, total_dataset_2_… and total_dataset_3_…")])
        }
        if let explicit {
            if explicit.count != files.count {
                problem(firstFile, "\(explicit.count) rotation(s) given for \(files.count) file(s); give one rotation (0, 1 or 2) per file, in the order of the files")
            }
            for value in explicit where !(0...2).contains(value) {
                problem(firstFile, "rotation \(value) given; a rotation is 0, 1 or 2")
            }
            guard problems.isEmpty else { throw InputProblems(problems) }
        }
        let modelName = try resolveModel()
        checkItemSets()
        guard problems.isEmpty else { throw InputProblems(problems) }
        let rotations = establishRotations()
        guard problems.isEmpty else { throw InputProblems(problems) }
        checkCoverage(rotations)
        guard problems.isEmpty else { throw InputProblems(problems) }

        let order = files.indices.sorted { rotations[$0] < rotations[$1] }
        let base = files[order[0]]
        var items: [JudgedItem] = []
        items.reserveCapacity(base.items.count)
        for baseItem in base.items {
            var judged = JudgedItem(key: baseItem.key, domain: baseItem.domain, subset: baseItem.subset)
            for f in order {
                let item = files[f].items[files[f].itemIndex[baseItem.key]!]
                let results = item.results!
                for style in 0..<3 {
                    let (chosen, rejected) = JudgeLogReader.cell(rotation: rotations[f], style: style)
                    judged[chosen, rejected] = VerdictCell(verdict: results[style], chosenShownSecond: item.shuffled?[style])
                }
            }
            items.append(judged)
        }
        return JudgeRun(model: modelName,
                        sources: order.map { SourceFile(path: files[$0].path, sha256: files[$0].digest) },
                        items: items)
    }

    private mutating func resolveModel() throws(InputProblems) -> String {
        var names: [String] = []
        for file in files {
            switch ModelIdentity.checkedModel(given: model, inferred: JudgeLogReader.model(fileName: file.path), path: file.path) {
            case .success(let name): names.append(name)
            case .failure(let problem): throw InputProblems([problem])
            }
            if model != nil { break }
        }
        var distinct: [String] = []
        for name in names where !distinct.contains(name) { distinct.append(name) }
        if distinct.count > 1 {
            throw InputProblems([InputProblem(file: files[0].path, location: .file,
                message: "the file names give different models (\(distinct.map { "\"\($0)\"" }.joined(separator: ", "))); the three files must come from one judge, or pass the model name")])
        }
        return distinct[0]
    }

    /// Every file must hold the same (domain, id) keys.
    private mutating func checkItemSets() {
        var union: [ItemKey] = []
        var seen: Set<ItemKey> = []
        for file in files {
            for item in file.items where seen.insert(item.key).inserted { union.append(item.key) }
        }
        for file in files {
            let missing = union.filter { file.itemIndex[$0] == nil }
            guard !missing.isEmpty else { continue }
            let holder = files.first { $0.itemIndex[missing[0]] != nil }!
            let shown = missing.prefix(10).map(\.description).joined(separator: ", ")
            let more = missing.count > 10 ? " and \(missing.count - 10) more" : ""
            problem(file, "\(missing.count) item(s) that other files hold are missing here: \(shown)\(more) (the first is in \(holder.fileName)); the files must hold the same items, one file per rotation")
        }
    }

    /// The rotation of each file, or problems saying why it cannot be established.
    private mutating func establishRotations() -> [Int] {
        var claims: [Int?] = files.map { JudgeLogReader.rotation(fileName: $0.path) }
        let claimSource: String
        if let explicit {
            claims = explicit.map { Optional($0) }
            claimSource = "given"
        } else {
            claimSource = "name"
        }
        func claimed(_ value: Int) -> String {
            claimSource == "given" ? "rotation \(value) was given for it" : "its name says rotation \(value) (total_dataset_\(value + 1)_…)"
        }
        var rotations: [Int?] = Array(repeating: nil, count: files.count)

        // Files without texts: only an explicit rotation will do.
        for (f, file) in files.enumerated() where !file.hasTexts {
            if explicit != nil {
                rotations[f] = claims[f]
            } else {
                let without = file.items.filter { $0.rejected == nil }.count
                problem(file, "\(without) of \(file.items.count) items have no \"rejected\" texts, so the file's rotation cannot be checked; pass the rotation of each file explicitly")
            }
        }

        if !references.isEmpty {
            var reference: [ItemKey: (item: JudgeLogItem, file: JudgeLogFile)] = [:]
            for file in references {
                for item in file.items {
                    if let earlier = reference[item.key] {
                        problem(file, item, "also in \(earlier.file.fileName) (item \(earlier.item.index)); each item may be in one reference file")
                    } else {
                        reference[item.key] = (item, file)
                    }
                }
            }
            let referenceName = references.count == 1 ? references[0].fileName : "the reference dataset"
            for (f, file) in files.enumerated() where file.hasTexts {
                let evidence = file.items.compactMap { item -> (JudgeLogItem, Set<Int>)? in
                    guard let ref = reference[item.key]?.item.rejected else { return nil }
                    return (item, offsets(item.rejected!, against: ref))
                }
                guard let rotation = decide(file, evidence, against: "the order in \(referenceName)", shift: 0) else { continue }
                if let claim = claims[f], claim != rotation {
                    problem(file, "\(claimed(claim)), but its rejected responses match \(referenceName) in rotation \(rotation)")
                    continue
                }
                rotations[f] = rotation
            }
        } else {
            let withTexts = files.indices.filter { files[$0].hasTexts }
            if let b = withTexts.first(where: { claims[$0] != nil }) {
                let base = files[b]
                let baseClaim = claims[b]!
                rotations[b] = baseClaim
                for f in withTexts where f != b {
                    let file = files[f]
                    let evidence = file.items.map { item in
                        (item, offsets(item.rejected!, against: base.items[base.itemIndex[item.key]!].rejected!))
                    }
                    guard let rotation = decide(file, evidence, against: "the order in \(base.fileName) (rotation \(baseClaim))", shift: baseClaim) else { continue }
                    if let claim = claims[f], claim != rotation {
                        problem(file, "\(claimed(claim)), but its rejected responses are rotation \(rotation) when compared with \(base.fileName) (rotation \(baseClaim))")
                        continue
                    }
                    rotations[f] = rotation
                }
            } else {
                for f in withTexts {
                    problem(files[f], "cannot establish this file's rotation: its name does not carry RM-R1's number (total_dataset_1_…, total_dataset_2_…, total_dataset_3_…) and neither a reference dataset nor the rotations were given")
                }
            }
        }
        return rotations.map { $0 ?? -1 }
    }

    /// The rotations d with `texts[i] == reference[(i + d) % 3]` for every i.
    private func offsets(_ texts: [String], against reference: [String]) -> Set<Int> {
        Set((0..<3).filter { d in (0..<3).allSatisfy { texts[$0] == reference[($0 + d) % 3] } })
    }

    /// The one rotation all items agree on, or nil after reporting why there is none. The
    /// evidence holds offsets relative to `order`, whose own rotation is `shift`.
    private mutating func decide(_ file: JudgeLogFile, _ evidence: [(JudgeLogItem, Set<Int>)], against order: String, shift: Int) -> Int? {
        let unmatched = evidence.filter { $0.1.isEmpty }
        if !unmatched.isEmpty {
            for (item, _) in unmatched.prefix(20) {
                problem(file, item, "its rejected responses are not a rotation of \(order): no rotation 0, 1 or 2 maps one onto the other")
            }
            if unmatched.count > 20 { problem(file, "\(unmatched.count - 20) more items' rejected responses are not a rotation of \(order)") }
            return nil
        }
        var support = [0, 0, 0]
        for (_, options) in evidence { for d in options { support[d] += 1 } }
        let candidates = (0..<3).filter { support[$0] == evidence.count }
        if candidates.count == 1 { return (candidates[0] + shift) % 3 }
        if evidence.isEmpty || candidates.count > 1 {
            problem(file, "cannot establish this file's rotation from the texts: no item has rejected responses that tell the rotations apart (\(evidence.count) item(s) compared with \(order))")
            return nil
        }
        let best = (0..<3).max { support[$0] < support[$1] }!
        let disagreeing = evidence.filter { !$0.1.contains(best) }
        for (item, options) in disagreeing.prefix(20) {
            let theirs = options.map { ($0 + shift) % 3 }.sorted().map(String.init).joined(separator: " or ")
            problem(file, item, "its rejected responses are in rotation \(theirs) (compared with \(order)), but the file's other \(support[best]) item(s) are in rotation \((best + shift) % 3)")
        }
        if disagreeing.count > 20 { problem(file, "\(disagreeing.count - 20) more items disagree with the file's rotation \((best + shift) % 3)") }
        return nil
    }

    /// Each rotation from exactly one file.
    private mutating func checkCoverage(_ rotations: [Int]) {
        for (f, rotation) in rotations.enumerated() {
            if let earlier = rotations[..<f].firstIndex(of: rotation) {
                problem(files[f], "has the same rotation (\(rotation)) as \(files[earlier].fileName); each of the rotations 0, 1 and 2 must come from one file")
            }
        }
        for rotation in 0..<3 where !rotations.contains(rotation) {
            let cells = (0..<3).map { JudgeLogReader.cell(rotation: rotation, style: $0) }.map { "(\($0.chosen),\($0.rejected))" }
            problem(files[0], "no file has rotation \(rotation) (RM-R1's total_dataset_\(rotation + 1)_…: chosen[i] vs rejected[(i + \(rotation)) mod 3]), so cells \(cells.joined(separator: " ")) would be missing")
        }
    }
}
