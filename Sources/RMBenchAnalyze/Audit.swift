import Foundation
import RMBenchCore
import RMBenchScore

/// How far a leaderboard row's numbers can be trusted.
public enum ProvenanceLevel: String, Sendable, CaseIterable {
    /// Computed here from per-sample results; nothing published to compare with.
    case recomputed
    /// Known only from published numbers.
    case published
    /// Recomputed, and every comparable published number agrees within the tolerance.
    case verified
    /// Recomputed, and at least one published number differs beyond the tolerance.
    case disagrees
}

/// One recomputed number next to the published one.
public struct PublishedComparison: Sendable, Equatable {
    public var metric: String
    /// Percent.
    public var recomputed: Double
    public var published: Double
    public var difference: Double { recomputed - published }
    /// What the published number's own rounding allows (the recomputed one is exact).
    public var tolerance: Double { Audit.allowance(published) }
    public var agrees: Bool { abs(difference) <= tolerance + 1e-9 }
}

/// Something the audit noticed about a row, in words.
public struct AuditFinding: Sendable, Equatable {
    public enum Severity: String, Sendable, Comparable {
        case error, warning, note

        public static func < (a: Severity, b: Severity) -> Bool {
            let order: [Severity] = [.error, .warning, .note]
            return order.firstIndex(of: a)! < order.firstIndex(of: b)!
        }
    }

    public var model: ModelID
    public var severity: Severity
    /// A short stable name of the check, e.g. `published-identity`.
    public var check: String
    public var message: String
    /// Where the checked numbers come from ("Data/published/x.csv, line 7").
    public var source: String?
}

/// A scorer other than RM-Bench's that is known to have produced a model's published numbers:
/// why it differs, and what it gives on the same per-sample results (percent, by metric
/// title), so a disagreement can be told apart from a model difference.
public struct KnownScorer: Sendable {
    public var name: String
    public var explanation: String
    public var numbers: [String: Double]

    public init(name: String, explanation: String, numbers: [String: Double]) {
        self.name = name
        self.explanation = explanation
        self.numbers = numbers
    }
}

/// Checks that published numbers add up, and that recomputed numbers match published ones.
///
///     let findings = Audit.findings(scores: [(id, score)], published: [id: rows])
public enum Audit {
    /// Points by which a recomputed number may differ from a number published with one
    /// decimal and still agree. Such a number stands for anything within ±0.05 of it; tables
    /// are often rounded twice (two decimals, then one), which widens that to ±0.055.
    /// ``allowance(_:)`` generalises this to any number of decimals.
    public static let tolerance = 0.055

    /// The decimals a published number was written with, read back from the double (the
    /// shortest text that reads back to it, as `String(describing:)` gives): `93.9` → 1,
    /// `93.83` → 2, `93.82716049382717` (a fraction × 100 at full precision) → 14. A whole
    /// number reads as `70.0`, so at least 1.
    public static func decimals(_ value: Double) -> Int {
        let text = String(describing: abs(value))
        guard !text.contains("e"), let dot = text.firstIndex(of: ".") else { return 15 }
        return text.distance(from: dot, to: text.endIndex) - 1
    }

    /// Points a published number's rounding can hide: half a unit of its last decimal, and a
    /// tenth more for double rounding — 0.055 for one decimal, 0.0055 for two, next to
    /// nothing at full precision.
    public static func allowance(_ value: Double) -> Double {
        0.55 * pow(10, -Double(decimals(value)))
    }

    /// Points two published numbers may differ by: each one's rounding allowance, so the less
    /// precise one decides (one decimal against full precision: 0.055; both one decimal: 0.11).
    public static func tolerance(_ a: Double, _ b: Double) -> Double {
        allowance(a) + allowance(b)
    }
    /// Points by which a published mean may differ from the mean of other published numbers:
    /// both sides carry their own rounding (±0.055 each at worst, the mean of rounded numbers
    /// no more than its parts), so 0.11.
    public static let sumTolerance = 0.11

    /// Recomputed numbers next to a published row's: domains the model has, and the overall
    /// numbers only when the recomputed model is complete (a partial model's overall numbers
    /// mean something else).
    public static func compare(_ score: ModelScore, with published: PublishedRow) -> [PublishedComparison] {
        var comparisons: [PublishedComparison] = []
        for domain in score.domains {
            if let value = published.domain(domain.domain) {
                comparisons.append(.init(metric: domain.domain.title, recomputed: domain.score.average * 100, published: value))
            }
        }
        if score.isComplete {
            for (name, recomputed, reported) in [("Easy", score.easy, published.easy), ("Normal", score.normal, published.normal),
                                                 ("Hard", score.hard, published.hard), ("Average", score.average, published.average)] {
                if let reported { comparisons.append(.init(metric: name, recomputed: recomputed * 100, published: reported)) }
            }
        }
        return comparisons
    }

    /// The provenance level of a row with its recomputed score and published rows.
    public static func level(score: ModelScore?, published: [PublishedRow]) -> ProvenanceLevel {
        guard let score else { return .published }
        let comparisons = published.flatMap { compare(score, with: $0) }
        if comparisons.isEmpty { return .recomputed }
        return comparisons.allSatisfy(\.agrees) ? .verified : .disagrees
    }

    /// Every finding about every model, most severe first, then by model name (ignoring case).
    /// Models are resolved identities: a score and the published rows of the same model share one.
    public static func findings(scores: [(id: ModelID, score: ModelScore)], published: [ModelID: [PublishedRow]],
                                knownScorers: [ModelID: KnownScorer] = [:]) -> [AuditFinding] {
        var findings: [AuditFinding] = []
        let scored = Dictionary(scores.map { ($0.id, $0.score) }, uniquingKeysWith: { first, _ in first })
        for (id, rows) in published.sorted(by: { ($0.key.name.lowercased(), $0.key.name) < ($1.key.name.lowercased(), $1.key.name) }) {
            for row in rows { findings += publishedChecks(row, of: id) }
            if let score = scored[id] {
                for row in rows { findings += recomputedChecks(score, row, of: id, known: knownScorers[id]) }
            } else if rows.count > 1 {
                findings += sourceAgreement(rows, of: id)
            }
        }
        for (id, score) in scores {
            findings += identityCheck(score, of: id)
        }
        return Audit.sorted(findings)
    }

    /// What a published row's own numbers imply.
    static func publishedChecks(_ row: PublishedRow, of id: ModelID) -> [AuditFinding] {
        var findings: [AuditFinding] = []
        let source = "\(row.file), line \(row.line)"
        func finding(_ check: String, _ message: String, _ severity: AuditFinding.Severity = .warning) {
            findings.append(AuditFinding(model: id, severity: severity, check: check, message: message, source: source))
        }
        let domains = Domain.allCases.compactMap(row.domain)
        let difficulties = [row.easy, row.normal, row.hard].compactMap { $0 }
        let domainMean = domains.count == 4 ? domains.reduce(0, +) / 4 : nil
        let difficultyMean = difficulties.count == 3 ? difficulties.reduce(0, +) / 3 : nil
        if let domainMean, let stated = row.domainAverage, abs(domainMean - stated) > sumTolerance + 1e-9 {
            finding("domain-avg", "Domain Avg \(p(stated)) is not the mean of Chat, Math, Code and Safety (\(p(domainMean))): off by \(signed(stated - domainMean)) points.")
        }
        if let difficultyMean, let stated = row.difficultyAverage, abs(difficultyMean - stated) > sumTolerance + 1e-9 {
            finding("difficulty-avg", "Difficulty Avg \(p(stated)) is not the mean of Easy, Normal and Hard (\(p(difficultyMean))): off by \(signed(stated - difficultyMean)) points.")
        }
        if let domainMean, let difficultyMean, abs(domainMean - difficultyMean) > sumTolerance + 1e-9 {
            finding("published-identity", "The mean of the domain scores (\(p(domainMean))) and the mean of Easy, Normal and Hard (\(p(difficultyMean))) differ by \(signed(difficultyMean - domainMean)) points. By RM-Bench's definitions both are the mean of all 12 domain × difficulty numbers, so they are equal: these numbers cannot all come from one complete run.")
        }
        if let overall = row.average {
            let references = [("Domain Avg", row.domainAverage ?? domainMean), ("Difficulty Avg", row.difficultyAverage ?? difficultyMean)]
            for (name, reference) in references {
                if let reference, abs(overall - reference) > sumTolerance + 1e-9 {
                    finding("overall-vs-\(name == "Domain Avg" ? "domain" : "difficulty")",
                            "The headline Overall \(p(overall)) differs from \(name) \(p(reference)) by \(signed(overall - reference)) points.")
                }
            }
        }
        if let flag = row.flag, flag.lowercased().contains("true") {
            finding("source-flag", "The source itself flags this row (\(flag)).")
        }
        if domains.count < 4 || difficulties.count < 3 {
            let missing = Domain.allCases.filter { row.domain($0) == nil }.map(\.title)
                + [("Easy", row.easy), ("Normal", row.normal), ("Hard", row.hard)].filter { $0.1 == nil }.map(\.0)
            finding("partial", "Not reported: \(missing.joined(separator: ", ")); the row cannot be fully checked.", .note)
        }
        return findings
    }

    /// Recomputed numbers against a published row.
    static func recomputedChecks(_ score: ModelScore, _ row: PublishedRow, of id: ModelID, known: KnownScorer? = nil) -> [AuditFinding] {
        let comparisons = compare(score, with: row)
        let source = "\(row.file), line \(row.line)"
        let disagreeing = comparisons.filter { !$0.agrees }
        if comparisons.isEmpty {
            return [AuditFinding(model: id, severity: .note, check: "verified", message: "Nothing in the published row can be compared with the recomputed numbers.", source: source)]
        }
        if disagreeing.isEmpty {
            return [AuditFinding(model: id, severity: .note, check: "verified",
                                 message: "Recomputed numbers agree with the published ones within the published rounding (±\(Audit.tolerance) points for one decimal): \(comparisons.map(\.metric).joined(separator: ", ")).", source: source)]
        }
        let details = disagreeing.map { "\($0.metric) recomputed \(p($0.recomputed)), published \(shown($0.published)) (\(signed($0.difference)); tolerance ±\(toleranceText($0.tolerance)))" }
        var message = "Recomputed numbers differ from the published ones beyond the published rounding: \(details.joined(separator: "; "))."
        if let known {
            let theirs = disagreeing.compactMap { c in known.numbers[c.metric].map { (c, $0) } }
            if !theirs.isEmpty {
                let matches = theirs.allSatisfy { abs($0.1 - $0.0.published) <= $0.0.tolerance + 1e-9 }
                message += " Known cause: \(known.explanation). From the same results \(known.name) prints "
                    + theirs.map { "\($0.0.metric) \(p($0.1)) (published \(shown($0.0.published)), official rule \(p($0.0.recomputed)))" }.joined(separator: "; ")
                    + (matches ? ": the published numbers are that scorer's, not a different model." : ", which still differs from the published numbers: the scorer does not explain all of it.")
            }
        }
        return [AuditFinding(model: id, severity: .error, check: "disagrees", message: message, source: source)]
    }

    /// Two published sources for the same model.
    static func sourceAgreement(_ rows: [PublishedRow], of id: ModelID) -> [AuditFinding] {
        var findings: [AuditFinding] = []
        let first = rows[0]
        for other in rows.dropFirst() {
            var differences: [String] = []
            let pairs: [(String, Double?, Double?)] = Domain.allCases.map { ($0.title, first.domain($0), other.domain($0)) }
                + [("Easy", first.easy, other.easy), ("Normal", first.normal, other.normal), ("Hard", first.hard, other.hard), ("Average", first.average, other.average)]
            var compared = 0
            for (name, a, b) in pairs {
                guard let a, let b else { continue }
                compared += 1
                let allowed = tolerance(a, b)
                if abs(a - b) > allowed + 1e-9 {
                    differences.append("\(name) \(shown(a)) vs \(shown(b)) (\(signed(b - a)); tolerance ±\(toleranceText(allowed)))")
                }
            }
            guard compared > 0 else { continue }
            let where_ = "\(first.file), line \(first.line) and \(other.file), line \(other.line)"
            if differences.isEmpty {
                findings.append(AuditFinding(model: id, severity: .note, check: "sources-agree",
                                             message: "Two published sources agree on \(compared) number\(compared == 1 ? "" : "s").", source: where_))
            } else {
                findings.append(AuditFinding(model: id, severity: .warning, check: "sources-disagree",
                                             message: "Published sources disagree beyond what their rounding allows: \(differences.joined(separator: "; ")).", source: where_))
            }
        }
        return findings
    }

    /// For recomputed numbers the identity "mean of domain averages = mean of Easy, Normal,
    /// Hard" holds up to floating-point rounding; anything more is a bug, reported as an error.
    static func identityCheck(_ score: ModelScore, of id: ModelID) -> [AuditFinding] {
        guard !score.domains.isEmpty else { return [] }
        let difficultyMean = (score.easy + score.normal + score.hard) / 3
        guard abs(score.average - difficultyMean) > 1e-12 else { return [] }
        return [AuditFinding(model: id, severity: .error, check: "recomputed-identity",
                             message: "Mean of domain averages \(score.average) ≠ mean of difficulties \(difficultyMean).", source: nil)]
    }

    static func p(_ value: Double) -> String { NumberText.format("%.2f", value) }

    /// A published number as written (up to three decimals; more are rounded to three).
    static func shown(_ value: Double) -> String { NumberText.format("%.\(min(3, decimals(value)))f", value) }

    /// A tolerance in points, to the digits that matter (`0.055`, `0.0605`, `0`).
    static func toleranceText(_ value: Double) -> String {
        value < 1e-6 ? "0" : NumberText.format("%.4g", value)
    }

    /// A check's name in a few words, for a summary such as a model page's banner
    /// (`non-finite` → "non-finite scores"); a check without one keeps its name.
    public static func title(check: String) -> String {
        switch check {
        case "non-finite": "non-finite scores"
        case "ties": "ties"
        case "prompt-set": "different prompt set"
        case "constant-scores": "constant scores"
        case "copied-scores": "copied scores"
        case "disagrees": "disagrees with published numbers"
        case "sources-disagree": "published sources disagree"
        case "domain-avg": "Domain Avg does not add up"
        case "difficulty-avg": "Difficulty Avg does not add up"
        case "published-identity": "published means inconsistent"
        case "overall-vs-domain", "overall-vs-difficulty": "Overall does not match its parts"
        case "source-flag": "flagged by its source"
        case "recomputed-identity": "recomputed means inconsistent"
        default: check
        }
    }

    /// Findings most severe first, then by model name (ignoring case), then check.
    public static func sorted(_ findings: [AuditFinding]) -> [AuditFinding] {
        findings.sorted { ($0.severity, $0.model.name.lowercased(), $0.check) < ($1.severity, $1.model.name.lowercased(), $1.check) }
    }

    static func signed(_ value: Double) -> String {
        let text = NumberText.format("%+.2f", value)
        // NumberText already drops the minus of a number that rounds to zero; not the plus.
        return text == "+0.00" ? "0.00" : text
    }
}
