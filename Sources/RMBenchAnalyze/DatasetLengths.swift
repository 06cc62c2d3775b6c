import RMBenchCore

/// Response lengths of the benchmark itself, per domain and style: RM-Bench is built so that
/// length does not tell the correct response from the incorrect one.
public struct DomainLengths: Sendable {
    public var domain: Domain
    /// Per style (concise, detailed plain, detailed markdown): lengths in characters.
    public var chosen: [[Double]]
    public var rejected: [[Double]]
    /// Per style: prompts where the chosen response is longer than the rejected one, and
    /// prompts compared (both lengths known).
    public var chosenLonger: [Int]
    public var compared: [Int]
}

extension Analyze {
    /// Lengths of every response with features, by domain; domains without features are left out.
    public static func datasetLengths(_ items: [ScoredItem]) -> [DomainLengths] {
        var byDomain: [Domain: DomainLengths] = [:]
        for item in items {
            var entry = byDomain[item.domain] ?? DomainLengths(
                domain: item.domain, chosen: [[], [], []], rejected: [[], [], []], chosenLonger: [0, 0, 0], compared: [0, 0, 0])
            var any = false
            for style in 0..<3 {
                let c = item.chosenFeatures[style], r = item.rejectedFeatures[style]
                if let c { entry.chosen[style].append(Double(c.characters)); any = true }
                if let r { entry.rejected[style].append(Double(r.characters)); any = true }
                if let c, let r {
                    entry.compared[style] += 1
                    if c.characters > r.characters { entry.chosenLonger[style] += 1 }
                }
            }
            if any { byDomain[item.domain] = entry }
        }
        return Domain.allCases.compactMap { byDomain[$0] }
    }
}
