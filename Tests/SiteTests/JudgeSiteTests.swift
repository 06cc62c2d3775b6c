import Foundation
import Testing

/// Generative-judge logs in `Data/judges/` become leaderboard rows scored strictly, with the
/// half-credit view and order-swap consistency on their pages.
@Suite("Judges on the site")
struct JudgeSiteTests {
    @Test func pairwiseAndRotationLogsBecomeRows() throws {
        let data = temporaryDirectory().appendingPathComponent("Data")
        let fixtures = Tool.repository.appendingPathComponent("Tests/Fixtures/judges")
        let pairwise = data.appendingPathComponent("judges/pairwise-judge")
        let rotations = data.appendingPathComponent("judges/judge-x")
        try FileManager.default.createDirectory(at: pairwise, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent("pairwise-judge.jsonl"), to: pairwise.appendingPathComponent("verdicts.jsonl"))
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent("rm-r1"), to: rotations)
        let (site, output) = try Tool.build(data: data, extra: ["--bootstrap", "0"])
        #expect(output.status == 0, "\(output.stderr)")
        let files = try tree(site)
        let page = String(decoding: try #require(files["models/pairwise-judge.html"]), as: UTF8.self)
        #expect(page.contains("Judge verdicts"))
        #expect(page.contains("Order-swap consistency"))
        #expect(files["models/judge-x.html"] != nil)
        let index = String(decoding: files["index.md"]!, as: UTF8.self)
        #expect(index.contains("[pairwise-judge](models/pairwise-judge.html)"))
        // A folder mixing both formats is refused.
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent("pairwise-judge.jsonl"), to: rotations.appendingPathComponent("extra.jsonl"))
        let mixed = try Tool.build(data: data)
        #expect(mixed.output.status == 2)
        #expect(mixed.output.stderr.contains("holds both pairwise verdicts (.jsonl) and rotation logs (.json)"))
    }
}
