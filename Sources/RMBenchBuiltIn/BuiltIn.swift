import Foundation

/// What the build compiled into the binary (see `Plugins/EmbedTemplates`): files as they were
/// at build time, and the commit built.
public enum BuiltIn {
    /// Every file under `Templates/` by relative path (`leaderboard.md.mustache`,
    /// `assets/style.css`), sorted by path.
    public static let templateFiles = decode(embeddedTemplateFiles)

    /// `Scaffold/`: the leaderboard repository `rmbench-site init` writes.
    public static let scaffoldFiles = decode(embeddedScaffoldFiles)

    /// The official RM-Bench leaderboard (`Data/published/rm-bench-leaderboard-*.csv`).
    public static let publishedFiles = decode(embeddedPublishedFiles)

    /// The first 12 hex digits of the commit built, or "unknown" when built outside a git checkout.
    public static let commit = embeddedCommit

    private static func decode(_ files: [(path: String, base64: String)]) -> [(path: String, contents: [UInt8])] {
        // The generator wrote these literals from bytes it read; they always decode.
        files.map { ($0.path, Array(Data(base64Encoded: $0.base64)!)) }
    }
}
