/// xoshiro256** (Blackman & Vigna), seeded through SplitMix64.
///
/// We implement the generator here rather than use `SystemRandomNumberGenerator` or
/// `Int.random(in:using:)` because published intervals must be reproducible: the same seed
/// gives the same stream, and the same bounded integers, on every platform and Swift version.
///
///     var rng = SeededGenerator(seed: 42)
///     rng.next()                 // a UInt64
///     rng.index(below: 1_327)    // uniform in 0..<1327
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var s0, s1, s2, s3: UInt64

    /// Expands `seed` into the 256-bit state with SplitMix64, as the xoshiro authors
    /// recommend; the state is never all zero.
    public init(seed: UInt64) {
        var splitMix = seed
        func nextSplitMix() -> UInt64 {
            splitMix &+= 0x9E37_79B9_7F4A_7C15
            var z = splitMix
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = nextSplitMix()
        s1 = nextSplitMix()
        s2 = nextSplitMix()
        s3 = nextSplitMix()
    }

    public mutating func next() -> UInt64 {
        let result = rotate(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotate(s3, 45)
        return result
    }

    /// A uniform integer in `0..<bound` (bound > 0), by Lemire's multiply-and-reject method:
    /// unbiased, usually without a division, and fully specified here (unlike the standard
    /// library's, whose algorithm may change).
    @inline(__always)
    public mutating func index(below bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        let s = UInt64(bound)
        var product = next().multipliedFullWidth(by: s)
        if product.low < s {
            let threshold = (0 &- s) % s
            while product.low < threshold {
                product = next().multipliedFullWidth(by: s)
            }
        }
        return Int(product.high)
    }

    @inline(__always)
    private func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 {
        (x << k) | (x >> (64 - k))
    }
}
