import Foundation
import RMBenchServe
import Testing

@Suite("change watcher")
struct ChangeWatcherTests {
    // MARK: Debounce, on a made-up clock

    @Test func debounceWaitsForQuietThenReportsEverythingOnce() {
        let t0 = ContinuousClock.now
        var debouncer = Debouncer(quiet: .milliseconds(500))
        #expect(debouncer.take(at: t0) == nil)
        debouncer.record(["b"], at: t0)
        #expect(debouncer.take(at: t0 + .milliseconds(300)) == nil)
        // Another change restarts the quiet period.
        debouncer.record(["a", "b"], at: t0 + .milliseconds(400))
        #expect(debouncer.take(at: t0 + .milliseconds(800)) == nil)
        debouncer.record([], at: t0 + .milliseconds(850))
        #expect(debouncer.hasPending)
        #expect(debouncer.take(at: t0 + .milliseconds(900)) == ["a", "b"])
        #expect(!debouncer.hasPending)
        #expect(debouncer.take(at: t0 + .seconds(10)) == nil)
        // A later burst is reported on its own.
        debouncer.record(["c"], at: t0 + .seconds(11))
        #expect(debouncer.take(at: t0 + .seconds(12)) == ["c"])
    }

    @Test func aSteadyStreamOfChangesIsHeldUntilItStops() {
        let t0 = ContinuousClock.now
        var debouncer = Debouncer(quiet: .milliseconds(500))
        var released = 0
        // A change every 300 ms for 3 s, polled every 100 ms: nothing until the stream stops.
        for tick in 0...30 {
            let now = t0 + .milliseconds(100 * tick)
            if tick % 3 == 0 { debouncer.record(["f\(tick)"], at: now) }
            if debouncer.take(at: now) != nil { released += 1 }
        }
        #expect(released == 0)
        let all = debouncer.take(at: t0 + .milliseconds(3500))
        #expect(all?.count == 11)
    }

    // MARK: Snapshots

    @Test func snapshotSeesAddedModifiedAndRemovedFiles() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("Data")
        let site = data.appendingPathComponent("Site")
        try write("a", to: data.appendingPathComponent("results/a.json"))
        try write("b", to: data.appendingPathComponent("b.csv"))
        try write("swap", to: data.appendingPathComponent(".b.csv.swp"))
        try write("out", to: site.appendingPathComponent("index.html"))
        let paths = { (s: FolderSnapshot) in s.files.keys.sorted() }
        let first = FolderSnapshot.take([data.path, folder.appendingPathComponent("missing").path], excluding: [site.path])
        #expect(paths(first) == [data.path + "/b.csv", data.path + "/results/a.json"])

        try write("a, longer", to: data.appendingPathComponent("results/a.json"))
        try write("c", to: data.appendingPathComponent("results/deeper/c.json"))
        try FileManager.default.removeItem(at: data.appendingPathComponent("b.csv"))
        try write("swap 2", to: data.appendingPathComponent(".b.csv.swp"))
        try write("out 2", to: site.appendingPathComponent("index.html"))
        let second = FolderSnapshot.take([data.path], excluding: [site.path])
        #expect(second.changes(since: first) == [data.path + "/b.csv", data.path + "/results/a.json", data.path + "/results/deeper/c.json"])
        #expect(second.changes(since: second).isEmpty)
    }

    @Test func symbolicLinkLoopsEnd() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try write("x", to: folder.appendingPathComponent("x.json"))
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("loop").path, withDestinationPath: ".")
        let snapshot = FolderSnapshot.take([folder.path])
        #expect(snapshot.files.keys.sorted() == [folder.path + "/x.json"])
    }

    // MARK: The watcher, on real time with short intervals

    @Test func watcherReportsABurstAsOneEvent() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try write("0", to: folder.appendingPathComponent("keep.txt"))
        let events = Events()
        // A quiet period far longer than the burst takes, so the burst cannot be split.
        let watcher = ChangeWatcher(folders: [folder.path], interval: .milliseconds(20), quiet: .seconds(1))
        let task = Task { await watcher.run { changed in await events.append(changed) } }
        defer { task.cancel() }
        try await Task.sleep(for: .milliseconds(100))
        #expect(await events.all.isEmpty)

        for name in ["a.txt", "b.txt", "c.txt"] { try write(name, to: folder.appendingPathComponent(name)) }
        try write("1", to: folder.appendingPathComponent("keep.txt"))
        try await events.wait(count: 1)
        #expect(await events.all == [["a.txt", "b.txt", "c.txt", "keep.txt"].map { folder.path + "/" + $0 }])

        try FileManager.default.removeItem(at: folder.appendingPathComponent("a.txt"))
        try await events.wait(count: 2)
        #expect(await events.all.last == [folder.path + "/a.txt"])

        task.cancel()
        await task.value
        #expect(await events.all.count == 2)
    }

    @Test func changesDuringTheHandlerAreReportedAfterIt() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let events = Events()
        let watcher = ChangeWatcher(folders: [folder.path], interval: .milliseconds(20), quiet: .milliseconds(100))
        let file = folder.appendingPathComponent("t.mustache")
        let task = Task {
            await watcher.run { changed in
                await events.append(changed)
                // A save arriving while the site rebuilds.
                if await events.all.count == 1 { try? write("second", to: file) }
            }
        }
        defer { task.cancel() }
        try await Task.sleep(for: .milliseconds(100))
        try write("first", to: file)
        try await events.wait(count: 2)
        #expect(await events.all == [[file.path], [file.path]])
    }
}

actor Events {
    private(set) var all: [[String]] = []

    func append(_ changed: [String]) { all.append(changed) }

    /// Waits (generously) until `count` events have arrived.
    func wait(count: Int, timeout: Duration = .seconds(30)) async throws {
        let deadline = ContinuousClock.now + timeout
        while all.count < count {
            guard ContinuousClock.now < deadline else {
                throw ClientError(description: "timed out waiting for \(count) event(s); have \(all)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}

func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("rmbench-watch-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

func write(_ text: String, to url: URL) throws {
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
}
