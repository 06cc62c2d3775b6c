/// Hints for misspelt field and key names.
enum NameSuggestion {
    /// ` (did you mean "license"?)` when a name is one or two edits from a known one, or a
    /// prefix of one (`hard` → `hard_acc`), else "".
    static func hint(_ name: String, _ known: [String]) -> String {
        let lower = name.lowercased()
        let candidates = known.map { ($0, editDistance(lower, $0)) }
            .filter { $0.1 <= 2 || lower.count >= 3 && ($0.0.hasPrefix(lower) || lower.hasPrefix($0.0)) }
        guard let best = candidates.min(by: { $0.1 < $1.1 }) else { return "" }
        return " (did you mean \"\(best.0)\"?)"
    }

    /// Levenshtein distance in characters.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
