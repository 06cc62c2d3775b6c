import Dispatch
import Foundation
import RMBenchCache
import Testing

@Suite("Build cache entries")
struct BuildCacheTests {
    static func folder() -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rmbench-cache-\(UUID().uuidString)").path
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// The one file the cache holds for `kind`.
    static func entryFile(_ folder: String, _ kind: BuildCache.Kind) throws -> String {
        let root = (folder as NSString).appendingPathComponent(kind.rawValue)
        let files = (FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? [])
            .map { (root as NSString).appendingPathComponent($0) }
            .filter { var d: ObjCBool = false; return FileManager.default.fileExists(atPath: $0, isDirectory: &d) && !d.boolValue }
        try #require(files.count == 1, "expected one \(kind) entry, found \(files)")
        return files[0]
    }

    @Test("an entry comes back as stored; another key or kind is a miss")
    func roundTrip() {
        let cache = BuildCache(folder: Self.folder(), tool: "tool-1")
        let payload = Array("hello\nworld\n\n".utf8) + [0, 255, 10]
        cache.store(.site, key: "k", payload)
        #expect(cache.load(.site, key: "k") == payload)
        #expect(cache.load(.site, key: "other") == nil)
        #expect(cache.load(.run, key: "k") == nil)
        #expect(cache.statistics(.site).reused == 1 && cache.statistics(.site).missed == 1)
        #expect(cache.takeProblems().isEmpty)
    }

    @Test("the folder deleted while a build stores entries is made again: later entries are kept, nothing is reported")
    func folderDeletedDuringABuild() throws {
        let folder = Self.folder()
        let cache = BuildCache(folder: folder, tool: "tool-1")
        cache.store(.site, key: "first", [1])
        try FileManager.default.removeItem(atPath: folder)
        cache.store(.site, key: "second", [2])
        #expect(cache.load(.site, key: "second") == [2])
        #expect(cache.load(.site, key: "first") == nil)
        // Only the entries' folder deleted, the temporary one kept: storing "first" again, whose
        // subfolder this cache made before (so it does not make it again), the rename finds no
        // folder. ("second" went to another subfolder, so it is the one that needed the retry of
        // the temporary folder.)
        try FileManager.default.removeItem(atPath: (folder as NSString).appendingPathComponent(BuildCache.Kind.site.rawValue))
        cache.store(.site, key: "first", [3])
        #expect(cache.load(.site, key: "first") == [3])
        #expect(cache.takeProblems().isEmpty)
    }

    @Test("a truncated entry, flipped bytes, a foreign header and another tool's entry are refused, deleted and reported once")
    func damagedEntries() throws {
        let folder = Self.folder()
        let cache = BuildCache(folder: folder, tool: "tool-1")
        let payload = [UInt8](repeating: 7, count: 1000)

        cache.store(.run, key: "a", payload)
        let file = try Self.entryFile(folder, .run)
        let whole = try #require(FileManager.default.contents(atPath: file))
        try whole.prefix(whole.count - 10).write(to: URL(fileURLWithPath: file))
        #expect(cache.load(.run, key: "a") == nil)
        #expect(!FileManager.default.fileExists(atPath: file))
        #expect(cache.load(.run, key: "a") == nil)
        let truncated = cache.takeProblems()
        #expect(truncated.count == 1)
        #expect(truncated.first?.contains("is truncated (990 of 1000 payload bytes)") == true)

        cache.store(.run, key: "a", payload)
        var flipped = [UInt8](try #require(FileManager.default.contents(atPath: file)))
        flipped[flipped.count - 1] ^= 0x01
        try Data(flipped).write(to: URL(fileURLWithPath: file))
        #expect(cache.load(.run, key: "a") == nil)
        #expect(cache.takeProblems().first?.contains("has damaged bytes") == true)

        // Another tool's entry copied under this entry's name.
        let other = BuildCache(folder: Self.folder(), tool: "tool-2")
        other.store(.run, key: "a", payload)
        cache.store(.run, key: "a", payload)
        try FileManager.default.removeItem(atPath: file)
        try FileManager.default.copyItem(atPath: try Self.entryFile(other.folder, .run), toPath: file)
        #expect(cache.load(.run, key: "a") == nil)
        #expect(cache.takeProblems().first?.contains("was written by another build of the tool") == true)

        try Data("not a cache entry at all".utf8).write(to: URL(fileURLWithPath: file))
        #expect(cache.load(.run, key: "a") == nil)
        #expect(cache.takeProblems().first?.contains("has no complete header") == true)
        #expect(cache.load(.run, key: "a") == nil)
        #expect(cache.takeProblems().isEmpty)
    }

    @Test("another tool fingerprint names other entries: sharing a folder is a miss, not a problem")
    func toolVersionsDoNotMix() {
        let folder = Self.folder()
        BuildCache(folder: folder, tool: "0.1.0 commit a").store(.site, key: "k", [1, 2, 3])
        let newer = BuildCache(folder: folder, tool: "0.1.0 commit b")
        #expect(newer.load(.site, key: "k") == nil)
        #expect(newer.takeProblems().isEmpty)
        #expect(BuildCache(folder: folder, tool: "0.1.0 commit a").load(.site, key: "k") == [1, 2, 3])
    }

    @Test("entries written and read from many threads at once are whole or absent, never half-written")
    func concurrentWriters() {
        let folder = Self.folder()
        let payloads = (0..<4).map { k in [UInt8](repeating: UInt8(k), count: 200_000 + k) }
        let bad = Counter()
        DispatchQueue.concurrentPerform(iterations: 200) { round in
            // Two caches, as two builds sharing the folder.
            let cache = BuildCache(folder: folder, tool: "t")
            let k = round % 4
            cache.store(.site, key: "k\(k)", payloads[k])
            if let found = cache.load(.site, key: "k\((round + 1) % 4)"), found != payloads[(round + 1) % 4] { bad.add() }
            if !cache.takeProblems().isEmpty { bad.add() }
        }
        #expect(bad.value == 0)
        let cache = BuildCache(folder: folder, tool: "t")
        for k in 0..<4 { #expect(cache.load(.site, key: "k\(k)") == payloads[k]) }
        let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: (folder as NSString).appendingPathComponent("tmp"))) ?? []
        #expect(leftovers.isEmpty)
    }

    @Test("a folder that cannot be written: the build goes on, said once")
    func unwritableFolder() throws {
        let parent = Self.folder()
        let blocker = (parent as NSString).appendingPathComponent("file")
        try Data("x".utf8).write(to: URL(fileURLWithPath: blocker))
        // A cache folder below a regular file can never be created, even by root.
        let cache = BuildCache(folder: (blocker as NSString).appendingPathComponent("cache"), tool: "t")
        cache.store(.site, key: "a", [1])
        cache.store(.site, key: "b", [2])
        #expect(cache.load(.site, key: "a") == nil)
        let problems = cache.takeProblems()
        #expect(problems.count == 1)
        #expect(problems.first?.hasPrefix("cannot write the build cache at") == true)
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}
