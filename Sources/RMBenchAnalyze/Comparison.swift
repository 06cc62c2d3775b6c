import Foundation
import RMBenchCore

/// Two models (or two runs of one model) side by side: what `compare` shows and `check` gates.
public struct Comparison: Sendable {
    public var nameA: String
    public var nameB: String
    public var sourcesA: [SourceFile]
    public var sourcesB: [SourceFile]
    public var differences: PairedDifferences
    public var flips: [Flip]
    /// Prompt texts by key, when `--dataset` was given.
    public var texts: [ItemKey: PromptTexts]
    /// Keys only one of the two has.
    public var onlyInA: [ItemKey]
    public var onlyInB: [ItemKey]

    public init(nameA: String, nameB: String, sourcesA: [SourceFile], sourcesB: [SourceFile], differences: PairedDifferences,
                flips: [Flip], texts: [ItemKey: PromptTexts] = [:], onlyInA: [ItemKey] = [], onlyInB: [ItemKey] = []) {
        self.nameA = nameA
        self.nameB = nameB
        self.sourcesA = sourcesA
        self.sourcesB = sourcesB
        self.differences = differences
        self.flips = flips
        self.texts = texts
        self.onlyInA = onlyInA
        self.onlyInB = onlyInB
    }

    /// Two runs of the same model (same name) rather than two models.
    public var sameModel: Bool { nameA == nameB }

    /// The headline rows: overall difficulties and Average, then each domain's Average.
    public var headlineMetrics: [Metric] {
        [Difficulty.average, .easy, .normal, .hard].map(Metric.overall) + differences.entries.compactMap { entry in
            if case .domain(let domain, .average) = entry.metric { return .domain(domain, .average) }
            return nil
        }
    }

    /// "B is better than A", "… worse …", or no significant difference, on the overall Average.
    public var verdict: String { verdict(name: { $0 }) }

    /// The verdict with the model names passed through `name` (e.g. escaped for Markdown).
    public func verdict(name: (String) -> String) -> String {
        guard let average = differences.entry(.overall(.average)) else { return "Nothing to compare: no shared prompts." }
        let delta = Comparison.points(average.difference)
        let interval = average.interval.map { " (95 % CI \(Comparison.points($0.lowerBound)) to \(Comparison.points($0.upperBound)))" } ?? ""
        let b = sameModel ? "the new run" : name(nameB), a = sameModel ? "the old run" : name(nameA)
        if average.significant {
            return average.difference > 0
                ? "\(b) is better than \(a): Average \(delta) points\(interval)"
                : "\(b) is worse than \(a): Average \(delta) points\(interval)"
        }
        return "no significant difference in Average: \(delta) points\(interval)"
    }

    /// Signed points with one decimal: "+1.2", "-0.4", "0.0".
    public static func points(_ fraction: Double) -> String {
        guard fraction.isFinite else { return "–" }
        let text = NumberText.format("%+.1f", fraction * 100)
        // NumberText already drops the minus of a number that rounds to zero; not the plus.
        return text == "+0.0" ? "0.0" : text
    }
}
