import RMBenchCore

/// The 3×3 matrix of a group of judged prompts, kept as integer counts per cell
/// (row = chosen style, column = rejected style).
///
/// Two scorings come from the same counts:
/// - **strict** (official RM-Bench rule): a comparison counts only when the judge preferred
///   the chosen response; a tie is wrong. `strict` is a `StyleMatrix`, so its Hard / Normal /
///   Easy / Average are the official arithmetic bit for bit.
/// - **half credit** (RM-R1's `process_final_result.py`, which sums its 1 / 0.5 / 0 results):
///   a tie is half a point, kept as doubled integer counts so the sums stay exact.
///
/// Fractions divide by the number of prompts, as the official scorer does, so a comparison
/// that was never judged counts as not won; `missing` says how many there are, and
/// `isComplete` is false when any is. Only `VerdictCell.verdict` is scored; `swapped`
/// feeds `orderConsistency`.
///
///     var matrix = VerdictMatrix()
///     for item in run.items where item.domain == .chat { matrix.add(item) }
///     matrix.strict.hard            // official Hard
///     matrix.halfCredit.average     // RM-R1-style Average
///     matrix.orderConsistency       // share of double-judged comparisons that survive swapping
public struct VerdictMatrix: Equatable, Sendable {
    /// Comparisons the judge won (chosen better), per cell.
    public private(set) var wins: [[Int]]
    /// Comparisons judged a tie, per cell.
    public private(set) var ties: [[Int]]
    /// Prompts without a verdict for the cell.
    public private(set) var missing: [[Int]]
    /// Prompts added.
    public private(set) var samples: Int
    /// Comparisons judged in both orders, and those whose verdict was the same in both.
    public private(set) var bothOrders: Int
    public private(set) var consistent: Int

    public init() {
        let zeros = Array(repeating: [0, 0, 0], count: 3)
        wins = zeros
        ties = zeros
        missing = zeros
        samples = 0
        bothOrders = 0
        consistent = 0
    }

    /// Adds one prompt's (up to) nine comparisons.
    public mutating func add(_ item: JudgedItem) {
        samples += 1
        for i in 0..<3 {
            for j in 0..<3 {
                guard let cell = item.cells[i][j] else {
                    missing[i][j] += 1
                    continue
                }
                switch cell.verdict {
                case .chosenBetter: wins[i][j] += 1
                case .tie: ties[i][j] += 1
                case .rejectedBetter: break
                }
                if let same = cell.isOrderConsistent {
                    bothOrders += 1
                    if same { consistent += 1 }
                }
            }
        }
    }

    /// Adds another group's counts (groups must not share prompts).
    public mutating func merge(_ other: VerdictMatrix) {
        samples += other.samples
        bothOrders += other.bothOrders
        consistent += other.consistent
        for i in 0..<3 {
            for j in 0..<3 {
                wins[i][j] += other.wins[i][j]
                ties[i][j] += other.ties[i][j]
                missing[i][j] += other.missing[i][j]
            }
        }
    }

    /// Ties won nothing: the official accuracy.
    public var strict: StyleMatrix { StyleMatrix(counts: wins, samples: samples) }

    /// Ties count half.
    public var halfCredit: HalfCreditMatrix {
        HalfCreditMatrix(doubledCounts: (0..<3).map { i in (0..<3).map { j in 2 * wins[i][j] + ties[i][j] } }, samples: samples)
    }

    public var tieCount: Int { ties.joined().reduce(0, +) }
    public var missingCount: Int { missing.joined().reduce(0, +) }
    /// Comparisons with a verdict, of 9 per prompt.
    public var judgedCount: Int { 9 * samples - missingCount }
    public var isComplete: Bool { missingCount == 0 }

    /// `consistent / bothOrders`; nil when no comparison was judged in both orders.
    public var orderConsistency: Double? {
        bothOrders == 0 ? nil : Double(consistent) / Double(bothOrders)
    }
}

/// A style matrix where each cell holds twice its credit (2 per win, 1 per tie), so that
/// half points stay integers. Hard / Normal / Easy / Average are ``DifficultyMeans``, as for
/// `StyleMatrix`; `doubled / (2 × samples)` is the same
/// correctly rounded number as numpy's sum of 1 / 0.5 / 0 divided by the sample count.
public struct HalfCreditMatrix: Equatable, Sendable {
    public private(set) var doubledCounts: [[Int]]
    public private(set) var samples: Int

    public init(doubledCounts: [[Int]], samples: Int) {
        precondition(doubledCounts.count == 3 && doubledCounts.allSatisfy { $0.count == 3 }, "a style matrix is 3×3")
        self.doubledCounts = doubledCounts
        self.samples = samples
    }

    /// Credit of a cell in points (wins + ties / 2).
    public func credit(_ i: Int, _ j: Int) -> Double { Double(doubledCounts[i][j]) / 2 }

    /// NaN when empty.
    public func fraction(_ i: Int, _ j: Int) -> Double {
        Double(doubledCounts[i][j]) / Double(2 * samples)
    }

    public var fractions: [[Double]] {
        (0..<3).map { i in (0..<3).map { j in fraction(i, j) } }
    }

    public var hard: Double { DifficultyMeans.hard(fraction) }
    public var normal: Double { DifficultyMeans.normal(fraction) }
    public var easy: Double { DifficultyMeans.easy(fraction) }
    public var average: Double { DifficultyMeans.average(hard: hard, normal: normal, easy: easy) }
}

/// One domain of a judge: the pooled matrix and its subgroups (raw domain label when a domain
/// pools several, and subset).
public struct DomainVerdicts: Equatable, Sendable {
    public var domain: Domain
    public var matrix: VerdictMatrix
    /// Sorted by kind (label, subset), then name.
    public var subgroups: [VerdictSubgroup]
}

public struct VerdictSubgroup: Equatable, Sendable {
    public var kind: SubgroupKind
    public var name: String
    public var matrix: VerdictMatrix
}

/// Everything scored for one generative judge.
public struct JudgeScore: Sendable {
    public var model: String
    public var sources: [SourceFile]
    /// Present domains, in the official order.
    public var domains: [DomainVerdicts]

    public subscript(domain: Domain) -> DomainVerdicts? {
        domains.first { $0.domain == domain }
    }

    public var missingDomains: [Domain] { Domain.allCases.filter { self[$0] == nil } }
    public var samples: Int { domains.reduce(0) { $0 + $1.matrix.samples } }
    public var ties: Int { domains.reduce(0) { $0 + $1.matrix.tieCount } }
    /// Comparisons never judged, over all domains.
    public var missingComparisons: Int { domains.reduce(0) { $0 + $1.matrix.missingCount } }

    /// Overall numbers: means over the present domains, in order (as `ModelScore`).
    public var strictEasy: Double { mean { $0.strict.easy } }
    public var strictNormal: Double { mean { $0.strict.normal } }
    public var strictHard: Double { mean { $0.strict.hard } }
    public var strictAverage: Double { mean { $0.strict.average } }
    public var halfCreditEasy: Double { mean { $0.halfCredit.easy } }
    public var halfCreditNormal: Double { mean { $0.halfCredit.normal } }
    public var halfCreditHard: Double { mean { $0.halfCredit.hard } }
    public var halfCreditAverage: Double { mean { $0.halfCredit.average } }

    /// Over all domains: `consistent / bothOrders`, nil without double-judged comparisons.
    public var orderConsistency: Double? {
        let both = domains.reduce(0) { $0 + $1.matrix.bothOrders }
        let same = domains.reduce(0) { $0 + $1.matrix.consistent }
        return both == 0 ? nil : Double(same) / Double(both)
    }

    private func mean(_ metric: (VerdictMatrix) -> Double) -> Double {
        guard !domains.isEmpty else { return .nan }
        var sum = 0.0
        for domain in domains { sum += metric(domain.matrix) }
        return sum / Double(domains.count)
    }

    /// The strict scores as a `ModelScore`, so a judge shows like any scored model
    /// (ties in `GroupScore.ties`; missing comparisons are not representable there — check
    /// `missingComparisons` first).
    public func strictModelScore(type: ModelType = .generative) -> ModelScore {
        ModelScore(model: model, type: type, sources: sources, domains: domains.map { domain in
            DomainScore(
                domain: domain.domain,
                score: GroupScore(matrix: domain.matrix.strict, ties: domain.matrix.tieCount),
                subgroups: domain.subgroups.map {
                    Subgroup(kind: $0.kind, name: $0.name, score: GroupScore(matrix: $0.matrix.strict, ties: $0.matrix.tieCount))
                })
        })
    }
}

/// Turns a judge's verdicts into per-domain matrices.
///
///     let score = VerdictScorer.score(run)
///     score[.chat]?.matrix.strict.hard
///     score.halfCreditAverage
public enum VerdictScorer {
    public static func score(_ run: JudgeRun) -> JudgeScore {
        var domains: [Domain: VerdictMatrix] = [:]
        var groups: [Domain: [GroupKey: VerdictMatrix]] = [:]
        var labels: [Domain: Set<String>] = [:]
        for item in run.items {
            domains[item.domain, default: VerdictMatrix()].add(item)
            labels[item.domain, default: []].insert(item.label)
            groups[item.domain, default: [:]][GroupKey(kind: .label, name: item.label), default: VerdictMatrix()].add(item)
            if let subset = item.subset {
                groups[item.domain, default: [:]][GroupKey(kind: .subset, name: subset), default: VerdictMatrix()].add(item)
            }
        }
        let scored = Domain.allCases.compactMap { domain -> DomainVerdicts? in
            guard let matrix = domains[domain] else { return nil }
            let subgroups = (groups[domain] ?? [:])
                // A label equal to the domain's own name is the domain itself, not a subgroup.
                .filter { $0.key.kind != .label || (labels[domain]?.count ?? 0) > 1 || $0.key.name != domain.rawValue }
                .sorted { ($0.key.kind.order, $0.key.name) < ($1.key.kind.order, $1.key.name) }
                .map { VerdictSubgroup(kind: $0.key.kind, name: $0.key.name, matrix: $0.value) }
            return DomainVerdicts(domain: domain, matrix: matrix, subgroups: subgroups)
        }
        return JudgeScore(model: run.model, sources: run.sources, domains: scored)
    }

    private struct GroupKey: Hashable {
        var kind: SubgroupKind
        var name: String
    }
}
