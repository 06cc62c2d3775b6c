/// A model's one resolved identity: every spelling of it in any source (a result folder, a
/// published row, an alias in the metadata) resolves to the same value right after loading, and
/// every later stage compares these, never name strings.
///
///     let directory = ModelDirectory(metadata: metadata, names: ["baseline-length", "Baseline-Length"])
///     directory.id("BASELINE-LENGTH") == directory.id("baseline-length")   // true
///     directory.id("baseline-length")?.slug                                  // "baseline-length"
public struct ModelID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The canonical name: the metadata's `name`, else the first spelling read.
    public let name: String
    /// How pages show the model: the metadata's `display_name`, else `name`.
    public let displayName: String
    /// File name and anchor, unique among the models of one directory.
    public let slug: String
    /// Every other spelling: the metadata's aliases and other spellings read, in order.
    public let aliases: [String]
    /// What the metadata says of the model, if it names it.
    public let metadata: ModelMetadata?

    public init(name: String, displayName: String? = nil, slug: String? = nil, aliases: [String] = [], metadata: ModelMetadata? = nil) {
        self.name = name
        self.displayName = displayName ?? name
        self.slug = slug ?? Slug.plain(name)
        self.aliases = aliases
        self.metadata = metadata
    }

    /// Whether the display name differs from the canonical name (pages then show both).
    public var hasDisplayName: Bool { displayName != name }

    public var description: String { name }

    // Identity is the canonical name; the rest follows from it.
    public static func == (a: ModelID, b: ModelID) -> Bool { a.name == b.name }
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }
    public static func < (a: ModelID, b: ModelID) -> Bool { a.name < b.name }
}
