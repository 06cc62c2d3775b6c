import RMBenchCore

/// Everything RM-Bench computes for one model, from its counts.
public struct ModelScore: Sendable {
    public var model: String
    public var type: ModelType
    public var sources: [SourceFile]
    /// Present domains, in the official order (chat, math, code, safety).
    public var domains: [DomainScore]

    public init(model: String, type: ModelType, sources: [SourceFile], domains: [DomainScore]) {
        self.model = model
        self.type = type
        self.sources = sources
        self.domains = domains
    }

    public subscript(domain: Domain) -> DomainScore? {
        domains.first { $0.domain == domain }
    }

    public var missingDomains: [Domain] {
        Domain.allCases.filter { self[$0] == nil }
    }

    /// All four domains present. Overall numbers of an incomplete model are means over the
    /// domains it has and must be shown as partial.
    public var isComplete: Bool { missingDomains.isEmpty }

    public var samples: Int { domains.reduce(0) { $0 + $1.score.samples } }
    public var ties: Int { domains.reduce(0) { $0 + $1.score.ties } }
    public var nonFiniteScores: Int { domains.reduce(0) { $0 + $1.score.nonFiniteScores } }

    /// Mean over domains of each domain's Easy — `np.mean` over the domain list in order.
    public var easy: Double { meanOverDomains(\.easy) }
    public var normal: Double { meanOverDomains(\.normal) }
    public var hard: Double { meanOverDomains(\.hard) }
    /// Mean of the domains' averages (the official `total_avg_acc`).
    public var average: Double { meanOverDomains(\.average) }

    /// Left-to-right sum then one division, as numpy does for fewer than 8 values.
    private func meanOverDomains(_ metric: KeyPath<GroupScore, Double>) -> Double {
        guard !domains.isEmpty else { return .nan }
        var sum = 0.0
        for domain in domains { sum += domain.score[keyPath: metric] }
        return sum / Double(domains.count)
    }

    /// The style matrix of all prompts pooled (for the "all domains" chart). Not an
    /// official number: the official overall numbers weight domains equally.
    public var pooledMatrix: StyleMatrix {
        var matrix = StyleMatrix()
        for domain in domains { matrix.merge(domain.score.matrix) }
        return matrix
    }
}

/// Turns a model's scored items into its RM-Bench scores.
///
///     let score = Scorer.score(run)
///     score.average      // official total_avg_acc
///     score[.chat]?.score.matrix.counts
public enum Scorer {
    public static func score(_ run: ModelRun) -> ModelScore {
        var domains: [Domain: GroupScore] = [:]
        var subgroups: [Domain: [SubgroupKey: GroupScore]] = [:]
        var labelsPerDomain: [Domain: Set<String>] = [:]
        for item in run.items {
            domains[item.domain, default: GroupScore()].add(item)
            labelsPerDomain[item.domain, default: []].insert(item.label)
            subgroups[item.domain, default: [:]][SubgroupKey(kind: .label, name: item.label), default: GroupScore()].add(item)
            if let subset = item.subset {
                subgroups[item.domain, default: [:]][SubgroupKey(kind: .subset, name: subset), default: GroupScore()].add(item)
            }
            if let language = item.language {
                subgroups[item.domain, default: [:]][SubgroupKey(kind: .language, name: language), default: GroupScore()].add(item)
            }
        }
        let domainScores = Domain.allCases.compactMap { domain -> DomainScore? in
            guard let score = domains[domain] else { return nil }
            let groups = (subgroups[domain] ?? [:])
                // A label equal to the domain's own name is the domain itself, not a subgroup.
                .filter { $0.key.kind != .label || (labelsPerDomain[domain]?.count ?? 0) > 1 || $0.key.name != domain.rawValue }
                .sorted { ($0.key.kind.order, $0.key.name) < ($1.key.kind.order, $1.key.name) }
                .map { Subgroup(kind: $0.key.kind, name: $0.key.name, score: $0.value) }
            return DomainScore(domain: domain, score: score, subgroups: groups)
        }
        return ModelScore(model: run.model, type: run.type, sources: run.sources, domains: domainScores)
    }

    private struct SubgroupKey: Hashable {
        var kind: SubgroupKind
        var name: String
    }
}

extension SubgroupKind {
    var order: Int {
        switch self {
        case .label: 0
        case .subset: 1
        case .language: 2
        }
    }
}
