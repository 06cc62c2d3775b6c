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
public struct RenderedPage: Sendable {
    /// Path without extension: `index`, `models/<slug>`.
    public var path: String
    /// GFM Markdown with `@@name@@` placeholder paragraphs where `fragments` go.
    public var markdown: String
    /// Our own trusted SVG/HTML, keyed by placeholder name.
    public var fragments: [String: String]
    /// The Markdown to keep next to the HTML: placeholders replaced by image links to the
    /// standalone `.svg` files, so the page can be pasted elsewhere.
    public var exportMarkdown: String
    /// The layout around the converted body: `layoutBefore + body + layoutAfter`.
    public var layoutBefore: String
    public var layoutAfter: String
    /// Whether a `.md` copy is written next to the HTML (not for single-file reports).
    public var exportsMarkdown = true

    public func html(body: String) -> String {
        layoutBefore + body + layoutAfter
    }
}

/// The whole site before conversion: pages, and files written as they are.
public struct RenderedSite: Sendable {
    public var pages: [RenderedPage]
    public var files: [(path: String, contents: [UInt8])]
}
