import Foundation
import Testing

/// `health.html` and `validate --dataset` on the public partial math split, which has one
/// prompt whose chosen and rejected texts are the same (id 2807).
@Suite("Benchmark health")
struct HealthPageTests {
    static var mathSplit: URL? {
        let shared = ProcessInfo.processInfo.environment["RMBENCH_SHARED_DATA"].map { URL(fileURLWithPath: $0) }
            ?? Tool.repository.deletingLastPathComponent().appendingPathComponent("shared/data")
        let split = shared.appendingPathComponent("hggzjx-RewardAuditor/datasets/math_filtered_prompt_disturbance.json")
        return FileManager.default.fileExists(atPath: split.path) ? split : nil
    }

    @Test(.enabled(if: mathSplit != nil, "the shared math split is absent: real-data test skipped"))
    func identicalTextsAreListed() throws {
        let split = try #require(Self.mathSplit)
        let (site, output) = try Tool.build(extra: ["--dataset", split.path])
        #expect(output.status == 0, "\(output.stderr)")
        let page = try String(contentsOf: site.appendingPathComponent("health.html"), encoding: .utf8)
        #expect(page.contains("<td>math 2807</td>"))
        #expect(page.contains("<td>concise</td>"))
        #expect(page.contains("Few models: weak evidence."))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: site.appendingPathComponent("data/health.json"))) as? [String: Any]
        let identical = json?["identical_texts"] as? [[String: Any]]
        #expect(identical?.count == 1 && identical?.first?["id"] as? String == "2807" && identical?.first?["domain"] as? String == "math")

        let validate = try Tool.run(["validate", "--data", Tool.repository.appendingPathComponent("Data").path, "--dataset", split.path])
        #expect(validate.stdout.contains("health: math/2807: chosen and rejected texts are identical (concise); no model can get these comparisons right\n"))
    }

    @Test func withoutTheDatasetThePageSaysSo() throws {
        let (site, output) = try Tool.build()
        #expect(output.status == 0, "\(output.stderr)")
        let page = try String(contentsOf: site.appendingPathComponent("health.html"), encoding: .utf8)
        #expect(page.contains("No dataset files were given"))
        // Each listed prompt links to its prompt page, which exists.
        for link in page.components(separatedBy: "href=\"prompts/").dropFirst() {
            let path = "prompts/" + link.prefix { $0 != "\"" }
            #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent(path).path), "\(path)")
        }
    }
}
