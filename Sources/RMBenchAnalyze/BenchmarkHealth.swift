import RMBenchCore

/// Checks of the benchmark itself, from its dataset files and every recomputed model:
/// prompts that cannot be answered (identical chosen and rejected texts), prompts every model
/// gets wrong (candidate label errors) or right (no information), and how well each prompt
/// tells better models from worse ones.
///
///     let health = BenchmarkHealth(texts: texts, models: [(id, run.items)])
///     health.identical.map(\.key)     // [math/2807] on the public math split
public struct BenchmarkHealth: Sendable {
    /// Fewest recomputed models that must have a prompt before "every model gets it wrong (or
    /// right)" says anything: with one or two models it mostly describes the models.
    public static let minimumModels = 3

    /// A prompt whose chosen and rejected texts are the same in some style.
    public struct Identical: Sendable, Equatable {
        public var key: ItemKey
        /// The styles (0 concise, 1 detailed plain, 2 detailed markdown) with identical texts.
        public var styles: [Int]
    }

    /// One prompt with the models that have it.
    public struct PromptStats: Sendable, Equatable {
        public var key: ItemKey
        public var domain: Domain
        public var models: Int
        /// Models right on all nine comparisons, and wrong on all nine.
        public var allRight: Int
        public var allWrong: Int
        /// Pearson's r, over the models, between the share of the prompt's nine comparisons a
        /// model gets right and the model's share over all its comparisons (a point-biserial
        /// style discrimination index); nil below ``minimumModels`` or when either side is
        /// constant.
        public var discrimination: Double?
    }

    public var identical: [Identical]
    /// Every prompt some model scored, by domain then key.
    public var prompts: [PromptStats]
    /// Recomputed models.
    public var modelCount: Int

    /// Prompts every one of at least ``minimumModels`` models gets wrong on all nine comparisons.
    public var allWrong: [PromptStats] { prompts.filter { $0.models >= Self.minimumModels && $0.allWrong == $0.models } }
    /// Prompts every one of at least ``minimumModels`` models gets right on all nine.
    public var allRight: [PromptStats] { prompts.filter { $0.models >= Self.minimumModels && $0.allRight == $0.models } }

    public init(texts: [ItemKey: PromptTexts], models: [(id: ModelID, items: [ScoredItem])]) {
        identical = texts.compactMap { key, text in
            let styles = (0..<min(text.chosen.count, text.rejected.count)).filter { text.chosen[$0] == text.rejected[$0] }
            return styles.isEmpty ? nil : Identical(key: key, styles: styles)
        }.sorted { $0.key < $1.key }
        modelCount = models.count
        // Each model's overall share of comparisons right, the yardstick of discrimination.
        var overall: [Double] = []
        var perPrompt: [ItemKey: (domain: Domain, rights: [(model: Int, right: Int)])] = [:]
        for (index, model) in models.enumerated() {
            var right = 0
            var seen: Set<ItemKey> = []
            for item in model.items where seen.insert(item.key).inserted {
                var count = 0
                for i in 0..<3 { for j in 0..<3 where item.chosen[i] > item.rejected[j] { count += 1 } }
                right += count
                perPrompt[item.key, default: (item.domain, [])].rights.append((index, count))
            }
            overall.append(seen.isEmpty ? 0 : Double(right) / Double(9 * seen.count))
        }
        prompts = perPrompt.map { key, entry in
            let xs = entry.rights.map { Double($0.right) / 9 }, ys = entry.rights.map { overall[$0.model] }
            let r = entry.rights.count >= Self.minimumModels ? LeastSquares(x: xs, y: ys)?.r : nil
            return PromptStats(key: key, domain: entry.domain, models: entry.rights.count,
                               allRight: entry.rights.filter { $0.right == 9 }.count,
                               allWrong: entry.rights.filter { $0.right == 0 }.count,
                               discrimination: r.flatMap { $0.isFinite ? $0 : nil })
        }.sorted { ($0.domain, $0.key) < ($1.domain, $1.key) }
    }

    /// Prompts by discrimination, lowest first (those that reward the worse models), ties by
    /// domain and key; prompts without one are left out.
    public func leastDiscriminating(_ limit: Int) -> [PromptStats] {
        Array(prompts.filter { $0.discrimination != nil }
            .sorted { ($0.discrimination!, $0.domain, $0.key) < ($1.discrimination!, $1.domain, $1.key) }
            .prefix(limit))
    }
}
