/// Where the pipeline says what it is doing: one line per stage or model. The library never
/// prints; the command line passes a sink that writes to stderr, tests one that collects.
///
///     let progress = Progress { line in lines.append(line) }
public struct Progress: Sendable {
    private let sink: (@Sendable (String) -> Void)?

    /// Lines go to `sink`.
    public init(_ sink: @escaping @Sendable (String) -> Void) {
        self.sink = sink
    }

    /// No lines at all.
    public static let quiet = Progress()

    private init() {
        sink = nil
    }

    public func say(_ line: String) {
        sink?(line)
    }
}
