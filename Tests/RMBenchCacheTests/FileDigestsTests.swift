import Foundation
import RMBenchCache
import RMBenchCore
import Testing

@Suite("File digests without reading")
struct FileDigestsTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test("a file changed less than the settle time before its digest was taken is hashed again next time")
    func freshFileIsNotTrusted() throws {
        let cache = BuildCache(folder: BuildCacheTests.folder(), tool: "t")
        let file = (BuildCacheTests.folder() as NSString).appendingPathComponent("a.json")
        try Data("[1]".utf8).write(to: URL(fileURLWithPath: file))
        let version = try #require(FileDigests.Version(path: file))
        FileDigests.record(file, version: version, digest: "d", cache: cache)
        #expect(FileDigests.known(file, version: version, cache: cache) == nil)
    }

    @Test("a settled file's digest is known for that version only: a rewrite, even of the same size, is another version")
    func settledFile() throws {
        // A file of the checkout: changed long before this test (a clean clone is seconds old at least).
        let original = Self.repository.appendingPathComponent("Data/models.toml").path
        let cache = BuildCache(folder: BuildCacheTests.folder(), tool: "t")
        let version = try #require(FileDigests.Version(path: original))
        let age = Date().timeIntervalSince1970 - Double(version.changedSeconds)
        try #require(age > Double(FileDigests.settleSeconds) + 0.5, "Data/models.toml changed \(age) s ago")
        let digest = SHA256.hex(of: [UInt8](try Data(contentsOf: URL(fileURLWithPath: original))))
        FileDigests.record(original, version: version, digest: digest, cache: cache)
        #expect(FileDigests.known(original, version: version, cache: cache) == digest)

        // A copy with the same bytes is another file (inode); rewriting it changes its times.
        let copy = (BuildCacheTests.folder() as NSString).appendingPathComponent("models.toml")
        try FileManager.default.copyItem(atPath: original, toPath: copy)
        let copyVersion = try #require(FileDigests.Version(path: copy))
        #expect(FileDigests.known(copy, version: copyVersion, cache: cache) == nil)
        #expect(copyVersion != version)
    }
}
