import Foundation
import RMBenchAnalyze
import RMBenchCore
import RMBenchScore

/// Renders every page of the site as Markdown (from the templates), every chart as SVG and
/// every download as JSON/CSV — as independent jobs, so a build can run them on all cores and
/// write each job's files before the next ones are made (memory stays flat in models).
///
///     for job in SiteRenderer.jobs(input, templates: templates) {
///         let part = job()   // pages to convert with page.html(body:), files to write as they are
///     }
public enum SiteRenderer {
    /// One piece of the site: run it to get its pages and files. Jobs share nothing mutable.
    public typealias Job = @Sendable () -> RenderedSite

    /// The whole site in one value (jobs run in order): for tests and small sites.
    public static func render(_ input: SiteInput, templates: TemplateSet) -> RenderedSite {
        var site = RenderedSite(pages: [], files: [])
        for job in jobs(input, templates: templates) {
            let part = job()
            site.pages += part.pages
            site.files += part.files
        }
        return site
    }

    public static func jobs(_ input: SiteInput, templates: TemplateSet) -> [Job] {
        let rows = LeaderboardRow.ranked(input.rows)
        // Slugs were assigned once, with the identities: every link to a model uses its own.
        let slugs = Dictionary(rows.map { ($0.name, $0.id.slug) }, uniquingKeysWith: { first, _ in first })
        let layout = Layout(input: input, templates: templates)
        let order = Dictionary(rows.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let promptModels = input.promptModels.sorted { (order[$0.model] ?? .max, $0.model.name) < (order[$1.model] ?? .max, $1.model.name) }
        let promptRecords = PromptPages.records(promptModels)
        let promptFiles = PromptPages.files(promptRecords)
        var jobs: [Job] = []
        jobs.append {
            var files: [(path: String, contents: [UInt8])] = templates.assets
            var pages = [LeaderboardPage.render(rows: rows, slugs: slugs, input: input, templates: templates, layout: layout),
                         MethodologyPage.render(input: input, templates: templates, layout: layout)]
            pages.append(AuditPage.render(findings: input.findings, rows: rows, templates: templates, layout: layout))
            files.append(("data/leaderboard.json", Array((Downloads.leaderboardJSON(rows).serialized(indent: 2) + "\n").utf8)))
            files.append(("data/leaderboard.csv", Array(LeaderboardTable.csv(rows).utf8)))
            return RenderedSite(pages: pages, files: files)
        }
        jobs.append {
            let sideBySide = SideBySidePage.render(rows: rows, templates: templates, layout: layout)
            return RenderedSite(pages: [sideBySide.page], files: [sideBySide.script])
        }
        jobs.append {
            let correlations = CorrelationsPage.render(pairs: input.correlations, rows: rows, templates: templates, layout: layout)
            return RenderedSite(pages: [correlations.page], files: correlations.files)
        }
        jobs.append {
            let lengths = LengthsPage.render(input.datasetLengths, source: input.datasetLengthsSource?.displayName, templates: templates, layout: layout)
            let types = TypesPage.render(rows: rows, metadata: input.metadata, slugs: slugs, templates: templates, layout: layout)
            let health = HealthPage.render(input: input, promptFiles: promptFiles, templates: templates, layout: layout)
            return RenderedSite(pages: [lengths.page, types.page, health.page], files: lengths.files + types.files + health.files)
        }
        let promptItems = Dictionary(promptModels.map { ($0.model, $0.items) }, uniquingKeysWith: { first, _ in first })
        let promptJobs = PromptPages.jobs(
            records: promptRecords,
            texts: input.promptTexts.mapValues { PromptText(prompt: $0.prompt, chosen: $0.chosen, rejected: $0.rejected) },
            templates: templates, layout: layout)
        jobs += promptJobs.map { job in { RenderedSite(pages: job(), files: []) } }
        // The first random baseline with an analysis: the reference every model page compares with.
        let reference = rows.lazy.filter { $0.type == .baseline && $0.name.lowercased().contains("random") }
            .compactMap { row in input.lengthAnalysis(row.id).map { (id: row.id, name: row.name, analysis: $0) } }.first
        let findings = Dictionary(grouping: input.findings, by: \.model)
        let promptLinks = PromptLink.all(promptFiles)
        for row in rows {
            jobs.append {
                let slug = row.id.slug
                let model = ModelPage.render(row: row, slug: slug, lengths: row.id == reference?.id ? reference?.analysis : input.lengthAnalysis(row.id),
                                             reference: reference.map { ($0.name, $0.analysis) },
                                             findings: findings[row.id] ?? [],
                                             wrongPrompts: promptItems[row.id].flatMap { ModelPromptLinks(items: $0, links: promptLinks) },
                                             templates: templates, layout: layout)
                var pages = [model.page]
                if let parts = model.parts, let report = Reports.model(row: row, parts: parts, comparison: nil, templates: templates,
                                                                       toolVersion: input.toolVersion, path: "reports/\(slug)") {
                    pages.append(report)
                }
                var files = model.charts.map { (path: "charts/\(slug)/\($0.name).svg", contents: Array($0.svg.utf8)) }
                files.append(("data/models/\(slug).json", Array((Downloads.modelJSON(row).serialized(indent: 2) + "\n").utf8)))
                return RenderedSite(pages: pages, files: files)
            }
        }
        return jobs
    }
}

/// The HTML layout around every page, split at the content so the converted body can be
/// put in between without a second template pass.
struct Layout: Sendable {
    let input: SiteInput
    let templates: TemplateSet
    private static let marker = "\u{1}CONTENT\u{1}"

    /// What `layout.html.mustache` reads. It produces HTML, so Mustache HTML-escapes every
    /// `{{value}}`: these are plain text, not escaped here. Every page has a layout, so it
    /// reaches the template as the dictionary `templateValue` builds, as the prompt pages' data
    /// does (a struct is read by reflection, several times slower); the keys are the property
    /// names.
    struct TemplateData {
        var siteTitle: String
        var pageTitle: String
        /// `../` per folder level, to reach the site's root from the page.
        var root: String
        var version: String
        /// Where the page's body goes: `{{{content}}}`, exactly once.
        var content: String
        var isLeaderboard: Bool
        /// The page's Content-Security-Policy.
        var csp: String
        /// The page's absolute address (`--base-url`), escaped for a URL.
        var canonical: String?
        /// Scripts the page loads before `assets/site.js`, relative to the root (`assets/side-by-side-data.js`).
        var scripts: [String]

        /// A nil `canonical` is left out, as reflection leaves it: a section over it renders nothing.
        var templateValue: [String: Any] {
            var value: [String: Any] = ["siteTitle": siteTitle, "pageTitle": pageTitle, "root": root, "version": version,
                                        "content": content, "isLeaderboard": isLeaderboard, "csp": csp, "scripts": scripts]
            if let canonical { value["canonical"] = canonical }
            return value
        }
    }

    func page(path: String, title: String, markdown: String, fragments: [String: String] = [:], exports: [String: String] = [:],
              scripts: [String] = []) -> RenderedPage {
        let depth = path.split(separator: "/").count - 1
        let root = String(repeating: "../", count: depth)
        let data = TemplateData(
            siteTitle: input.title, pageTitle: title, root: root, version: input.toolVersion, content: Self.marker,
            isLeaderboard: path == "index", csp: ContentSecurityPolicy.policy(fragments: Array(fragments.values)),
            canonical: input.baseURL.flatMap(Escape.url).map { base in (base.hasSuffix("/") ? base : base + "/") + path + ".html" },
            scripts: scripts)
        let (before, after) = Self.split(templates.render("layout.html", data.templateValue))
        return RenderedPage(
            path: path, markdown: markdown, fragments: fragments,
            exports: exports, layoutBefore: before, layoutAfter: after, exportsMarkdown: true)
    }

    /// The layout's HTML before and after the content marker, found as bytes (`split` on a
    /// String compares characters, and every page is split).
    private static func split(_ html: String) -> (before: String, after: String) {
        let marker = Array(Self.marker.utf8)
        var html = html
        return html.withUTF8 { bytes in
            guard let at = ByteSearch.firstIndex(of: marker, in: bytes),
                  ByteSearch.firstIndex(of: marker, in: bytes, from: at + marker.count) == nil else {
                preconditionFailure("layout.html must contain {{{content}}} exactly once")
            }
            return (String(decoding: UnsafeBufferPointer(rebasing: bytes[..<at]), as: UTF8.self),
                    String(decoding: UnsafeBufferPointer(rebasing: bytes[(at + marker.count)...]), as: UTF8.self))
        }
    }
}

/// The Content-Security-Policy of a page: nothing from elsewhere, scripts and styles only from
/// the site's own files. Our inline SVG charts carry `<style>` elements (light/dark label
/// colours); each is allowed by its SHA-256 hash, so no other inline style can apply.
enum ContentSecurityPolicy {
    static func policy(fragments: [String], allowScripts: Bool = true) -> String {
        var hashes: Set<String> = []
        for fragment in fragments {
            for style in inlineStyles(fragment) {
                hashes.insert("'sha256-" + Data(SHA256.digest(of: Array(style.utf8))).base64EncodedString() + "'")
            }
        }
        let styles = (["'self'"] + hashes.sorted()).joined(separator: " ")
        let scripts = allowScripts ? "'self'" : "'none'"
        return "default-src 'none'; script-src \(scripts); style-src \(styles); img-src 'self'; base-uri 'none'; form-action 'none'"
    }

    /// The text of every `<style>…</style>` element in our own fragment HTML. Searched as bytes:
    /// the fragments hold whole scatter plots, and this runs for every page.
    static func inlineStyles(_ html: String) -> [String] {
        let open = Array("<style>".utf8), close = Array("</style>".utf8)
        var styles: [String] = []
        var copy = html
        copy.withUTF8 { bytes in
            var i = 0
            while let start = ByteSearch.firstIndex(of: open, in: bytes, from: i) {
                let body = start + open.count
                guard let end = ByteSearch.firstIndex(of: close, in: bytes, from: body) else { break }
                styles.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[body..<end]), as: UTF8.self))
                i = end + close.count
            }
        }
        return styles
    }
}
