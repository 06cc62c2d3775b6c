import Foundation
import Testing

/// `init`'s leaderboard repository, run as GitHub would run it but offline: every `run:` step
/// of its workflows through `scripts/run-workflow.py` (which skips `uses:` steps), with the
/// tested binary installed on the PATH the way the install step finds it.
@Suite("Workflows", .serialized)
struct WorkflowTests {
    static let runner = Tool.repository.appendingPathComponent("scripts/run-workflow.py").path
    /// Debian's python3, which `make deps` gives python3-yaml; any python3 with PyYAML elsewhere.
    static let python = FileManager.default.fileExists(atPath: "/usr/bin/python3") ? "/usr/bin/python3" : "python3"

    /// A folder holding only `rmbench-site`, as `make install` leaves it.
    static let installed: URL = {
        let bin = temporaryDirectory().appendingPathComponent("bin")
        try! FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try! FileManager.default.copyItem(at: Tool.binary, to: bin.appendingPathComponent("rmbench-site"))
        return bin
    }()

    static func shell(_ arguments: [String], in folder: URL) throws -> Tool.Output {
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = installed.path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        environment["GIT_AUTHOR_NAME"] = "test"; environment["GIT_COMMITTER_NAME"] = "test"
        environment["GIT_AUTHOR_EMAIL"] = "test@example.org"; environment["GIT_COMMITTER_EMAIL"] = "test@example.org"
        return try Tool.run(arguments, in: folder, environment: environment, executable: URL(fileURLWithPath: "/usr/bin/env"))
    }

    struct Run {
        var status: Int32
        var steps: [String: String]
        var summary: String
        var log: String
    }

    /// Runs one workflow of `repository`; `steps` maps each step's name to its outcome.
    static func run(_ workflow: String, in repository: URL, event: [String: Any] = [:], eventName: String) throws -> Run {
        let report = temporaryDirectory().appendingPathComponent("report.json")
        let eventFile = temporaryDirectory().appendingPathComponent("event.json")
        try JSONSerialization.data(withJSONObject: event).write(to: eventFile)
        let output = try shell([python, runner, ".github/workflows/\(workflow)", "--workspace", ".", "--event", eventFile.path,
                                "--event-name", eventName, "--report", report.path], in: repository)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: report)) as? [String: Any])
        let jobs = try #require(json["jobs"] as? [String: [String: Any]])
        var steps: [String: String] = [:]
        var summary = ""
        for job in jobs.values {
            for step in job["steps"] as? [[String: Any]] ?? [] {
                steps[step["name"] as? String ?? ""] = step["outcome"] as? String
            }
            summary += job["summary"] as? String ?? ""
        }
        return Run(status: output.status, steps: steps, summary: summary, log: output.stderr)
    }

    /// `init` into a git repository with one commit, then a second commit adding a result file
    /// as a pull request would; returns the repository and the base commit.
    static func repositoryWithNewResult(contents: Data) throws -> (URL, String) {
        let repository = temporaryDirectory().appendingPathComponent("leaderboard")
        let initialized = try shell(["rmbench-site", "init", repository.path], in: repository.deletingLastPathComponent())
        #expect(initialized.status == 0, "\(initialized.stderr)")
        #expect(try shell(["git", "init", "-q", "-b", "main", "."], in: repository).status == 0)
        #expect(try shell(["git", "add", "-A"], in: repository).status == 0)
        #expect(try shell(["git", "commit", "-q", "-m", "init"], in: repository).status == 0)
        let base = try shell(["git", "rev-parse", "HEAD"], in: repository).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let folder = repository.appendingPathComponent("Data/results/Seq_Classifier/new-rm")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try contents.write(to: folder.appendingPathComponent("total_dataset_new-rm_REWORD_MODEL_20250701_120000.json"))
        #expect(try shell(["git", "add", "-A"], in: repository).status == 0)
        #expect(try shell(["git", "commit", "-q", "-m", "add new-rm"], in: repository).status == 0)
        return (repository, base)
    }

    @Test func initAddAResultBuildAndRunTheWorkflows() throws {
        let result = try Data(contentsOf: InstallTests.lengths)
        let (repository, base) = try Self.repositoryWithNewResult(contents: result)
        for path in ["Data/models.toml", "Data/results/README.md", "Data/published/README.md", "README.md",
                     ".github/workflows/pages.yml", ".github/workflows/check-result.yml"] {
            #expect(FileManager.default.fileExists(atPath: repository.appendingPathComponent(path).path), "\(path)")
        }
        let published = try FileManager.default.contentsOfDirectory(atPath: repository.appendingPathComponent("Data/published").path)
        #expect(published.contains { $0.hasPrefix("rm-bench-leaderboard-") && $0.hasSuffix(".csv") })
        let toml = try String(contentsOf: repository.appendingPathComponent("Data/models.toml"), encoding: .utf8)
        #expect(toml.contains("# [[model]]") && !toml.split(separator: "\n").contains { !$0.hasPrefix("#") && !$0.isEmpty })

        // The installed binary builds it as it is.
        let build = try Self.shell(["rmbench-site", "build", "--data", "Data", "--output", "local-site", "--quiet", "--bootstrap", "0"], in: repository)
        #expect(build.status == 0, "\(build.stderr)")
        #expect(try String(contentsOf: repository.appendingPathComponent("local-site/index.html"), encoding: .utf8).contains("new-rm"))

        let check = try Self.run("check-result.yml", in: repository, event: ["pull_request": ["base": ["sha": base]]], eventName: "pull_request")
        #expect(check.status == 0, "\(check.log)")
        #expect(check.steps["Validate the data folder"] == "success", "\(check.log)")
        #expect(check.steps["Score the new results and build the leaderboard with them"] == "success", "\(check.log)")
        let comment = try String(contentsOf: repository.appendingPathComponent("comment.md"), encoding: .utf8)
        #expect(comment.contains("1 new or changed result file"))
        #expect(comment.contains("### The new rows") && comment.contains("| new-rm"))
        #expect(comment.contains("| Model | Rank by Average | Average | Rank group |"))
        #expect(comment.range(of: #"\| new-rm \| \d+ of \d+ \|"#, options: .regularExpression) != nil, "\(comment)")
        #expect(check.summary.contains("### The new rows"))
        #expect(FileManager.default.fileExists(atPath: repository.appendingPathComponent("_site/index.html").path))

        let pages = try Self.run("pages.yml", in: repository, eventName: "push")
        #expect(pages.status == 0, "\(pages.log)")
        #expect(pages.steps["Build the site"] == "success")
        #expect(pages.summary.contains("Built ") && pages.summary.contains("pages with 0."))
        #expect(try String(contentsOf: repository.appendingPathComponent("_site/index.html"), encoding: .utf8).contains("new-rm"))
    }

    @Test func badInputFailsTheCheck() throws {
        let truncated = try Data(contentsOf: InstallTests.lengths).prefix(5_000)
        let (repository, base) = try Self.repositoryWithNewResult(contents: Data(truncated))
        let check = try Self.run("check-result.yml", in: repository, event: ["pull_request": ["base": ["sha": base]]], eventName: "pull_request")
        #expect(check.status != 0, "\(check.log)")
        #expect(check.steps["Validate the data folder"] == "failure")
        // The comment still runs after a failed validation and says what is wrong.
        #expect(check.steps["Score the new results and build the leaderboard with them"] == "failure")
        let comment = try String(contentsOf: repository.appendingPathComponent("comment.md"), encoding: .utf8)
        #expect(comment.contains("failed") && comment.contains("cannot be scored"), "\(comment)")
    }

    /// Every workflow — init's, as generated, and the example — is valid YAML, every `uses:` is
    /// pinned, and none passes `--templates` or builds the tool from source.
    @Test func workflowsAreValidAndPinned() throws {
        let repository = temporaryDirectory().appendingPathComponent("board")
        #expect(try Self.shell(["rmbench-site", "init", repository.path], in: repository.deletingLastPathComponent()).status == 0)
        let workflows = [repository.appendingPathComponent(".github/workflows/pages.yml").path,
                         repository.appendingPathComponent(".github/workflows/check-result.yml").path,
                         Tool.repository.appendingPathComponent("examples/rmbench-ci.yml").path]
        let lint = try Self.shell([Self.python, Self.runner, "--lint"] + workflows, in: repository)
        #expect(lint.status == 0, "\(lint.stderr)")
        #expect(lint.stdout.contains("linted 3 workflow(s): 0 problem(s)"), "\(lint.stdout)")
        for path in workflows {
            let text = try String(contentsOf: URL(fileURLWithPath: path), encoding: .utf8)
            #expect(!text.contains("--templates") && !text.contains("swift build") && !text.contains("__RMBENCH"), "\(path)")
        }
        // The lint itself catches what it is for.
        let unpinned = repository.appendingPathComponent("unpinned.yml")
        try "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@v4\n".write(to: unpinned, atomically: true, encoding: .utf8)
        let broken = repository.appendingPathComponent("broken.yml")
        try "on: push\njobs: [\n".write(to: broken, atomically: true, encoding: .utf8)
        let caught = try Self.shell([Self.python, Self.runner, "--lint", unpinned.path, broken.path], in: repository)
        #expect(caught.status == 1 && caught.stderr.contains("actions/checkout@v4") && caught.stderr.contains("not valid YAML"), "\(caught.stderr)")
    }

    /// The example CI workflow, offline: compare, report and build succeed; the regression
    /// gate fails the job for a result below its floor.
    @Test func exampleWorkflowRunsWithTheInstalledBinary() throws {
        let workspace = temporaryDirectory()
        let results = workspace.appendingPathComponent("results/Seq_Classifier/my-rm")
        try FileManager.default.createDirectory(at: results, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: workspace.appendingPathComponent("baseline"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: InstallTests.lengths, to: results.appendingPathComponent("total_dataset_my-rm_REWORD_MODEL_20250701_120000.json"))
        try FileManager.default.copyItem(at: InstallTests.random, to: workspace.appendingPathComponent("baseline/main.json"))
        let example = Tool.repository.appendingPathComponent("examples/rmbench-ci.yml").path
        let report = temporaryDirectory().appendingPathComponent("report.json")
        let output = try Self.shell([Self.python, Self.runner, example, "--workspace", ".", "--event-name", "pull_request", "--report", report.path], in: workspace)
        #expect(output.status == 1, "the baseline's Hard is below the example's floor of 45: \(output.stderr)")
        #expect(output.stderr.contains("[rm-bench] Compare with main (Markdown for the PR comment, HTML for the artifact): success"), "\(output.stderr)")
        #expect(output.stderr.contains("[rm-bench] Build the site with the new model: success"))
        #expect(output.stderr.contains("[rm-bench] Regression gates (fails the job when a gate fails): failure"))
        for file in ["comparison.md", "rm-bench-report.html", "site/index.html"] {
            #expect(FileManager.default.fileExists(atPath: workspace.appendingPathComponent(file).path), "\(file)")
        }
    }
}
