/// Where the pipeline says what it is doing: one line per stage or model. The library never
/// prints; the command line passes a sink that writes to stderr, tests one that collects.
///
///     let progress = Progress { line in lines.append(line) }
public struct Progress: Sendable {
    private let sink: (@Sendable (String) -> Void)?
    private let warnings: (@Sendable (String) -> Void)?

    /// Lines go to `sink`; warnings to `warnings` (by default to `sink` too).
    public init(_ sink: @escaping @Sendable (String) -> Void, warnings: (@Sendable (String) -> Void)? = nil) {
        self.sink = sink
        self.warnings = warnings ?? sink
    }

    /// No progress lines; warnings, if any, go to `warnings`.
    public init(warnings: (@Sendable (String) -> Void)?) {
        sink = nil
        self.warnings = warnings
    }

    /// No lines at all.
    public static let quiet = Progress(warnings: nil)

    public func say(_ line: String) {
        sink?(line)
    }

    /// Something the user should know even in a quiet build (a damaged cache entry).
    public func warn(_ line: String) {
        warnings?("warning: " + line)
    }
}
