import Dispatch
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Hostile data folders, end to end through the built binary: every failure is exit status 2
/// with `file[:place]: message` lines on stderr, and leaves a previously built site exactly as
/// it was (no partial site); a model scored on a different prompt set builds, and the site says so.
@Suite("Hostile data folders")
struct HostileDataFolderTests {
    static let fixtures = Tool.repository.appendingPathComponent("Tests/Fixtures/hostile")

    /// Like `Tool.run`, but a hang is a failure, not a stuck test run: the process is killed
    /// after `timeout` seconds (exit status 15 from SIGTERM), and stderr is drained while
    /// stdout is read, so a flood of messages cannot block the pipe.
    static func run(_ arguments: [String], timeout: Double = 120) throws -> Tool.Output {
        let process = Process()
        process.executableURL = Tool.binary
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let box = ProcessBox(process)
        let killer = DispatchWorkItem { if box.process.isRunning { box.process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: killer)
        let stderrData = DataBox()
        let drained = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            stderrData.data = err.fileHandleForReading.readDataToEndOfFile()
            drained.signal()
        }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        drained.wait()
        process.waitUntilExit()
        killer.cancel()
        return Tool.Output(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                           stderr: String(decoding: stderrData.data, as: UTF8.self))
    }

    /// A small valid data folder: two recomputed models on the same 8 prompts (2 per domain).
    static func validData(extraModel: (name: String, items: String)? = nil) throws -> URL {
        let data = temporaryDirectory().appendingPathComponent("Data")
        func write(_ model: String, _ items: String) throws {
            let folder = data.appendingPathComponent("results/Seq_Classifier/\(model)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try items.write(to: folder.appendingPathComponent("results.json"), atomically: true, encoding: .utf8)
        }
        try write("model-a", items(ids: 1...2, shift: 0))
        try write("model-b", items(ids: 1...2, shift: 1))
        if let extraModel { try write(extraModel.name, extraModel.items) }
        return data
    }

    static func items(ids: ClosedRange<Int>, shift: Int, domains: [String] = ["chat", "math", "code", "safety-refuse"]) -> String {
        var lines: [String] = []
        for domain in domains {
            for id in ids {
                let a = Double((id * 7 + shift) % 5), b = Double((id * 3 + shift * 2) % 4)
                lines.append(#"{"id": \#(id), "domain": "\#(domain)", "score_chosen": [\#(a), \#(b), 1.5], "score_rejected": [\#(b), \#(a), 1.0]}"#)
            }
        }
        return "[\n" + lines.joined(separator: ",\n") + "\n]\n"
    }

    /// Builds a good site into a fresh output folder, then `data` into the same folder: the
    /// second build must fail with exit status 2, print `expected` (each a whole stderr line),
    /// and leave the output folder byte for byte as it was, with nothing next to it.
    static func expectCleanFailure(_ data: URL, _ expected: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let (site, first) = try Tool.build(data: try Self.validData(), extra: ["--bootstrap", "0"])
        #expect(first.status == 0, "\(first.stderr)", sourceLocation: sourceLocation)
        let before = try tree(site)
        let output = try Self.run(["build", "--quiet", "--data", data.path, "--templates", Tool.repository.appendingPathComponent("Templates").path,
                              "--output", site.path, "--bootstrap", "0"])
        #expect(output.status == 2, "status \(output.status); stderr:\n\(output.stderr)", sourceLocation: sourceLocation)
        let lines = output.stderr.split(separator: "\n").map(String.init)
        for line in expected {
            #expect(lines.contains(line), "missing \(line)\nstderr:\n\(output.stderr)", sourceLocation: sourceLocation)
        }
        #expect(lines.allSatisfy { $0.hasPrefix("error: \(data.path)") }, "stderr:\n\(output.stderr)", sourceLocation: sourceLocation)
        #expect(output.stdout.isEmpty, sourceLocation: sourceLocation)
        #expect(try tree(site) == before, "the previous site changed", sourceLocation: sourceLocation)
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.deletingLastPathComponent().path) == ["Site"],
                "something was left next to the site", sourceLocation: sourceLocation)
    }

    @Test func resultsFolderWithoutResultFiles() throws {
        let data = temporaryDirectory().appendingPathComponent("Data")
        let results = data.appendingPathComponent("results")
        try FileManager.default.createDirectory(at: results.appendingPathComponent("Seq_Classifier/empty-model"), withIntermediateDirectories: true)
        try "notes".write(to: results.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        try Self.expectCleanFailure(data, ["error: \(results.path): holds no result files (.json or .jsonl)"])
    }

    /// Files that cannot be read. Tests run as root here and in CI, where permissions do not
    /// stop reads, so `chmod 000` is only tried when not root (geteuid() != 0); files that no
    /// user can open are tried always: a dangling symbolic link, and a FIFO (which `open`
    /// would wait on forever: the reader must refuse it, not hang).
    @Test func unreadableFiles() throws {
        let data = try Self.validData()
        let folder = data.appendingPathComponent("results/Seq_Classifier/model-c")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let dangling = folder.appendingPathComponent("dangling.json")
        try FileManager.default.createSymbolicLink(atPath: dangling.path, withDestinationPath: "does-not-exist.json")
        let fifo = folder.appendingPathComponent("pipe.json")
        #expect(mkfifo(fifo.path, 0o644) == 0)
        var expected = [
            "error: \(dangling.path): cannot be followed (a broken or looping symbolic link)",
            "error: \(fifo.path): is not a regular file (a FIFO, socket or device); expected a file",
        ]
        if geteuid() != 0 {
            let locked = folder.appendingPathComponent("locked.json")
            try Self.items(ids: 1...2, shift: 2).write(to: locked, atomically: true, encoding: .utf8)
            #expect(chmod(locked.path, 0) == 0)
            expected.append("error: \(locked.path): cannot open the file: Permission denied")
        }
        try Self.expectCleanFailure(data, expected)
    }

    /// A folder link back up the tree and two file links pointing at each other: reported once
    /// each, not followed until paths grow too long.
    @Test func symbolicLinkLoopInResults() throws {
        let data = try Self.validData()
        let results = data.appendingPathComponent("results")
        let up = results.appendingPathComponent("Seq_Classifier/model-a/up")
        try FileManager.default.createSymbolicLink(atPath: up.path, withDestinationPath: "..")
        try FileManager.default.createSymbolicLink(atPath: results.appendingPathComponent("a.json").path, withDestinationPath: "b.json")
        try FileManager.default.createSymbolicLink(atPath: results.appendingPathComponent("b.json").path, withDestinationPath: "a.json")
        let real = results.appendingPathComponent("Seq_Classifier").resolvingSymlinksInPath().path
        try Self.expectCleanFailure(data, [
            "error: \(results.path)/a.json: cannot be followed (a broken or looping symbolic link)",
            "error: \(results.path)/b.json: cannot be followed (a broken or looping symbolic link)",
            "error: \(up.path): symbolic-link loop: this folder was already visited as \(real)",
        ])
        let output = try Self.run(["build", "--quiet", "--data", data.path, "--templates", Tool.repository.appendingPathComponent("Templates").path,
                              "--output", temporaryDirectory().appendingPathComponent("Site").path, "--bootstrap", "0"])
        #expect(output.stderr.split(separator: "\n").count == 3, "\(output.stderr)")
    }

    /// Every rejected fixture of the hostile corpus, as a file of a data folder: exit status 2,
    /// the same lines as the reader test expects (with the real path), the old site kept.
    @Test func everyRejectedFixtureFailsTheBuildCleanly() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.fixtures.path).filter { !$0.hasSuffix(".expected") }.sorted()
        #expect(names.count >= 40)
        let (site, first) = try Tool.build(data: try Self.validData(), extra: ["--bootstrap", "0"])
        #expect(first.status == 0, "\(first.stderr)")
        let before = try tree(site)
        for name in names {
            let expected = try String(contentsOf: Self.fixtures.appendingPathComponent((name as NSString).deletingPathExtension + ".expected"), encoding: .utf8)
                .split(separator: "\n").map(String.init)
            guard expected.first != "accepted" else { continue }
            let data = temporaryDirectory().appendingPathComponent("Data")
            let table = name.hasPrefix("published-") ? "published" : name.hasPrefix("external-") ? "external" : nil
            let folder = data.appendingPathComponent(table ?? "results/Seq_Classifier/m")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            if table != nil {
                // A table next to a valid result file, so that the table is the only problem.
                let results = data.appendingPathComponent("results/Seq_Classifier/m")
                try FileManager.default.createDirectory(at: results, withIntermediateDirectories: true)
                try Self.items(ids: 1...2, shift: 0).write(to: results.appendingPathComponent("r.json"), atomically: true, encoding: .utf8)
            }
            let file = folder.appendingPathComponent(name)
            try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent(name), to: file)
            let output = try Self.run(["build", "--quiet", "--data", data.path, "--templates", Tool.repository.appendingPathComponent("Templates").path,
                                  "--output", site.path, "--bootstrap", "0"])
            #expect(output.status == 2, "\(name): status \(output.status)\n\(output.stderr)")
            let lines = output.stderr.split(separator: "\n").map(String.init)
            let want = expected.map { "error: " + file.path + $0.dropFirst("Tests/Fixtures/hostile/\(name)".count) }
            #expect(lines == want, "\(name):\n\(output.stderr)")
        }
        #expect(try tree(site) == before, "the previous site changed")
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.deletingLastPathComponent().path) == ["Site"])
    }

    /// A model scored on fewer prompts than the others (one domain short of two prompts, one
    /// prompt the others lack) is scored, the build succeeds, and the site states the difference.
    @Test func modelWithADifferentPromptSetIsScoredAndTheSiteSaysSo() throws {
        var other = Self.items(ids: 1...2, shift: 2, domains: ["chat", "math", "code"])
        other = String(other.dropLast(3)) + ",\n" + #"{"id": 9, "domain": "safety-refuse", "score_chosen": [1, 2, 3], "score_rejected": [0, 0, 0]}"# + "\n]\n"
        let data = try Self.validData(extraModel: ("model-c", other))
        let (site, output) = try Tool.build(data: data, extra: ["--bootstrap", "200"])
        #expect(output.status == 0, "\(output.stderr)")
        let files = try tree(site)
        let index = String(decoding: files["index.html"] ?? Data(), as: UTF8.self)
        #expect(index.contains("model-c"))
        #expect(index.contains("Tie groups of models scored on different prompt sets compare them on the prompts they share."),
                "the leaderboard does not say that prompt sets differ")
        guard let page = files.first(where: { $0.key.hasPrefix("models/model-c") && $0.key.hasSuffix(".html") }) else {
            Issue.record("no page for model-c among \(files.keys.sorted())")
            return
        }
        let text = String(decoding: page.value, as: UTF8.self)
        #expect(text.contains("7 prompts"), "the model page does not give its prompt count")
        #expect(text.contains("Some comparisons used only the prompts both models have, since their prompt sets differ."),
                "the model page does not say that its prompt set differs")
        let other8 = files.first(where: { $0.key.hasPrefix("models/model-a") && $0.key.hasSuffix(".html") }).map { String(decoding: $0.value, as: UTF8.self) } ?? ""
        #expect(other8.contains("8 prompts"))
    }

    /// NaN and ±Infinity are accepted, counted, and reported by `score`.
    @Test func nonFiniteScoresAreCountedAndReported() throws {
        let output = try Self.run(["score", Self.fixtures.appendingPathComponent("nan-infinity.json").path])
        #expect(output.status == 0, "\(output.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
        let model = (json?["models"] as? [[String: Any]])?.first
        #expect(model?["non_finite_scores"] as? Int == 4, "\(output.stdout.prefix(2000))")
        #expect(model?["samples"] as? Int == 3)
    }
}

private final class ProcessBox: @unchecked Sendable {
    let process: Process
    init(_ process: Process) { self.process = process }
}

private final class DataBox: @unchecked Sendable {
    var data = Data()
}
