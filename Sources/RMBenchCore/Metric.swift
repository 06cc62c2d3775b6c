/// RM-Bench's difficulty levels, plus their mean.
public enum Difficulty: String, CaseIterable, Hashable, Sendable {
    case easy, normal, hard, average

    /// `Easy`, `Normal`, `Hard`, `Average`.
    public var label: String {
        switch self {
        case .easy: "Easy"
        case .normal: "Normal"
        case .hard: "Hard"
        case .average: "Average"
        }
    }

    /// What the number means, in the words of the methodology page.
    public var definition: String {
        switch self {
        case .easy: "mean of the lower triangle of the style-substance matrix: the chosen response is in a richer style than the rejected one"
        case .normal: "mean of the diagonal: chosen and rejected responses in the same style"
        case .hard: "mean of the upper triangle: the chosen response is in a plainer style than the rejected one, so style favours the wrong answer"
        case .average: "mean of Easy, Normal and Hard"
        }
    }
}

/// A number RM-Bench reports for a model, and the one vocabulary for naming it: the
/// leaderboard's columns, the gates of `check`, the rows of `compare`, the RM-Bench side of the
/// correlations and the downloads all take their names from here.
///
///     Metric.overall(.hard).label                 // "Hard"
///     Metric.domain(.math, .hard).key             // "math_hard"
///     Metric(key: "chat")                         // .domain(.chat, .average)
public enum Metric: Hashable, Sendable {
    /// Mean over the domains present (the leaderboard's Easy/Normal/Hard/Average).
    case overall(Difficulty)
    /// One domain's Easy/Normal/Hard/Average.
    case domain(Domain, Difficulty)
    /// One domain's style-matrix cell as a fraction of its prompts: row = chosen style,
    /// column = rejected style, each 0…2 (concise, detailed plain, detailed markdown).
    case cell(Domain, row: Int, column: Int)

    /// The leaderboard's number columns, in order: the four domains, then Easy, Normal, Hard, Average.
    public static let leaderboard: [Metric] = Domain.allCases.map { .domain($0, .average) }
        + [.overall(.easy), .overall(.normal), .overall(.hard), .overall(.average)]

    /// The RM-Bench numbers correlated with other benchmarks: the overall ones, each domain, and
    /// each domain's Hard and Normal (the paper correlates math and safety Hard and code Normal
    /// with downstream results).
    public static let correlated: [Metric] = [.overall(.average), .overall(.easy), .overall(.normal), .overall(.hard)]
        + Domain.allCases.map { .domain($0, .average) }
        + Domain.allCases.flatMap { [Metric.domain($0, .hard), .domain($0, .normal)] }

    /// Every metric a gate can name: the overall difficulties, each domain, each domain's difficulties.
    public static let gateable: [Metric] = Difficulty.allCases.map(Metric.overall)
        + Domain.allCases.flatMap { domain in Difficulty.allCases.map { Metric.domain(domain, $0) } }

    /// `average`, `chat` (a domain's average), `math_hard`, `chat_cell_0_2`: for command lines and files.
    public var key: String {
        switch self {
        case .overall(let d): d.rawValue
        case .domain(let domain, .average): domain.rawValue
        case .domain(let domain, let d): "\(domain.rawValue)_\(d.rawValue)"
        case .cell(let domain, let row, let column): "\(domain.rawValue)_cell_\(row)_\(column)"
        }
    }

    /// `Average`, `Chat`, `Math Hard`, `Chat cell chosen concise vs rejected detailed markdown`: for people.
    public var label: String {
        switch self {
        case .overall(let d): d.label
        case .domain(let domain, .average): domain.title
        case .domain(let domain, let d): "\(domain.title) \(d.label)"
        case .cell(let domain, let row, let column):
            "\(domain.title) cell chosen \(Self.styleTitle(row)) vs rejected \(Self.styleTitle(column))"
        }
    }

    /// One sentence saying what the number is.
    public var definition: String {
        switch self {
        case .overall(let d): "\(d.label) over all domains: the mean of the four domains' \(d.label) (\(d.definition))."
        case .domain(let domain, .average): "\(domain.title): the mean of the domain's Easy, Normal and Hard."
        case .domain(let domain, let d): "\(d.label) on \(domain.title) prompts: \(d.definition)."
        case .cell(let domain, let row, let column):
            "Share of \(domain.title) prompts where the chosen response in the \(Self.styleTitle(row)) style scores strictly above the rejected one in the \(Self.styleTitle(column)) style."
        }
    }

    /// Every name a gate may use: each gateable metric's key, and `<domain>_average` for a domain's own.
    public static let gateNames: [String: Metric] = {
        var names: [String: Metric] = [:]
        for metric in gateable { names[metric.key] = metric }
        for domain in Domain.allCases { names["\(domain.rawValue)_average"] = .domain(domain, .average) }
        return names
    }()

    /// The metric a gate name names, ignoring case.
    public init?(key: String) {
        guard let metric = Self.gateNames[key.lowercased()] else { return nil }
        self = metric
    }

    private static func styleTitle(_ index: Int) -> String {
        Style(rawValue: index)?.title ?? "style \(index)"
    }
}
