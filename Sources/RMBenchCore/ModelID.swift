/// A model's one resolved identity: every spelling of it in any source (a result folder, a
/// published row, an alias in the metadata) resolves to the same value right after loading, and
/// every later stage compares these, never name strings.
///
///     let directory = ModelDirectory(metadata: metadata, names: ["baseline-length", "Baseline-Length"])
///     directory.id("BASELINE-LENGTH") == directory.id("baseline-length")   // true
///     directory.id("baseline-length")?.slug                                  // "baseline-length"
public struct ModelID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The canonical name: the metadata's `name`, else the first spelling read.
    public var name: String { storage.name }
    /// How pages show the model: the metadata's `display_name`, else `name`.
    public var displayName: String { storage.displayName }
    /// File name and anchor, unique among the models of one directory.
    public var slug: String { storage.slug }
    /// Every other spelling: the metadata's aliases and other spellings read, in order.
    public var aliases: [String] { storage.aliases }
    /// What the metadata says of the model, if it names it.
    public var metadata: ModelMetadata? { storage.metadata }

    /// The fields, shared by every copy: an identity is copied into every prompt record and
    /// every row of every model, so a copy is one reference rather than a few hundred bytes.
    private final class Storage: Sendable {
        let name: String
        let displayName: String
        let slug: String
        let aliases: [String]
        let metadata: ModelMetadata?

        init(name: String, displayName: String, slug: String, aliases: [String], metadata: ModelMetadata?) {
            self.name = name
            self.displayName = displayName
            self.slug = slug
            self.aliases = aliases
            self.metadata = metadata
        }
    }

    private let storage: Storage

    public init(name: String, displayName: String? = nil, slug: String? = nil, aliases: [String] = [], metadata: ModelMetadata? = nil) {
        storage = Storage(name: name, displayName: displayName ?? name, slug: slug ?? Slug.plain(name), aliases: aliases, metadata: metadata)
    }

    /// Whether the display name differs from the canonical name (pages then show both).
    public var hasDisplayName: Bool { displayName != name }

    public var description: String { name }

    // Identity is the canonical name; the rest follows from it.
    public static func == (a: ModelID, b: ModelID) -> Bool { a.name == b.name }
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }
    public static func < (a: ModelID, b: ModelID) -> Bool { a.name < b.name }
}
