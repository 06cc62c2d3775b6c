/// A leaderboard row known only from published numbers (a paper, the official leaderboard),
/// in percent as published. A nil value was not reported.
public struct PublishedRow: Sendable, Equatable {
    public var model: String
    public var type: ModelType
    /// The type as the source wrote it ("Scalar RM", "Reasoning GenRM"…), for display.
    public var typeLabel: String?
    public var license: String?
    /// Where the numbers or the model come from; shown only if it is http(s).
    public var url: String?
    /// Citation of the numbers ("RM-R1 paper Table 7", "THU-KEG/RM-Bench-Leaderboard README").
    public var source: String?
    /// Free-form remark carried from the source, e.g. its own "Potentially Score Mismatch" flag.
    public var flag: String?
    public var chat: Double?
    public var math: Double?
    public var code: Double?
    public var safety: Double?
    public var easy: Double?
    public var normal: Double?
    public var hard: Double?
    /// The headline number (the official leaderboard's "Overall").
    public var average: Double?
    /// As published, when the source reports them separately.
    public var domainAverage: Double?
    public var difficultyAverage: Double?
    /// The file and 1-based line the row was read from.
    public var file: String
    public var line: Int

    public init(model: String, type: ModelType = .unknown, typeLabel: String? = nil, license: String? = nil,
                url: String? = nil, source: String? = nil, flag: String? = nil,
                chat: Double? = nil, math: Double? = nil, code: Double? = nil, safety: Double? = nil,
                easy: Double? = nil, normal: Double? = nil, hard: Double? = nil, average: Double? = nil,
                domainAverage: Double? = nil, difficultyAverage: Double? = nil, file: String, line: Int) {
        self.model = model
        self.type = type
        self.typeLabel = typeLabel
        self.license = license
        self.url = url
        self.source = source
        self.flag = flag
        self.chat = chat
        self.math = math
        self.code = code
        self.safety = safety
        self.easy = easy
        self.normal = normal
        self.hard = hard
        self.average = average
        self.domainAverage = domainAverage
        self.difficultyAverage = difficultyAverage
        self.file = file
        self.line = line
    }

    public func domain(_ domain: Domain) -> Double? {
        switch domain {
        case .chat: chat
        case .math: math
        case .code: code
        case .safety: safety
        }
    }

    /// Domains with a published number.
    public var reportedDomains: [Domain] { Domain.allCases.filter { domain($0) != nil } }
}
