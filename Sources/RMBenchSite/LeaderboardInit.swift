import Foundation
import RMBenchBuiltIn

/// `init`: a leaderboard repository a maintainer can push as it is — `Data/` (results/,
/// published/ with the official leaderboard, models.toml), a README on adding a model, and the
/// two GitHub workflows with the scripts they run (`Scaffold/` in this repository, built in).
public enum LeaderboardInit {
    /// Where the workflows download the release tarball from unless `--release-url` says
    /// otherwise: the `make dist` tarballs attached to the release of this version.
    public static let defaultReleases = "https://github.com/your-org/rmbench-site/releases/download/v\(ToolVersion.current)"

    /// The files, with the workflows' placeholders filled in.
    public static func files(releases: String = defaultReleases, published: Bool = true) -> [NewFiles.File] {
        var files: [NewFiles.File] = []
        for file in BuiltIn.scaffoldFiles where published || !file.path.hasPrefix("Data/published/") {
            let text = String(decoding: file.contents, as: UTF8.self)
                .replacingOccurrences(of: "__RMBENCH_SITE_VERSION__", with: ToolVersion.current)
                .replacingOccurrences(of: "__RMBENCH_SITE_RELEASES__", with: releases)
            files.append(NewFiles.File(path: file.path, contents: Array(text.utf8), executable: file.path.hasSuffix(".sh")))
        }
        if published {
            files += BuiltIn.publishedFiles.map { NewFiles.File(path: "Data/published/" + $0.path, contents: $0.contents) }
        }
        return files
    }
}
