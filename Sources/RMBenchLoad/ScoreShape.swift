import RMBenchCore

/// Reads the shape of a score list whose syntax is already known to be valid, and says in
/// words what it found when the shape is wrong.
enum ScoreShape {
    case scores(StyleScores)
    case wrong(String)

    static func read(_ scanner: inout JSONScanner) -> ScoreShape {
        guard scanner.current == UInt8(ascii: "[") else {
            return .wrong(scanner.describeValue())
        }
        scanner.pos += 1
        var values: [Double] = []
        values.reserveCapacity(3)
        var flat = 0
        var nested = 0
        var odd: String?
        var position = 0
        while let byte = scanner.peek(), byte != UInt8(ascii: "]") {
            position += 1
            if byte == UInt8(ascii: "[") {
                let open = scanner.pos
                scanner.pos += 1
                scanner.skipWhitespace()  // json.dump(indent=4) puts [1.5] on three lines
                if let value = try? scanner.readNumber(), scanner.peek() == UInt8(ascii: "]") {
                    scanner.pos += 1
                    values.append(value)
                    nested += 1
                } else {
                    odd = odd ?? "a list that is not one number at position \(position)"
                    // Back to the '[' (a number may have been read), to skip the whole list.
                    scanner.pos = open
                    skip(&scanner)
                }
            } else if let value = try? scanner.readNumber() {
                values.append(value)
                flat += 1
            } else {
                odd = odd ?? "\(scanner.describeValue()) at position \(position)"
                skip(&scanner)
            }
            if scanner.peek() == UInt8(ascii: ",") { scanner.pos += 1 }
        }
        if let odd { return .wrong("a list of \(position) with \(odd)") }
        if flat > 0 && nested > 0 { return .wrong("a list mixing numbers and one-element lists") }
        guard values.count == 3 else {
            let noun = nested > 0 ? "one-element lists" : "numbers"
            return .wrong(values.isEmpty ? "an empty list" : "a list of \(values.count) \(values.count == 1 ? String(noun.dropLast()) : noun)")
        }
        return .scores(StyleScores(values[0], values[1], values[2]))
    }

    /// Skips a value known to be valid.
    static func skip(_ scanner: inout JSONScanner) {
        _ = try? scanner.skipValue()
    }
}

/// Reads `chosen_stats` / `rejected_stats` (syntax already checked).
enum StatsShape {
    case stats([ResponseFeatures?])
    case wrong(String)

    static func read(_ scanner: inout JSONScanner) -> StatsShape {
        guard scanner.current == UInt8(ascii: "[") else { return .wrong(scanner.describeValue()) }
        scanner.pos += 1
        var result: [ResponseFeatures?] = []
        while let byte = scanner.peek(), byte != UInt8(ascii: "]") {
            if scanner.matches("null", at: scanner.pos) {
                scanner.pos += 4
                result.append(nil)
            } else if byte == UInt8(ascii: "{") {
                guard let features = readObject(&scanner) else {
                    return .wrong("an entry \(result.count) without the five integer counts")
                }
                result.append(features)
            } else {
                return .wrong("\(scanner.describeValue()) as entry \(result.count)")
            }
            if scanner.peek() == UInt8(ascii: ",") { scanner.pos += 1 }
        }
        guard result.count == 3 else { return .wrong("a list of \(result.count) entries") }
        return .stats(result)
    }

    private static func readObject(_ scanner: inout JSONScanner) -> ResponseFeatures? {
        scanner.pos += 1
        var counts: [String: Int] = [:]
        while scanner.peek() == UInt8(ascii: "\"") {
            guard let key = try? scanner.readString() else { return nil }
            _ = scanner.peek()
            scanner.pos += 1  // ':'
            _ = scanner.peek()
            if let value = try? scanner.readInteger(), value >= 0, value <= Int64(Int32.max) {
                counts[key] = Int(value)
            } else {
                ScoreShape.skip(&scanner)
            }
            if scanner.peek() == UInt8(ascii: ",") { scanner.pos += 1 }
        }
        scanner.pos += 1  // '}'
        guard let chars = counts["chars"], let words = counts["words"], let headers = counts["headers"],
            let lists = counts["list_items"], let bold = counts["bold"]
        else { return nil }
        return ResponseFeatures(characters: chars, words: words, headers: headers, listItems: lists, boldSpans: bold)
    }
}

/// Reads `chosen_attributes` / `rejected_attributes` (syntax already checked): 3 entries,
/// each null or an object of numbers.
enum AttributeShape {
    static func read(_ scanner: inout JSONScanner) -> [[String: Double]?]? {
        guard scanner.current == UInt8(ascii: "[") else { return nil }
        scanner.pos += 1
        var result: [[String: Double]?] = []
        while let byte = scanner.peek(), byte != UInt8(ascii: "]") {
            if scanner.matches("null", at: scanner.pos) {
                scanner.pos += 4
                result.append(nil)
            } else if byte == UInt8(ascii: "{") {
                scanner.pos += 1
                var object: [String: Double] = [:]
                while scanner.peek() == UInt8(ascii: "\"") {
                    guard let name = try? scanner.readString() else { return nil }
                    _ = scanner.peek()
                    scanner.pos += 1  // ':'
                    _ = scanner.peek()
                    guard let value = try? scanner.readNumber() else { return nil }
                    object[name] = value
                    if scanner.peek() == UInt8(ascii: ",") { scanner.pos += 1 }
                }
                guard scanner.peek() == UInt8(ascii: "}") else { return nil }
                scanner.pos += 1
                result.append(object)
            } else {
                return nil
            }
            if scanner.peek() == UInt8(ascii: ",") { scanner.pos += 1 }
        }
        return result.count == 3 ? result : nil
    }
}
