import RMBenchAnalyze
import RMBenchCore
import RMBenchScore

/// The typed summary of a model's scores in the shape `rmbench-site score --format json`
/// prints and the site's `data/models/<slug>.json` holds. Fractions in [0, 1]. With bootstrap
/// intervals, every metric key `k` gains `k_ci95: [low, high]` and each domain a
/// `matrix_ci95`.
public enum ScoreSummary {
    /// `{"models": [...]}` for several models.
    public static func document(_ scores: [ModelScore], intervals: [String: BootstrapIntervals] = [:], ranks: [String: RankInfo] = [:]) -> JSONValue {
        .object([("models", .array(scores.map { model($0, intervals: intervals[$0.model], rank: ranks[$0.model]) }))])
    }

    public static func model(_ score: ModelScore, intervals: BootstrapIntervals? = nil, rank: RankInfo? = nil) -> JSONValue {
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
        members += metrics(easy: score.easy, normal: score.normal, hard: score.hard, average: score.average,
                           interval: { intervals?.interval(.overall($0)) })
        if let intervals {
            members.append(("bootstrap", .object([("resamples", .int(intervals.resamples)), ("seed", .string(String(intervals.seed))),
                                                  ("interval", .string("2.5th–97.5th percentile, prompts resampled within each domain"))])))
        }
        if let rank {
            members.append(("rank_group", .int(rank.rank)))
            members.append(("significantly_better_models", .array(rank.significantlyBetter.map(JSONValue.string))))
            members.append(("significantly_worse_models", .array(rank.significantlyWorse.map(JSONValue.string))))
        }
        members.append(("domains", .object(score.domains.map { ($0.domain.rawValue, domain($0, intervals: intervals)) })))
        return .object(members)
    }

    static func domain(_ domain: DomainScore, intervals: BootstrapIntervals?) -> JSONValue {
        var members = group(domain.score, interval: { intervals?.interval(.domain(domain.domain, $0)) })
        if let intervals {
            let cells = (0..<3).map { row in
                JSONValue.array((0..<3).map { column in
                    intervals.interval(.cell(domain.domain, row: row, column: column)).map(pair) ?? .null
                })
            }
            members.insert(("matrix_ci95", .array(cells)), at: 2)
        }
        members.append(("subdomains", .object(domain.subgroups.map { subgroup in
            (subgroup.name, .object([("kind", .string(subgroup.kind.rawValue))] + group(subgroup.score, interval: { _ in nil })))
        })))
        return .object(members)
    }

    static func group(_ score: GroupScore, interval: (Difficulty) -> ClosedRange<Double>?) -> [(String, JSONValue)] {
        let matrix = score.matrix
        return [
            ("samples", .int(score.samples)),
            ("matrix", .array(matrix.fractions.map { .array($0.map(JSONValue.double)) })),
            ("counts", .array(matrix.counts.map { .array($0.map(JSONValue.int)) })),
            ("ties", .int(score.ties)),
            ("non_finite_scores", .int(score.nonFiniteScores)),
        ] + metrics(easy: score.easy, normal: score.normal, hard: score.hard, average: score.average, interval: interval)
    }

    static func metrics(easy: Double, normal: Double, hard: Double, average: Double,
                        interval: (Difficulty) -> ClosedRange<Double>?) -> [(String, JSONValue)] {
        var members: [(String, JSONValue)] = []
        for (difficulty, value) in [(Difficulty.easy, easy), (.normal, normal), (.hard, hard), (.average, average)] {
            members.append((difficulty.rawValue, .double(value)))
            if let range = interval(difficulty) { members.append((difficulty.rawValue + "_ci95", pair(range))) }
        }
        return members
    }

    static func pair(_ range: ClosedRange<Double>) -> JSONValue {
        .array([.double(range.lowerBound), .double(range.upperBound)])
    }
}
