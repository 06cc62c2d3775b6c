import RMBenchAnalyze
import RMBenchCore

/// `health.html`: checks of the benchmark itself — prompts with identical chosen and rejected
/// texts, prompts every recomputed model gets wrong or right, and each prompt's
/// discrimination — with `data/health.json` holding every prompt's numbers.
enum HealthPage {
    /// How many prompts the lists show at most (the JSON has all of them).
    static let listLimit = 50

    /// What `health.md.mustache` reads. Names are escaped for a table cell; links are relative
    /// URLs made of slugs.
    struct TemplateData {
        var modelCount: Int
        var promptCount: Int
        var hasTexts: Bool
        var minimumModels: Int
        /// Fewer than 10 recomputed models: the page warns that the lists are weak evidence.
        var fewModels: Bool
        var identical: [Prompt]
        var hasIdentical: Bool
        var allWrong: [Prompt]
        var allWrongCount: Int
        var hasAllWrong: Bool
        /// More prompts than the list shows.
        var allWrongTruncated: Bool
        var allRight: [Prompt]
        var allRightCount: Int
        var hasAllRight: Bool
        var allRightTruncated: Bool
        var lowest: [Prompt]
        var hasLowest: Bool
        var listLimit: Int
    }

    struct Prompt {
        /// `math 2807` (label and id).
        var name: String
        /// `prompts/<domain>/<file>.html`, when a prompt page exists (some model scored it).
        var link: String?
        /// Identical styles (`concise, detailed plain`), or `–`.
        var styles: String
        var models: Int
        /// `0.42`, or `–`.
        var discrimination: String
    }

    /// `promptFiles`: the prompt pages' paths (``PromptPages/files(_:)``), made once per build.
    static func render(input: SiteInput, promptFiles pages: [ItemKey: String], templates: TemplateSet, layout: Layout) -> (page: RenderedPage, files: [(String, [UInt8])]) {
        let health = BenchmarkHealth(texts: input.promptTexts, models: input.promptModels.map { ($0.model, $0.items) })
        func prompt(_ key: ItemKey, styles: [Int] = [], stats: BenchmarkHealth.PromptStats? = nil) -> Prompt {
            Prompt(name: Escape.markdownTableCell("\(key.label) \(key.id)"), link: pages[key].map { $0 + ".html" },
                   styles: styles.isEmpty ? "–" : styles.compactMap { Style(rawValue: $0)?.title }.joined(separator: ", "),
                   models: stats?.models ?? 0, discrimination: stats?.discrimination.map { NumberText.format("%.2f", $0) } ?? "–")
        }
        let stats = Dictionary(health.prompts.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let allWrong = health.allWrong, allRight = health.allRight
        let data = TemplateData(
            modelCount: health.modelCount, promptCount: health.prompts.count, hasTexts: !input.promptTexts.isEmpty,
            minimumModels: BenchmarkHealth.minimumModels, fewModels: health.modelCount < 10,
            identical: health.identical.map { prompt($0.key, styles: $0.styles, stats: stats[$0.key]) },
            hasIdentical: !health.identical.isEmpty,
            allWrong: allWrong.prefix(listLimit).map { prompt($0.key, stats: $0) }, allWrongCount: allWrong.count,
            hasAllWrong: !allWrong.isEmpty, allWrongTruncated: allWrong.count > listLimit,
            allRight: allRight.prefix(listLimit).map { prompt($0.key, stats: $0) }, allRightCount: allRight.count,
            hasAllRight: !allRight.isEmpty, allRightTruncated: allRight.count > listLimit,
            lowest: health.leastDiscriminating(listLimit).map { prompt($0.key, stats: $0) },
            hasLowest: health.prompts.contains { $0.discrimination != nil }, listLimit: listLimit)
        let page = layout.page(path: "health", title: "Benchmark health", markdown: templates.render("health.md", data))
        return (page, [("data/health.json", Array((json(health).serialized(indent: 2) + "\n").utf8))])
    }

    static func json(_ health: BenchmarkHealth) -> JSONValue {
        .object([
            ("models", .int(health.modelCount)),
            ("minimum_models", .int(BenchmarkHealth.minimumModels)),
            ("identical_texts", .array(health.identical.map { entry in
                .object([("domain", .string(entry.key.label)), ("id", .string(entry.key.id.description)),
                         ("styles", .array(entry.styles.map { .int($0) }))])
            })),
            ("prompts", .array(health.prompts.map { entry in
                .object([("domain", .string(entry.key.label)), ("id", .string(entry.key.id.description)), ("models", .int(entry.models)),
                         ("all_right", .int(entry.allRight)), ("all_wrong", .int(entry.allWrong)),
                         ("discrimination", entry.discrimination.map { .double($0) } ?? .null)])
            })),
        ])
    }
}
