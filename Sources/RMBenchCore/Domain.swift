/// The four RM-Bench domains, in the order the official scorer visits them.
///
/// The order matters beyond display: overall Easy/Normal/Hard/Average are means over the
/// domains, and floating-point addition is not associative, so we add in this order to
/// reproduce the official numbers bit for bit.
public enum Domain: String, CaseIterable, Sendable, Comparable, Codable {
    case chat, math, code, safety

    /// Maps a raw `domain` label to its domain by prefix, as RM-Bench's
    /// `split_dataset_by_domain` does (`safety-refuse` → `.safety`).
    ///
    ///     Domain(label: "safety-response")  // .safety
    ///     Domain(label: "reasoning")        // nil
    public init?(label: String) {
        guard let match = Domain.allCases.first(where: { label.hasPrefix($0.rawValue) }) else {
            return nil
        }
        self = match
    }

    public var title: String {
        switch self {
        case .chat: "Chat"
        case .math: "Math"
        case .code: "Code"
        case .safety: "Safety"
        }
    }

    /// The domain's place in `allCases`, from 0: for tables indexed by domain.
    public var index: Int {
        switch self {
        case .chat: 0
        case .math: 1
        case .code: 2
        case .safety: 3
        }
    }

    public static func < (lhs: Domain, rhs: Domain) -> Bool {
        lhs.index < rhs.index
    }
}

/// Response styles, in the order RM-Bench stores them in `chosen`, `rejected` and the scores.
public enum Style: Int, CaseIterable, Sendable {
    case concise = 0, detailedPlain = 1, detailedMarkdown = 2

    public var title: String {
        switch self {
        case .concise: "concise"
        case .detailedPlain: "detailed plain"
        case .detailedMarkdown: "detailed markdown"
        }
    }
}
