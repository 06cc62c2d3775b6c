import RMBenchAnalyze
import RMBenchCore
import RMBenchScore

/// The site's machine-readable files: `data/leaderboard.json` and `data/models/<slug>.json`,
/// in the shape `rmbench-site score --format json` prints (fractions in [0, 1]).
enum Downloads {
    static func leaderboardJSON(_ rows: [LeaderboardRow]) -> JSONValue {
        .object([("models", .array(rows.map(modelJSON)))])
    }

    static func modelJSON(_ row: LeaderboardRow) -> JSONValue {
        let recomputed = row.score.map { ScoreSummary.model($0, intervals: row.intervals, rank: row.rankGroup) }
        guard case .object(var members) = recomputed ?? publishedJSON(row) else { return .null }
        if let index = members.firstIndex(where: { $0.0 == "provenance" }) {
            members[index].1 = .string(row.provenance.rawValue)
        }
        if row.score != nil, !row.allPublished.isEmpty {
            members.append(("published", .array(row.allPublished.map { publishedJSON(LeaderboardRow(published: $0)) })))
        }
        return .object(members)
    }

    /// Published numbers in the score shape, only the keys that were reported, as fractions.
    static func publishedJSON(_ row: LeaderboardRow) -> JSONValue {
        guard let published = row.published else { return .null }
        func fraction(_ percent: Double?) -> JSONValue? { percent.map { .double($0 / 100) } }
        var members: [(String, JSONValue)] = [
            ("model", .string(published.model)),
            ("type", .string(published.type.rawValue)),
            ("provenance", .string("published")),
            ("complete", .bool(published.reportedDomains.count == 4)),
            ("missing_domains", .array(Domain.allCases.filter { published.domain($0) == nil }.map { .string($0.rawValue) })),
        ]
        for (key, value) in [("easy", published.easy), ("normal", published.normal), ("hard", published.hard), ("average", published.average),
                             ("domain_avg", published.domainAverage), ("difficulty_avg", published.difficultyAverage)] {
            if let number = fraction(value) { members.append((key, number)) }
        }
        let domains = Domain.allCases.compactMap { domain in fraction(published.domain(domain)).map { (domain.rawValue, JSONValue.object([("average", $0)])) } }
        members.append(("domains", .object(domains)))
        for (key, value) in [("type_label", published.typeLabel), ("license", published.license), ("url", published.url),
                             ("source", published.source), ("flag", published.flag)] {
            if let value { members.append((key, .string(value))) }
        }
        members.append(("file", .string("\(published.file):\(published.line)")))
        return .object(members)
    }
}
