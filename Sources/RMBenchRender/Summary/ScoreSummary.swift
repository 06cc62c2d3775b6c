import RMBenchCore
import RMBenchScore

/// The typed summary of a model's scores in the shape `rmbench-site score --format json`
/// prints and the site's `data/models/<slug>.json` holds. Fractions in [0, 1].
public enum ScoreSummary {
    /// `{"models": [...]}` for several models.
    public static func document(_ scores: [ModelScore]) -> JSONValue {
        .object([("models", .array(scores.map(model)))])
    }

    public static func model(_ score: ModelScore) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("model", .string(score.model)),
            ("type", .string(score.type.rawValue)),
            ("source", .string(score.sources.map(\.path).joined(separator: ", "))),
            ("sources", .array(score.sources.map { source in
                .object([("path", .string(source.path)), ("sha256", .string(source.sha256)),
                         ("timestamp", source.timestamp.map(JSONValue.string) ?? .null)])
            })),
            ("provenance", .string("recomputed")),
            ("samples", .int(score.samples)),
            ("complete", .bool(score.isComplete)),
            ("missing_domains", .array(score.missingDomains.map { .string($0.rawValue) })),
            ("ties", .int(score.ties)),
            ("non_finite_scores", .int(score.nonFiniteScores)),
        ]
        members += metrics(easy: score.easy, normal: score.normal, hard: score.hard, average: score.average)
        members.append(("domains", .object(score.domains.map { ($0.domain.rawValue, domain($0)) })))
        return .object(members)
    }

    static func domain(_ domain: DomainScore) -> JSONValue {
        var members = group(domain.score)
        members.append(("subdomains", .object(domain.subgroups.map { subgroup in
            (subgroup.name, .object([("kind", .string(subgroup.kind.rawValue))] + group(subgroup.score)))
        })))
        return .object(members)
    }

    static func group(_ score: GroupScore) -> [(String, JSONValue)] {
        let matrix = score.matrix
        return [
            ("samples", .int(score.samples)),
            ("matrix", .array(matrix.fractions.map { .array($0.map(JSONValue.double)) })),
            ("counts", .array(matrix.counts.map { .array($0.map(JSONValue.int)) })),
            ("ties", .int(score.ties)),
            ("non_finite_scores", .int(score.nonFiniteScores)),
        ] + metrics(easy: score.easy, normal: score.normal, hard: score.hard, average: score.average)
    }

    static func metrics(easy: Double, normal: Double, hard: Double, average: Double) -> [(String, JSONValue)] {
        [("easy", .double(easy)), ("normal", .double(normal)), ("hard", .double(hard)), ("average", .double(average))]
    }
}
