import RMBenchCore
import RMBenchScore

/// Checks of per-sample result files that the official scorer passes silently: scores that
/// are not numbers, ties, a prompt set other than RM-Bench's, scores that cannot tell
/// responses apart, and a file that repeats another model's scores. Each is a warning
/// (`validate --strict` fails on it), so the leaderboard flags the row.
///
///     let findings = ResultChecks.findings([(id, run.items, run.sources.map(\.path))])
public enum ResultChecks {
    /// Share of comparisons above which exact ties are a warning. A continuous reward model
    /// almost never gives a chosen and a rejected response the same score; more than 1 % of
    /// ties means the scores were rounded or saturated, and every tie counts as wrong.
    public static let tieShare = 0.01
    /// Fewest shared prompts on which two models' identical scores count as a copy: on a few
    /// prompts coarse scorers can agree by chance.
    public static let copyMinimum = 10
    /// Prompts per domain label in the full RM-Bench release (1,327 in all).
    public static let officialPrompts: [(label: String, count: Int)] = [
        ("chat", 129), ("math", 529), ("code", 228), ("safety-refuse", 284), ("safety-response", 157),
    ]

    /// One recomputed model: its identity, items and result files.
    public struct Run: Sendable {
        public var id: ModelID
        public var items: [ScoredItem]
        public var files: [String]

        public init(id: ModelID, items: [ScoredItem], files: [String]) {
            self.id = id
            self.items = items
            self.files = files
        }
    }

    /// Every result check of every run; not sorted (``Audit/sorted(_:)`` orders them).
    /// `dataset` holds the (label, id) keys of the RM-Bench dataset files given (`--dataset`):
    /// for the labels it has, the prompt-set check compares ids; for the others, counts.
    public static func findings(_ runs: [Run], dataset: Set<ItemKey>? = nil) -> [AuditFinding] {
        let reference = dataset.map { keys in Dictionary(grouping: keys, by: \.label).mapValues { Set($0.map(\.id)) } } ?? [:]
        // Each run's checks on all cores, in run order.
        let perRun = ConcurrentSlots.map(runs.count) { index in
            let run = runs[index]
            return nonFinite(run) + ties(run) + promptSet(run, dataset: reference) + constantScores(run)
        }
        return perRun.flatMap { $0 } + copies(runs)
    }

    static func warning(_ run: Run, _ check: String, _ message: String) -> AuditFinding {
        AuditFinding(model: run.id, severity: .warning, check: check, message: message,
                     source: run.files.isEmpty ? nil : run.files.joined(separator: ", "))
    }

    /// Any NaN or infinite score. NaN compares false with everything, so each comparison it
    /// enters is counted wrong; an infinity compares as a number but ties with itself.
    static func nonFinite(_ run: Run) -> [AuditFinding] {
        var nan = 0, infinite = 0, costly = 0
        func count(_ value: Double) {
            if value.isNaN { nan += 1 } else if value.isInfinite { infinite += 1 }
        }
        // By index, reading the scores alone: a loop over the items copies each whole item.
        for index in run.items.indices {
            let chosen = run.items[index].chosen, rejected = run.items[index].rejected
            for i in 0..<3 {
                count(chosen[i])
                count(rejected[i])
                for j in 0..<3 where chosen[i].isNaN || rejected[j].isNaN { costly += 1 }
            }
        }
        guard nan + infinite > 0 else { return [] }
        let comparisons = 9 * run.items.count
        return [warning(run, "non-finite", "\(plural(nan + infinite, "score")) of \(6 * run.items.count) \(nan + infinite == 1 ? "is" : "are") not finite (\(nan) NaN, \(infinite) infinite); "
            + "\(plural(costly, "comparison")) of \(comparisons) involve a NaN and count as wrong, as in the official scorer.")]
    }

    /// Exact ties between a chosen and a rejected score above ``tieShare``, with the numbers a
    /// scorer would give with ties counted ½ beside the official (strict) ones.
    static func ties(_ run: Run) -> [AuditFinding] {
        // Counts per domain (by `Domain.index`) and cell, in flat arrays: a dictionary
        // of matrices copied in and out per item was most of the audit's time.
        let domainCount = Domain.allCases.count
        var strict = [Int](repeating: 0, count: domainCount * 9), doubled = strict, samples = [Int](repeating: 0, count: domainCount)
        var ties = 0
        for index in run.items.indices {
            let domain = run.items[index].domain.index
            let chosen = run.items[index].chosen, rejected = run.items[index].rejected
            samples[domain] += 1
            for i in 0..<3 {
                for j in 0..<3 {
                    let c = chosen[i], r = rejected[j], cell = domain * 9 + i * 3 + j
                    if c > r { strict[cell] += 1; doubled[cell] += 2 } else if c == r { ties += 1; doubled[cell] += 1 }
                }
            }
        }
        let comparisons = 9 * run.items.count
        guard comparisons > 0, Double(ties) > tieShare * Double(comparisons) else { return [] }
        func matrix(_ counts: [Int], _ domain: Int) -> [[Int]] {
            (0..<3).map { i in Array(counts[(domain * 9 + i * 3)..<(domain * 9 + i * 3 + 3)]) }
        }
        let domains = Domain.allCases.indices.filter { samples[$0] > 0 }
        let official = domains.map { StyleMatrix(counts: matrix(strict, $0), samples: samples[$0]) }
        let half = domains.map { HalfCreditMatrix(doubledCounts: matrix(doubled, $0), samples: samples[$0]) }
        func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(values.count) }
        let pairs = [("Average", mean(official.map(\.average)), mean(half.map(\.average))),
                     ("Hard", mean(official.map(\.hard)), mean(half.map(\.hard)))]
        let numbers = pairs.map { "\($0.0) \(percent($0.2)) with ties counted ½ (official \(percent($0.1)))" }
        let share = NumberText.format("%.1f", 100 * Double(ties) / Double(comparisons))
        return [warning(run, "ties", "\(ties) of \(comparisons) comparisons (\(share) %) are exact ties between a chosen and a rejected score, above the \(percent(tieShare)) % threshold; "
            + "each counts as wrong, as in the official scorer (typical of a scorer that rounds or saturates). A tie-free scorer ranking the same way would score \(numbers.joined(separator: "; ")).")]
    }

    /// Prompts per domain label against RM-Bench's: missing or extra prompts shift every
    /// number, and the official scorer does not check. A label the dataset files have
    /// (`dataset`: ids by label) is compared id by id, so a swapped prompt shows; the others
    /// only by count, and the finding says so. Domains absent altogether are the leaderboard's
    /// partial (†) rows and are not repeated here.
    static func promptSet(_ run: Run, dataset: [String: Set<ItemID>] = [:]) -> [AuditFinding] {
        var ids: [String: Set<ItemID>] = [:]
        for index in run.items.indices {
            let key = run.items[index].key
            ids[key.label, default: []].insert(key.id)
        }
        var differences: [String] = []
        var countedOnly: [String] = []
        for (label, official) in officialPrompts {
            guard let present = ids[label] else { continue }
            if let reference = dataset[label] {
                let missing = reference.subtracting(present), extra = present.subtracting(reference)
                guard !missing.isEmpty || !extra.isEmpty else { continue }
                let parts = [missing.isEmpty ? nil : "\(missing.count) missing (\(idList(missing)))",
                             extra.isEmpty ? nil : "\(extra.count) extra (\(idList(extra)))"].compactMap { $0 }
                differences.append("\(label) has \(present.count) (dataset \(reference.count): \(parts.joined(separator: ", ")))")
            } else {
                countedOnly.append(label)
                let count = present.count
                guard count != official else { continue }
                differences.append("\(label) has \(count) (official \(official): \(count < official ? "\(official - count) missing" : "\(count - official) extra"))")
            }
        }
        let known = Set(officialPrompts.map(\.label))
        for (label, present) in ids.sorted(by: { $0.key < $1.key }) where !known.contains(label) {
            differences.append("\(plural(present.count, "prompt")) labelled \"\(label)\", which RM-Bench does not have")
        }
        guard !differences.isEmpty else { return [] }
        let how = countedOnly.isEmpty ? "" : " Only the number of prompts was compared for \(countedOnly.joined(separator: ", ")) (no dataset file for \(countedOnly.count == 1 ? "it" : "them"); with --dataset the ids are compared)."
        return [warning(run, "prompt-set", "The prompt set differs from RM-Bench's 1327 prompts: \(differences.joined(separator: "; ")). Numbers over a different set are not comparable with the leaderboard's.\(how)")]
    }

    /// Up to five ids in order, then how many more: `ids 0, 1, 2, 3, 4 and 4 more`.
    static func idList(_ ids: Set<ItemID>) -> String {
        let sorted = ids.sorted()
        let shown = sorted.prefix(5).map(\.description).joined(separator: ", ")
        return (sorted.count == 1 ? "id " : "ids ") + shown + (sorted.count > 5 ? " and \(sorted.count - 5) more" : "")
    }

    /// A domain whose scores are all one value, or where every prompt's chosen scores equal
    /// its rejected ones: the model tells no response from another, and the domain's
    /// numbers say nothing about it.
    static func constantScores(_ run: Run) -> [AuditFinding] {
        var findings: [AuditFinding] = []
        for domain in Domain.allCases {
            // One pass over the domain's scores, by index (filtering copied every item).
            var prompts = 0, first: Double?, allFirst = true, chosenAreRejected = true
            for index in run.items.indices where run.items[index].domain == domain {
                let chosen = run.items[index].chosen, rejected = run.items[index].rejected
                let bits = (first ?? chosen[0]).bitPattern
                first = first ?? chosen[0]
                prompts += 1
                for i in 0..<3 where chosen[i].bitPattern != bits || rejected[i].bitPattern != bits { allFirst = false }
                if chosen != rejected { chosenAreRejected = false }
            }
            guard let first else { continue }
            if allFirst {
                findings.append(warning(run, "constant-scores", "Every one of the \(6 * prompts) scores in \(domain.title) is \(first): the scores cannot tell any two responses apart."))
            } else if chosenAreRejected {
                findings.append(warning(run, "constant-scores", "In \(domain.title), every one of the \(prompts) prompts gives its chosen responses exactly the scores of its rejected ones (style by style): the scores cannot tell right from wrong."))
            }
        }
        return findings
    }

    /// Two runs whose shared prompts (at least ``copyMinimum``) all carry identical scores,
    /// bit for bit: one file is a copy of the other, or mislabelled. Both models are flagged,
    /// since nothing says which is the original.
    static func copies(_ runs: [Run]) -> [AuditFinding] {
        // One run's index by key at a time (the later run of each pair), not every run's at
        // once: those were 40 MB for 200 models.
        var pairs: [(a: Int, b: Int, shared: Int)] = []
        for b in runs.indices {
            var positions: [ItemKey: Int] = [:]
            positions.reserveCapacity(runs[b].items.count)
            for (index, item) in runs[b].items.enumerated() where positions[item.key] == nil { positions[item.key] = index }
            for a in 0..<b {
                var shared = 0
                var identical = true
                for item in runs[a].items {
                    guard let position = positions[item.key] else { continue }
                    let other = runs[b].items[position]
                    guard other.chosen == item.chosen, other.rejected == item.rejected else { identical = false; break }
                    shared += 1
                }
                if identical, shared >= copyMinimum { pairs.append((a, b, shared)) }
            }
        }
        var findings: [AuditFinding] = []
        for (a, b, shared) in pairs.sorted(by: { ($0.a, $0.b) < ($1.a, $1.b) }) {
            for (run, other) in [(runs[a], runs[b]), (runs[b], runs[a])] {
                findings.append(warning(run, "copied-scores", "All six scores of each of the \(shared) prompts shared with \(other.id.displayName) are identical to its scores: one result file repeats the other (copied or mislabelled)."))
            }
        }
        return findings
    }

    static func percent(_ fraction: Double) -> String { NumberText.format("%.1f", fraction * 100) }

    static func plural(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }
}
