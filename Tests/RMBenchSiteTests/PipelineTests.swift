import Foundation
import RMBenchAnalyze
import RMBenchCore
import RMBenchPublish
import RMBenchRender
import RMBenchScore
import RMBenchSite
import Testing

/// The pipeline called as a library, without the executable.
@Suite("Site pipeline")
struct PipelineTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func folder() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rmbench-pipeline-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Two prompts per domain; `shift` moves the scores so two models differ.
    static func items(shift: Int) -> String {
        var lines: [String] = []
        for domain in ["chat", "math", "code", "safety-refuse"] {
            for id in 1...2 {
                let a = Double((id * 7 + shift) % 5), b = Double((id * 3 + shift * 2) % 4)
                lines.append(#"{"id": \#(id), "domain": "\#(domain)", "score_chosen": [\#(a), \#(b), 1.5], "score_rejected": [\#(b), \#(a), 1.0]}"#)
            }
        }
        return "[\n" + lines.joined(separator: ",\n") + "\n]\n"
    }

    /// A data folder: two recomputed models, one of them named in the metadata only as an alias
    /// of `canonical-a`, and a published row for that alias which disagrees with its results.
    static func data() throws -> URL {
        let data = folder().appendingPathComponent("Data")
        for (model, shift) in [("model-a", 0), ("model-b", 1)] {
            let models = data.appendingPathComponent("results/Seq_Classifier/\(model)")
            try FileManager.default.createDirectory(at: models, withIntermediateDirectories: true)
            try items(shift: shift).write(to: models.appendingPathComponent("results.json"), atomically: true, encoding: .utf8)
        }
        try FileManager.default.createDirectory(at: data.appendingPathComponent("published"), withIntermediateDirectories: true)
        try "model,chat,math,code,safety,average\nMODEL-A,99,99,99,99,99\npublished-only,50,50,50,50,50\n"
            .write(to: data.appendingPathComponent("published/table.csv"), atomically: true, encoding: .utf8)
        try "[[model]]\nname = \"canonical-a\"\ndisplay_name = \"Model A\"\naliases = [\"model-a\"]\nlicense = \"MIT\"\n"
            .write(to: data.appendingPathComponent("models.toml"), atomically: true, encoding: .utf8)
        return data
    }

    @Test("an alias-only metadata entry joins the results and the published row into one identity")
    func aliasJoinsSources() async throws {
        let inputs = try await SiteInputs.load(data: try Self.data().path)
        #expect(inputs.runs.map(\.model).sorted() == ["model-a", "model-b"])
        let id = inputs.id("model-a")
        #expect(id == inputs.id("MODEL-A") && id == inputs.id("canonical-a"))
        #expect(id.name == "canonical-a" && id.displayName == "Model A" && id.slug == "canonical-a")

        let site = SitePipeline.assemble(inputs, title: "t", baseURL: nil, bootstrap: BootstrapSettings(resamples: 0))
        #expect(site.rows.map(\.name).sorted() == ["canonical-a", "model-b", "published-only"])
        let row = try #require(site.rows.first { $0.id == id })
        #expect(row.score != nil && row.allPublished.count == 1)
        #expect(row.provenance == .disagrees)
        #expect(row.flagged)
        let findings = site.findings.filter { $0.check == "disagrees" }
        #expect(findings.map(\.model) == [id])
        #expect(site.rows.first { $0.name == "published-only" }?.score == nil)
    }

    @Test("two result folders that are one model by case are refused, naming both")
    func sharedIdentityIsAnInputProblem() async throws {
        let data = try Self.data()
        let other = data.appendingPathComponent("results/Seq_Classifier/Model-B")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        try Self.items(shift: 2).write(to: other.appendingPathComponent("results.json"), atomically: true, encoding: .utf8)
        await #expect {
            _ = try await SiteInputs.load(data: data.path)
        } throws: { error in
            let problems = (error as? InputProblems)?.problems ?? []
            return problems.count == 1 && problems[0].message.contains("are the same model \"Model-B\"")
        }
    }

    @Test("a build writes the site, says what it does, and refuses an output inside the data folder")
    func build() async throws {
        let data = try Self.data()
        let output = data.deletingLastPathComponent().appendingPathComponent("Site")
        let lines = Lines()
        let options = SiteBuild.Options(data: data.path, templates: Self.repository.appendingPathComponent("Templates").path,
                                        output: output.path, bootstrap: BootstrapSettings(resamples: 0), progress: Progress { lines.append($0) })
        let result = try await SiteBuild.run(options)
        #expect(result.files > 20)
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("models/canonical-a.html").path))
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent(SitePublisher.markerName).path))
        #expect(lines.values.contains { $0.hasPrefix("writing ") })

        var inside = options
        inside.output = data.appendingPathComponent("site").path
        await #expect {
            try await SiteBuild.run(inside)
        } throws: { error in
            guard case .input(let problems)? = error as? PipelineFailure else { return false }
            return problems.problems.first?.message.hasPrefix("the output folder lies inside the data folder") == true
        }
    }

    @Test("gates: a drop beyond its limit fails, a floor below fails, the rest hold")
    func gates() throws {
        func run(_ correct: Int) -> ModelRun {
            // `correct` of 4 chat prompts right in every comparison, the rest wrong in all.
            let items = (1...4).map { id in
                let right = id <= correct
                return ScoredItem(key: ItemKey(label: "chat", id: .int(Int64(id))), domain: .chat,
                                  chosen: right ? StyleScores(2, 2, 2) : StyleScores(0, 0, 0), rejected: StyleScores(1, 1, 1))
            }
            return ModelRun(model: "m", type: .sequenceClassifier, sources: [], items: items)
        }
        let drops = try Gates.parse("chat=10,average=30", option: "--max-drop")
        let floors = try Gates.parse("chat_hard=60", option: "--min")
        let report = Gates.evaluate(candidate: run(2), baseline: run(3), drops: drops, floors: floors, bootstrap: BootstrapSettings(resamples: 0))
        #expect(report.failed == 2)
        #expect(report.lines[0].hasPrefix("FAIL chat: dropped 25.00 points, more than the allowed 10"))
        #expect(report.lines[1].hasPrefix("ok   average: change -25.0 points, allowed drop 30"))
        #expect(report.lines[2] == "FAIL chat_hard: 50.00 is below the minimum 60 by 10.00 points")
        #expect(report.lines.last == "2 of 3 gate(s) failed")
        #expect(throws: Gates.Malformed.self) { try Gates.parse("speed=1", option: "--min") }
    }
}

/// Progress lines collected from any thread.
final class Lines: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    func append(_ line: String) { lock.withLock { stored.append(line) } }
    var values: [String] { lock.withLock { stored } }
}
