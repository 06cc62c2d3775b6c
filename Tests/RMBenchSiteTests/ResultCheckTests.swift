import Foundation
import RMBenchAnalyze
import RMBenchCore
import RMBenchRender
import RMBenchSite
import Testing

/// The audit's result checks on hand-built result files, through the pipeline: the finding's
/// text and severity, and the leaderboard's flag.
@Suite("Result checks")
struct ResultCheckTests {
    /// One item per line of JSON Lines.
    struct Item {
        var label: String
        var id: Int
        var chosen: [String]
        var rejected: [String]

        var line: String {
            #"{"id": \#(id), "domain": "\#(label)", "score_chosen": [\#(chosen.joined(separator: ", "))], "score_rejected": [\#(rejected.joined(separator: ", "))]}"#
        }
    }

    /// The full official prompt set with distinct scores: chosen beats rejected on 2 of 3
    /// rejected styles for each chosen style (no ties, no NaN).
    static func clean(seed: Int = 0) -> [Item] {
        var items: [Item] = []
        for (label, count) in ResultChecks.officialPrompts {
            for id in 0..<count {
                let base = Double((id * 37 + seed * 11) % 1000) / 10 + Double(seed) * 0.001
                items.append(Item(label: label, id: id,
                                  chosen: [base + 0.25, base + 0.5, base + 0.75].map { String($0) },
                                  rejected: [base + 0.125, base + 0.375, base + 0.875].map { String($0) }))
            }
        }
        return items
    }

    /// A data folder with one result file per model.
    static func site(_ models: [(String, [Item])]) async throws -> SiteInput {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("rmbench-checks-\(UUID().uuidString)")
        for (model, items) in models {
            let folder = data.appendingPathComponent("results/Seq_Classifier/\(model)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try (items.map(\.line).joined(separator: "\n") + "\n").write(to: folder.appendingPathComponent("results.jsonl"), atomically: true, encoding: .utf8)
        }
        let inputs = try await SiteInputs.load(data: data.path)
        return SitePipeline.assemble(inputs, title: "t", baseURL: nil, bootstrap: BootstrapSettings(resamples: 0))
    }

    static func flagged(_ site: SiteInput, _ model: String) -> Bool {
        site.rows.first { $0.id.name == model }?.flagged ?? false
    }

    @Test func cleanResultRaisesNothing() async throws {
        let site = try await Self.site([("clean", Self.clean()), ("other", Self.clean(seed: 1))])
        #expect(site.findings.isEmpty)
        #expect(!Self.flagged(site, "clean"))
    }

    /// 14 NaN chosen scores (style 0 of 14 prompts) each enter 3 comparisons: 42 counted wrong.
    @Test func nonFiniteScores() async throws {
        var items = Self.clean()
        for k in 0..<14 { items[k].chosen[0] = "NaN" }
        items[20].rejected[2] = "Infinity"
        let site = try await Self.site([("nan", items)])
        let finding = try #require(site.findings.first { $0.check == "non-finite" })
        #expect(finding.severity == .warning)
        #expect(finding.message == "15 scores of 7962 are not finite (14 NaN, 1 infinite); 42 comparisons of 11943 involve a NaN and count as wrong, as in the official scorer.")
        #expect(finding.source == "results/Seq_Classifier/nan/results.jsonl")
        #expect(Self.flagged(site, "nan"))
    }

    /// Ties on all three rejected styles of 200 prompts: 600 of 11,943 (5.0 %). Hand count of
    /// the tie-free numbers: in chat, chosen style i beats rejected j where the clean pattern
    /// says so; the tied prompts' comparisons earn ½ instead of 0 or 1.
    @Test func tiesAboveTheShare() async throws {
        var items = Self.clean()
        for k in 0..<200 {
            items[k].chosen = ["1.0", "2.0", "3.0"]
            items[k].rejected = ["2.0", "2.0", "2.0"]
        }
        let site = try await Self.site([("ties", items)])
        let finding = try #require(site.findings.first { $0.check == "ties" })
        #expect(finding.severity == .warning)
        // 200 prompts × 3 ties (chosen 2.0 against each rejected 2.0) = 600 ties.
        #expect(finding.message.hasPrefix("600 of 11943 comparisons (5.0 %) are exact ties between a chosen and a rejected score, above the 1.0 % threshold; each counts as wrong"))
        // Chat: 129 prompts all tied-pattern (k < 200 covers chat 0–128 and math 0–70).
        // Chat strict: chosen 1 beats none, 2 ties all, 3 beats all → every cell of row 2 is
        // 129/129, rows 0 and 1 zero: Hard (0,1),(0,2),(1,2) = 0, Normal = 1/3, Easy = (0 + 1 + 1)/3.
        // With ½: row 1 cells ½ → Hard (0 + 0 + ½)/3 = 1/6, Normal (0 + ½ + 1)/3, Easy (½ + 1 + 1)/3.
        #expect(finding.message.contains("Average"))
        #expect(finding.message.contains("with ties counted ½ (official"))
        #expect(Self.flagged(site, "ties"))
        // Below the share: 10 tied prompts (30 ties, 0.25 %) raise nothing.
        var few = Self.clean()
        for k in 0..<10 { few[k].chosen = ["1.0", "2.0", "3.0"]; few[k].rejected = ["2.0", "2.0", "2.0"] }
        #expect(try await Self.site([("few", few)]).findings.isEmpty)
    }

    @Test func differentPromptSet() async throws {
        var items = Self.clean()
        items.removeAll { $0.label == "chat" && $0.id < 9 }
        items.append(Item(label: "code", id: 5000, chosen: ["1", "2", "3"], rejected: ["0.5", "1.5", "2.5"]))
        let site = try await Self.site([("subset", items)])
        let finding = try #require(site.findings.first { $0.check == "prompt-set" })
        #expect(finding.severity == .warning)
        #expect(finding.message == "The prompt set differs from RM-Bench's 1327 prompts: chat has 120 (official 129: 9 missing); code has 229 (official 228: 1 extra). Numbers over a different set are not comparable with the leaderboard's. Only the number of prompts was compared for chat, math, code, safety-refuse, safety-response (no dataset file for them; with --dataset the ids are compared).")
        #expect(Self.flagged(site, "subset"))
    }

    /// Three prompts, 9 of 27 comparisons tied (33.3 %). By hand, per cell (chosen i, rejected j):
    /// chat A (chosen 1 2 3 vs rejected 2 2 2) loses row 0, ties row 1, wins row 2; chat B
    /// (5 5 5 vs 1 5 9) wins column 0, ties column 1; code (3 3 3 vs 1 2 3) wins columns 0, 1,
    /// ties column 2. Strict: chat Hard 0, Normal 1/3, Easy 2/3, Average 1/3; code Hard 1/3
    /// (only (0,1) won), Normal 2/3, Easy 1, Average 2/3; overall Average 1/2 = 50.0, Hard 1/6
    /// = 16.7. With ½:
    /// chat Hard 1/6, Normal 1/2, Easy 5/6, Average 1/2; code Hard 2/3, Normal 5/6, Easy 1,
    /// Average 5/6; overall Average 2/3 = 66.7, Hard 5/12 = 41.7.
    @Test func tiesHalfCreditExactly() async throws {
        let items = [
            Item(label: "chat", id: 1, chosen: ["1.0", "2.0", "3.0"], rejected: ["2.0", "2.0", "2.0"]),
            Item(label: "chat", id: 2, chosen: ["5.0", "5.0", "5.0"], rejected: ["1.0", "5.0", "9.0"]),
            Item(label: "code", id: 3, chosen: ["3.0", "3.0", "3.0"], rejected: ["1.0", "2.0", "3.0"]),
        ]
        let site = try await Self.site([("small", items)])
        let finding = try #require(site.findings.first { $0.check == "ties" })
        #expect(finding.severity == .warning)
        #expect(finding.message == "9 of 27 comparisons (33.3 %) are exact ties between a chosen and a rejected score, above the 1.0 % threshold; "
            + "each counts as wrong, as in the official scorer (typical of a scorer that rounds or saturates). A tie-free scorer ranking the same way would score "
            + "Average 66.7 with ties counted ½ (official 50.0); Hard 41.7 with ties counted ½ (official 16.7).")
        // The official numbers in the finding are the row's own.
        let score = try #require(site.rows.first { $0.id.name == "small" }?.score)
        #expect(NumberText.format("%.6f", score.average * 100) == "50.000000")
        #expect(NumberText.format("%.6f", score.hard * 100) == "16.666667")
        #expect(Self.flagged(site, "small"))
    }

    /// With the dataset's ids a label is compared id by id: the same count with one prompt
    /// swapped is a finding, which it is not by count alone.
    @Test func promptSetIDsWithDataset() {
        func run(_ items: [Item]) -> ResultChecks.Run {
            ResultChecks.Run(id: ModelID(name: "swapped"), items: items.map { item in
                let d = { (text: [String]) in text.map { Double($0)! } }
                return ScoredItem(key: ItemKey(label: item.label, id: .int(Int64(item.id))), domain: Domain(label: item.label)!,
                                  chosen: StyleScores(d(item.chosen)[0], d(item.chosen)[1], d(item.chosen)[2]),
                                  rejected: StyleScores(d(item.rejected)[0], d(item.rejected)[1], d(item.rejected)[2]))
            }, files: ["swapped.jsonl"])
        }
        var items = Self.clean()
        let index = items.firstIndex { $0.label == "chat" && $0.id == 3 }!
        items[index].id = 500
        let chat = Set((0..<129).map { ItemKey(label: "chat", id: .int(Int64($0))) })
        #expect(ResultChecks.findings([run(items)]).filter { $0.check == "prompt-set" }.isEmpty)
        let findings = ResultChecks.findings([run(items)], dataset: chat).filter { $0.check == "prompt-set" }
        #expect(findings.map(\.message) == [
            "The prompt set differs from RM-Bench's 1327 prompts: chat has 129 (dataset 129: 1 missing (id 3), 1 extra (id 500)). Numbers over a different set are not comparable with the leaderboard's. "
                + "Only the number of prompts was compared for math, code, safety-refuse, safety-response (no dataset file for them; with --dataset the ids are compared).",
        ])
        #expect(findings.map(\.severity) == [.warning])
        // Every label in the dataset and six prompts missing: ids listed up to five.
        let all = Set(Self.clean().map { ItemKey(label: $0.label, id: .int(Int64($0.id))) })
        let fewer = Self.clean().filter { !($0.label == "math" && $0.id >= 523) }
        #expect(ResultChecks.findings([run(fewer)], dataset: all).map(\.message) == [
            "The prompt set differs from RM-Bench's 1327 prompts: math has 523 (dataset 529: 6 missing (ids 523, 524, 525, 526, 527 and 1 more)). Numbers over a different set are not comparable with the leaderboard's.",
        ])
        #expect(ResultChecks.findings([run(Self.clean())], dataset: all).isEmpty)
    }

    @Test func constantScores() async throws {
        var items = Self.clean()
        for k in items.indices where items[k].label == "code" {
            items[k].chosen = ["0.5", "0.5", "0.5"]
            items[k].rejected = ["0.5", "0.5", "0.5"]
        }
        for k in items.indices where items[k].label == "chat" { items[k].rejected = items[k].chosen }
        let site = try await Self.site([("constant", items)])
        let messages = site.findings.filter { $0.check == "constant-scores" }.map(\.message)
        #expect(messages == [
            "In Chat, every one of the 129 prompts gives its chosen responses exactly the scores of its rejected ones (style by style): the scores cannot tell right from wrong.",
            "Every one of the 1368 scores in Code is 0.5: the scores cannot tell any two responses apart.",
        ])
        #expect(site.findings.filter { $0.check == "constant-scores" }.allSatisfy { $0.severity == .warning })
        #expect(Self.flagged(site, "constant"))
    }

    @Test func copiedScores() async throws {
        let site = try await Self.site([("original", Self.clean()), ("copy", Self.clean()), ("own", Self.clean(seed: 2))])
        let copies = site.findings.filter { $0.check == "copied-scores" }
        #expect(copies.map(\.model.name).sorted() == ["copy", "original"])
        #expect(copies.first { $0.model.name == "copy" }?.message
            == "All six scores of each of the 1327 prompts shared with original are identical to its scores: one result file repeats the other (copied or mislabelled).")
        #expect(copies.allSatisfy { $0.severity == .warning })
        #expect(Self.flagged(site, "copy") && Self.flagged(site, "original") && !Self.flagged(site, "own"))
    }
}
