import RMBenchAnalyze
import RMBenchCore
import Testing

/// |ours − reference| < 1e-9.
func expectClose(_ ours: Double, _ reference: Double, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(abs(ours - reference) < 1e-9, "\(what): ours \(ours), scipy \(reference)", sourceLocation: sourceLocation)
}

/// A p-value or tail probability: within 1e-9 relative (so also absolute, as p ≤ 1). A
/// p-value of 1e-60 is worth checking to its own precision, not to 1e-9 absolute.
func expectProbability(_ ours: Double, _ reference: Double, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(abs(ours - reference) <= 1e-9 * abs(reference), "\(what): ours \(ours), scipy \(reference)", sourceLocation: sourceLocation)
}

/// Deterministic test data.
struct TestData {
    var rng: SeededGenerator
    init(seed: UInt64) { rng = SeededGenerator(seed: seed) }

    /// Coarse scores, so that ties occur, with an occasional NaN.
    mutating func score() -> Double {
        let k = rng.index(below: 401)
        return k == 0 ? .nan : Double(k % 13) / 4 - 1.5
    }

    mutating func styleScores() -> StyleScores { StyleScores(score(), score(), score()) }
}

/// Prompts per domain in the full RM-Bench release (1,327 in all).
let officialSampleCounts: [Domain: Int] = [.chat: 129, .math: 529, .code: 228, .safety: 441]

/// Items for the official domain sizes (or `perDomain`), with labels as RM-Bench has them.
func randomItems(seed: UInt64, perDomain: [Domain: Int]? = nil) -> [ScoredItem] {
    var data = TestData(seed: seed)
    var items: [ScoredItem] = []
    for domain in Domain.allCases {
        let count = perDomain?[domain] ?? officialSampleCounts[domain]!
        for k in 0..<count {
            let label = domain == .safety ? (k % 2 == 0 ? "safety-refuse" : "safety-response") : domain.rawValue
            items.append(ScoredItem(key: ItemKey(label: label, id: .int(Int64(k))), domain: domain,
                                    chosen: data.styleScores(), rejected: data.styleScores()))
        }
    }
    return items
}

/// An item that is right on all nine comparisons (`right`) or wrong on all nine.
func uniformItem(_ domain: Domain, _ id: Int, right: Bool) -> ScoredItem {
    ScoredItem(key: ItemKey(label: domain.rawValue, id: .int(Int64(id))), domain: domain,
               chosen: right ? StyleScores(1, 1, 1) : StyleScores(0, 0, 0),
               rejected: StyleScores(0.5, 0.5, 0.5))
}
