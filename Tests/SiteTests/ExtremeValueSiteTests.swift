import Foundation
import Testing

/// Issue 10 end to end through the built binary: finite extreme values that the readers accept
/// (a score of 1.7e308, external metrics of 1e-320 and 1e308) score, build and report with exit
/// status 0, and the charts say that a value was drawn at the axis end.
@Suite("Extreme values end to end")
struct ExtremeValueSiteTests {
    static let templates = Tool.repository.appendingPathComponent("Templates").path

    /// A copy of the repository's Data/ in a fresh temporary folder.
    static func dataCopy() throws -> URL {
        let data = temporaryDirectory().appendingPathComponent("Data")
        try FileManager.default.copyItem(at: Tool.repository.appendingPathComponent("Data"), to: data)
        return data
    }

    /// `extreme-model`: the length baseline's results with the first chosen score set to 1.7e308.
    static func extremeResult(in data: URL) throws -> URL {
        let text = try String(contentsOf: data.appendingPathComponent("results/Baseline/baseline-length/baseline-length.json"), encoding: .utf8)
        // Item 8 comes first; its first chosen score is 157.0 (other items' may be too).
        let first = try #require(text.range(of: #"{"id":8,"domain":"chat","subset":"alpacaeval","score_chosen":[157.0,"#))
        var extreme = text
        extreme.replaceSubrange(first, with: #"{"id":8,"domain":"chat","subset":"alpacaeval","score_chosen":[1.7e308,"#)
        let folder = data.appendingPathComponent("results/Seq_Classifier/extreme-model")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("results.json")
        try extreme.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    static func page(_ url: URL, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let data = try Data(contentsOf: url)
        let parsed = PageParser.parse(data)
        #expect(parsed.error == nil, "\(url.lastPathComponent): \(parsed.error ?? "")", sourceLocation: sourceLocation)
        return String(decoding: data, as: UTF8.self)
    }

    @Test func scoreOf1e308ScoresBuildsAndReports() throws {
        let data = try Self.dataCopy()
        let file = try Self.extremeResult(in: data)

        let score = try Tool.run(["score", file.path, "--bootstrap", "0"])
        #expect(score.status == 0, "\(score.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(score.stdout.utf8)) as? [String: Any]
        let model = (json?["models"] as? [[String: Any]])?.first
        #expect(model?["model"] as? String == "extreme-model")
        #expect(model?["samples"] as? Int == 798)
        #expect(model?["non_finite_scores"] as? Int == 0)

        let note = "y axis: 1 value beyond ±1e300 is drawn at the axis end."
        let (site, build) = try Tool.build(data: data, extra: ["--bootstrap", "20"])
        #expect(build.status == 0, "\(build.stderr)")
        #expect(try Self.page(site.appendingPathComponent("models/extreme-model.html")).contains(note))
        #expect(try Self.page(site.appendingPathComponent("charts/extreme-model/reward-vs-length.svg")).contains(note))

        let out = temporaryDirectory().appendingPathComponent("report.html")
        let report = try Tool.run(["report", file.path, "--output", out.path, "--bootstrap", "20", "--templates", Self.templates])
        #expect(report.status == 0, "\(report.stderr)")
        #expect(try Self.page(out).contains(note))
    }

    @Test func externalMetricsOfSubnormalAndHugeValuesBuild() throws {
        let data = try Self.dataCopy()
        // Leaderboard models (by their names in external/judgebench.csv), two of them extreme.
        let csv = """
            model,extreme
            internlm2-20b-reward,1e-320
            internlm2-7b-reward,1e308
            Ray2333/GRM-Gemma-2B-rewardmodel-ft,61.5
            Skywork-Reward-Gemma-2-27B,61.5
            Skywork-Reward-Llama-3.1-8B,61.5

            """
        try csv.write(to: data.appendingPathComponent("external/extreme.csv"), atomically: true, encoding: .utf8)
        let (site, build) = try Tool.build(data: data, extra: ["--bootstrap", "20"])
        #expect(build.status == 0, "\(build.stderr)")
        let page = try Self.page(site.appendingPathComponent("correlations.html"))
        #expect(page.contains("internlm2-20b-reward (1e-320, "))
        #expect(page.contains("internlm2-7b-reward (1e+308, "))
        #expect(page.contains("x axis: 1 value beyond ±1e300 is drawn at the axis end."))
        for metric in ["average", "hard"] {
            let svg = try Self.page(site.appendingPathComponent("charts/correlations/extreme-vs-\(metric).svg"))
            #expect(svg.contains("x axis: 1 value beyond ±1e300 is drawn at the axis end."))
        }
    }
}
