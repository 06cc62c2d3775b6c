import Foundation
import RMBenchCache
import RMBenchCore
import Testing

/// SHA-256 in one go and in pieces, against FIPS 180-2's published digests.
@Suite("SHA-256")
struct SHA256Tests {
    static let abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    static let empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    @Test func oneShotAndPiecesAgree() {
        #expect(SHA256.hex(of: Array("abc".utf8)) == Self.abc)
        var pieces = SHA256.Hasher()
        pieces.update("a")
        pieces.update("")
        pieces.update("bc")
        #expect(pieces.hex() == Self.abc)
        #expect(SHA256.Hasher().hex() == Self.empty)
        var bytes = SHA256.Hasher()
        let text = Array("abc".utf8)
        text.withUnsafeBufferPointer { all in
            bytes.update(UnsafeBufferPointer(rebasing: all[0..<1]))
            bytes.update(UnsafeBufferPointer(rebasing: all[1..<1]))
            bytes.update(UnsafeBufferPointer(rebasing: all[1...]))
        }
        #expect(bytes.hex() == Self.abc)
    }

    /// The cache's tool fingerprint carries the running executable's SHA-256 (read in chunks),
    /// here the test runner's, which is larger than one chunk.
    @Test func fingerprintHashesTheRunningExecutable() throws {
        let path = try #require(realpath("/proc/self/exe", nil).map { resolved in
            defer { free(resolved) }
            return String(cString: resolved)
        })
        let contents = try #require(FileManager.default.contents(atPath: path))
        #expect(contents.count > 1 << 20)
        #expect(ToolFingerprint.make(version: "1.0", commit: "abc") == "1.0 commit abc executable \(SHA256.hex(of: [UInt8](contents)))")
    }
}
