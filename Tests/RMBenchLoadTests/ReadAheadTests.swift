import Foundation
import RMBenchCore
import Testing

/// `ReadAhead` advises each file once, the `depth` files after the one being read, in order,
/// whatever order the reads come in.
@Suite("Read-ahead of input files")
struct ReadAheadTests {
    final class Advised: @unchecked Sendable {
        private let lock = NSLock()
        private var paths: [String] = []
        func add(_ path: String) { lock.withLock { paths.append(path) } }
        func take() -> [String] { lock.withLock { defer { paths = [] }; return paths } }
    }

    @Test func advisesTheNextFilesOnce() {
        let advised = Advised()
        let readAhead = ReadAhead(["a", "b", "c", "d", "e", "f"], depth: 2, advise: { advised.add($0) })
        readAhead.reading("a")
        #expect(advised.take() == ["b", "c"])
        readAhead.reading("b")
        #expect(advised.take() == ["d"])
        readAhead.reading("d")
        #expect(advised.take() == ["e", "f"])
        readAhead.reading("c")
        readAhead.reading("f")
        readAhead.reading("not listed")
        #expect(advised.take() == [])
    }

    /// On real paths: a file, a missing one and a folder are advised or passed over without error.
    @Test func advisingRealPathsIsHarmless() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("read-ahead-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("a.json")
        try Data("{}".utf8).write(to: file)
        for path in [file.path, folder.appendingPathComponent("missing").path, folder.path] { ReadAhead.adviseWillRead(path) }
        #expect(try FileBytes.read(path: file.path) == Array("{}".utf8))
    }
}
