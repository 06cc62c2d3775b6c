import Foundation
import Testing
@testable import RMBenchPublish

/// The publisher writes only into folders that are ours, deletes or restores only what is ours,
/// and serialises publishes into one folder.
@Suite("SitePublisher ownership and locking")
struct OwnershipTests {
    @Test("a folder holding the user's files is refused, and left byte-identical")
    func refusesForeignFolder() throws {
        try withSandbox { box throws in
            try box.write("thesis.tex", "years of work\n")
            try box.write("data/results.json", "[]\n")
            let before = try snapshot(box.output)
            #expect {
                try SitePublisher.publish(newSite, to: box.output, keep: ["README.md"])
            } throws: { error in
                let error = error as? PublishError
                return error?.kind == .notOurs && error?.reason.contains("\"data\" and 1 more") == true
            }
            #expect(throws: PublishError.self) { try SitePublisher.checkOutput(box.output) }
            #expect(try snapshot(box.output) == before)
            #expect(try box.leftovers().isEmpty)
        }
    }

    @Test("force replaces a foreign folder")
    func forceReplaces() throws {
        try withSandbox { box throws in
            try box.write("old.txt", "x\n")
            try SitePublisher.checkOutput(box.output, force: true)
            try SitePublisher.publish(newSite, to: box.output, force: true)
            #expect(try snapshot(box.output) == expectedTree(newSite))
        }
    }

    @Test("an empty folder, or one holding only kept entries, is accepted; so is our own site")
    func acceptsEmptyKeptAndOurs() throws {
        try withSandbox { box throws in
            try FileManager.default.createDirectory(at: box.output, withIntermediateDirectories: true)
            try SitePublisher.publish(oldSite, to: box.output)
            try SitePublisher.publish(newSite, to: box.output)
            #expect(try snapshot(box.output) == expectedTree(newSite))
        }
        try withSandbox { box throws in
            try box.write("README.md", "about this folder\n")
            try SitePublisher.checkOutput(box.output, keep: ["README.md"])
            try SitePublisher.publish(newSite, to: box.output, keep: ["README.md"])
            var expected = expectedTree(newSite)
            expected["README.md"] = .file(Array("about this folder\n".utf8), mode: 0o644)
            #expect(try snapshot(box.output) == expected)
        }
    }

    @Test("a marker with other contents does not make a folder ours")
    func forgedMarkerIsNotOurs() throws {
        try withSandbox { box throws in
            try box.write(SitePublisher.markerName, "something else\n")
            try box.write("mine.txt", "x\n")
            #expect(throws: PublishError.self) { try SitePublisher.publish(newSite, to: box.output) }
        }
    }

    @Test("with the output missing, an unmarked look-alike backup is not restored as the site")
    func unmarkedBackupIsNotRestored() throws {
        try withSandbox { box throws in
            let lookAlike = box.root.appendingPathComponent(".site.old-1-2")
            try box.write("private.txt", "mine\n", under: lookAlike)
            try SitePublisher.publish(newSite, to: box.output)
            #expect(try snapshot(box.output) == expectedTree(newSite))
            #expect(try box.leftovers() == [".site.old-1-2"])
            #expect(FileManager.default.contents(atPath: lookAlike.appendingPathComponent("private.txt").path) == Data("mine\n".utf8))
        }
    }

    @Test("a second publish into the same folder waits for the first, and both complete")
    func secondPublishWaits() throws {
        try withSandbox { box throws in
            try SitePublisher.publish(oldSite, to: box.output)
            let firstHolds = DispatchSemaphore(value: 0)
            let releaseFirst = DispatchSemaphore(value: 0)
            let waited = Flag()
            let group = DispatchGroup()
            let output = box.output
            DispatchQueue.global().async(group: group) {
                try? SitePublisher.publish(newSite, to: output, keep: [], hook: { step in
                    if step == .beforeSwap {
                        firstHolds.signal()
                        releaseFirst.wait()
                    }
                })
            }
            firstHolds.wait()
            DispatchQueue.global().async(group: group) {
                try? SitePublisher.publish(oldSite, to: output, waiting: { waited.set() })
            }
            // The second publish is blocked on the lock: the first one's temporary tree is intact.
            let deadline = Date().addingTimeInterval(10)
            while !waited.isSet && Date() < deadline { usleep(1_000) }
            #expect(waited.isSet)
            #expect(try box.leftovers().contains { $0.hasPrefix(".site.tmp-") })
            releaseFirst.signal()
            group.wait()
            #expect(try snapshot(box.output) == expectedTree(oldSite))
            #expect(try box.leftovers().isEmpty)
        }
    }
}

/// Set once from another thread.
private final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}
