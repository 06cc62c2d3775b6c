import RMBenchCore

/// Reads the shape of a score list whose syntax is already known to be valid, and says in
/// words what it found when the shape is wrong.
enum ScoreShape {
    /// The scores, and per style the exact value of an integer token a double cannot hold
    /// (nil where the double is the token's value).
    case scores(StyleScores, exact: [Int64?])
    case wrong(String)
    /// Syntactically scores, but one this reader cannot compare as Python would.
    case refused(String)

    static func read(_ scanner: inout JSONScanner) -> ScoreShape {
        guard scanner.current == UInt8(ascii: "[") else {
            return .wrong(scanner.describeValue())
        }
        scanner.pos += 1
        var values: [Double] = []
        values.reserveCapacity(3)
        var exact: [Int64?] = []
        exact.reserveCapacity(3)
        var refusal: String?
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
                let token = scanner.pos
                if let value = try? scanner.readNumber(), scanner.peek() == UInt8(ascii: "]") {
                    scanner.pos += 1
                    values.append(value)
                    exact.append(integer(at: token, scanner, value: value, position: position, refusal: &refusal))
                    nested += 1
                } else {
                    odd = odd ?? "a list that is not one number at position \(position)"
                    // Back to the '[' (a number may have been read), to skip the whole list.
                    scanner.pos = open
                    skip(&scanner)
                }
            } else if case let token = scanner.pos, let value = try? scanner.readNumber() {
                values.append(value)
                exact.append(integer(at: token, scanner, value: value, position: position, refusal: &refusal))
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
        if let refusal { return .refused(refusal) }
        return .scores(StyleScores(values[0], values[1], values[2]), exact: exact)
    }

    /// 2^53: from here on not every integer is a double.
    static let exactDoubleLimit = 9_007_199_254_740_992.0

    /// The exact value of the integer token at `start` when the double read from it is not
    /// that integer (Python keeps JSON integers exact and compares them exactly with floats).
    /// An integer beyond ±2^63 that a double cannot be trusted to hold — or beyond the
    /// largest double, which strtod turns into infinity — sets `refusal` instead: comparing
    /// it as a double could turn an order into a tie, or a number into "not finite".
    static func integer(at start: Int, _ scanner: JSONScanner, value: Double, position: Int, refusal: inout String?) -> Int64? {
        // Checked first, as it decides for almost every score: inside ±2^53 an integer token is
        // exactly the double read from it, and any other token keeps no exact value.
        guard !(abs(value) < exactDoubleLimit) else { return nil }
        var probe = scanner
        probe.pos = start
        guard let end = try? probe.numberEnd() else { return nil }
        let isInteger = (start..<end).allSatisfy { k in
            let byte = scanner.bytes[k]
            return byte == UInt8(ascii: "-") || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
        }
        guard isInteger else { return nil }
        if let integer = try? probe.readInteger() {
            return Int64(exactly: value) == integer ? nil : integer
        }
        let digits = end - start - (scanner.bytes[start] == UInt8(ascii: "-") ? 1 : 0)
        refusal = refusal ?? "score \(position) is an integer of \(digits) digits, beyond ±2^63\(value.isFinite ? "" : " and the largest double")"
            + ": a double cannot hold it exactly, so comparing it would not be Python's exact comparison; write the scores as floats (as run_rm.py does) or scale them"
        return nil
    }

    /// Skips a value known to be valid.
    static func skip(_ scanner: inout JSONScanner) {
        _ = try? scanner.skipValue()
    }
}

/// Python compares JSON integers exactly, also with floats; doubles lose integers beyond 2^53
/// (9007199254740993 reads as 9007199254740992). An item whose integer scores a double cannot
/// hold keeps, instead of the rounded doubles, the nearest doubles that keep the exact order
/// of its six scores — a few units in the last place away — so every comparison of the item
/// (chosen style i against rejected style j) comes out as in Python.
enum ExactOrder {
    /// `chosen` and `rejected` with exact integers where `exact*` has them, reordered as above.
    static func apply(chosen: StyleScores, rejected: StyleScores, exactChosen: [Int64?], exactRejected: [Int64?]) -> (StyleScores, StyleScores) {
        guard exactChosen.contains(where: { $0 != nil }) || exactRejected.contains(where: { $0 != nil }) else { return (chosen, rejected) }
        // The six values as (double, exact integer if any); NaN takes no part in any order.
        var values = chosen.array + rejected.array
        let exact = exactChosen + exactRejected
        let order = values.indices.filter { !values[$0].isNaN }.sorted { less(values[$0], exact[$0], values[$1], exact[$1]) }
        var previous: Int?
        for index in order {
            if let p = previous {
                let strictlyAbove = less(values[p], exact[p], values[index], exact[index])
                if strictlyAbove, values[index] <= values[p] {
                    values[index] = values[p].nextUp
                } else if !strictlyAbove {
                    values[index] = values[p]
                }
            }
            previous = index
        }
        return (StyleScores(values[0], values[1], values[2]), StyleScores(values[3], values[4], values[5]))
    }

    /// a < b exactly. Doubles that differ are ordered as the values (rounding to a double
    /// never reverses an order); equal doubles are then at least 2^53 in size and integers,
    /// so the exact integers decide.
    static func less(_ a: Double, _ exactA: Int64?, _ b: Double, _ exactB: Int64?) -> Bool {
        if a != b { return a < b }
        guard exactA != nil || exactB != nil else { return false }
        return compare(a, exactA) < compare(b, exactB)
    }

    /// An integer stand-in for exact comparison: the exact value, or the double's own value
    /// (an integer here), clamped to Int64 (a double of 2^63 cannot equal a smaller exact one).
    private static func compare(_ value: Double, _ exact: Int64?) -> Int64 {
        if let exact { return exact }
        if value >= 9.223372036854775807e18 { return .max }
        if value <= -9.223372036854775807e18 { return .min }
        return Int64(value)
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
