import RMBenchCore
import Testing

/// `XXHash64`, which checks that a file kept from the last build is unchanged: the reference
/// values are `xxhsum -H1` (xxHash 0.8.1) of the same bytes, at every length where the code
/// takes another path (the 32-byte stripes, the 8-byte words, one 4-byte word, single bytes).
@Suite("XXH64")
struct XXHash64Tests {
    /// Byte i is (31 i + 7) mod 256: no run of equal bytes, all 256 values.
    static func pattern(_ count: Int) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
    }

    static let references: [(count: Int, hex: String)] = [
        (0, "ef46db3751d8e999"), (1, "a96c7f0ce858bbb7"), (3, "56e6957632a487f9"), (4, "c60d15b1e3ff8f04"),
        (5, "808815858624dd4e"), (7, "afbefc3d6c6f9a8e"), (8, "3da5c7aa269683e0"), (9, "4b17a9ba9e215c09"),
        (12, "8fe8ab1c1fd0666e"), (31, "4a74f3a1a39ad4a1"), (32, "8d57d6a4671cc43d"), (33, "62c9fd21ed857664"),
        (35, "85cbcf9e0d9cbeca"), (63, "5c320a0d2707057f"), (64, "7bbabbc45729d17e"), (65, "f3980c34bae65dc1"),
        (100, "efa0ad2d3e70c151"), (1000, "99594f4828043d35"), (4099, "98531e44aa4f969d"),
    ]

    @Test(arguments: references.indices)
    func matchesXXHSum(_ index: Int) {
        let reference = Self.references[index]
        #expect(XXHash64.hex(of: Self.pattern(reference.count)) == reference.hex, "\(reference.count) bytes")
    }

    @Test func texts() {
        #expect(XXHash64.hex(of: Array("a".utf8)) == "d24ec4f1a98c6e5b")
        #expect(XXHash64.hex(of: Array("abc".utf8)) == "44bc2cf5ad770999")
        #expect(XXHash64.hex(of: Array("Nobody inspects the spammish repetition".utf8)) == "fbcea83c8a378bf1")
    }

    /// A single flipped bit anywhere in a page-sized buffer changes the digest.
    @Test func everyFlippedByteChangesTheHash() {
        let bytes = Self.pattern(200)
        let original = XXHash64.hex(of: bytes)
        for position in bytes.indices {
            var changed = bytes
            changed[position] ^= 1
            #expect(XXHash64.hex(of: changed) != original, "bit 0 of byte \(position)")
        }
    }
}
