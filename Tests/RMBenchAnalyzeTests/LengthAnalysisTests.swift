import RMBenchAnalyze
import RMBenchCore
import Testing

@Suite("Length and style analysis")
struct LengthAnalysisTests {
    static func features(_ characters: Int, markdown: Int = 0) -> ResponseFeatures {
        ResponseFeatures(characters: characters, words: 1, headers: markdown, listItems: 0, boldSpans: 0)
    }

    /// Two prompts, worked by hand.
    ///
    ///     prompt 1: chosen [1, 2, 3] lengths [10, 100, 120] markdown [0, 0, 5]
    ///               rejected [2, 2.5, 4] lengths [12, 90, 130] markdown [0, 0, 6]
    ///       Hard cells (i < j): c0=1 > r1=2.5? no → fail (r1 length 90 > 10: longer; md 0 > 0: no)
    ///                           c0=1 > r2=4? no → fail (130 > 10 longer; md 6 > 0 more)
    ///                           c1=2 > r2=4? no → fail (130 > 100 longer; 6 > 0 more)
    ///     prompt 2: chosen [5, 5, 5] lengths [50, 60, 70] markdown [0, 0, 0]
    ///               rejected [1, 1, 1] lengths [40, 80, 90] markdown [0, 0, 1]
    ///       every Hard cell right (5 > 1)
    ///     Hard failures 3, rejected longer 3, more markdown 2.
    ///     Markdown gain: differences (md − plain) per score list: 3−2=1, 4−2.5=1.5, 0, 0 → mean 0.625;
    ///     detail gain: 2−1=1, 2.5−2=0.5, 0, 0 → mean 0.375; both divided by the sample SD of all
    ///     12 rewards.
    @Test func handComputed() throws {
        let items = [
            ScoredItem(key: ItemKey(label: "chat", id: .int(1)), domain: .chat,
                       chosen: StyleScores(1, 2, 3), rejected: StyleScores(2, 2.5, 4),
                       chosenFeatures: [Self.features(10), Self.features(100), Self.features(120, markdown: 5)],
                       rejectedFeatures: [Self.features(12), Self.features(90), Self.features(130, markdown: 6)]),
            ScoredItem(key: ItemKey(label: "chat", id: .int(2)), domain: .chat,
                       chosen: StyleScores(5, 5, 5), rejected: StyleScores(1, 1, 1),
                       chosenFeatures: [Self.features(50), Self.features(60), Self.features(70)],
                       rejectedFeatures: [Self.features(40), Self.features(80), Self.features(90, markdown: 1)]),
        ]
        let analysis = try #require(Analyze.lengthAnalysis(items))
        #expect(analysis.hardFailures == 3)
        #expect(analysis.hardFailuresRejectedLonger == 3)
        #expect(analysis.hardFailuresRejectedMoreMarkdown == 2)
        let rewards: [Double] = [1, 2, 3, 2, 2.5, 4, 5, 5, 5, 1, 1, 1]
        let mean = rewards.reduce(0, +) / 12
        let sd = (rewards.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 11).squareRoot()
        #expect(abs(try #require(analysis.markdownGain) - 0.625 / sd) < 1e-12)
        #expect(abs(try #require(analysis.detailGain) - 0.375 / sd) < 1e-12)
        #expect(analysis.chosen.count == 6 && analysis.rejected.count == 6)
        // Chosen: lengths 10,100,120,50,60,70 vs rewards 1,2,3,5,5,5 → ranks of length 1,5,6,2,3,4;
        // ranks of reward 1,2,3,5,5,5 (ties at 5). Spearman is Pearson of the ranks.
        let rho = try #require(analysis.chosenLengthCorrelation).rho
        let lengthRanks: [Double] = [1, 5, 6, 2, 3, 4], rewardRanks: [Double] = [1, 2, 3, 5, 5, 5]
        let r = pearson(lengthRanks, rewardRanks)
        #expect(abs(rho - r) < 1e-12)
    }

    @Test func noFeaturesNoAnalysis() {
        let item = ScoredItem(key: ItemKey(label: "chat", id: .int(1)), domain: .chat, chosen: StyleScores(1, 2, 3), rejected: StyleScores(0, 0, 0))
        #expect(Analyze.lengthAnalysis([item]) == nil)
    }

    func pearson(_ x: [Double], _ y: [Double]) -> Double {
        let mx = x.reduce(0, +) / Double(x.count), my = y.reduce(0, +) / Double(y.count)
        let sxy = zip(x, y).map { ($0 - mx) * ($1 - my) }.reduce(0, +)
        let sxx = x.map { ($0 - mx) * ($0 - mx) }.reduce(0, +), syy = y.map { ($0 - my) * ($0 - my) }.reduce(0, +)
        return sxy / (sxx * syy).squareRoot()
    }
}

@Suite("Correlation study")
struct CorrelationStudyTests {
    @Test func matchesModelsThroughAliasesAndIgnoresCase() throws {
        let external = ExternalMetrics(
            file: "x.csv", metrics: [.init(name: "other", description: "Other benchmark (%)")],
            values: ["a-alias": ["other": 10], "B": ["other": 20], "c": ["other": 35], "unknown": ["other": 99]],
            models: ["a-alias", "B", "c", "unknown"])
        let metadata = [ModelMetadata(name: "Model-A", aliases: ["a-alias"], file: "models.toml", line: 1)]
        let models = ModelDirectory(metadata: metadata, names: ["Model-A", "b", "C"])
        let rmbench: [ModelID: [String: Double]] = [models.id("Model-A")!: ["Average": 50], models.id("b")!: ["Average": 60],
                                                    models.id("C")!: ["Average": 70, "Hard": 1]]
        let pairs = Analyze.correlationStudy(
            rmbench: rmbench, rmbenchMetrics: ["Average", "Hard"], external: [external],
            models: models, resamples: 200, seed: 1)
        #expect(pairs.map(\.y) == ["Average", "Hard"])
        let average = pairs[0]
        #expect(average.points.map(\.model) == ["C", "Model-A", "b"])
        #expect(average.points.map(\.x) == [35, 10, 20])
        // x = 10, 20, 35 against y = 50, 60, 70 (by model A, b, C): ranks agree → ρ = τ = 1.
        let result = try #require(average.result)
        #expect(result.n == 3)
        #expect(result.spearmanRho == 1)
        #expect(result.kendallTau == 1)
        #expect(pairs[1].points.count == 1)
        #expect(pairs[1].result == nil, "one point has no correlation")
    }
}
