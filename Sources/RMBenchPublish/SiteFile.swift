/// One file of the rendered site: where it goes (relative to the site root)
/// and its exact bytes.
///
/// `path` is '/'-separated and relative, e.g. `"models/dpo/index.html"`.
/// It is only checked when the file is published (see
/// ``SitePublisher/publish(_:to:keep:)`` for the rules).
public struct SiteFile: Sendable, Equatable {
    /// Relative, '/'-separated path inside the site.
    public var path: String
    /// The exact bytes written to disk.
    public var contents: [UInt8]

    public init(path: String, contents: [UInt8]) {
        self.path = path
        self.contents = contents
    }

    /// A text file, stored as UTF-8 (no BOM, line endings untouched).
    public init(path: String, text: String) {
        self.init(path: path, contents: Array(text.utf8))
    }
}

/// Why publishing failed, and which path was involved.
///
/// `path` is the site-relative path for problems with a ``SiteFile`` or a
/// `keep` entry, and an absolute filesystem path for problems with the output
/// directory or its temporary/backup siblings.
public struct PublishError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A site path breaks the path rules (absolute, `..`, hidden component, …).
        case invalidPath
        /// The same site path is listed twice.
        case duplicatePath
        /// A path is used both as a file and as a directory.
        case pathConflict
        /// The output location is refused (root, the working directory, a
        /// parent of it, a symlink, a non-directory, …).
        case unsafeOutput
        /// A filesystem operation failed.
        case fileSystem
        /// The output folder exists and was not written by this tool (no marker).
        case notOurs
    }

    public var kind: Kind
    /// The offending path (see the type's documentation).
    public var path: String
    /// Human-readable explanation.
    public var reason: String

    public init(kind: Kind, path: String, reason: String) {
        self.kind = kind
        self.path = path
        self.reason = reason
    }

    public var description: String {
        "cannot publish \"\(path)\": \(reason)"
    }
}
