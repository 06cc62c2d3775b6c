import Foundation
import RMBenchAnalyze
import RMBenchCore
import RMBenchScore
import Testing

@Suite("Audit")
struct AuditTests {
    static func row(_ model: String, chat: Double? = nil, math: Double? = nil, code: Double? = nil, safety: Double? = nil,
                    easy: Double? = nil, normal: Double? = nil, hard: Double? = nil, average: Double? = nil,
                    domainAverage: Double? = nil, difficultyAverage: Double? = nil, flag: String? = nil) -> PublishedRow {
        PublishedRow(model: model, flag: flag, chat: chat, math: math, code: code, safety: safety, easy: easy, normal: normal,
                     hard: hard, average: average, domainAverage: domainAverage, difficultyAverage: difficultyAverage, file: "t.csv", line: 2)
    }

    /// A row that adds up: domains 60, 70, 80, 90 → mean 75; E/N/H 90, 75, 60 → mean 75.
    @Test func consistentRowHasNoWarnings() {
        let row = Self.row("ok", chat: 60, math: 70, code: 80, safety: 90, easy: 90, normal: 75, hard: 60, average: 75,
                           domainAverage: 75, difficultyAverage: 75)
        #expect(Audit.findings(scores: [], published: [ModelID(name: "ok"): [row]]).isEmpty)
    }

    /// The official leaderboard's REWARDANYTHING-8B row: domains 76.7, 90.3, 75.2, 90.2 → 83.1;
    /// E/N/H 89.4, 85.3, 84.4 → 86.37; Overall 86.4 = Difficulty Avg.
    @Test func identityFailureAndOverallMismatchAreFlagged() {
        let row = Self.row("RA", chat: 76.7, math: 90.3, code: 75.2, safety: 90.2, easy: 89.4, normal: 85.3, hard: 84.4,
                           average: 86.4, domainAverage: 83.1, difficultyAverage: 86.4, flag: "Potentially Score Mismatch: True")
        let findings = Audit.findings(scores: [], published: [ModelID(name: "ra"): [row]])
        #expect(findings.map(\.check) == ["overall-vs-domain", "published-identity", "source-flag"])
        #expect(findings.allSatisfy { $0.severity == .warning })
        #expect(findings[0].message == "The headline Overall 86.40 differs from Domain Avg 83.10 by +3.30 points.")
        #expect(findings[1].message.hasPrefix("The mean of the domain scores (83.10) and the mean of Easy, Normal and Hard (86.37) differ by +3.27 points."))
    }

    /// Rounding is not a finding: 0.1 between two means of rounded numbers is within 0.11.
    @Test func roundingWithinToleranceIsNotFlagged() {
        let row = Self.row("r", chat: 70.05, math: 70.05, code: 70.05, safety: 70.05, domainAverage: 70.15)
        #expect(Audit.findings(scores: [], published: [ModelID(name: "r"): [row]]).map(\.check) == ["partial"], "only the note that E/N/H are missing")
        let off = Self.row("r", chat: 70, math: 70, code: 70, safety: 70, domainAverage: 70.2)
        #expect(Audit.findings(scores: [], published: [ModelID(name: "r"): [off]]).map(\.check) == ["domain-avg", "partial"])
    }

    static func score(chatCounts: [[Int]], samples: Int) -> ModelScore {
        let group = GroupScore(matrix: StyleMatrix(counts: chatCounts, samples: samples))
        return ModelScore(model: "m", type: .sequenceClassifier, sources: [],
                          domains: [DomainScore(domain: .chat, score: group, subgroups: [])])
    }

    /// Chat matrix all 7 of 10 → Chat average exactly 70 %. A published number is compared at
    /// its own precision: 70.0 agrees, 70.1 and 69.99 do not, and
    /// neither does 70.05 (two decimals stand for 70.045–70.055, ±0.0055 with double rounding);
    /// overall numbers are not compared for a partial model.
    @Test func recomputedAgainstPublishedWithTolerance() {
        let score = Self.score(chatCounts: [[7, 7, 7], [7, 7, 7], [7, 7, 7]], samples: 10)
        #expect(Audit.level(score: score, published: []) == .recomputed)
        #expect(Audit.level(score: score, published: [Self.row("m", chat: 70.0, average: 10)]) == .verified)
        #expect(Audit.level(score: score, published: [Self.row("m", chat: 70.05)]) == .disagrees)
        #expect(Audit.level(score: score, published: [Self.row("m", chat: 69.99)]) == .disagrees)
        #expect(Audit.level(score: score, published: [Self.row("m", chat: 70.1)]) == .disagrees)
        #expect(Audit.level(score: nil, published: [Self.row("m", chat: 70.1)]) == .published)
        let findings = Audit.findings(scores: [(ModelID(name: "m"), score)], published: [ModelID(name: "m"): [Self.row("m", chat: 71.2)]])
        let disagreement = findings.first { $0.check == "disagrees" }
        #expect(disagreement?.severity == .error)
        #expect(disagreement?.message == "Recomputed numbers differ from the published ones beyond the published rounding: Chat recomputed 70.00, published 71.2 (-1.20; tolerance ±0.055).")
    }

    @Test func twoPublishedSources() {
        let a = Self.row("x", chat: 74.2, math: 91.8, hard: 76.7)
        let b = Self.row("x", chat: 74.16, math: 91.81, hard: 76.70)
        #expect(Audit.findings(scores: [], published: [ModelID(name: "x"): [a, b]]).map(\.check).contains("sources-agree"))
        let c = Self.row("x", chat: 75.3, math: 83.9, hard: 70.4)
        let disagree = Audit.findings(scores: [], published: [ModelID(name: "x"): [c, Self.row("x", chat: 76.49, math: 80.55, hard: 70.49)]])
        #expect(disagree.first { $0.check == "sources-disagree" }?.message
            == "Published sources disagree beyond what their rounding allows: Chat 75.3 vs 76.49 (+1.19; tolerance ±0.0605); Math 83.9 vs 80.55 (-3.35; tolerance ±0.0605); Hard 70.4 vs 70.49 (+0.09; tolerance ±0.0605).")
    }

    /// The tolerance is what the less precise source allows: one decimal against two is
    /// 0.055 + 0.0055; against full precision (RM-R1's fractions × 100) 0.055.
    @Test func toleranceFollowsPrecision() {
        func checks(_ a: Double, _ b: Double) -> [String] {
            Audit.findings(scores: [], published: [ModelID(name: "x"): [Self.row("x", safety: a), Self.row("x", safety: b)]]).map(\.check)
        }
        #expect(checks(93.9, 93.83).contains("sources-disagree"))
        #expect(checks(93.9, 93.86).contains("sources-agree"))
        #expect(checks(93.9, 93.82716049382717).contains("sources-disagree"))
        #expect(checks(93.9, 93.86000000000001).contains("sources-agree"))
        let message = Audit.findings(scores: [], published: [ModelID(name: "x"): [Self.row("x", safety: 93.9), Self.row("x", safety: 93.82716049382717)]])
            .first { $0.check == "sources-disagree" }?.message
        #expect(message == "Published sources disagree beyond what their rounding allows: Safety 93.9 vs 93.827 (-0.07; tolerance ±0.055).")
        #expect(Audit.decimals(93.9) == 1 && Audit.decimals(70) == 1 && Audit.decimals(93.83) == 2 && Audit.decimals(93.82716049382717) == 14)
        #expect(abs(Audit.tolerance(93.9, 93.8) - 0.11) < 1e-12)
    }
}
