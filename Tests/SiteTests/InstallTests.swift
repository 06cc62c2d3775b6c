import Foundation
import Testing

/// The binary carries its templates: copied alone into an empty folder it builds, reports,
/// compares and scores; its built-in set is `Templates/` byte for byte; `--templates` overrides
/// it file by file; `init` and `templates export` never overwrite a file.
@Suite("Install", .serialized)
struct InstallTests {
    static let lengths = Tool.repository.appendingPathComponent("Data/results/Baseline/baseline-length/baseline-length.json")
    static let random = Tool.repository.appendingPathComponent("Data/results/Baseline/baseline-random/baseline-random.json")

    /// An empty folder with a copy of the binary and two result files in a data folder.
    static func lonelyFolder() throws -> (folder: URL, binary: URL) {
        let folder = temporaryDirectory()
        let binary = folder.appendingPathComponent("rmbench-site")
        try FileManager.default.copyItem(at: Tool.binary, to: binary)
        for (source, model) in [(lengths, "length-rm"), (random, "random-rm")] {
            let target = folder.appendingPathComponent("data/results/Baseline/\(model)")
            try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: source, to: target.appendingPathComponent("\(model).json"))
        }
        return (folder, binary)
    }

    static func run(_ binary: URL, _ arguments: [String], in folder: URL) throws -> Tool.Output {
        try Tool.run(arguments, in: folder, executable: binary)
    }

    @Test func copiedBinaryRunsAloneInAnEmptyFolder() throws {
        let (folder, binary) = try Self.lonelyFolder()
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("Templates").path))
        let a = "data/results/Baseline/random-rm/random-rm.json", b = "data/results/Baseline/length-rm/length-rm.json"

        let build = try Self.run(binary, ["build", "--data", "data", "--quiet", "--bootstrap", "50"], in: folder)
        #expect(build.status == 0, "\(build.stderr)")
        let site = try tree(folder.appendingPathComponent("Site"))
        #expect(site["index.html"].map { String(decoding: $0, as: UTF8.self).contains("length-rm") } == true)
        #expect(site["assets/style.css"] == (try Data(contentsOf: Tool.repository.appendingPathComponent("Templates/assets/style.css"))))

        let report = try Self.run(binary, ["report", b, "--against", a, "--bootstrap", "50"], in: folder)
        #expect(report.status == 0, "\(report.stderr)")
        let html = try String(contentsOf: folder.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("<style") && html.contains("length-rm"))

        let compare = try Self.run(binary, ["compare", a, b, "--format", "html", "--output", "compare.html", "--bootstrap", "50"], in: folder)
        #expect(compare.status == 0, "\(compare.stderr)")
        #expect(try String(contentsOf: folder.appendingPathComponent("compare.html"), encoding: .utf8).contains("random-rm"))

        let score = try Self.run(binary, ["score", a, b, "--format", "csv", "--bootstrap", "0"], in: folder)
        #expect(score.status == 0, "\(score.stderr)")
        #expect(score.stdout.split(separator: "\n").count == 3)
    }

    /// Fails when the templates compiled into the binary are not the ones in `Templates/`.
    @Test func builtInTemplatesAreTheTemplatesFolder() throws {
        let exported = temporaryDirectory().appendingPathComponent("exported")
        let output = try Tool.run(["templates", "export", exported.path])
        #expect(output.status == 0, "\(output.stderr)")
        let repository = try tree(Tool.repository.appendingPathComponent("Templates"))
        let builtIn = try tree(exported)
        #expect(builtIn.keys.sorted() == repository.keys.sorted())
        for (path, bytes) in repository {
            #expect(builtIn[path] == bytes, "built-in \(path) differs from Templates/\(path): rebuild")
        }
    }

    @Test func templatesOverrideFileByFile() throws {
        let mine = temporaryDirectory()
        let original = try String(contentsOf: Tool.repository.appendingPathComponent("Templates/leaderboard.md.mustache"), encoding: .utf8)
        let marker = "Our own leaderboard introduction"
        try (original + "\n" + marker + "\n").write(to: mine.appendingPathComponent("leaderboard.md.mustache"), atomically: true, encoding: .utf8)
        let (site, output) = try Tool.buildWith(templates: mine)
        #expect(output.status == 0, "\(output.stderr)")
        let files = try tree(site)
        #expect(files["index.html"].map { String(decoding: $0, as: UTF8.self).contains(marker) } == true)
        // Everything not overridden is the built-in set.
        #expect(files["methodology.html"] != nil && files["assets/site.js"] != nil)
    }

    @Test func badOverrideNamesFileAndLine() throws {
        let mine = temporaryDirectory()
        let bad = mine.appendingPathComponent("model.md.mustache")
        try "first line\n{{#rows}}\n  {{/columns}}\n".write(to: bad, atomically: true, encoding: .utf8)
        try "".write(to: mine.appendingPathComponent("leaderbord.md.mustache"), atomically: true, encoding: .utf8)
        let (_, output) = try Tool.buildWith(templates: mine)
        #expect(output.status == 2)
        #expect(output.stderr.contains("\(bad.path):3:"), "\(output.stderr)")
        #expect(output.stderr.contains("leaderbord.md.mustache: not one of the templates"), "\(output.stderr)")
        let missing = try Tool.buildWith(templates: mine.appendingPathComponent("absent")).output
        #expect(missing.status == 2 && missing.stderr.contains("templates export"), "\(missing.stderr)")
    }

    @Test func versionNamesTheCommit() throws {
        let output = try Tool.run(["--version"])
        #expect(output.status == 0)
        let line = output.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let inCheckout = FileManager.default.fileExists(atPath: Tool.repository.appendingPathComponent(".git").path)
        let pattern = inCheckout ? #"^\d+\.\d+\.\d+ \(commit [0-9a-f]{12}\)$"# : #"^\d+\.\d+\.\d+ \(commit unknown\)$"#
        #expect(line.range(of: pattern, options: .regularExpression) != nil, "\(line)")
    }

    @Test func exportAndInitNeverOverwrite() throws {
        let folder = temporaryDirectory()
        let kept = folder.appendingPathComponent("README.md")
        try "mine\n".write(to: kept, atomically: true, encoding: .utf8)
        let refused = try Tool.run(["init", folder.path])
        #expect(refused.status == 2 && refused.stderr.contains("--force"), "\(refused.stderr)")
        #expect(try tree(folder).count == 1)
        let forced = try Tool.run(["init", folder.path, "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(forced.stderr.contains("kept README.md"))
        #expect(try String(contentsOf: kept, encoding: .utf8) == "mine\n")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(".github/workflows/pages.yml").path))

        let templates = temporaryDirectory()
        let edited = templates.appendingPathComponent("layout.html.mustache")
        try "my layout\n".write(to: edited, atomically: true, encoding: .utf8)
        #expect(try Tool.run(["templates", "export", templates.path]).status == 2)
        #expect(try Tool.run(["templates", "export", templates.path, "--force"]).status == 0)
        #expect(try String(contentsOf: edited, encoding: .utf8) == "my layout\n")
        #expect(FileManager.default.fileExists(atPath: templates.appendingPathComponent("assets/style.css").path))
    }
}

extension Tool {
    /// Builds the repository's Data/ with a templates folder into a fresh temporary folder.
    static func buildWith(templates: URL) throws -> (site: URL, output: Output) {
        let site = temporaryDirectory().appendingPathComponent("Site")
        let output = try run(["build", "--quiet", "--bootstrap", "0", "--data", repository.appendingPathComponent("Data").path,
                              "--templates", templates.path, "--output", site.path])
        return (site, output)
    }
}
