/// An item's `id` as written in the file: RM-Bench uses integers, other tools strings.
/// `7` and `"7"` are different ids.
public enum ItemID: Hashable, Sendable, Comparable, CustomStringConvertible {
    case int(Int64)
    case string(String)

    public var description: String {
        switch self {
        case .int(let value): String(value)
        case .string(let value): value
        }
    }

    public static func < (lhs: ItemID, rhs: ItemID) -> Bool {
        switch (lhs, rhs) {
        case (.int(let a), .int(let b)): a < b
        case (.int, .string): true
        case (.string, .int): false
        case (.string(let a), .string(let b)): a < b
        }
    }
}

/// Items are keyed by their raw domain label and id: ids repeat across domains in RM-Bench.
public struct ItemKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var label: String
    public var id: ItemID

    public init(label: String, id: ItemID) {
        self.label = label
        self.id = id
    }

    public var description: String { "\(label)/\(id)" }

    public static func < (lhs: ItemKey, rhs: ItemKey) -> Bool {
        (lhs.label, lhs.id) < (rhs.label, rhs.id)
    }
}

/// One score per style (concise, detailed plain, detailed markdown), without heap storage.
public struct StyleScores: Equatable, Sendable {
    public var concise: Double
    public var detailedPlain: Double
    public var detailedMarkdown: Double

    public init(_ concise: Double, _ detailedPlain: Double, _ detailedMarkdown: Double) {
        self.concise = concise
        self.detailedPlain = detailedPlain
        self.detailedMarkdown = detailedMarkdown
    }

    public subscript(style: Int) -> Double {
        switch style {
        case 0: concise
        case 1: detailedPlain
        default: detailedMarkdown
        }
    }

    public var array: [Double] { [concise, detailedPlain, detailedMarkdown] }

    /// Bitwise equality, so that NaN scores compare equal when we check round trips.
    public static func == (lhs: StyleScores, rhs: StyleScores) -> Bool {
        lhs.concise.bitPattern == rhs.concise.bitPattern
            && lhs.detailedPlain.bitPattern == rhs.detailedPlain.bitPattern
            && lhs.detailedMarkdown.bitPattern == rhs.detailedMarkdown.bitPattern
    }
}

/// What later analysis needs from a response's text, so the text itself need not be kept.
///
/// - `characters`: Unicode code points, as Python's `len(str)`.
/// - `words`: runs of non-whitespace, as Python's `str.split()` with ASCII whitespace.
/// - `headers`: lines starting with 1–6 `#` and a space (after up to 3 spaces).
/// - `listItems`: lines starting with `-`, `*`, `+` or `1.` / `1)` and a space.
/// - `boldSpans`: pairs of `**` delimiters (`__` is left out: it is common in code).
public struct ResponseFeatures: Equatable, Hashable, Sendable, Codable {
    public var characters: Int
    public var words: Int
    public var headers: Int
    public var listItems: Int
    public var boldSpans: Int

    public init(characters: Int, words: Int, headers: Int, listItems: Int, boldSpans: Int) {
        self.characters = characters
        self.words = words
        self.headers = headers
        self.listItems = listItems
        self.boldSpans = boldSpans
    }

    /// Markdown elements of any kind; the "more markdown" comparisons use this.
    public var markdownElements: Int { headers + listItems + boldSpans }
}

/// One RM-Bench prompt with the model's six scores.
public struct ScoredItem: Sendable {
    /// Key, domain, subset and language, shared with every other model's item of the prompt.
    private var prompt: PromptIdentity
    public var key: ItemKey {
        get { prompt.key }
        set { prompt = .interned(key: newValue, domain: domain, subset: subset, language: language) }
    }
    public var domain: Domain {
        get { prompt.domain }
        set { prompt = .interned(key: key, domain: newValue, subset: subset, language: language) }
    }
    public var subset: String? {
        get { prompt.subset }
        set { prompt = .interned(key: key, domain: domain, subset: newValue, language: language) }
    }
    public var language: String? {
        get { prompt.language }
        set { prompt = .interned(key: key, domain: domain, subset: subset, language: newValue) }
    }
    public var chosen: StyleScores
    public var rejected: StyleScores
    /// Per style, when the file carried response texts or their stats; nil where a style is absent.
    public var chosenFeatures: [ResponseFeatures?]
    public var rejectedFeatures: [ResponseFeatures?]
    /// Attribute scores per style from attribute reward models (SteerLM / Nemotron style:
    /// `correctness`, `verbosity`…), when the file has `chosen_attributes` / `rejected_attributes`.
    public var attributes: AttributeScores?

    /// Features of a response list without texts or stats: one shared array, not two
    /// allocations per item.
    public static let noFeatures: [ResponseFeatures?] = [nil, nil, nil]

    public init(
        key: ItemKey, domain: Domain, subset: String? = nil, language: String? = nil,
        chosen: StyleScores, rejected: StyleScores,
        chosenFeatures: [ResponseFeatures?] = ScoredItem.noFeatures,
        rejectedFeatures: [ResponseFeatures?] = ScoredItem.noFeatures,
        attributes: AttributeScores? = nil
    ) {
        self.prompt = .interned(key: key, domain: domain, subset: subset, language: language)
        self.chosen = chosen
        self.rejected = rejected
        self.chosenFeatures = chosenFeatures
        self.rejectedFeatures = rejectedFeatures
        self.attributes = attributes
    }

    /// The raw domain label (`safety-refuse`), which is the subdomain within `domain`.
    public var label: String { key.label }
}

/// Per-response attribute scores: for each style, attribute name → score.
public struct AttributeScores: Sendable, Equatable {
    public var chosen: [[String: Double]?]
    public var rejected: [[String: Double]?]

    public init(chosen: [[String: Double]?] = [nil, nil, nil], rejected: [[String: Double]?] = [nil, nil, nil]) {
        self.chosen = chosen
        self.rejected = rejected
    }
}

/// A prompt's texts from the dataset (for showing what flipped, or a prompt's page).
public struct PromptTexts: Sendable, Equatable {
    public var prompt: String
    /// Per style, when present (the public math split has only the concise one).
    public var chosen: [String]
    public var rejected: [String]

    public init(prompt: String, chosen: [String], rejected: [String]) {
        self.prompt = prompt
        self.chosen = chosen
        self.rejected = rejected
    }
}
