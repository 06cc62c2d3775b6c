import Foundation
import Testing

/// What the commands print when data carries terminal escape sequences and line breaks that
/// would start GitHub Actions workflow commands: no ESC or BEL byte reaches stdout or stderr,
/// and no line starts with `::` (after the leading whitespace the runner skips).
@Suite("Terminal output")
struct TerminalOutputTests {
    /// A window-title OSC ended by BEL, a screen clear, and two would-be workflow commands.
    static let hostile = "evil\u{1B}]0;owned\u{7}\u{1B}[2J\n::error::x\n::add-mask::y"

    static func expectInert(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!text.utf8.contains(0x1B), "ESC", sourceLocation: sourceLocation)
        #expect(!text.utf8.contains(0x07), "BEL", sourceLocation: sourceLocation)
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            #expect(!line.drop(while: \.isWhitespace).hasPrefix("::"), "\(line)", sourceLocation: sourceLocation)
        }
    }

    /// A result file with one item per id in every domain, named `run.json` (so the model is
    /// "run") in a folder named `folder`.
    static func resultFile(in root: URL, folder: String, ids: [String]) throws -> URL {
        let directory = root.appendingPathComponent(folder)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let items = ["chat", "math", "code", "safety-refuse"].flatMap { domain in
            ids.enumerated().map { index, id in
                let escaped = id.unicodeScalars.map { $0.value < 0x20 ? String(format: "\\u%04x", $0.value) : String($0) }.joined()
                let chosen = index % 2 == 0 ? "[3, 2, 1]" : "[0, 0, 0]"
                return #"{"id": "\#(escaped)", "domain": "\#(domain)", "score_chosen": \#(chosen), "score_rejected": [1, 1, 1]}"#
            }
        }
        let file = directory.appendingPathComponent("run.json")
        try ("[\n" + items.joined(separator: ",\n") + "\n]\n").write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    @Test func scoreMarkdownAndCSVShowControlCharactersAsEscapes() throws {
        let root = temporaryDirectory()
        let file = try Self.resultFile(in: root, folder: Self.hostile, ids: ["a", "b"])
        let markdown = try Tool.run(["score", file.path, "--format", "markdown", "--bootstrap", "0", "--model", "::error::m"])
        #expect(markdown.status == 0, "\(markdown.stderr)")
        Self.expectInert(markdown.stdout + markdown.stderr)
        #expect(markdown.stdout.contains("| \\:\\:error\\:\\:m |"))

        let csv = try Tool.run(["score", file.path, "--format", "csv", "--bootstrap", "0", "--model", "::error::m"])
        #expect(csv.status == 0, "\(csv.stderr)")
        Self.expectInert(csv.stdout + csv.stderr)
        let lines = csv.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.last?.hasPrefix("\"::error::m\",unknown,") == true)
        #expect(csv.stdout.contains(#"evil\x1b]0;owned\x07\x1b[2J\n::error::x\n::add-mask::y/run.json"#))
    }

    @Test func scoreJSONEscapesControlAndBidiCharacters() throws {
        let root = temporaryDirectory()
        let file = try Self.resultFile(in: root, folder: Self.hostile + "\u{9B}31m\u{202E}txt.exe", ids: ["a"])
        let json = try Tool.run(["score", file.path, "--bootstrap", "0"])
        #expect(json.status == 0, "\(json.stderr)")
        Self.expectInert(json.stdout + json.stderr)
        #expect(json.stdout.contains(#"evil\u001b]0;owned\u0007\u001b[2J\n::error::x\n::add-mask::y\u009b31m\u202etxt.exe/run.json""#))
    }

    @Test func scoreRefusesAModelNameWithControlCharactersVisibly() throws {
        let root = temporaryDirectory()
        let file = try Self.resultFile(in: root, folder: "results/Seq_Classifier/" + Self.hostile, ids: ["a"])
        let output = try Tool.run(["score", file.path, "--bootstrap", "0"])
        #expect(output.status == 2)
        #expect(output.stdout.isEmpty)
        Self.expectInert(output.stderr)
        #expect(output.stderr == "error: \(root.path)/results/Seq_Classifier/" + #"evil\x1b]0;owned\x07\x1b[2J\n::error::x\n::add-mask::y/run.json: "#
                + "the model name taken from the path contains U+001B ESC; control characters are not allowed in names; rename the file or folder, or give the model name\n")
    }

    @Test func validateQuotesHostileSourcesAndFlagsOnOneLineEach() throws {
        let data = temporaryDirectory().appendingPathComponent("Data")
        let folder = data.appendingPathComponent("published/" + Self.hostile)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let csv = "model,chat,math,code,safety,easy,normal,hard,average,flag\n"
            + "::error::m,50,50,50,50,50,50,50,90,\"True \(Self.hostile)\"\n"
        try csv.write(to: folder.appendingPathComponent("board.csv"), atomically: true, encoding: .utf8)
        let output = try Tool.run(["validate", "--data", data.path])
        #expect(output.status == 0, "\(output.stderr)")
        Self.expectInert(output.stdout + output.stderr)
        let shown = #"evil\x1b]0;owned\x07\x1b[2J\n::error::x\n::add-mask::y"#
        let source = "(published/\(shown)/board.csv, line 2)"
        #expect(output.stdout.split(separator: "\n").map(String.init) == [
            "warning: ::error::m: [overall-vs-difficulty] The headline Overall 90.00 differs from Difficulty Avg 50.00 by +40.00 points. \(source)",
            "warning: ::error::m: [overall-vs-domain] The headline Overall 90.00 differs from Domain Avg 50.00 by +40.00 points. \(source)",
            "warning: ::error::m: [source-flag] The source itself flags this row (True \(shown)). \(source)",
            "0 error(s), 3 warning(s), 0 note(s)",
        ])
    }

    @Test func validateRefusesANULInACSVModelName() throws {
        let data = temporaryDirectory().appendingPathComponent("Data")
        let published = data.appendingPathComponent("published")
        try FileManager.default.createDirectory(at: published, withIntermediateDirectories: true)
        try "model,average\nfine,50\nbad\u{0}\u{1B}[2Jname,60\n".write(to: published.appendingPathComponent("board.csv"), atomically: true, encoding: .utf8)
        let output = try Tool.run(["validate", "--data", data.path])
        #expect(output.status == 2)
        Self.expectInert(output.stderr)
        #expect(output.stderr == "error: \(published.path)/board.csv:line 3, column \"model\": the model name contains U+0000 NUL; control characters are not allowed in names\n")
    }

    @Test func compareMarkdownOnStdoutKeepsDataOffLineStarts() throws {
        let root = temporaryDirectory()
        let ids = ["same", Self.hostile, "\n::error::id"]
        let a = try Self.resultFile(in: root.appendingPathComponent("a"), folder: Self.hostile, ids: Array(ids.prefix(2)))
        let b = try Self.resultFile(in: root.appendingPathComponent("b"), folder: "`x`\n::warning::p", ids: [ids[0], ids[2]])
        let output = try Tool.run(["compare", a.path, b.path, "--bootstrap", "0"])
        #expect(output.status == 0, "\(output.stderr)")
        Self.expectInert(output.stdout + output.stderr)
        #expect(output.stdout.contains(#"chat/evil\x1b\]0;owned\x07\x1b\[2J \:\:error\:\:x \:\:add-mask\:\:y"#))
        #expect(output.stdout.contains("- new: ``" + root.path + "/b/`x` ::warning::p/run.json`` (sha256 "))
    }

    @Test func checkGateLinesStayLines() throws {
        let root = temporaryDirectory()
        let file = try Self.resultFile(in: root, folder: Self.hostile, ids: ["a", "b"])
        let output = try Tool.run(["check", file.path, "--min", "average=10", "--bootstrap", "0"])
        #expect(output.status == 0, "\(output.stderr)")
        Self.expectInert(output.stdout + output.stderr)
        #expect(output.stdout == "ok   average: 33.33 ≥ 10\nall 1 gate(s) hold\n")
    }
}
