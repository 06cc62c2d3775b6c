/// All scored items of one model from one result file, with where they came from.
public struct ModelRun: Sendable {
    public var model: String
    public var type: ModelType
    /// The path as the user gave it.
    public var source: String
    /// Lowercase hex SHA-256 of the file's bytes.
    public var sha256: String
    public var items: [ScoredItem]

    public init(model: String, type: ModelType, source: String, sha256: String, items: [ScoredItem]) {
        self.model = model
        self.type = type
        self.source = source
        self.sha256 = sha256
        self.items = items
    }
}
