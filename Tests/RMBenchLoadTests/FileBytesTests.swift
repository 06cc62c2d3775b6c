import Foundation
import RMBenchCore
import Testing

/// `FileBytes.read`: exact bytes, files whose size `fstat` does not know, and
/// what it refuses. (The size limit is checked end to end in SiteTests' `sizeLimit`, since
/// the limit is process-wide.)
@Suite("File bytes")
struct FileBytesTests {
    static func temporaryFile(_ bytes: [UInt8]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("filebytes-\(UUID().uuidString)")
        try Data(bytes).write(to: url)
        return url
    }

    /// 5 MB + 7: a buffer that spans 2 MB pages, which the read asks the kernel to use.
    @Test(arguments: [0, 1, 4095, 4096, 70_000, 1 << 20, (5 << 20) + 7])
    func readsExactlyTheFile(size: Int) throws {
        var rng = SystemRandomNumberGenerator()
        let content = (0..<size).map { _ in UInt8.random(in: 0...255, using: &rng) }
        let url = try Self.temporaryFile(content)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(try FileBytes.read(path: url.path) == content)
    }

    /// /proc files are regular files of size 0 with content: read on past fstat's size.
    @Test func readsPastTheSizeFstatGave() throws {
        let status = try FileBytes.read(path: "/proc/self/status")
        #expect(String(decoding: status, as: UTF8.self).hasPrefix("Name:"))
        #expect(status.last == UInt8(ascii: "\n"))
    }

    /// One buffer for file after file: each read gives exactly that file's bytes at its start,
    /// larger files grow the buffer, and a file past fstat's size is read on into it.
    @Test func readsFileAfterFileIntoOneBuffer() throws {
        let sizes = [70_000, 10, 0, (3 << 20) + 5, 4096, 70_000]
        let contents = sizes.enumerated().map { index, size in (0..<size).map { UInt8(truncatingIfNeeded: $0 * 7 + index) } }
        let files = try contents.map(Self.temporaryFile)
        defer { for url in files { try? FileManager.default.removeItem(at: url) } }
        var buffer: [UInt8] = []
        for (url, content) in zip(files, contents) {
            let count = try FileBytes.read(path: url.path, reusing: &buffer)
            #expect(count == content.count && buffer.count >= content.count)
            #expect(Array(buffer[0..<count]) == content)
        }
        #expect(buffer.count == (3 << 20) + 5)
        let count = try FileBytes.read(path: "/proc/self/status", reusing: &buffer)
        #expect(String(decoding: buffer[0..<count], as: UTF8.self).hasPrefix("Name:") && buffer[count - 1] == UInt8(ascii: "\n"))
        var empty: [UInt8] = []
        let grown = try FileBytes.read(path: "/proc/self/status", reusing: &empty)
        #expect(grown > 0 && empty.count == grown)
    }

    @Test func refusesDirectoriesAndFIFOsWithoutWaiting() throws {
        let folder = FileManager.default.temporaryDirectory
        #expect(throws: InputProblem.self) { try FileBytes.read(path: folder.path) }
        let fifo = folder.appendingPathComponent("filebytes-\(UUID().uuidString).fifo")
        #expect(mkfifo(fifo.path, 0o644) == 0)
        defer { try? FileManager.default.removeItem(at: fifo) }
        do {
            _ = try FileBytes.read(path: fifo.path)
            Issue.record("a FIFO was read")
        } catch {
            #expect(error.message.contains("is not a regular file"))
        }
        do {
            _ = try FileBytes.read(path: folder.appendingPathComponent("no-such-file-\(UUID().uuidString)").path)
            Issue.record("a missing file was read")
        } catch {
            #expect(error.message.contains("cannot open the file: No such file or directory"))
        }
    }
}
