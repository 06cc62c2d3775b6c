import Foundation
import RMBenchCore
import RMBenchScore

/// One prompt and every model's six scores on it.
struct PromptRecord: Sendable {
    var key: ItemKey
    var domain: Domain
    var subset: String?
    var language: String?
    /// In the order of the models given to ``PromptPages/records(_:)``.
    var scores: PromptScores

    init(key: ItemKey, domain: Domain, subset: String? = nil, language: String? = nil, scores: PromptScores) {
        self.key = key
        self.domain = domain
        self.subset = subset
        self.language = language
        self.scores = scores
    }

    /// A record of scores given as they are.
    init(key: ItemKey, domain: Domain, subset: String? = nil, language: String? = nil,
         scores: [(model: ModelID, chosen: StyleScores, rejected: StyleScores)]) {
        self.init(key: key, domain: domain, subset: subset, language: language, scores: PromptScores(scores, key: key, domain: domain))
    }
}

/// Texts for a prompt, when the dataset is given.
struct PromptText: Sendable {
    var prompt: String
    /// Per style (concise, detailed plain, detailed markdown); a split may hold fewer.
    var chosen: [String]
    var rejected: [String]
}

/// The prompt browser: `prompts/index.html`, paged lists `prompts/<domain>/page-N.html` and a
/// permalink page per prompt `prompts/<domain>/<file>.html`.
///
/// List pages grow only with the prompts (a fixed number per page) and show aggregates over
/// the models; a prompt page has one compact row per model. Everything is static: no data is
/// fetched when a page loads.
enum PromptPages {
    static let pageSize = 50

    /// Every prompt any model scored, sorted by domain then key; each with the scores of every
    /// model that has it, in the order of `models`. Subset and language come from the first
    /// model whose item has them.
    static func records(_ models: [(model: ModelID, items: [ScoredItem])]) -> [PromptRecord] {
        let shared = PromptScores.Models(ids: models.map(\.model), items: models.map(\.items))
        // One dictionary lookup per item (66,000 for 50 models): the key's record by index.
        var byKey: [ItemKey: Int] = [:]
        var records: [PromptRecord] = []
        // Per record, the last model that added to it: a repeated item of a model counts once, the first.
        var lastModel: [Int] = []
        for (modelIndex, items) in shared.items.enumerated() {
            for (itemIndex, item) in items.enumerated() {
                let key = item.key
                guard let index = byKey[key] else {
                    // Every model usually has every prompt: one allocation, not a doubling per append.
                    var scores = PromptScores(models: shared, capacity: models.count)
                    scores.append(model: modelIndex, item: itemIndex)
                    byKey[key] = records.count
                    records.append(PromptRecord(key: key, domain: item.domain, subset: item.subset, language: item.language, scores: scores))
                    lastModel.append(modelIndex)
                    continue
                }
                guard lastModel[index] != modelIndex else { continue }
                lastModel[index] = modelIndex
                records[index].scores.append(model: modelIndex, item: itemIndex)
                if records[index].subset == nil { records[index].subset = item.subset }
                if records[index].language == nil { records[index].language = item.language }
            }
        }
        return records.sorted { ($0.domain, $0.key) < ($1.domain, $1.key) }
    }

    /// At least three significant digits, locale independent: whole numbers from 100 on
    /// (`1917`), three significant digits below (`12.3`, `0.500`), exponent form under 0.0001; zero is `0.00`.
    static func score(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "∞" : "−∞" }
        if value == 0 { return "0.00" }
        let magnitude = abs(value)
        if magnitude < 0.0001 { return NumberText.format("%.2e", value).lowercased() }
        let decimals = magnitude >= 100 ? 0 : max(0, 2 - Int(floor(log10(magnitude))))
        // Rounding can reach the next power of ten (99.96 → "100.0"); that still has three digits.
        // A negative value printed as zero carries no minus sign (NumberText's rule).
        return NumberText.fixed(value, decimals)
    }

    // MARK: - File names

    /// Page paths: `prompts/<domain>/<file>` per key. The file name is the id, prefixed with the
    /// label (`safety-refuse-12`) when the domain has several labels; made file-name safe and
    /// distinct, and never of the list pages' form `page-N`.
    static func files(_ records: [PromptRecord]) -> [ItemKey: String] {
        var result: [ItemKey: String] = [:]
        for domain in Domain.allCases {
            let keys = records.filter { $0.domain == domain }.map(\.key)
            guard !keys.isEmpty else { continue }
            let severalLabels = Set(keys.map(\.label)).count > 1
            let names = keys.map { severalLabels ? "\($0.label)-\($0.id)" : $0.id.description }
            let slugs = Slug.unique(names).map { isListPageName($0) ? "id-" + $0 : $0 }
            var taken: Set<String> = []
            for (key, slug) in zip(keys, slugs) {
                var candidate = slug
                var counter = 2
                while taken.contains(candidate) || isListPageName(candidate) {
                    candidate = slug + "-" + String(counter)
                    counter += 1
                }
                taken.insert(candidate)
                result[key] = "prompts/\(domain.rawValue)/\(candidate)"
            }
        }
        return result
    }

    /// The name of a list page (`page-N`) or of the ordering page, which no prompt page may take.
    private static func isListPageName(_ name: String) -> Bool {
        if name == PromptRanking.fileName { return true }
        guard name.hasPrefix("page-") else { return false }
        let rest = name.dropFirst(5)
        return !rest.isEmpty && rest.allSatisfy { ("0"..."9").contains($0) }
    }

    static func pageCount(_ prompts: Int) -> Int {
        (prompts + pageSize - 1) / pageSize
    }

    // MARK: - Pages

    static func render(records: [PromptRecord], texts: [ItemKey: PromptText],
                       templates: TemplateSet, layout: Layout) -> [RenderedPage] {
        jobs(records: records, texts: texts, templates: templates, layout: layout).flatMap { $0() }
    }

    /// Prompt pages per job: enough to be worth a job, few enough that a job holds little
    /// memory. A job holds its pages until it returns, and a page grows with the models (a
    /// row and a grid each, ~2 KB of HTML and Markdown), so a job gets about 1,600 model rows:
    /// 32 pages with 50 models, 8 with 200, so memory does not grow with the models.
    static func pagesPerJob(models: Int) -> Int {
        max(1, min(32, 1_600 / max(models, 1)))
    }

    /// The same pages as independent jobs of at most ``pagesPerJob(models:)`` prompt pages each (the
    /// index and list pages in the first), so a build renders them on all cores and never holds
    /// them all: with many models a prompt page is large.
    static func jobs(records: [PromptRecord], texts: [ItemKey: PromptText],
                     templates: TemplateSet, layout: Layout) -> [@Sendable () -> [RenderedPage]] {
        let records = records.sorted { ($0.domain, $0.key) < ($1.domain, $1.key) }
        let files = files(records)
        let hasTexts = !texts.isEmpty
        var shownModels: [ModelID: PromptPageModel] = [:]
        for record in records {
            for entry in record.scores where shownModels[entry.model] == nil { shownModels[entry.model] = PromptPageModel(entry.model) }
        }
        let models = shownModels
        var jobs: [@Sendable () -> [RenderedPage]] = []
        var domainData: [IndexDomain] = []
        var listJobs: [@Sendable () -> [RenderedPage]] = []
        for domain in Domain.allCases {
            let members = records.filter { $0.domain == domain }
            guard !members.isEmpty else { continue }
            let pageTotal = pageCount(members.count)
            let labels = Dictionary(grouping: members, by: \.key.label).map { ($0.key, $0.value.count) }.sorted { $0.0 < $1.0 }
            domainData.append(IndexDomain(
                title: domain.title, prompts: members.count, pageCount: pageTotal, onePage: pageTotal == 1,
                labels: labels.count > 1 ? labels.map { "\(Escape.markdownText($0.0)) \($0.1)" }.joined(separator: ", ") : "",
                hasLabels: labels.count > 1,
                // Word joiners: no line break at the dash of `101–150`.
                pageLinks: (1...pageTotal).map { n in
                    PageLink(range: range(n, of: members.count).replacingOccurrences(of: "–", with: "\u{2060}–\u{2060}"),
                             href: "\(domain.rawValue)/page-\(n).html", isLast: n == pageTotal)
                },
                ranking: "\(domain.rawValue)/\(PromptRanking.fileName).html"))
            listJobs.append {
                var pages = [PromptRanking.page(domain: domain, members: members, rows: listRows(members, files: files, texts: [:]),
                                                templates: templates, layout: layout)]
                for n in 1...pageTotal {
                    let slice = Array(members[((n - 1) * pageSize)..<min(n * pageSize, members.count)])
                    pages.append(listPage(domain: domain, number: n, of: pageTotal, total: members.count, slice: slice,
                                          files: files, texts: texts, templates: templates, layout: layout))
                }
                return pages
            }
            let perJob = pagesPerJob(models: models.count)
            for start in stride(from: 0, to: members.count, by: perJob) {
                jobs.append {
                    (start..<min(start + perJob, members.count)).map { index in
                        promptPage(members[index], domain: members, index: index, files: files, text: texts[members[index].key],
                                   hasTexts: hasTexts, models: models, templates: templates, layout: layout)
                    }
                }
            }
        }
        let data = IndexData(domains: domainData, hasPrompts: !domainData.isEmpty, promptCount: records.count,
                             modelCount: Set(records.flatMap { $0.scores.map(\.model) }).count, pageSize: pageSize, hasTexts: hasTexts)
        let index = layout.page(path: "prompts/index", title: "Prompts", markdown: templates.render("prompts.md", data))
        let lists = listJobs
        return [{ [index] + lists.flatMap { $0() } }] + jobs
    }

    private static func range(_ page: Int, of total: Int) -> String {
        "\((page - 1) * pageSize + 1)–\(min(page * pageSize, total))"
    }

    /// The prompt's label and id as shown: `safety-refuse 12`.
    private static func name(_ key: ItemKey) -> String {
        "\(key.label) \(key.id)"
    }

    static func group(_ record: PromptRecord) -> String {
        [record.subset, record.language].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " / ")
    }

    /// The first characters of a text on one line, for a list.
    static func preview(_ text: String, characters: Int = 90) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ").trimmingCharacters(in: .whitespaces)
        return flat.count > characters ? String(flat.prefix(characters)).trimmingCharacters(in: .whitespaces) + "…" : flat
    }

    private static func listPage(domain: Domain, number: Int, of pageTotal: Int, total: Int, slice: [PromptRecord],
                                 files: [ItemKey: String], texts: [ItemKey: PromptText], templates: TemplateSet, layout: Layout) -> RenderedPage {
        let showText = slice.contains { texts[$0.key] != nil }
        let rows = listRows(slice, files: files, texts: texts)
        let data = ListPageData(
            domain: domain.title, number: number, pageCount: pageTotal, range: range(number, of: total), total: total,
            showText: showText, rows: rows,
            hasPrevious: number > 1, previous: "page-\(number - 1).html", hasNext: number < pageTotal, next: "page-\(number + 1).html",
            pages: (1...pageTotal).map { n in PageNumber(number: n, href: "page-\(n).html", current: n == number) })
        return layout.page(path: "prompts/\(domain.rawValue)/page-\(number)", title: "\(domain.title) prompts, page \(number)",
                           markdown: templates.render("prompts.md", data.templateValue))
    }

    /// Each model's nine comparisons on the prompt, in the record's model order.
    static func outcomes(_ record: PromptRecord) -> [ComparisonOutcomes] {
        record.scores.map { ComparisonOutcomes(chosen: $0.chosen, rejected: $0.rejected) }
    }

    /// The list table's line of each record: aggregates over the models that scored it.
    static func listRows(_ records: [PromptRecord], files: [ItemKey: String], texts: [ItemKey: PromptText]) -> [ListRow] {
        records.map { record -> ListRow in
            let file = files[record.key]!.split(separator: "/").last!
            let all = outcomes(record)
            let mean = all.isEmpty ? "–" : NumberText.format("%.1f", Double(all.map { $0.count(.average) }.reduce(0, +)) / Double(all.count))
            let group = group(record)
            return ListRow(name: "\(Escape.markdownTableCell(record.key.label))\u{A0}\(Escape.markdownTableCell(record.key.id.description))",
                           link: "\(file).html",
                           text: texts[record.key].map { Escape.markdownTableCell(preview($0.prompt)) } ?? "–",
                           group: group.isEmpty ? "–" : Escape.markdownTableCell(group), models: all.count,
                           allRight: all.filter(\.allRight).count,
                           allHardRight: all.filter { $0.count(.hard) == 3 }.count, meanRight: mean)
        }
    }

    private static func promptPage(_ record: PromptRecord, domain members: [PromptRecord], index: Int, files: [ItemKey: String],
                                   text: PromptText?, hasTexts: Bool, models: [ModelID: PromptPageModel],
                                   templates: TemplateSet, layout: Layout) -> RenderedPage {
        let path = files[record.key]!
        let fileName = { (key: ItemKey) in String(files[key]!.split(separator: "/").last!) + ".html" }
        var perCell = [[Int]](repeating: [0, 0, 0], count: 3)
        var gridsHTML = "<div class=\"comparison-grids\">"
        var gridsMarkdown = ""
        gridsHTML.reserveCapacity(record.scores.count * 900)
        gridsMarkdown.reserveCapacity(record.scores.count * 260)
        var table = PromptScoreTable(capacity: record.scores.count)
        for entry in record.scores {
            let outcomes = ComparisonOutcomes(chosen: entry.chosen, rejected: entry.rejected)
            for i in 0..<3 { for j in 0..<3 where outcomes.isRight(row: i, column: j) { perCell[i][j] += 1 } }
            let model = models[entry.model]!
            gridsHTML += "\n"
            PromptComparisonGrid.appendHTML(model, outcomes, to: &gridsHTML)
            if !gridsMarkdown.isEmpty { gridsMarkdown += "\n\n" }
            PromptComparisonGrid.appendMarkdown(model, outcomes, to: &gridsMarkdown)
            table.append(model, chosen: entry.chosen, rejected: entry.rejected, outcomes: outcomes)
        }
        let n = record.scores.count
        let matrix = (0..<3).map { i in
            let cells = (0..<3).map { j in
                "\(perCell[i][j])/\(n) (\(DifficultyMeans.difficulty(row: i, column: j).label))"
            }
            return MatrixRow(style: Style(rawValue: i)!.title, concise: cells[0], plain: cells[1], markdown: cells[2])
        }
        // One fragment holds every model's grid so the stylesheet can lay them out side by side.
        let scores = table.finished
        var fragments = ["prompt:grids": gridsHTML + "\n</div>", PromptScoreTable.placeholder: scores.html]
        var exports = ["prompt:grids": gridsMarkdown, PromptScoreTable.placeholder: scores.markdown]
        if let text {
            fragments["prompt:text"] = "<div class=\"prompt-text\">\n" + details("Prompt", text.prompt, open: true) + "\n</div>"
            exports["prompt:text"] = "**Prompt**\n\n" + fenced(text.prompt)
            var html: [String] = []
            var markdown: [String] = []
            for (side, responses) in [("Chosen", text.chosen), ("Rejected", text.rejected)] {
                for style in Style.allCases {
                    let title = "\(side), \(style.title)"
                    if style.rawValue < responses.count {
                        html.append(details(title, responses[style.rawValue], open: false))
                        markdown.append("**\(title)**\n\n" + fenced(responses[style.rawValue]))
                    } else {
                        html.append("<p class=\"prompt-missing\">\(Escape.html(title)): not in the dataset.</p>")
                        markdown.append("**\(title)**: not in the dataset.")
                    }
                }
            }
            fragments["prompt:responses"] = "<div class=\"prompt-responses\">\n" + html.joined(separator: "\n") + "\n</div>"
            exports["prompt:responses"] = markdown.joined(separator: "\n\n")
        }
        let page = index / pageSize + 1
        let data = PromptPageData(
            name: Escape.markdownText(name(record.key)), domain: record.domain.title,
            label: Escape.markdownText(record.key.label), id: Escape.markdownText(record.key.id.description),
            group: Escape.markdownText(group(record)), hasGroup: !group(record).isEmpty,
            hasText: text != nil, hasTexts: hasTexts,
            textFragment: "@@prompt:text@@", responsesFragment: "@@prompt:responses@@", gridsFragment: "@@prompt:grids@@",
            scoresFragment: "@@\(PromptScoreTable.placeholder)@@", modelCount: n, matrix: matrix,
            listPage: "page-\(page).html", listPageNumber: page,
            hasPrevious: index > 0, previous: index > 0 ? fileName(members[index - 1].key) : "",
            hasNext: index + 1 < members.count, next: index + 1 < members.count ? fileName(members[index + 1].key) : "")
        return layout.page(path: path, title: "Prompt \(name(record.key))",
                           markdown: templates.render("prompt.md", data.templateValue), fragments: fragments, exports: exports)
    }

    /// Untrusted text as an HTML disclosure: escaped, NUL replaced (the converter refuses it).
    /// The newline after `<pre>` is the one HTML drops, so a text's own leading newline stays.
    static func details(_ title: String, _ text: String, open: Bool) -> String {
        let body = Escape.html(text).replacingOccurrences(of: "\u{0}", with: "\u{FFFD}")
        return "<details\(open ? " open=\"open\"" : "")><summary>\(Escape.html(title))</summary>\n<pre class=\"prompt-pre\">\n\(body)</pre>\n</details>"
    }

    /// Untrusted text as a fenced code block whose fence is longer than any backtick run in it.
    static func fenced(_ text: String) -> String {
        var longest = 0
        var run = 0
        for scalar in text.unicodeScalars {
            run = scalar == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        let body = text.replacingOccurrences(of: "\u{0}", with: "\u{FFFD}")
        return fence + "text\n" + body + (body.hasSuffix("\n") || body.isEmpty ? "" : "\n") + fence
    }
}
