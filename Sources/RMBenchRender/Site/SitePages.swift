import RMBenchAnalyze
import RMBenchCore

/// What a site is made from: plain values from the earlier stages.
public struct SiteInput: Sendable {
    public var title: String
    /// Absolute URL the site will be served from, for canonical links; links stay relative.
    public var baseURL: String?
    public var toolVersion: String
    public var rows: [LeaderboardRow]
    /// External metrics against RM-Bench metrics, for `correlations.html`.
    public var correlations: [CorrelationPair]
    /// Per recomputed model with response features: its length and style analysis, made when
    /// asked (nil for a model without). A run's analysis holds a point per response (~8,000),
    /// so a build makes each model's while rendering its page and keeps none: held for every
    /// model at once they were a quarter of a 200-model build's memory.
    public var lengthAnalysis: @Sendable (ModelID) -> LengthAnalysis?
    /// Response lengths of the benchmark, and the model whose results they were read from.
    public var datasetLengths: [DomainLengths]
    public var datasetLengthsSource: ModelID?
    /// The audit's findings, for `audit.html`.
    public var findings: [AuditFinding]
    /// Model metadata, for families on `types.html`.
    public var metadata: [ModelMetadata]
    /// Every recomputed model's items, in leaderboard order, for the prompt browser; and the
    /// prompts' texts when the dataset was given.
    public var promptModels: [(model: ModelID, items: [ScoredItem])] = []
    public var promptTexts: [ItemKey: PromptTexts] = [:]

    public init(title: String, baseURL: String?, toolVersion: String, rows: [LeaderboardRow],
                correlations: [CorrelationPair] = [], lengthAnalysis: @escaping @Sendable (ModelID) -> LengthAnalysis? = { _ in nil },
                datasetLengths: [DomainLengths] = [], datasetLengthsSource: ModelID? = nil,
                findings: [AuditFinding] = [], metadata: [ModelMetadata] = []) {
        self.title = title
        self.baseURL = baseURL
        self.toolVersion = toolVersion
        self.rows = rows
        self.correlations = correlations
        self.lengthAnalysis = lengthAnalysis
        self.datasetLengths = datasetLengths
        self.datasetLengthsSource = datasetLengthsSource
        self.findings = findings
        self.metadata = metadata
    }
}

/// A page as Markdown plus the pieces the converter and the layout need.
///
///     let body = try converter.html(fromMarkdown: page.markdown, fragments: page.fragments)
///     write(page.path + ".html", page.html(body: body))
///     write(page.path + ".md", page.exportMarkdownBytes)
public struct RenderedPage: Sendable {
    /// Path without extension: `index`, `models/<slug>`.
    public var path: String
    /// GFM Markdown with `@@name@@` placeholder paragraphs where `fragments` go.
    public var markdown: String
    /// Our own trusted SVG/HTML, keyed by placeholder name.
    public var fragments: [String: String]
    /// What stands for each placeholder in the Markdown copy (an image link to the standalone
    /// `.svg` file, a table's Markdown twin), so the page can be pasted elsewhere. A placeholder
    /// without one stays as it is.
    public var exports: [String: String]
    /// The layout around the converted body: `layoutBefore + body + layoutAfter`.
    public var layoutBefore: String
    public var layoutAfter: String
    /// Whether a `.md` copy is written next to the HTML (not for single-file reports).
    public var exportsMarkdown = true

    public func html(body: String) -> String {
        layoutBefore + body + layoutAfter
    }

    /// The Markdown copy: `markdown` with each `@@name@@` placeholder line replaced by its
    /// export. Made as bytes when it is written (a prompt page's copy is 19 KB, and a `String`
    /// made from bytes is validated again); the lines are found by scanning for line starts, as
    /// a prompt page's Markdown has hundreds of lines and one or three placeholders.
    public var exportMarkdownBytes: [UInt8] {
        var markdown = markdown
        return markdown.withUTF8 { bytes in
            var result: [UInt8] = []
            result.reserveCapacity(bytes.count + exports.values.reduce(0) { $0 + $1.utf8.count })
            let at = UInt8(ascii: "@"), newline = UInt8(ascii: "\n")
            var copied = 0
            var lineStart = 0
            while lineStart < bytes.count {
                var lineEnd = lineStart
                while lineEnd < bytes.count && bytes[lineEnd] != newline { lineEnd += 1 }
                if lineEnd - lineStart > 4, bytes[lineStart] == at, bytes[lineStart + 1] == at, bytes[lineEnd - 2] == at,
                   bytes[lineEnd - 1] == at,
                   let text = exports[String(decoding: UnsafeBufferPointer(rebasing: bytes[(lineStart + 2)..<(lineEnd - 2)]), as: UTF8.self)] {
                    result.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<lineStart]))
                    result.append(contentsOf: text.utf8)
                    copied = lineEnd
                }
                lineStart = lineEnd + 1
            }
            result.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...]))
            return result
        }
    }

    /// The Markdown copy as text.
    public var exportMarkdown: String {
        String(decoding: exportMarkdownBytes, as: UTF8.self)
    }
}

/// The whole site before conversion: pages, and files written as they are.
public struct RenderedSite: Sendable {
    public var pages: [RenderedPage]
    public var files: [(path: String, contents: [UInt8])]
}
