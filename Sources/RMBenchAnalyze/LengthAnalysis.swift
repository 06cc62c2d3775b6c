import RMBenchCore

/// Does a reward model reward length and markdown, or substance? (The paper's Fig. 3
/// question, per model.) Needs response features: texts in the result file, or
/// `chosen_stats` / `rejected_stats`.
public struct LengthAnalysis: Sendable {
    /// One response: its length in characters, markdown elements and the model's reward.
    public struct Response: Sendable, Equatable {
        public var characters: Int
        public var markdown: Int
        public var reward: Double
        public var style: Int
    }

    /// Correct (chosen) and incorrect (rejected) responses with features and a finite reward.
    public var chosen: [Response]
    public var rejected: [Response]
    /// Reward against length within each series (Spearman ρ and its p); nil when undefined.
    public var chosenLengthCorrelation: RankCorrelation?
    public var rejectedLengthCorrelation: RankCorrelation?
    /// Hard-cell comparisons (chosen plainer than rejected) the model got wrong, and how many
    /// of those had the rejected response longer, or with more markdown elements.
    public var hardFailures: Int
    public var hardFailuresRejectedLonger: Int
    public var hardFailuresRejectedMoreMarkdown: Int
    /// Mean reward gain of markdown over plain detailed (same content, same correctness), and of
    /// detailed plain over concise, in units of the standard deviation of all the model's
    /// rewards; nil with fewer than two finite rewards.
    public var markdownGain: Double?
    public var detailGain: Double?
    /// Pairs of styles compared for each gain.
    public var gainPairs: (markdown: Int, detail: Int)
    /// (verbosity, correctness) of responses that carry both attribute scores.
    public var chosenAttributes: [(verbosity: Double, correctness: Double)]
    public var rejectedAttributes: [(verbosity: Double, correctness: Double)]
}

extension Analyze {
    /// The length and style analysis of one model; nil when its items carry no features.
    ///
    ///     let a = Analyze.lengthAnalysis(run.items)
    ///     a?.hardFailuresRejectedLonger   // of a?.hardFailures
    ///     a?.markdownGain                 // in reward standard deviations
    public static func lengthAnalysis(_ items: [ScoredItem]) -> LengthAnalysis? {
        var chosen: [LengthAnalysis.Response] = []
        var rejected: [LengthAnalysis.Response] = []
        var hardFailures = 0, longer = 0, moreMarkdown = 0
        var rewards: [Double] = []
        var markdownDiffs: [Double] = []
        var detailDiffs: [Double] = []
        var chosenAttributes: [(verbosity: Double, correctness: Double)] = []
        var rejectedAttributes: [(verbosity: Double, correctness: Double)] = []
        for item in items {
            if let attributes = item.attributes {
                for style in 0..<3 {
                    if let a = attributes.chosen[style], let v = a["verbosity"], let c = a["correctness"], v.isFinite, c.isFinite {
                        chosenAttributes.append((v, c))
                    }
                    if let a = attributes.rejected[style], let v = a["verbosity"], let c = a["correctness"], v.isFinite, c.isFinite {
                        rejectedAttributes.append((v, c))
                    }
                }
            }
            for style in 0..<3 {
                if let f = item.chosenFeatures[style], item.chosen[style].isFinite {
                    chosen.append(.init(characters: f.characters, markdown: f.markdownElements, reward: item.chosen[style], style: style))
                }
                if let f = item.rejectedFeatures[style], item.rejected[style].isFinite {
                    rejected.append(.init(characters: f.characters, markdown: f.markdownElements, reward: item.rejected[style], style: style))
                }
            }
            for scores in [item.chosen, item.rejected] {
                rewards += scores.array.filter(\.isFinite)
                let gainMarkdown = scores.detailedMarkdown - scores.detailedPlain
                let gainDetail = scores.detailedPlain - scores.concise
                if gainMarkdown.isFinite { markdownDiffs.append(gainMarkdown) }
                if gainDetail.isFinite { detailDiffs.append(gainDetail) }
            }
            for (i, j) in [(0, 1), (0, 2), (1, 2)] where !(item.chosen[i] > item.rejected[j]) {
                guard let c = item.chosenFeatures[i], let r = item.rejectedFeatures[j] else { continue }
                hardFailures += 1
                if r.characters > c.characters { longer += 1 }
                if r.markdownElements > c.markdownElements { moreMarkdown += 1 }
            }
        }
        guard !chosen.isEmpty || !rejected.isEmpty || !chosenAttributes.isEmpty || !rejectedAttributes.isEmpty else { return nil }
        let sd = standardDeviation(rewards)
        func gain(_ diffs: [Double]) -> Double? {
            guard let sd, sd > 0, !diffs.isEmpty else { return nil }
            return diffs.reduce(0, +) / Double(diffs.count) / sd
        }
        func lengthCorrelation(_ series: [LengthAnalysis.Response]) -> RankCorrelation? {
            spearman(series.map { Double($0.characters) }, series.map(\.reward))
        }
        return LengthAnalysis(
            chosen: chosen, rejected: rejected,
            chosenLengthCorrelation: lengthCorrelation(chosen), rejectedLengthCorrelation: lengthCorrelation(rejected),
            hardFailures: hardFailures, hardFailuresRejectedLonger: longer, hardFailuresRejectedMoreMarkdown: moreMarkdown,
            markdownGain: gain(markdownDiffs), detailGain: gain(detailDiffs),
            gainPairs: (markdownDiffs.count, detailDiffs.count),
            chosenAttributes: chosenAttributes, rejectedAttributes: rejectedAttributes)
    }

    /// Sample standard deviation (n − 1); nil with fewer than two values.
    static func standardDeviation(_ values: [Double]) -> Double? {
        guard values.count > 1 else { return nil }
        let mean = values.reduce(0, +) / Double(values.count)
        let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        return (squares / Double(values.count - 1)).squareRoot()
    }
}

/// Spearman's ρ alone, for thousands of points where Kendall's O(n²) τ is not wanted.
public struct RankCorrelation: Sendable, Equatable {
    public var n: Int
    public var rho: Double
    /// Two-sided, t distribution with n − 2 df, as `scipy.stats.spearmanr`.
    public var p: Double
}

extension Analyze {
    /// Spearman's ρ with its p-value; nil in the cases `correlate` returns nil.
    public static func spearman(_ x: [Double], _ y: [Double]) -> RankCorrelation? {
        precondition(x.count == y.count, "spearman needs paired samples of the same length")
        guard x.count >= 3, x.allSatisfy(\.isFinite), y.allSatisfy(\.isFinite), !isConstant(x), !isConstant(y),
              let rho = LeastSquares(x: averageRanks(x), y: averageRanks(y))?.r
        else { return nil }
        return RankCorrelation(n: x.count, rho: rho, p: correlationPValue(rho, n: x.count))
    }
}
