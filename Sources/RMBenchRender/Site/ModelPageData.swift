import RMBenchAnalyze
import RMBenchCore

/// What the model templates read: `model.md.mustache` and `report.md.mustache` a
/// ``RecomputedData``, `published-model.md.mustache` a ``PublishedData``. Strings are escaped
/// for Markdown text, table cells for a GFM table cell, links are relative URLs made of slugs.
extension ModelPage {
    struct RecomputedData {
        /// The display name; `canonicalName` is the name in the results when they differ.
        var name: String
        var canonicalName: String?
        var card: ModelCard
        var hasCard: Bool
        var type: String
        /// recomputed, verified or disagrees; `provenanceIs` has one flag per level.
        var provenance: String
        var provenanceIs: ProvenanceFlags
        /// Recomputed and published numbers may differ by this many points (`0.055`).
        var tolerance: String
        var samples: Int
        var isPartial: Bool
        /// The missing domains, comma-separated.
        var missing: String
        var headline: [HeadlineRow]
        var bootstrap: Bootstrap?
        var rankGroup: RankGroup?
        var judge: Judge?
        /// The placeholder line the matrices go in (`@@charts:matrices@@`): keep it on a line of its own.
        var charts: String
        var lengths: LengthSection.TemplateData?
        var groups: [GroupRow]
        var ties: Int
        var comparisons: Int
        var nanComparisons: Int
        var nonFinite: Int
        var sources: [SourceFile]
        var published: [PublishedSource]
        /// `../data/models/<slug>.json`.
        var json: String
        /// `../reports/<slug>.html` on a model page; nil in the report itself.
        var report: String?
        /// The audit's warnings and errors about the model (model page only; nil without any).
        var audit: AuditBanner?
        /// The comparison a report ends with (`rmbench-site report --against`).
        var comparison: ComparisonReport.TemplateData?
        /// The prompts the model got wrong, by domain and difficulty (model page only).
        var wrongPrompts: ModelPromptLinks.TemplateData?
    }

    struct PublishedData {
        var name: String
        var canonicalName: String?
        var card: ModelCard
        var hasCard: Bool
        var type: String
        /// The source's own word for the type, when it has one.
        var typeLabel: String?
        var isPartial: Bool
        var missing: String
        /// The audit has findings for this model; `slug` makes the anchor `audit.html#audit-<slug>`.
        var flagged: Bool
        var slug: String
        /// Each source's numbers, and with several sources each other one's difference from
        /// source 1 (`isDifference`, in points).
        var headline: [HeadlineRow]
        var sources: [PublishedSource]
        /// Several sources: the leaderboard row shows source 1, named here (escaped Markdown text).
        var leaderboardSource: String?
        var json: String
    }

    /// A model page's banner for a row the audit flagged.
    struct AuditBanner {
        /// `1 audit error and 2 audit warnings: disagrees with published numbers, ties` (ours).
        var summary: String
        var errors: Int
        var warnings: Int
        /// The checks' titles, most severe first, comma-separated (ours).
        var checks: String
        /// `../audit.html#audit-<slug>`.
        var link: String
    }

    struct ProvenanceFlags {
        var recomputed: Bool
        var published: Bool
        var verified: Bool
        var disagrees: Bool

        init(_ level: ProvenanceLevel) {
            recomputed = level == .recomputed
            published = level == .published
            verified = level == .verified
            disagrees = level == .disagrees
        }
    }

    /// A line of the headline table: one flag says what it holds. Cells are percent with one
    /// decimal (intervals `44.1–46.5`, differences signed points), `–` when unknown.
    struct HeadlineRow {
        var isRecomputed = false
        var isInterval = false
        var isPublished = false
        var isDifference = false
        /// For published lines and their differences: which source (1, 2, …), and whether
        /// there are several.
        var number = 0
        var several = false
        var chat, math, code, safety, easy, normal, hard, average: String

        init(values: [String]) {
            precondition(values.count == Metric.leaderboard.count, "one value per leaderboard column")
            (chat, math, code, safety) = (values[0], values[1], values[2], values[3])
            (easy, normal, hard, average) = (values[4], values[5], values[6], values[7])
        }
    }

    /// A line of the domains and subgroups table.
    struct GroupRow {
        /// Domains are the table's section heads; the rest are their subgroups.
        var isDomain: Bool
        /// Escaped for a table cell.
        var name: String
        /// domain, subdomain, subset or language.
        var kind: String
        var prompts: Int
        var easy, normal, hard, average: String
        /// The Average's 95 % interval (domains with bootstrap on), `–` otherwise.
        var interval: String
        var ties: Int
        var nonFinite: Int
    }

    struct SourceFile {
        /// Escaped for a table cell.
        var path: String
        var sha256: String
        /// Escaped for a table cell; `–` when the file has none.
        var timestamp: String
    }

    /// One published source of the model's numbers.
    struct PublishedSource {
        var number: Int
        var several: Bool
        var source: String?
        /// Escaped for a URL (http/https only).
        var url: String?
        var license: String?
        var flag: String?
        /// `file, line N`.
        var file: String
    }

    struct Bootstrap {
        var resamples: Int
        var seed: String
    }

    struct RankGroup {
        var rank: Int
        /// Model names, comma-separated.
        var better: String
        var worse: String
        var hasBetter: Bool
        var hasWorse: Bool
        /// Some comparisons used only the prompts both models have.
        var differed: Bool
    }

    /// A generative judge's verdicts; `rows` are the domains and then the overall line.
    struct Judge {
        var rows: [JudgeRow]
        /// Comparisons without a verdict in the logs.
        var missing: Int
        var hasMissing: Bool
    }

    struct JudgeRow {
        var isOverall: Bool
        /// The domain's title (empty on the overall line).
        var domain: String
        var strictEasy, strictNormal, strictHard, strictAverage: String
        var halfEasy, halfNormal, halfHard, halfAverage: String
        var ties: Int
        var missing: Int
        /// Order-swap consistency, `97.5 %`, `–` when nothing was judged in both orders.
        var consistency: String
    }
}
