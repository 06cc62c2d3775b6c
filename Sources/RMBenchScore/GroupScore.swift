import RMBenchCore

/// Scores of one group of prompts (a domain, a subdomain, a subset, a language), with the
/// counts that explain them.
public struct GroupScore: Equatable, Sendable {
    public var matrix: StyleMatrix
    /// Comparisons (of 9 per prompt) where chosen and rejected had the same finite score.
    public var ties: Int
    /// Scores (of 6 per prompt) that were NaN or infinite.
    public var nonFiniteScores: Int
    /// Comparisons counted wrong because a score was NaN.
    public var nanComparisons: Int

    public init(matrix: StyleMatrix = StyleMatrix(), ties: Int = 0, nonFiniteScores: Int = 0, nanComparisons: Int = 0) {
        self.matrix = matrix
        self.ties = ties
        self.nonFiniteScores = nonFiniteScores
        self.nanComparisons = nanComparisons
    }

    public var samples: Int { matrix.samples }
    public var easy: Double { matrix.easy }
    public var normal: Double { matrix.normal }
    public var hard: Double { matrix.hard }
    public var average: Double { matrix.average }

    public mutating func add(_ item: ScoredItem) {
        matrix.add(chosen: item.chosen, rejected: item.rejected)
        for i in 0..<3 {
            if !item.chosen[i].isFinite { nonFiniteScores += 1 }
            if !item.rejected[i].isFinite { nonFiniteScores += 1 }
            for j in 0..<3 {
                let c = item.chosen[i]
                let r = item.rejected[j]
                if c.isNaN || r.isNaN {
                    nanComparisons += 1
                } else if c == r {
                    ties += 1
                }
            }
        }
    }

    public mutating func merge(_ other: GroupScore) {
        matrix.merge(other.matrix)
        ties += other.ties
        nonFiniteScores += other.nonFiniteScores
        nanComparisons += other.nanComparisons
    }
}

/// What a subgroup of a domain is grouped by.
public enum SubgroupKind: String, Sendable, CaseIterable {
    /// The raw `domain` label, when a domain pools several (`safety-refuse`, `safety-response`).
    case label
    /// The item's `subset` (`alpacaeval`, `xstest-should-refuse`…).
    case subset
    /// The item's `language` (code).
    case language
}

/// A named subgroup of a domain.
public struct Subgroup: Equatable, Sendable {
    public var kind: SubgroupKind
    public var name: String
    public var score: GroupScore

    public init(kind: SubgroupKind, name: String, score: GroupScore) {
        self.kind = kind
        self.name = name
        self.score = score
    }
}

/// One domain: its pooled score and its subgroups.
public struct DomainScore: Equatable, Sendable {
    public var domain: Domain
    public var score: GroupScore
    /// Sorted by kind, then name.
    public var subgroups: [Subgroup]

    public init(domain: Domain, score: GroupScore, subgroups: [Subgroup] = []) {
        self.domain = domain
        self.score = score
        self.subgroups = subgroups
    }
}
