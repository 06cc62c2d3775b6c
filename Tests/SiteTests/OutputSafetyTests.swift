import Dispatch
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// An output is never an input, a build never replaces a folder it did not write, two builds
/// into one folder never mix, and no input can make a command wait forever or read gigabytes:
/// the red-team findings of the second hardening round, end to end through the binary.
@Suite("Output safety")
struct OutputSafetyTests {
    static let templates = Tool.repository.appendingPathComponent("Templates").path
    static func run(_ arguments: [String], timeout: Double = 120) throws -> Tool.Output {
        try HostileDataFolderTests.run(arguments, timeout: timeout)
    }

    /// A sandbox with a small data folder, its templates and a dataset file.
    struct Sandbox {
        let root: URL
        var data: URL { root.appendingPathComponent("Data") }
        var templates: URL { root.appendingPathComponent("Templates") }
        var result: URL { data.appendingPathComponent("results/Seq_Classifier/model-a/results.json") }
        var otherResult: URL { data.appendingPathComponent("results/Seq_Classifier/model-b/results.json") }
        var dataset: URL { root.appendingPathComponent("chat_filtered.json") }

        init() throws {
            let data = try HostileDataFolderTests.validData()
            root = data.deletingLastPathComponent()
            try FileManager.default.copyItem(atPath: OutputSafetyTests.templates, toPath: templates.path)
            try Data(#"[{"id": 1, "prompt": "p", "chosen": ["a", "b", "c"], "rejected": ["d", "e", "f"]}]"#.utf8).write(to: dataset)
        }

        /// Every file under the sandbox, for "byte-identical afterwards".
        func snapshot() throws -> [String: Data] { try tree(root) }
    }

    static func expectRefused(_ output: Tool.Output, naming paths: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(output.status == 2, "\(output.stderr)", sourceLocation: sourceLocation)
        #expect(output.stderr.contains("refusing to write there"), "\(output.stderr)", sourceLocation: sourceLocation)
        for path in paths { #expect(output.stderr.contains(path), "\(path) not named in \(output.stderr)", sourceLocation: sourceLocation) }
    }

    @Test("build refuses an output that is the data folder, its parent, inside it, or the templates folder; every input stays byte-identical")
    func buildOverlaps() throws {
        let box = try Sandbox()
        let before = try box.snapshot()
        let cases: [(output: String, input: String)] = [
            (box.data.path, box.data.path),
            (box.root.path, box.data.path),
            (box.data.appendingPathComponent("site").path, box.data.path),
            (box.templates.path, box.templates.path),
            (box.dataset.path, box.dataset.path),
        ]
        for (output, input) in cases {
            let result = try Self.run(["build", "--quiet", "--bootstrap", "0", "--data", box.data.path, "--templates", box.templates.path,
                                       "--dataset", box.dataset.path, "--output", output])
            Self.expectRefused(result, naming: [output, input])
        }
        #expect(try box.snapshot() == before)
    }

    @Test("a symbolic link to the data folder is the data folder")
    func buildOverlapThroughSymlink() throws {
        let box = try Sandbox()
        let link = box.root.appendingPathComponent("link-to-data")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: box.data)
        let before = try box.snapshot()
        let result = try Self.run(["build", "--quiet", "--data", box.data.path, "--templates", box.templates.path,
                                   "--output", link.appendingPathComponent("results").path])
        Self.expectRefused(result, naming: [box.data.path])
        #expect(try box.snapshot() == before)
    }

    @Test("report, compare and baseline refuse to overwrite their own inputs")
    func fileOverlaps() throws {
        let box = try Sandbox()
        let before = try box.snapshot()
        let a = box.result.path, b = box.otherResult.path
        Self.expectRefused(try Self.run(["report", a, "--templates", box.templates.path, "--bootstrap", "0", "--output", a]), naming: [a])
        Self.expectRefused(try Self.run(["report", a, "--against", b, "--templates", box.templates.path, "--bootstrap", "0", "--output", b]), naming: [b])
        Self.expectRefused(try Self.run(["compare", a, b, "--bootstrap", "0", "--output", b]), naming: [b])
        Self.expectRefused(try Self.run(["compare", a, b, "--bootstrap", "0", "--format", "html", "--templates", box.templates.path,
                                         "--output", box.templates.appendingPathComponent("layout.html.mustache").path]),
                           naming: [box.templates.path])
        Self.expectRefused(try Self.run(["baseline", "--dataset", box.dataset.path, "--scorer", "length", "--output", box.dataset.path]),
                           naming: [box.dataset.path])
        // A hard link is the same file under another name.
        let hardLink = box.root.appendingPathComponent("same-file.json")
        try FileManager.default.linkItem(at: box.result, to: hardLink)
        Self.expectRefused(try Self.run(["report", a, "--templates", box.templates.path, "--bootstrap", "0", "--output", hardLink.path]), naming: [a])
        try FileManager.default.removeItem(at: hardLink)
        #expect(try box.snapshot() == before)
    }

    @Test("build refuses a folder it did not write unless --force, and keeps a fresh checkout's README-only Site/")
    func foreignOutput() throws {
        let box = try Sandbox()
        let output = box.root.appendingPathComponent("Mine")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        try Data("my notes\n".utf8).write(to: output.appendingPathComponent("notes.txt"))
        let arguments = ["build", "--quiet", "--bootstrap", "0", "--data", box.data.path, "--templates", box.templates.path, "--output", output.path]
        let refused = try Self.run(arguments)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("did not write (\"notes.txt\")") && refused.stderr.contains("--force"), "\(refused.stderr)")
        #expect(FileManager.default.contents(atPath: output.appendingPathComponent("notes.txt").path) == Data("my notes\n".utf8))

        let forced = try Self.run(arguments + ["--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("index.html").path))
        // Ours now: the next build needs no --force.
        #expect(try Self.run(arguments).status == 0)

        let fresh = box.root.appendingPathComponent("Fresh")
        try FileManager.default.createDirectory(at: fresh, withIntermediateDirectories: true)
        try Data("what this folder is\n".utf8).write(to: fresh.appendingPathComponent("README.md"))
        let built = try Self.run(["build", "--quiet", "--bootstrap", "0", "--data", box.data.path, "--templates", box.templates.path, "--output", fresh.path])
        #expect(built.status == 0, "\(built.stderr)")
        #expect(FileManager.default.contents(atPath: fresh.appendingPathComponent("README.md").path) == Data("what this folder is\n".utf8))
    }

    @Test("folders beside the output that only look like its temporaries are neither deleted nor restored")
    func lookAlikeSiblings() throws {
        let box = try Sandbox()
        let output = box.root.appendingPathComponent("Site")
        for name in [".Site.old-1-2", ".Site.tmp-3-4"] {
            let folder = box.root.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data("keep me\n".utf8).write(to: folder.appendingPathComponent("mine.txt"))
        }
        let result = try Self.run(["build", "--quiet", "--bootstrap", "0", "--data", box.data.path, "--templates", box.templates.path, "--output", output.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("index.html").path))
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("mine.txt").path))
        for name in [".Site.old-1-2", ".Site.tmp-3-4"] {
            #expect(FileManager.default.contents(atPath: box.root.appendingPathComponent(name + "/mine.txt").path) == Data("keep me\n".utf8))
        }
    }

    @Test("two builds into the same output at once leave a complete live site, 20 times out of 20")
    func concurrentBuilds() throws {
        let box = try Sandbox()
        let output = box.root.appendingPathComponent("Site")
        let arguments = ["build", "--quiet", "--bootstrap", "0", "--data", box.data.path, "--templates", box.templates.path, "--output", output.path]
        let reference = try Self.run(arguments)
        #expect(reference.status == 0, "\(reference.stderr)")
        let expected = try tree(output)
        #expect(expected["index.html"] != nil)
        let statuses = StatusList()
        for _ in 1...20 {
            let group = DispatchGroup()
            for _ in 1...2 {
                DispatchQueue.global().async(group: group) {
                    statuses.append((try? Self.run(arguments))?.status ?? -1)
                }
            }
            group.wait()
            #expect(try tree(output) == expected)
        }
        #expect(statuses.values == Array(repeating: 0, count: 40))
        #expect(try FileManager.default.contentsOfDirectory(atPath: box.root.path).filter { $0.hasPrefix(".Site.") }.isEmpty)
    }

    @Test("a FIFO as models.toml, as --dataset or as a template is refused at once, not waited on")
    func fifos() throws {
        let box = try Sandbox()
        let fifoMetadata = box.data.appendingPathComponent("models.toml")
        #expect(mkfifo(fifoMetadata.path, 0o644) == 0)
        let first = try Self.run(["build", "--quiet", "--bootstrap", "0", "--data", box.data.path, "--templates", box.templates.path,
                                  "--output", box.root.appendingPathComponent("S1").path], timeout: 60)
        #expect(first.status == 2, "\(first.stderr)")
        #expect(first.stderr.contains("\(fifoMetadata.path): is not a regular file (a FIFO, socket or device)"), "\(first.stderr)")
        try FileManager.default.removeItem(at: fifoMetadata)

        let fifoDataset = box.root.appendingPathComponent("fifo_filtered.json")
        #expect(mkfifo(fifoDataset.path, 0o644) == 0)
        let second = try Self.run(["build", "--quiet", "--bootstrap", "0", "--data", box.data.path, "--templates", box.templates.path,
                                   "--dataset", fifoDataset.path, "--output", box.root.appendingPathComponent("S2").path], timeout: 60)
        #expect(second.status == 2, "\(second.stderr)")
        #expect(second.stderr.contains("\(fifoDataset.path): is not a regular file"), "\(second.stderr)")
        let baseline = try Self.run(["baseline", "--dataset", fifoDataset.path, "--scorer", "length",
                                     "--output", box.root.appendingPathComponent("b.json").path], timeout: 60)
        #expect(baseline.status == 2, "\(baseline.stderr)")

        let template = box.templates.appendingPathComponent("model.md.mustache")
        try FileManager.default.removeItem(at: template)
        #expect(mkfifo(template.path, 0o644) == 0)
        let third = try Self.run(["build", "--quiet", "--bootstrap", "0", "--data", box.data.path, "--templates", box.templates.path,
                                  "--output", box.root.appendingPathComponent("S3").path], timeout: 60)
        #expect(third.status == 2, "\(third.stderr)")
        #expect(third.stderr.contains("\(template.path): is not a regular file"), "\(third.stderr)")
    }

    @Test("a file over --max-file-size is refused before it is read, an 8 GB sparse file by the default limit")
    func sizeLimit() throws {
        let box = try Sandbox()
        let small = try Self.run(["score", box.result.path, "--max-file-size", "100"])
        #expect(small.status == 2)
        #expect(small.stderr.contains("\(box.result.path): is "), "\(small.stderr)")
        #expect(small.stderr.contains("larger than the limit of 100 bytes (--max-file-size)"), "\(small.stderr)")
        #expect(try Self.run(["score", box.result.path, "--max-file-size", "1M"]).status == 0)
        #expect(try Self.run(["score", box.result.path, "--max-file-size", "lots"]).status == 64)

        let sparse = box.data.appendingPathComponent("results/Seq_Classifier/huge/results.json")
        try FileManager.default.createDirectory(at: sparse.deletingLastPathComponent(), withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: sparse.path, contents: Data("[".utf8)))
        #expect(truncate(sparse.path, 8 << 30) == 0)
        let huge = try Self.run(["build", "--quiet", "--bootstrap", "0", "--data", box.data.path, "--templates", box.templates.path,
                                 "--output", box.root.appendingPathComponent("S").path], timeout: 60)
        #expect(huge.status == 2, "\(huge.stderr)")
        #expect(huge.stderr.contains("\(sparse.path): is 8.0 GiB, larger than the limit of 1.0 GiB (--max-file-size)"), "\(huge.stderr)")
    }

    @Test("two external metrics with the same name are an input problem naming both files, exit 2")
    func metricCollision() throws {
        let box = try Sandbox()
        let external = box.data.appendingPathComponent("external")
        try FileManager.default.createDirectory(at: external, withIntermediateDirectories: true)
        try Data("model,accuracy\nmodel-a,50\nmodel-b,60\n".utf8).write(to: external.appendingPathComponent("first.csv"))
        try Data("model,Accuracy\nmodel-a,70\nmodel-b,40\n".utf8).write(to: external.appendingPathComponent("second.csv"))
        let result = try Self.run(["build", "--quiet", "--bootstrap", "0", "--data", box.data.path, "--templates", box.templates.path,
                                   "--output", box.root.appendingPathComponent("S").path])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("second.csv: metric \"Accuracy\" has the same name as \"accuracy\" in \(external.path)/first.csv"), "\(result.stderr)")
    }
}

/// Exit statuses collected from concurrent runs.
private final class StatusList: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [Int32] = []
    func append(_ status: Int32) { lock.withLock { stored.append(status) } }
    var values: [Int32] { lock.withLock { stored } }
}
