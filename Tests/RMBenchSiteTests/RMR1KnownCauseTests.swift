import Foundation
import RMBenchAnalyze
import RMBenchCore
import RMBenchRender
import RMBenchSite
import Testing

/// RM-R1's published `final_result.json` (the shared data) against synthetic RM-R1 rotation
/// logs of the same model: the `disagrees` finding names the known cause and prints, beside
/// each official-rule number, what RM-R1's own `process_final_result.py` prints from the logs.
@Suite("RM-R1 known cause")
struct RMR1KnownCauseTests {
    /// `RMBENCH_SHARED_DATA`, else `../shared/data` next to the repository.
    static let shared: URL? = {
        let environment = ProcessInfo.processInfo.environment["RMBENCH_SHARED_DATA"].flatMap { $0.isEmpty ? nil : $0 }
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let url = environment.map { URL(fileURLWithPath: $0) } ?? repository.deletingLastPathComponent().appendingPathComponent("shared/data")
        return FileManager.default.fileExists(atPath: url.appendingPathComponent("README.md").path) ? url : nil
    }()

    static let model = "RM-R1-Qwen2.5-Instruct-32B"
    static var finalResult: URL? {
        shared?.appendingPathComponent("RM-R1-UIUC-RM-R1/eval/result/\(model)/RM-Bench/final_result.json")
    }

    /// The judge's answer per cell, M[i][j] for chosen style i against rejected style j
    /// (1 chosen, 0.5 tie, 0 rejected). Chat, math and code share `m`; safety has `safety`.
    static let m: [[Double]] = [[1, 0, 0.5], [1, 1, 0], [0.5, 1, 1]]
    static let safety: [[Double]] = [[1, 0, 1], [1, 0.5, 1], [1, 1, 1]]

    /// File `total_dataset_<k+1>` holds rotation k: `rejected` rotated left by k and
    /// result[i] = M[i][(i + k) mod 3] (docs/input-formats.md).
    static func log(rotation k: Int) -> String {
        let items: [(String, Int, [[Double]])] = [("chat", 1, m), ("math", 2, m), ("code", 3, m), ("safety-refuse", 4, safety)]
        let entries = items.map { label, id, cells in
            let rejected = (0..<3).map { "\"wrong \(id) style \(($0 + k) % 3)\"" }
            let result = (0..<3).map { i in String(cells[i][(i + k) % 3]) }
            return """
                {"id": \(id), "prompt": "prompt \(id)", "chosen": ["right \(id) a", "right \(id) b", "right \(id) c"], \
                "rejected": [\(rejected.joined(separator: ", "))], "domain": "\(label)", "subset": "s", \
                "result": [\(result.joined(separator: ", "))], "Is_Chosen_Answer_Shuffled_toPositionB": [false, true, false]}
                """
        }
        return "[\n" + entries.joined(separator: ",\n") + "\n]\n"
    }

    @Test(.enabled(if: finalResult.map { FileManager.default.fileExists(atPath: $0.path) } ?? false,
                   "RMBENCH_SHARED_DATA (default ../shared/data) has no RM-R1 final_result.json: RM-R1 known-cause test skipped"))
    func disagreementShowsRMR1sNumbers() async throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("rmbench-rmr1-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: data) }
        let judge = data.appendingPathComponent("judges/\(Self.model)")
        try FileManager.default.createDirectory(at: judge, withIntermediateDirectories: true)
        for k in 0..<3 {
            try Self.log(rotation: k).write(to: judge.appendingPathComponent("total_dataset_\(k + 1)_\(Self.model).json"), atomically: true, encoding: .utf8)
        }
        // A temporary copy in RM-R1's layout, which names the model.
        let published = data.appendingPathComponent("published/eval/result/\(Self.model)/RM-Bench")
        try FileManager.default.createDirectory(at: published, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.finalResult!, to: published.appendingPathComponent("final_result.json"))

        let inputs = try await SiteInputs.load(data: data.path)
        let findings = SitePipeline.findings(inputs, scores: SitePipeline.scores(inputs))
        let finding = try #require(findings.first { $0.check == "disagrees" })
        #expect(finding.model.name == Self.model)
        #expect(finding.severity == .error)
        #expect(finding.source == "published/eval/result/\(Self.model)/RM-Bench/final_result.json, line 1")
        // Official rule (a tie is wrong), by hand from the cells: chat/math/code wins
        // [[1,0,0],[1,1,0],[0,1,1]] give Hard 0, Normal 1, Easy 2/3, Average 5/9 = 55.56;
        // safety wins [[1,0,1],[1,0,1],[1,1,1]] give Hard 2/3, Normal 2/3, Easy 1, Average 7/9 = 77.78.
        // Means over the four domains: Easy 3/4, Normal 11/12, Hard 1/6, Average 11/18.
        // RM-R1's scorer: ties ½, and cells (0,1), (1,2), (2,0) take (0,2), (1,0), (2,1):
        // chat/math/code [[1,½,½],[1,1,1],[1,1,1]] → Hard 2/3, Normal 1, Easy 1, Average 8/9 = 88.89;
        // safety [[1,1,1],[1,½,1],[1,1,1]] → Hard 1, Normal 5/6, Easy 1, Average 17/18 = 94.44;
        // means: Easy 1, Normal 23/24 = 95.83, Hard 3/4, Average 65/72 = 90.28.
        // Published (final_result.json × 100, shown to three decimals): 76.486, 80.550, 66.082,
        // 93.827, Easy 86.706, Normal 80.510, Hard 70.493, Average 79.236; full precision, so
        // the tolerance is 0.
        let official: [(String, String, String, String)] = [
            ("Chat", "55.56", "76.486", "-20.93"), ("Math", "55.56", "80.550", "-24.99"), ("Code", "55.56", "66.082", "-10.53"),
            ("Safety", "77.78", "93.827", "-16.05"), ("Easy", "75.00", "86.706", "-11.71"), ("Normal", "91.67", "80.510", "+11.16"),
            ("Hard", "16.67", "70.493", "-53.83"), ("Average", "61.11", "79.236", "-18.13"),
        ]
        let theirs = ["Chat": "88.89", "Math": "88.89", "Code": "88.89", "Safety": "94.44",
                      "Easy": "100.00", "Normal": "95.83", "Hard": "75.00", "Average": "90.28"]
        let expected = "Recomputed numbers differ from the published ones beyond the published rounding: "
            + official.map { "\($0.0) recomputed \($0.1), published \($0.2) (\($0.3); tolerance ±0)" }.joined(separator: "; ")
            + ". Known cause: \(RMR1Scorer.explanation). From the same results RM-R1's scorer prints "
            + official.map { "\($0.0) \(theirs[$0.0]!) (published \($0.2), official rule \($0.1))" }.joined(separator: "; ")
            + ", which still differs from the published numbers: the scorer does not explain all of it."
        #expect(finding.message == expected)

        // The judge's model page carries the banner.
        let input = SitePipeline.assemble(inputs, title: "t", baseURL: nil, bootstrap: BootstrapSettings(resamples: 0))
        let templates = try TemplateSet.load(directory: ModelBannerTests.templatesFolder.path)
        let page = try ModelBannerTests.page(SiteRenderer.render(input, templates: templates), Self.model, in: input)
        let slug = try #require(input.rows.first { $0.id.name == Self.model }?.id.slug)
        #expect(page.contains("\n\n**⚑ [1 audit error: disagrees with published numbers](../audit.html#audit-\(slug))**\n\n"))
    }
}
