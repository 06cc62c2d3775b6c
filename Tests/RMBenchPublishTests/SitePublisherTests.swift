import Foundation
import Testing
@testable import RMBenchPublish
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite("SitePublisher")
struct SitePublisherTests {
    // MARK: Writing

    @Test("writes nested files with exact bytes, 0644 files and 0755 directories")
    func writesNestedFiles() throws {
        try withSandbox { box throws in
            let files = [
                SiteFile(path: "index.html", text: "<!doctype html>\r\nhéllo\n"),
                SiteFile(path: "a/b/c/deep.bin", contents: Array(0...255)),
                SiteFile(path: "a/empty.txt", contents: []),
                SiteFile(path: "ünï/cødé.html", text: "unicode names\n"),
            ]
            try SitePublisher.publish(files, to: box.output)
            #expect(try snapshot(box.output) == expectedTree(files))
            #expect(try box.leftovers().isEmpty)
        }
    }

    @Test("creates missing parent directories of the output")
    func createsMissingParent() throws {
        try withSandbox { box throws in
            let output = box.root.appendingPathComponent("x/y/site")
            try SitePublisher.publish(newSite, to: output)
            #expect(try snapshot(output) == expectedTree(newSite))
        }
    }

    @Test("replaces the old site fully; keep entries survive unless the new site has them")
    func replacesOldSite() throws {
        try withSandbox { box throws in
            try SitePublisher.publish(oldSite, to: box.output)
            try box.write("README.md", "# Site\nhand-written\n")
            try box.write("docs/notes.md", "notes\n")
            try box.write("docs/sub/more.md", "more\n")

            try SitePublisher.publish(
                newSite, to: box.output,
                keep: ["README.md", "docs", "index.html", "missing.txt", "models/dpo/gone"])

            var expected = expectedTree(newSite)
            expected["README.md"] = .file(Array("# Site\nhand-written\n".utf8), mode: 0o644)
            expected["docs"] = .directory(mode: 0o755)
            expected["docs/notes.md"] = .file(Array("notes\n".utf8), mode: 0o644)
            expected["docs/sub"] = .directory(mode: 0o755)
            expected["docs/sub/more.md"] = .file(Array("more\n".utf8), mode: 0o644)
            // index.html: the new site's version wins over `keep`.
            // old.html, models/dpo, assets: gone.
            #expect(try snapshot(box.output) == expected)
            #expect(try box.leftovers().isEmpty)
        }
    }

    @Test("a kept path inside a directory the new site also writes is merged in")
    func keepInsideNewDirectory() throws {
        try withSandbox { box throws in
            try box.write("models/README.md", "models readme\n")
            try SitePublisher.publish(newSite, to: box.output, keep: ["models/README.md"])
            var expected = expectedTree(newSite)
            expected["models/README.md"] = .file(Array("models readme\n".utf8), mode: 0o644)
            #expect(try snapshot(box.output) == expected)
        }
    }

    @Test("kept symlinks are copied as symlinks")
    func keepSymlink() throws {
        try withSandbox { box throws in
            try SitePublisher.publish(oldSite, to: box.output)
            try FileManager.default.createSymbolicLink(
                atPath: box.output.appendingPathComponent("latest").path,
                withDestinationPath: "models/seq")
            try SitePublisher.publish(newSite, to: box.output, keep: ["latest"])
            var expected = expectedTree(newSite)
            expected["latest"] = .symlink("models/seq")
            #expect(try snapshot(box.output) == expected)
        }
    }

    // MARK: Validation: nothing is written

    static let invalidPaths = [
        "../evil", "/abs", "a/../b", "a\\b", "", "./a", "a/./b", "a/..", ".hidden",
        "a/.git/config", "a//b", "a/", "/",
    ]

    @Test("invalid paths are rejected and nothing is written", arguments: invalidPaths)
    func rejectsInvalidPath(_ bad: String) throws {
        try withSandbox { box throws in
            try SitePublisher.publish(oldSite, to: box.output)
            let before = try snapshot(box.output)

            let error = #expect(throws: PublishError.self) {
                try SitePublisher.publish(newSite + [SiteFile(path: bad, text: "x")], to: box.output)
            }
            #expect(error?.kind == .invalidPath)
            #expect(error?.path == bad)
            #expect(try snapshot(box.output) == before)
            #expect(try box.leftovers().isEmpty)
        }
    }

    @Test("a path containing NUL is rejected")
    func rejectsNul() throws {
        try withSandbox { box throws in
            let error = #expect(throws: PublishError.self) {
                try SitePublisher.publish([SiteFile(path: "a\u{0}b", text: "x")], to: box.output)
            }
            #expect(error?.kind == .invalidPath)
            #expect(error?.reason.contains("NUL") == true)
            #expect(try FileManager.default.contentsOfDirectory(atPath: box.root.path).isEmpty)
        }
    }

    @Test("invalid keep entries are rejected", arguments: ["../README.md", "/etc/passwd", ".git", ""])
    func rejectsInvalidKeep(_ bad: String) throws {
        try withSandbox { box throws in
            try SitePublisher.publish(oldSite, to: box.output)
            let before = try snapshot(box.output)
            let error = #expect(throws: PublishError.self) {
                try SitePublisher.publish(newSite, to: box.output, keep: [bad])
            }
            #expect(error?.kind == .invalidPath)
            #expect(error?.path == bad)
            #expect(try snapshot(box.output) == before)
            #expect(try box.leftovers().isEmpty)
        }
    }

    @Test("invalid paths are rejected even when output does not exist yet")
    func rejectsWithoutOutput() throws {
        try withSandbox { box throws in
            #expect(throws: PublishError.self) {
                try SitePublisher.publish([SiteFile(path: "../evil", text: "x")], to: box.output)
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: box.root.path).isEmpty)
        }
    }

    @Test("duplicate paths are rejected")
    func rejectsDuplicates() throws {
        try withSandbox { box throws in
            try SitePublisher.publish(oldSite, to: box.output)
            let before = try snapshot(box.output)
            let error = #expect(throws: PublishError.self) {
                try SitePublisher.publish(
                    [SiteFile(path: "a.html", text: "1"), SiteFile(path: "b.html", text: "2"),
                     SiteFile(path: "a.html", text: "3")],
                    to: box.output)
            }
            #expect(error?.kind == .duplicatePath)
            #expect(error?.path == "a.html")
            #expect(try snapshot(box.output) == before)
            #expect(try box.leftovers().isEmpty)
        }
    }

    @Test("a path used as both file and directory is rejected", arguments: [
        ["a", "a/b"], ["a/b/c", "x", "a/b"], ["a/b", "a"],
    ])
    func rejectsFileDirectoryConflict(_ paths: [String]) throws {
        try withSandbox { box throws in
            try SitePublisher.publish(oldSite, to: box.output)
            let before = try snapshot(box.output)
            let error = #expect(throws: PublishError.self) {
                try SitePublisher.publish(paths.map { SiteFile(path: $0, text: $0) }, to: box.output)
            }
            #expect(error?.kind == .pathConflict)
            #expect(try snapshot(box.output) == before)
            #expect(try box.leftovers().isEmpty)
        }
    }

    @Test("a keep entry under a path the new site writes as a file is rejected")
    func rejectsKeepUnderNewFile() throws {
        try withSandbox { box throws in
            let error = #expect(throws: PublishError.self) {
                try SitePublisher.publish(
                    [SiteFile(path: "docs", text: "a file")], to: box.output, keep: ["docs/README.md"])
            }
            #expect(error?.kind == .pathConflict)
            #expect(error?.path == "docs/README.md")
            #expect(try FileManager.default.contentsOfDirectory(atPath: box.root.path).isEmpty)
        }
    }

    @Test("error descriptions name the path and the reason")
    func errorDescription() {
        let error = #expect(throws: PublishError.self) {
            try SitePublisher.publish([SiteFile(path: "a/../b", text: "")],
                                      to: URL(fileURLWithPath: "/nonexistent-rmbench/site"))
        }
        #expect(error?.description.contains("\"a/../b\"") == true)
        #expect(error?.description.contains("..") == true)
    }

    // MARK: Unsafe outputs

    @Test("refuses /, the working directory and its parents")
    func refusesUnsafeOutputs() throws {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
        let outputs = [
            URL(fileURLWithPath: "/"),
            URL(fileURLWithPath: "/tmp/.."),
            cwd,
            URL(fileURLWithPath: "."),
            cwd.deletingLastPathComponent(),
            URL(fileURLWithPath: ".."),
            cwd.appendingPathComponent("x/../.."),
        ]
        for output in outputs {
            // Belt and braces: the file list is invalid too, so even if the
            // output check regressed nothing could be written.
            let error = #expect(throws: PublishError.self) {
                try SitePublisher.publish([SiteFile(path: "../never", text: "")], to: output)
            }
            #expect(error?.kind == .unsafeOutput, "\(output.path)")
        }
    }

    @Test("refuses an output that is a symlink or a regular file")
    func refusesSymlinkAndFile() throws {
        try withSandbox { box throws in
            let real = box.root.appendingPathComponent("real")
            try SitePublisher.publish(oldSite, to: real)
            try FileManager.default.createSymbolicLink(at: box.output, withDestinationURL: real)
            let error = #expect(throws: PublishError.self) {
                try SitePublisher.publish(newSite, to: box.output)
            }
            #expect(error?.kind == .unsafeOutput)
            #expect(try snapshot(real) == expectedTree(oldSite))

            let file = box.root.appendingPathComponent("plain")
            try Data("x".utf8).write(to: file)
            let fileError = #expect(throws: PublishError.self) {
                try SitePublisher.publish(newSite, to: file)
            }
            #expect(fileError?.kind == .unsafeOutput)
        }
    }

    // MARK: Failures midway

    @Test("a failure after some files were written leaves the old site byte-identical")
    func failureMidway() throws {
        for failAt in [SitePublisher.Step.wroteFile("models/seq/index.html"), .beforeSwap] {
            try withSandbox { box throws in
                try SitePublisher.publish(oldSite, to: box.output)
                try box.write("README.md", "readme\n")
                let before = try snapshot(box.output)
                var written: [String] = []
                #expect(throws: InjectedFailure.self) {
                    try SitePublisher.publish(newSite, to: box.output, keep: ["README.md"]) { step in
                        if case let .wroteFile(path) = step { written.append(path) }
                        if step == failAt { throw InjectedFailure() }
                    }
                }
                #expect(!written.isEmpty)
                #expect(try snapshot(box.output) == before)
                #expect(try box.leftovers().isEmpty)
            }
        }
    }

    @Test("a failure midway when no old site exists leaves nothing behind")
    func failureMidwayWithoutOldSite() throws {
        try withSandbox { box throws in
            #expect(throws: InjectedFailure.self) {
                try SitePublisher.publish(newSite, to: box.output, keep: []) { step in
                    if step == .wroteFile("index.html") { throw InjectedFailure() }
                }
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: box.root.path).isEmpty)
        }
    }

    @Test("a real I/O failure while copying kept entries leaves the old site intact")
    func realFailureWhileCopyingKept() throws {
        try withSandbox { box throws in
            try SitePublisher.publish(oldSite, to: box.output)
            let fifo = box.output.appendingPathComponent("pipe").path
            #expect(mkfifo(fifo, 0o644) == 0)
            let before = try snapshot(box.output)
            let error = #expect(throws: PublishError.self) {
                try SitePublisher.publish(newSite, to: box.output, keep: ["pipe"])
            }
            #expect(error?.kind == .fileSystem)
            #expect(error?.path == "pipe")
            #expect(try snapshot(box.output) == before)
            #expect(try box.leftovers().isEmpty)
        }
    }

    // MARK: Recovery

    @Test("a backup left by a run killed between the renames is restored first")
    func restoresLeftoverBackup() throws {
        try withSandbox { box throws in
            // State after a SIGKILL between the two renames: no output, the old
            // site as a backup, the complete new tree as a temp dir.
            let backup = box.root.appendingPathComponent(".site.old-12345-deadbeef")
            try SitePublisher.publish(oldSite, to: backup)
            try box.write("README.md", "readme from backup\n", under: backup)
            let backupTree = try snapshot(backup)
            try SitePublisher.publish(newSite, to: box.root.appendingPathComponent(".site.tmp-12345-cafe"))

            // A run that fails before the swap still restores the old site.
            #expect(throws: InjectedFailure.self) {
                try SitePublisher.publish(newSite, to: box.output, keep: []) { step in
                    if step == .beforeSwap { throw InjectedFailure() }
                }
            }
            #expect(try snapshot(box.output) == backupTree)
            #expect(try box.leftovers().isEmpty)
        }
    }

    @Test("restored backup supplies keep entries to the next publish")
    func restoredBackupFeedsKeep() throws {
        try withSandbox { box throws in
            let backup = box.root.appendingPathComponent(".site.old-1-a")
            try SitePublisher.publish(oldSite, to: backup)
            try box.write("README.md", "readme from backup\n", under: backup)

            try SitePublisher.publish(newSite, to: box.output, keep: ["README.md"])

            var expected = expectedTree(newSite)
            expected["README.md"] = .file(Array("readme from backup\n".utf8), mode: 0o644)
            #expect(try snapshot(box.output) == expected)
            #expect(try box.leftovers().isEmpty)
        }
    }

    @Test("a backup left after the second rename is deleted, not restored")
    func deletesLeftoverBackupWhenOutputExists() throws {
        try withSandbox { box throws in
            try SitePublisher.publish(oldSite, to: box.root.appendingPathComponent(".site.old-1-a"))
            try SitePublisher.publish(newSite, to: box.output)
            try SitePublisher.publish(newSite, to: box.output)
            #expect(try snapshot(box.output) == expectedTree(newSite))
            #expect(try box.leftovers().isEmpty)
        }
    }

    @Test("stale temp dirs of ours are removed; look-alike and unrelated siblings are not")
    func cleansStaleTempDirs() throws {
        try withSandbox { box throws in
            try SitePublisher.publish(oldSite, to: box.output)
            // What a killed run leaves: a marked, half-written tree, and an empty one (killed
            // between mkdir and the marker).
            let stale = box.root.appendingPathComponent(".site.tmp-999-dead")
            try box.write(SitePublisher.markerName, SitePublisher.markerText, under: stale)
            try box.write("half/written.html", "x", under: stale)
            try FileManager.default.createDirectory(at: box.root.appendingPathComponent(".site.tmp-1-1"), withIntermediateDirectories: false)
            // The user's folders that only look like ours.
            try box.write("f", "x", under: box.root.appendingPathComponent(".site.tmp-1-2"))
            try box.write("notes.txt", "mine\n", under: box.root.appendingPathComponent(".site.old-backup"))
            try box.write("keep-me.txt", "mine\n", under: box.root.appendingPathComponent("other"))
            try box.write("x", "y", under: box.root.appendingPathComponent(".other.tmp-1-2"))

            try SitePublisher.publish(newSite, to: box.output)

            #expect(try snapshot(box.output) == expectedTree(newSite))
            #expect(try box.leftovers() == [".other.tmp-1-2", ".site.old-backup", ".site.tmp-1-2", "other"])
        }
    }

    // MARK: Determinism

    @Test("the same files give identical trees regardless of input order or repetition")
    func deterministic() throws {
        try withSandbox { box throws in
            let files = oldSite + newSite.filter { $0.path != "index.html" }
            let first = box.root.appendingPathComponent("one")
            let second = box.root.appendingPathComponent("two")

            var order: [String] = []
            try SitePublisher.publish(files, to: first, keep: []) { step in
                if case let .wroteFile(path) = step { order.append(path) }
            }
            var reversedOrder: [String] = []
            try SitePublisher.publish(files.reversed(), to: second, keep: []) { step in
                if case let .wroteFile(path) = step { reversedOrder.append(path) }
            }
            #expect(order == files.map(\.path).sorted())
            #expect(reversedOrder == order)

            let tree = try snapshot(first)
            #expect(try snapshot(second) == tree)
            #expect(tree == expectedTree(files))

            try SitePublisher.publish(files, to: first)
            #expect(try snapshot(first) == tree)
            #expect(try box.leftovers() == ["one", "two"])
        }
    }

    @Test("validation: sorted plan and kept entries")
    func planNormalisesKeep() throws {
        let plan = try PublishPlan(
            files: [SiteFile(path: "b/x", text: ""), SiteFile(path: "a", text: "")],
            keep: ["README.md", "b", "docs", "docs/inner", "README.md", "a"])
        #expect(plan.files.map(\.path) == ["a", "b/x"])
        #expect(plan.keep == ["README.md", "docs"])
    }
}
