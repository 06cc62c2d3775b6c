/// How a reward model produces its preference, finer than `ModelType`: RM-Bench's paper
/// compares DPO models scored with and without their reference model.
public enum ModelKind: String, CaseIterable, Sendable, Codable {
    /// A scalar head on a language model (`run_rm.py`).
    case sequenceClassifier = "sequence-classifier"
    /// A DPO policy scored by its implicit reward against its reference model (`run_dpo.py`).
    case dpoWithReference = "dpo-with-reference"
    /// A DPO policy scored by its log-likelihood alone (`run_dpo.py --ref_free`).
    case dpoWithoutReference = "dpo-without-reference"
    /// A language model that writes a verdict (RM-R1, prompted LLMs, critics).
    case generativeJudge = "generative-judge"
    /// One of our text-statistics baselines.
    case baseline = "baseline"

    /// The coarse type this kind belongs to.
    public var type: ModelType {
        switch self {
        case .sequenceClassifier: .sequenceClassifier
        case .dpoWithReference, .dpoWithoutReference: .dpo
        case .generativeJudge: .generative
        case .baseline: .baseline
        }
    }
}

/// What we know about a model beyond its results, from a hand-edited metadata file
/// (`Data/models.toml`, read by `ModelMetadataReader`; format in docs/input-formats.md).
///
///     let meta = try ModelMetadataReader.read(path: "Data/models.toml")
///     ModelDirectory(metadata: meta, names: names).id("RM-R1-Qwen2.5-Instruct-32B")?.displayName
public struct ModelMetadata: Equatable, Sendable {
    /// The name results and published rows use (a result folder, a leaderboard row).
    public var name: String
    /// How the site shows the model, when it differs from `name`.
    public var displayName: String?
    /// Other names of the same model in other sources (`RM-R1-Qwen-Instruct-32B` on the
    /// leaderboard for `RM-R1-Qwen2.5-Instruct-32B` in RM-R1's files).
    public var aliases: [String]
    /// Given explicitly, or implied by `kind`.
    public var type: ModelType?
    public var kind: ModelKind?
    /// The model it was fine-tuned from (`meta-llama/Llama-3.1-8B-Instruct`).
    public var baseModel: String?
    /// Parameter count (8B = 8_000_000_000).
    public var parameters: Int?
    public var license: String?
    /// An http(s) address of the model or its paper.
    public var url: String?
    /// Training data or model family, to group models trained alike (the tulu-v2.5 models
    /// trained on the same preference mix).
    public var family: String?
    /// A citation for the model (paper, report).
    public var reference: String?
    public var notes: String?
    /// The file and 1-based line of the model's `[[model]]` header.
    public var file: String
    public var line: Int

    public init(name: String, displayName: String? = nil, aliases: [String] = [], type: ModelType? = nil,
                kind: ModelKind? = nil, baseModel: String? = nil, parameters: Int? = nil, license: String? = nil,
                url: String? = nil, family: String? = nil, reference: String? = nil, notes: String? = nil,
                file: String, line: Int) {
        self.name = name
        self.displayName = displayName
        self.aliases = aliases
        self.type = type
        self.kind = kind
        self.baseModel = baseModel
        self.parameters = parameters
        self.license = license
        self.url = url
        self.family = family
        self.reference = reference
        self.notes = notes
        self.file = file
        self.line = line
    }

    /// The name and the aliases.
    public var allNames: [String] { [name] + aliases }
}
