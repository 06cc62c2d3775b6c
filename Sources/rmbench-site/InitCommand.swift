import ArgumentParser
import RMBenchSite

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a leaderboard repository: Data/, a README on adding a model, and GitHub workflows.",
        discussion: """
            Writes Data/results/, Data/published/ (the official RM-Bench leaderboard as a starting \
            point), Data/models.toml (one commented example), README.md, and two workflows: \
            .github/workflows/pages.yml builds the site and deploys it to GitHub Pages on every \
            push to main; .github/workflows/check-result.yml validates a pull request's data \
            (validate --strict), scores its new result files and comments their rows and rank \
            groups. DIR must be empty or absent unless --force; no file is ever overwritten.

            Example: rmbench-site init my-leaderboard && cd my-leaderboard && git init
            """)

    @Argument(help: "Folder to create the repository in.")
    var directory: String

    @Flag(help: "Add the missing files to a folder that is not empty (existing files are kept).")
    var force = false

    @Flag(help: "Leave out Data/published/ (the official leaderboard).")
    var noPublished = false

    @Option(help: "Where the workflows download the rmbench-site release tarball and its .sha256 from.")
    var releaseURL = LeaderboardInit.defaultReleases

    func run() throws {
        let outcome: NewFiles.Outcome
        do {
            outcome = try NewFiles.write(LeaderboardInit.files(releases: releaseURL, published: !noPublished), into: directory, force: force)
        } catch {
            printError("error: \(error)")
            throw ExitCode(2)
        }
        for path in outcome.kept { printError("kept \(path) (exists)") }
        printError("wrote \(outcome.written.count) files to \(directory)")
        if releaseURL == LeaderboardInit.defaultReleases {
            printError("note: the workflows download rmbench-site from \(releaseURL); edit RMBENCH_SITE_RELEASES in both workflows (or use --release-url) if your copy lives elsewhere")
        }
    }
}
