/// What a pairwise judge said about one chosen-versus-rejected comparison, in terms of the
/// dataset's labels (not of the positions A/B the judge saw).
///
///     JudgeVerdict(label: "tie")          // .tie
///     JudgeVerdict(rmR1Result: 0.5)       // .tie  (RM-R1's `result` value)
///     JudgeVerdict.chosenBetter.doubledCredit   // 2
public enum JudgeVerdict: String, CaseIterable, Sendable, Codable {
    /// The judge preferred the chosen (correct) response: a correct comparison.
    case chosenBetter = "chosen"
    /// The judge called them equal. Wrong under the official rule, half a point under RM-R1's.
    case tie = "tie"
    /// The judge preferred the rejected response.
    case rejectedBetter = "rejected"

    /// Reads the spelling of our pairwise format: `chosen`, `tie`, `rejected`.
    public init?(label: String) {
        self.init(rawValue: label)
    }

    /// Reads RM-R1's `result` values: 1 = chosen, 0.5 = tie, 0 = rejected (RM-R1 also writes 0
    /// when it could not parse the judge's answer, so 0 includes those failures).
    public init?(rmR1Result value: Double) {
        switch value {
        case 1: self = .chosenBetter
        case 0.5: self = .tie
        case 0: self = .rejectedBetter
        default: return nil
        }
    }

    /// Twice the credit under half-credit scoring (2, 1, 0), an integer so sums stay exact.
    public var doubledCredit: Int {
        switch self {
        case .chosenBetter: 2
        case .tie: 1
        case .rejectedBetter: 0
        }
    }
}

/// One cell of an item's 3×3 matrix: the judge's verdict on chosen style i versus rejected
/// style j.
public struct VerdictCell: Equatable, Hashable, Sendable {
    /// The verdict of the first (or only) time the pair was shown.
    public var verdict: JudgeVerdict
    /// The verdict when the same pair was shown again with the positions exchanged, already
    /// mapped back to chosen/rejected; nil when the pair was shown in one order only.
    public var swapped: JudgeVerdict?
    /// For the first showing, whether the chosen response was in the second position (B), if
    /// the source says (RM-R1's `Is_Chosen_Answer_Shuffled_toPositionB`).
    public var chosenShownSecond: Bool?

    public init(verdict: JudgeVerdict, swapped: JudgeVerdict? = nil, chosenShownSecond: Bool? = nil) {
        self.verdict = verdict
        self.swapped = swapped
        self.chosenShownSecond = chosenShownSecond
    }

    /// Whether the verdict survives swapping the positions; nil when only one order is known.
    /// A tie in both orders survives.
    public var isOrderConsistent: Bool? {
        swapped.map { $0 == verdict }
    }
}

/// One RM-Bench prompt judged pairwise: up to nine comparisons, chosen style (row) versus
/// rejected style (column), in the style order concise, detailed plain, detailed markdown.
///
///     item[1, 2]   // chosen detailed-plain vs rejected detailed-markdown, or nil if not judged
public struct JudgedItem: Equatable, Sendable {
    public var key: ItemKey
    public var domain: Domain
    public var subset: String?
    /// 3×3; nil where the comparison was not judged (the scorer reports these as missing).
    public var cells: [[VerdictCell?]]

    public init(key: ItemKey, domain: Domain, subset: String? = nil,
                cells: [[VerdictCell?]] = Array(repeating: [nil, nil, nil], count: 3)) {
        precondition(cells.count == 3 && cells.allSatisfy { $0.count == 3 }, "a verdict matrix is 3×3")
        self.key = key
        self.domain = domain
        self.subset = subset
        self.cells = cells
    }

    public subscript(chosen: Int, rejected: Int) -> VerdictCell? {
        get { cells[chosen][rejected] }
        set { cells[chosen][rejected] = newValue }
    }

    /// The raw domain label (`safety-refuse`).
    public var label: String { key.label }

    /// Comparisons present, of 9.
    public var judgedCount: Int { cells.reduce(0) { total, row in total + row.count(where: { $0 != nil }) } }
}

/// All judged items of one generative judge, with the files they came from.
public struct JudgeRun: Sendable {
    public var model: String
    public var sources: [SourceFile]
    public var items: [JudgedItem]

    public init(model: String, sources: [SourceFile], items: [JudgedItem]) {
        self.model = model
        self.sources = sources
        self.items = items
    }
}
