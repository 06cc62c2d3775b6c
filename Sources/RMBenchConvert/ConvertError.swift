/// Why a Markdown page could not be converted to HTML.
///
/// Thrown by ``MarkdownConverter/html(fromMarkdown:fragments:)``. The message names the
/// offending placeholder so a broken page is easy to find in a site build log:
///
/// ```swift
/// do {
///     _ = try MarkdownConverter().html(fromMarkdown: "@@chart:typo@@")
/// } catch let error as ConvertError {
///     print(error)   // unknown fragment placeholder @@chart:typo@@ on line 1
/// }
/// ```
public struct ConvertError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Reason: Sendable, Equatable {
        /// A whole-paragraph `@@name@@` placeholder has no entry in `fragments`.
        /// An error rather than a silent drop: a missing chart must fail the build.
        case unknownFragment(name: String, line: Int)
        /// A fragment contains a NUL byte; libcmark-gfm stores it as a C string and
        /// would cut it off there, so we refuse instead of emitting truncated markup.
        case fragmentContainsNUL(name: String)
        /// libcmark-gfm returned NULL or refused a tree edit (out of memory, or a
        /// core extension is missing from the installed library).
        case cmarkFailure(operation: String)
    }

    public let reason: Reason

    public init(_ reason: Reason) {
        self.reason = reason
    }

    /// The placeholder name involved, if the error is about a fragment.
    public var fragmentName: String? {
        switch reason {
        case .unknownFragment(let name, _), .fragmentContainsNUL(let name):
            return name
        case .cmarkFailure:
            return nil
        }
    }

    public var description: String {
        switch reason {
        case .unknownFragment(let name, let line):
            return "unknown fragment placeholder @@\(name)@@ on line \(line)"
        case .fragmentContainsNUL(let name):
            return "fragment \(name) contains a NUL byte"
        case .cmarkFailure(let operation):
            return "libcmark-gfm failed: \(operation)"
        }
    }
}
