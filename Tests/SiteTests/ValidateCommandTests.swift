import Foundation
import Testing

/// `rmbench-site validate` on the default data and on the real RM-R1 aggregate files.
@Suite("validate command")
struct ValidateCommandTests {
    @Test func officialLeaderboardRowsFlaggedByTheirAuthorsAreFlagged() throws {
        let output = try Tool.run(["validate", "--data", Tool.repository.appendingPathComponent("Data").path])
        #expect(output.status == 0, "warnings alone do not fail without --strict: \(output.stderr)")
        let csv = try String(contentsOf: Tool.repository.appendingPathComponent("Data/published/rm-bench-leaderboard-2025-07.csv"), encoding: .utf8)
        // Every row the authors flagged True gets a warning beyond repeating their flag.
        let flagged = csv.split(separator: "\n").filter { $0.contains("Potentially Score Mismatch: True") }
            .map { String($0.split(separator: ",")[0]) }
        #expect(flagged.count == 6)
        for model in flagged {
            let lines = output.stdout.split(separator: "\n").filter { $0.hasPrefix("warning: \(model): ") }
            #expect(lines.contains { $0.contains("[published-identity]") || $0.contains("[overall-vs-domain]") }, "\(model) not flagged on its numbers")
        }
        let strict = try Tool.run(["validate", "--data", Tool.repository.appendingPathComponent("Data").path, "--strict"])
        #expect(strict.status == 1)
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["RMBENCH_SHARED_DATA"].map { FileManager.default.fileExists(atPath: $0) } ?? false,
                   "RMBENCH_SHARED_DATA does not point at ../shared/data: real-data test skipped"))
    func rmR1FinalResultsAgreeOrDisagreeWithTheLeaderboard() throws {
        let shared = URL(fileURLWithPath: ProcessInfo.processInfo.environment["RMBENCH_SHARED_DATA"]!)
        let data = temporaryDirectory().appendingPathComponent("Data")
        let published = data.appendingPathComponent("published")
        try FileManager.default.createDirectory(at: published, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Tool.repository.appendingPathComponent("Data/published/rm-bench-leaderboard-2025-07.csv"),
                                         to: published.appendingPathComponent("leaderboard.csv"))
        try FileManager.default.copyItem(at: Tool.repository.appendingPathComponent("Data/models.toml"), to: data.appendingPathComponent("models.toml"))
        for model in ["RM-R1-Qwen2.5-Instruct-32B", "RM-R1-DeepSeek-Distilled-Qwen-32B"] {
            let folder = published.appendingPathComponent("rm-r1/eval/result/\(model)/RM-Bench")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: shared.appendingPathComponent("RM-R1-UIUC-RM-R1/eval/result/\(model)/RM-Bench/final_result.json"),
                                             to: folder.appendingPathComponent("final_result.json"))
        }
        let output = try Tool.run(["validate", "--data", data.path, "--notes"])
        #expect(output.status == 0, "\(output.stderr)")
        let lines = output.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("note: RM-R1-DeepSeek-Distilled-Qwen-32B: [sources-agree] Two published sources agree on 8 numbers.") })
        let disagreement = try #require(lines.first { $0.hasPrefix("warning: RM-R1-Qwen-Instruct-32B: [sources-disagree]") })
        #expect(disagreement.contains("Code 56.2 vs 66.082 (+9.88; tolerance ±0.055)"))
        #expect(disagreement.contains("Math 83.9 vs 80.550 (-3.35; tolerance ±0.055)"))
    }
}
