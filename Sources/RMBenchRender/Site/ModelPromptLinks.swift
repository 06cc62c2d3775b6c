import RMBenchCore
import RMBenchScore

/// A recomputed model page's "Prompts it got wrong" section: per domain and difficulty (Hard,
/// Normal, Easy), the prompts where the model lost at least one of that difficulty's three
/// comparisons, most lost first, each linked to its prompt page. The counts go in a Markdown
/// table (`model.md.mustache`); the lists, which run to hundreds of links, go in one HTML
/// fragment of `<details>` so they stay collapsed until asked for.
struct ModelPromptLinks {
    /// The placeholder the lists go in.
    static let placeholder = "prompts:wrong"

    /// What `model.md.mustache` reads as `{{#wrongPrompts}}`.
    struct TemplateData {
        var domains: [DomainRow]
        /// `@@prompts:wrong@@`: keep it on a line of its own.
        var lists: String
    }

    /// One domain's counts. `…Prompts`: prompts with at least one comparison of the difficulty
    /// wrong; `…Comparisons`: that difficulty's comparisons wrong (of 3 per prompt).
    struct DomainRow {
        var title: String
        var prompts: Int
        var hardPrompts, hardComparisons: Int
        var normalPrompts, normalComparisons: Int
        var easyPrompts, easyComparisons: Int
        /// Prompts with all nine comparisons right.
        var allRight: Int
    }

    /// One prompt the model lost comparisons of a difficulty on.
    struct Miss: Equatable {
        var key: ItemKey
        /// Comparisons of the difficulty lost, 1–3.
        var lost: Int
        var prompt: PromptLink
    }

    /// A domain's prompts lost, per difficulty, in key order within each count of lost comparisons.
    struct DomainMisses {
        var domain: Domain
        var prompts: Int
        var allRight: Int
        var misses: [(difficulty: Difficulty, prompts: [Miss])]
    }

    static let difficulties: [Difficulty] = [.hard, .normal, .easy]

    var domains: [DomainMisses]

    /// The model's items (a repeated key counts once, the first, as on the prompt pages);
    /// `links` are the prompt pages' (``PromptLink/all(_:)``), made once per build. An item
    /// without a page counts in its domain but is listed nowhere. Nil without items.
    init?(items: [ScoredItem], links: [ItemKey: PromptLink]) {
        // Indices into `items`, not copies of them: an item holds references, and copying
        // 1,327 of them per model for each filter and sort was most of this work.
        let itemLinks = items.map { links[$0.key] }
        var seenLinked = [Bool](repeating: false, count: links.count)
        var seenOthers: Set<ItemKey> = []
        var unique: [Int] = []
        unique.reserveCapacity(items.count)
        for (index, link) in itemLinks.enumerated() {
            if let link {
                guard !seenLinked[link.order] else { continue }
                seenLinked[link.order] = true
            } else {
                guard seenOthers.insert(items[index].key).inserted else { continue }
            }
            unique.append(index)
        }
        guard !unique.isEmpty else { return nil }
        domains = Domain.allCases.compactMap { domain -> DomainMisses? in
            // A link's order is the key order, so comparing orders where both have one is comparing keys.
            let members = unique.filter { items[$0].domain == domain }.sorted { a, b in
                if let first = itemLinks[a]?.order, let second = itemLinks[b]?.order { return first < second }
                return items[a].key < items[b].key
            }
            guard !members.isEmpty else { return nil }
            let right = members.map { ComparisonOutcomes(chosen: items[$0].chosen, rejected: items[$0].rejected) }
            let misses = Self.difficulties.map { difficulty -> (difficulty: Difficulty, prompts: [Miss]) in
                let lost = zip(members, right).compactMap { index, outcomes -> Miss? in
                    let wrong = 3 - outcomes.count(difficulty)
                    guard wrong > 0, let link = itemLinks[index] else { return nil }
                    return Miss(key: items[index].key, lost: wrong, prompt: link)
                }
                // Most comparisons lost first; the sort is stable, so key order within a count.
                return (difficulty, lost.enumerated().sorted { ($1.element.lost, $0.offset) < ($0.element.lost, $1.offset) }.map(\.element))
            }
            return DomainMisses(domain: domain, prompts: members.count,
                                allRight: right.filter(\.allRight).count, misses: misses)
        }
    }

    var data: TemplateData {
        TemplateData(domains: domains.map { domain in
            func count(_ difficulty: Difficulty) -> (prompts: Int, comparisons: Int) {
                let misses = domain.misses.first { $0.difficulty == difficulty }?.prompts ?? []
                return (misses.count, misses.reduce(0) { $0 + $1.lost })
            }
            let (hard, normal, easy) = (count(.hard), count(.normal), count(.easy))
            return DomainRow(title: domain.domain.title, prompts: domain.prompts,
                             hardPrompts: hard.prompts, hardComparisons: hard.comparisons,
                             normalPrompts: normal.prompts, normalComparisons: normal.comparisons,
                             easyPrompts: easy.prompts, easyComparisons: easy.comparisons, allRight: domain.allRight)
        }, lists: "@@\(Self.placeholder)@@")
    }

    /// One `<details>` per domain and difficulty with prompts lost, its summary the count; inside,
    /// one list per number of comparisons lost (3, 2, 1 of 3). Names and links escaped for HTML.
    /// Appended in place into one string: a model's lists run to thousands of links.
    var html: String {
        var html = "<div class=\"wrong-prompt-lists\">"
        html.reserveCapacity(domains.reduce(64) { total, domain in
            total + domain.misses.reduce(0) { $0 + $1.prompts.reduce(400) { $0 + $1.prompt.htmlListItem.utf8.count } }
        })
        for domain in domains {
            for (difficulty, misses) in domain.misses where !misses.isEmpty {
                html += "\n<details class=\"wrong-prompts\">\n"
                html += "<summary>\(domain.domain.title) · \(difficulty.label): \(misses.count) of \(domain.prompts) prompts</summary>"
                for lost in [3, 2, 1] {
                    let count = misses.reduce(0) { $0 + ($1.lost == lost ? 1 : 0) }
                    guard count > 0 else { continue }
                    html += "\n<p>\(lost) of 3 \(difficulty.label) comparisons wrong (\(count) prompt\(count == 1 ? "" : "s")):</p>"
                    html += "\n<ul class=\"prompt-links\">"
                    for miss in misses where miss.lost == lost { html += miss.prompt.htmlListItem }
                    html += "</ul>"
                }
                html += "\n</details>"
            }
        }
        if !domains.contains(where: { $0.misses.contains { !$0.prompts.isEmpty } }) { html += "\n" }
        html += "\n</div>"
        return html
    }

    /// The lists in the page's Markdown copy: a line of links per domain and difficulty.
    var markdown: String {
        var markdown = ""
        for domain in domains {
            for (difficulty, misses) in domain.misses where !misses.isEmpty {
                if !markdown.isEmpty { markdown += "\n\n" }
                markdown += "**\(domain.domain.title) · \(difficulty.label)** (\(misses.count) of \(domain.prompts) prompts): "
                for (index, miss) in misses.enumerated() {
                    if index > 0 { markdown += ", " }
                    markdown += miss.prompt.markdownLink
                    markdown += " ("
                    markdown += String(miss.lost)
                    markdown += "/3)"
                }
            }
        }
        return markdown
    }
}
