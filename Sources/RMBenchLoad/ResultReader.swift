import Dispatch
import RMBenchCore

/// What the caller knows about a result file that the file itself may not say.
public struct ResultReadOptions: Sendable {
    /// Model name; overrides what the path says.
    public var model: String?
    /// Domain label (`chat`, `safety-refuse`…) for items without a `domain` field.
    public var domain: String?
    /// Whether to measure response texts (lengths, markdown) for the style analyses.
    /// Scoring alone does not need it, and skipping the texts is several times faster.
    public var measureResponses: Bool
    /// Features of texts already measured by this build's other files (each text measured once).
    public var textMeasures: TextMeasures?
    /// Whether to compute each file's SHA-256 (`SourceFile.sha256`, empty when off): a
    /// caller that prints no digest (`score --format markdown`) saves hashing every byte.
    public var digest: Bool

    public init(model: String? = nil, domain: String? = nil, measureResponses: Bool = false, textMeasures: TextMeasures? = nil,
                digest: Bool = true) {
        self.model = model
        self.domain = domain
        self.measureResponses = measureResponses
        self.textMeasures = textMeasures
        self.digest = digest
    }
}

/// Reads the result files RM-Bench's `run_rm.py` / `run_dpo.py` write: the dataset items plus
/// `score_chosen` and `score_rejected`, as a JSON list or as JSON Lines.
///
///     let run = try ResultReader.read(path: "results/Seq_Classifier/my-rm/total_dataset_my-rm_….json")
///     run.model   // "my-rm"
///     run.items.count
///
/// Every problem in the file is collected; a syntax error ends the reading of a JSON list
/// (nothing after it can be trusted) but only of its own line in JSON Lines.
public enum ResultReader {
    public static func read(path: String, options: ResultReadOptions = .init()) throws(InputProblems) -> ModelRun {
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.read(path: path)
        } catch {
            throw InputProblems([error])
        }
        return try parse(bytes, path: path, options: options)
    }

    /// Parses a file's bytes where they are; `path` names the file in messages and feeds model
    /// inference. `digest`: the bytes' SHA-256 if the caller has it; otherwise it is computed
    /// (when `options.digest`) on a second core while the bytes are parsed — hashing costs about
    /// as much as parsing, so it costs no wall time.
    public static func parse(_ bytes: [UInt8], digest known: String? = nil, path: String, options: ResultReadOptions = .init()) throws(InputProblems) -> ModelRun {
        try bytes.withUnsafeBufferPointer { (buffer) throws(InputProblems) in try parse(buffer, digest: known, path: path, options: options) }
    }

    /// ``parse(_:digest:path:options:)`` of bytes in a buffer the caller owns (a read buffer
    /// reused from file to file); nothing read keeps a reference to them.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>, digest known: String? = nil, path: String, options: ResultReadOptions = .init()) throws(InputProblems) -> ModelRun {
        guard known == nil && options.digest else {
            return try run(document(bytes, path: path, options: options), digest: known ?? "", path: path, options: options)
        }
        let halves = ConcurrentSlots<ReadHalf>(count: 2)
        // Both halves only read the bytes, which outlive this call.
        nonisolated(unsafe) let shared = bytes
        DispatchQueue.concurrentPerform(iterations: 2) { half in
            halves.store(half, half == 0 ? .digest(SHA256.hex(of: shared)) : .document(document(shared, path: path, options: options)))
        }
        guard case .digest(let digest) = halves.values[0], case .document(let parsed) = halves.values[1] else {
            preconditionFailure("each half stores its own kind")
        }
        return try run(parsed, digest: digest, path: path, options: options)
    }

    /// Only the items of a file's bytes, without the digest: what the benchmark and the fuzzer
    /// exercise.
    public static func parseItems(_ bytes: [UInt8], path: String, options: ResultReadOptions = .init()) throws(InputProblems) -> [ScoredItem] {
        let parsed = bytes.withUnsafeBufferPointer { document($0, path: path, options: options) }
        guard parsed.problems.isEmpty else { throw InputProblems(parsed.problems) }
        return parsed.items
    }

    private static func document(_ bytes: UnsafeBufferPointer<UInt8>, path: String, options: ResultReadOptions) -> ResultDocument {
        var document = ResultDocument(path: path, options: options, fileDomain: ModelIdentity(path: path).splitDomain)
        JSONScanner.scanning(bytes) { document.parse($0) }
        return document
    }

    private static func run(_ document: ResultDocument, digest: String, path: String, options: ResultReadOptions) throws(InputProblems) -> ModelRun {
        guard document.problems.isEmpty else { throw InputProblems(document.problems) }
        let identity = ModelIdentity(path: path)
        let model: String
        switch ModelIdentity.checkedModel(given: options.model, inferred: identity.model, path: path) {
        case .success(let name): model = name
        case .failure(let problem): throw InputProblems([problem])
        }
        return ModelRun(
            model: model,
            type: identity.type,
            sources: [SourceFile(path: path, sha256: digest, timestamp: identity.timestamp)],
            items: document.items)
    }
}

/// What each half of `ResultReader.parse` gives when it hashes on a second core.
private enum ReadHalf {
    case digest(String)
    case document(ResultDocument)
}

/// The state of reading one result document.
struct ResultDocument {
    let path: String
    let options: ResultReadOptions
    let fileDomain: String?
    var items: [ScoredItem] = []
    var problems: [InputProblem] = []
    private var firstIndexOfKey: [ItemKey: (index: Int, offset: Int)] = [:]
    private var itemsWithoutDomain = 0
    /// Response lists taken from `textMeasures` rather than measured, told to it once at the end.
    private var reusedLists = 0
    private var firstItemWithoutDomain: Int?
    private var lines = LineIndex()

    init(path: String, options: ResultReadOptions, fileDomain: String?) {
        self.path = path
        self.options = options
        self.fileDomain = fileDomain
    }

    mutating func parse(_ start: JSONScanner) {
        var scanner = start
        if scanner.count == 0 {
            problems.append(InputProblem(file: path, location: .file,
                message: "the file is empty; expected a JSON list of result items or JSON Lines"))
            return
        }
        if scanner.matches("\u{FEFF}", at: 0) {
            problems.append(InputProblem(file: path, location: .position(line: 1, column: 1),
                message: "the file starts with a UTF-8 byte order mark (EF BB BF), which JSON does not allow; save it as UTF-8 without BOM"))
            return
        }
        switch scanner.peek() {
        case UInt8(ascii: "[")?:
            parseList(&scanner)
        case UInt8(ascii: "{")?:
            parseLines(&scanner)
        case nil:
            problems.append(InputProblem(file: path, location: .file,
                message: "the file holds only whitespace; expected a JSON list of result items or JSON Lines"))
        default:
            report(scanner.error("expected '[' (a list of result items) or '{' (JSON Lines), found \(scanner.found())"), in: scanner)
        }
        if itemsWithoutDomain > 0, let first = firstItemWithoutDomain {
            problems.insert(InputProblem(file: path, location: .file,
                message: "\(itemsWithoutDomain) item(s), the first being item \(first), have no \"domain\" field and the domain is not known otherwise: pass --domain (chat, math, code, safety-refuse, safety-response) or keep the split's file name (e.g. chat_filtered.json)"), at: 0)
        }
        if items.isEmpty && problems.isEmpty {
            problems.append(InputProblem(file: path, location: .file,
                message: "the file holds no result items (an empty list)"))
        }
        if reusedLists > 0 { options.textMeasures?.countReused(reusedLists) }
    }

    private mutating func report(_ error: JSONSyntaxError, in scanner: JSONScanner) {
        let (line, column) = lines.lineColumn(of: error.offset, in: scanner)
        problems.append(InputProblem(file: path, location: .position(line: line, column: column), message: error.message))
    }

    private mutating func parseList(_ scanner: inout JSONScanner) {
        do throws(JSONSyntaxError) {
            scanner.pos += 1
            if scanner.peek() == UInt8(ascii: "]") {
                scanner.pos += 1
            } else {
                var index = 0
                while true {
                    try parseItem(&scanner, index: index)
                    index += 1
                    switch scanner.peek() {
                    case UInt8(ascii: ",")?: scanner.pos += 1
                    case UInt8(ascii: "]")?:
                        scanner.pos += 1
                    default:
                        throw scanner.error("expected ',' or ']' after item \(index - 1), found \(scanner.found())")
                    }
                    if scanner.bytes[scanner.pos - 1] == UInt8(ascii: "]") { break }
                }
            }
            if scanner.peek() != nil {
                throw scanner.error("unexpected \(scanner.found()) after the end of the list; a result file holds one list")
            }
        } catch {
            report(error, in: scanner)
        }
    }

    private mutating func parseLines(_ scanner: inout JSONScanner) {
        var index = 0
        var syntaxErrors = 0
        while scanner.peek() != nil {
            let itemStart = scanner.pos
            do throws(JSONSyntaxError) {
                try parseItem(&scanner, index: index)
                index += 1
                // Only spaces may follow an item on its line.
                while let byte = scanner.current, byte == 0x20 || byte == 0x09 || byte == 0x0D { scanner.pos += 1 }
                if let byte = scanner.current, byte != 0x0A {
                    if index == 1 && byte != UInt8(ascii: "{") {
                        throw scanner.error("expected a list of result items ([…]) or JSON Lines (one object per line); found \(scanner.found()) after the first object")
                    }
                    throw scanner.error("expected a line break after item \(index - 1) (JSON Lines: one item per line), found \(scanner.found())")
                }
            } catch {
                // Go on with the next line: each line of JSON Lines stands alone.
                scanner.pos = itemStart
                while let byte = scanner.current, byte != 0x0A { scanner.pos += 1 }
                if error.offset > scanner.pos {
                    report(scanner.error("item \(index): the line ends before the item is complete; in JSON Lines each item is one whole line"), in: scanner)
                } else {
                    report(error, in: scanner)
                }
                index += 1
                syntaxErrors += 1
            }
        }
        if index == 1 && syntaxErrors == 0 && !path.lowercased().hasSuffix(".jsonl") {
            // A wrapper object ({"results": [...]}) or one item: what it holds does not matter.
            items.removeAll()
            problems.removeAll()
            itemsWithoutDomain = 0
            problems.append(InputProblem(file: path, location: .position(line: 1, column: 1),
                message: "expected a list of result items ([…]), found a single object; a file with one item per line must end in .jsonl"))
        }
    }

    // MARK: One item

    /// The fields of one item as far as they have been read.
    private struct ItemFields {
        let index: Int
        var id: ItemID?
        var domain: String?
        var subset: String?
        var language: String?
        var chosen: StyleScores?
        var rejected: StyleScores?
        /// Exact integer scores a double cannot hold, per style (see ``ExactOrder``).
        var exactChosen: [Int64?] = [nil, nil, nil]
        var exactRejected: [Int64?] = [nil, nil, nil]
        /// The shared empty arrays until a list is measured: a file without texts keeps none per item.
        var chosenFeatures: [ResponseFeatures?] = ScoredItem.noFeatures
        var rejectedFeatures: [ResponseFeatures?] = ScoredItem.noFeatures
        var attributes: AttributeScores?
        var problems: [(offset: Int, message: String)] = []
    }

    private mutating func parseItem(_ scanner: inout JSONScanner, index: Int) throws(JSONSyntaxError) {
        _ = scanner.peek()
        let itemStart = scanner.pos
        guard scanner.current == UInt8(ascii: "{") else {
            let found = scanner.describeValue()
            try scanner.skipValue()
            let (line, column) = lines.lineColumn(of: itemStart, in: scanner)
            problems.append(InputProblem(file: path, location: .position(line: line, column: column),
                message: "item \(index): expected an object with \"id\", \"score_chosen\" and \"score_rejected\", found \(found)"))
            return
        }
        scanner.pos += 1
        var fields = ItemFields(index: index)
        var object = ObjectFields()
        while let name = try object.nextName(in: &scanner) {
            try parseField(ResultField(name), &scanner, into: &fields)
        }
        finishItem(fields, index: index, offset: itemStart, scanner: scanner)
    }

    /// `field` is nil for a field the reader does not look at.
    private mutating func parseField(_ field: ResultField?, _ scanner: inout JSONScanner, into fields: inout ItemFields) throws(JSONSyntaxError) {
        let valueStart = scanner.pos
        switch field {
        case .id?:
            switch try scanner.readItemID() {
            case .success(let id): fields.id = id
            case .failure(let problem): fields.problems.append((valueStart, problem.message))
            }
        case .domain?:
            fields.domain = try readOptionalString("domain", &scanner, &fields)
        case .subset?:
            fields.subset = try readOptionalString("subset", &scanner, &fields)
        case .language?:
            fields.language = try readOptionalString("language", &scanner, &fields)
        case .scoreChosen?:
            (fields.chosen, fields.exactChosen) = try readScores("score_chosen", &scanner, &fields)
        case .scoreRejected?:
            (fields.rejected, fields.exactRejected) = try readScores("score_rejected", &scanner, &fields)
        case .chosen? where options.measureResponses:
            fields.chosenFeatures = try measureResponses(&scanner, at: ResponsePlace(item: fields.index, rejected: false))
        case .rejected? where options.measureResponses:
            fields.rejectedFeatures = try measureResponses(&scanner, at: ResponsePlace(item: fields.index, rejected: true))
        case .chosenStats? where options.measureResponses:
            fields.chosenFeatures = try readStats("chosen_stats", &scanner, &fields)
        case .rejectedStats? where options.measureResponses:
            fields.rejectedFeatures = try readStats("rejected_stats", &scanner, &fields)
        case .chosenAttributes? where options.measureResponses:
            let scores = try readAttributes("chosen_attributes", &scanner, &fields)
            fields.attributes = AttributeScores(chosen: scores, rejected: fields.attributes?.rejected ?? [nil, nil, nil])
        case .rejectedAttributes? where options.measureResponses:
            let scores = try readAttributes("rejected_attributes", &scanner, &fields)
            fields.attributes = AttributeScores(chosen: fields.attributes?.chosen ?? [nil, nil, nil], rejected: scores)
        default:
            try scanner.skipValue()
        }
    }

    private func readOptionalString(_ key: String, _ scanner: inout JSONScanner, _ fields: inout ItemFields) throws(JSONSyntaxError) -> String? {
        let valueStart = scanner.pos
        if scanner.current == UInt8(ascii: "\"") { return try scanner.readString() }
        let found = scanner.describeValue()
        try scanner.skipValue()
        if found != "null" {
            fields.problems.append((valueStart, "\"\(key)\" must be a string, found \(found)"))
        }
        return nil
    }

    /// Reads 3 scores: 3 numbers, or 3 one-element lists (what run_rm.py leaves when it
    /// cannot flatten). Anything else is a problem that says what was found.
    private func readScores(_ key: String, _ scanner: inout JSONScanner, _ fields: inout ItemFields) throws(JSONSyntaxError) -> (StyleScores?, [Int64?]) {
        let valueStart = scanner.pos
        try scanner.skipValue()  // checks the syntax, so the shape walk below cannot fail on it
        var shape = scanner
        shape.pos = valueStart
        switch ScoreShape.read(&shape) {
        case .scores(let scores, let exact):
            return (scores, exact)
        case .wrong(let found):
            fields.problems.append((valueStart,
                "\"\(key)\" must hold 3 numbers, one per style (concise, detailed plain, detailed markdown), or 3 one-element lists; found \(found)"))
            return (nil, [nil, nil, nil])
        case .refused(let reason):
            fields.problems.append((valueStart, "\"\(key)\": \(reason)"))
            return (nil, [nil, nil, nil])
        }
    }

    /// Measures `chosen` / `rejected`: a list of response strings, or one string (the partial
    /// math split has only the concise style). Other shapes carry nothing we measure.
    ///
    /// With `textMeasures`, a list written exactly as in a file read before is not measured again,
    /// and its features are that file's very array: every model's items share one copy.
    private mutating func measureResponses(_ scanner: inout JSONScanner, at place: ResponsePlace) throws(JSONSyntaxError) -> [ResponseFeatures?] {
        guard let measures = options.textMeasures else { return try measureResponseList(&scanner) }
        let start = scanner.pos
        if scanner.current == UInt8(ascii: "[") || scanner.current == UInt8(ascii: "\"") {
            let rest = UnsafeBufferPointer(start: scanner.bytes + start, count: scanner.count - start)
            if let known = measures.sameAsFirstSeen(at: place, in: rest) {
                scanner.pos += known.length
                reusedLists += 1
                return known.features
            }
        }
        try scanner.skipValue()
        let raw = UnsafeBufferPointer(start: scanner.bytes + start, count: scanner.pos - start)
        let found = try measures.features(of: raw, at: place) { () throws(JSONSyntaxError) in
            scanner.pos = start
            return try measureResponseList(&scanner)
        }
        if found.reused { reusedLists += 1 }
        return found.features
    }

    private func measureResponseList(_ scanner: inout JSONScanner) throws(JSONSyntaxError) -> [ResponseFeatures?] {
        var features: [ResponseFeatures?] = [nil, nil, nil]
        if scanner.current == UInt8(ascii: "\"") {
            features[0] = try scanner.measureString()
            return features
        }
        guard scanner.current == UInt8(ascii: "[") else {
            try scanner.skipValue()
            return features
        }
        let listStart = scanner.pos
        scanner.pos += 1
        var style = 0
        while scanner.peek() == UInt8(ascii: "\""), style < 3 {
            features[style] = try scanner.measureString()
            style += 1
            guard scanner.peek() == UInt8(ascii: ",") else { break }
            scanner.pos += 1
        }
        if scanner.peek() == UInt8(ascii: "]") {
            scanner.pos += 1
        } else {
            // An unusual shape: check the syntax of the whole value and keep what we measured.
            scanner.pos = listStart
            try scanner.skipValue()
        }
        return features
    }

    /// Reads our documented `chosen_stats` / `rejected_stats`: 3 objects (or nulls) with
    /// `chars`, `words`, `headers`, `list_items`, `bold`.
    private func readStats(_ key: String, _ scanner: inout JSONScanner, _ fields: inout ItemFields) throws(JSONSyntaxError) -> [ResponseFeatures?] {
        let valueStart = scanner.pos
        try scanner.skipValue()
        var shape = scanner
        shape.pos = valueStart
        switch StatsShape.read(&shape) {
        case .stats(let stats): return stats
        case .wrong(let found):
            fields.problems.append((valueStart,
                "\"\(key)\" must be a list of 3 objects (or nulls) with integer \"chars\", \"words\", \"headers\", \"list_items\" and \"bold\"; found \(found)"))
            return [nil, nil, nil]
        }
    }

    /// Reads `chosen_attributes` / `rejected_attributes`: 3 objects (or nulls) of attribute
    /// name → number, e.g. `{"correctness": 3.1, "verbosity": 1.2}`.
    private func readAttributes(_ key: String, _ scanner: inout JSONScanner, _ fields: inout ItemFields) throws(JSONSyntaxError) -> [[String: Double]?] {
        let valueStart = scanner.pos
        try scanner.skipValue()
        var shape = scanner
        shape.pos = valueStart
        if let attributes = AttributeShape.read(&shape) { return attributes }
        fields.problems.append((valueStart, "\"\(key)\" must be a list of 3 objects (or nulls) mapping attribute names to numbers"))
        return [nil, nil, nil]
    }

    private mutating func finishItem(_ fields: ItemFields, index: Int, offset: Int, scanner: JSONScanner) {
        var itemProblems = fields.problems
        if fields.id == nil && !fields.problems.contains(where: { $0.message.hasPrefix("\"id\"") }) {
            itemProblems.append((offset, "missing \"id\" (an integer or a string)"))
        }
        for (name, value) in [("score_chosen", fields.chosen), ("score_rejected", fields.rejected)]
        where value == nil && !fields.problems.contains(where: { $0.message.hasPrefix("\"\(name)\"") }) {
            itemProblems.append((offset, "missing \"\(name)\" (3 numbers: concise, detailed plain, detailed markdown)"))
        }
        let label = fields.domain ?? options.domain ?? fileDomain
        var domain: Domain?
        if let label {
            domain = Domain(label: label)
            if domain == nil {
                itemProblems.append((offset, "unknown domain \"\(shortened(label))\": expected chat, math, code, safety-refuse or safety-response (matched by prefix, as RM-Bench does)"))
            }
        } else {
            itemsWithoutDomain += 1
            if firstItemWithoutDomain == nil { firstItemWithoutDomain = index }
        }
        // Named only in messages: building the name for every item cost more than its checks.
        func itemName() -> String {
            guard let id = fields.id else { return "item \(index)" }
            return "item \(index) (id \(shortened(id.description)))"
        }
        for problem in itemProblems {
            let (line, column) = lines.lineColumn(of: problem.offset, in: scanner)
            problems.append(InputProblem(file: path, location: .position(line: line, column: column),
                message: "\(itemName()): \(problem.message)"))
        }
        guard itemProblems.isEmpty, let id = fields.id, let label, let domain,
            let chosen = fields.chosen, let rejected = fields.rejected
        else { return }
        let key = ItemKey(label: label, id: id)
        if let first = firstIndexOfKey[key] {
            let (line, column) = lines.lineColumn(of: offset, in: scanner)
            let firstLine = lines.lineColumn(of: first.offset, in: scanner).line
            problems.append(InputProblem(file: path, location: .position(line: line, column: column),
                message: "\(itemName()): duplicate item: domain \"\(shortened(label))\" and id \(shortened(id.description)) were already used by item \(first.index) at line \(firstLine); each (domain, id) may appear once"))
            return
        }
        firstIndexOfKey[key] = (index, offset)
        let (exactChosen, exactRejected) = ExactOrder.apply(chosen: chosen, rejected: rejected,
                                                            exactChosen: fields.exactChosen, exactRejected: fields.exactRejected)
        items.append(ScoredItem(
            key: key, domain: domain, subset: fields.subset, language: fields.language,
            chosen: exactChosen, rejected: exactRejected,
            chosenFeatures: fields.chosenFeatures, rejectedFeatures: fields.rejectedFeatures, attributes: fields.attributes))
    }
}

/// The fields of a result item the reader looks at, recognised from the name's bytes
/// (``FieldName``) without building a `String` per key.
private enum ResultField {
    case id, domain, subset, language, scoreChosen, scoreRejected, chosen, rejected
    case chosenStats, rejectedStats, chosenAttributes, rejectedAttributes

    private static let names: [(StaticString, ResultField)] = [
        ("id", .id), ("domain", .domain), ("subset", .subset), ("language", .language),
        ("score_chosen", .scoreChosen), ("score_rejected", .scoreRejected), ("chosen", .chosen), ("rejected", .rejected),
        ("chosen_stats", .chosenStats), ("rejected_stats", .rejectedStats),
        ("chosen_attributes", .chosenAttributes), ("rejected_attributes", .rejectedAttributes),
    ]

    init?(_ name: FieldName) {
        guard let match = Self.names.first(where: { name.is($0.0) }) else { return nil }
        self = match.1
    }
}

/// A value from the file as a message shows it: at most 100 characters.
private func shortened(_ text: String) -> String {
    let head = text.prefix(99)
    return head.endIndex == text.endIndex || text.index(after: head.endIndex) == text.endIndex ? text : head + "…"
}
