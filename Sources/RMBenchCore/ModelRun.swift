/// A file that results were read from.
public struct SourceFile: Sendable, Equatable {
    /// The path as the user gave it.
    public var path: String
    /// Lowercase hex SHA-256 of the file's bytes.
    public var sha256: String
    /// `YYYYmmdd_HHMMSS` from run_rm.py's file name, when present.
    public var timestamp: String?

    public init(path: String, sha256: String, timestamp: String? = nil) {
        self.path = path
        self.sha256 = sha256
        self.timestamp = timestamp
    }
}

/// All scored items of one model, with the files they came from (one file for a
/// `total_dataset` result, one per split when a model was run split by split).
public struct ModelRun: Sendable {
    public var model: String
    public var type: ModelType
    public var sources: [SourceFile]
    public var items: [ScoredItem]

    public init(model: String, type: ModelType, sources: [SourceFile], items: [ScoredItem]) {
        self.model = model
        self.type = type
        self.sources = sources
        self.items = items
    }
}
