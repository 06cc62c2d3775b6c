import RMBenchCore

/// Reference "reward models" anyone can reproduce. They show where a real model stands
/// against pure style preferences: RM-Bench is built so that length and markdown do not
/// predict correctness.
public enum BaselineScorer: String, CaseIterable, Sendable {
    /// Longer response = higher reward (characters).
    case length
    /// More markdown structure (headers + list items + bold spans) = higher reward.
    case markdown
    /// A seeded uniform random reward per response.
    case random

    public var summary: String {
        switch self {
        case .length: "reward = the response's length in characters"
        case .markdown: "reward = number of markdown headers, list items and bold spans"
        case .random: "reward = seeded uniform random number per response"
        }
    }

    /// The reward for one response. `slot` tells responses of an item apart for the random
    /// scorer (0–2 chosen, 3–5 rejected), so its numbers do not depend on reading order.
    public func reward(_ features: ResponseFeatures, key: ItemKey, slot: Int, seed: UInt64) -> Double {
        switch self {
        case .length: Double(features.characters)
        case .markdown: Double(features.markdownElements)
        case .random: SeededRandom.unit(seed: seed, key: "\(key.label)/\(key.id)/\(slot)")
        }
    }
}

/// SplitMix64 over an FNV-1a hash: stable across platforms and Swift versions, unlike `Hasher`.
enum SeededRandom {
    static func unit(seed: UInt64, key: String) -> Double {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        var z = seed &+ hash &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        z ^= z >> 31
        return Double(z >> 11) / Double(UInt64(1) << 53)
    }
}
