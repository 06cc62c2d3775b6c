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
    }
}
