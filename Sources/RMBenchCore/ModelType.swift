import Foundation

/// What kind of reward model produced a result. Read from the result path
/// (`results/Seq_Classifier/…`, `results/DPO/…`) or from metadata.
public enum ModelType: String, CaseIterable, Sendable, Codable {
    case sequenceClassifier = "sequence-classifier"
    case dpo = "dpo"
    case generative = "generative"
    case baseline = "baseline"
    case unknown = "unknown"

    public var title: String {
        switch self {
        case .sequenceClassifier: "Sequence classifier"
        case .dpo: "DPO"
        case .generative: "Generative"
        case .baseline: "Baseline"
        case .unknown: "Unknown"
        }
    }

    /// Parses the lenient spellings people use in CSV files and leaderboards.
    ///
    ///     ModelType(lenient: "Scalar RM")   // .sequenceClassifier
    ///     ModelType(lenient: "DPO")         // .dpo
    public init(lenient text: String) {
        let t = text.lowercased().trimmingCharacters(in: .whitespaces)
        if let exact = ModelType(rawValue: t) {
            self = exact
        } else if t.contains("dpo") {
            self = .dpo
        } else if t.contains("genrm") || t.contains("generative") || t.contains("judge") || t.contains("llm") {
            self = .generative
        } else if t.contains("seq") || t.contains("classifier") || t.contains("scalar") || t == "rm" {
            self = .sequenceClassifier
        } else if t.contains("baseline") {
            self = .baseline
        } else {
            self = .unknown
        }
    }
}
