/// Model names as file names and anchors: lowercase ASCII `a-z 0-9 - . _`, at most 80
/// characters, never `.`/`..`, never empty.
///
///     Slug.plain("Skywork/Reward-Llama-3.1-8B")   // "skywork-reward-llama-3.1-8b"
///     Slug.unique(["A/b", "a-b"])                  // both get a hash suffix: distinct names, distinct slugs
public enum Slug {
    public static let maxLength = 80

    /// The slug of one name. A name with non-ASCII characters, or longer than the limit, gets
    /// a suffix of the first 8 hex digits of the FNV-1a 64-bit hash of its UTF-8, so such names
    /// cannot collide silently; a name that leaves nothing becomes `model-<hash>`.
    ///
    /// ASCII names that differ only in case or punctuation (`A/b`, `a-b`) still share a slug;
    /// use ``unique(_:)`` when writing several names into one folder.
    public static func plain(_ name: String) -> String {
        make(name, forceHash: false)
    }

    /// Slugs for several names, distinct for distinct names (equal names get equal slugs). A
    /// name whose plain slug is shared with another name gets the hash suffix; deterministic
    /// for a given input order.
    public static func unique(_ names: [String]) -> [String] {
        var namesBySlug: [String: Set<String>] = [:]
        for name in names { namesBySlug[plain(name), default: []].insert(name) }

        var assigned: [String: String] = [:]
        var taken: Set<String> = []
        var result: [String] = []
        for name in names {
            if let existing = assigned[name] {
                result.append(existing)
                continue
            }
            let simple = plain(name)
            var candidate = (namesBySlug[simple]?.count ?? 0) > 1 ? make(name, forceHash: true) : simple
            if taken.contains(candidate) {
                let base = candidate
                var counter = 2
                repeat {
                    candidate = base + "-" + String(counter)
                    counter += 1
                } while taken.contains(candidate)
            }
            taken.insert(candidate)
            assigned[name] = candidate
            result.append(candidate)
        }
        return result
    }

    private static func make(_ name: String, forceHash: Bool) -> String {
        var chars: [Character] = []
        var nonASCII = false
        var inRun = false
        for scalar in name.unicodeScalars {
            let value = scalar.value
            if value >= 0x80 { nonASCII = true }
            let kept: Character?
            switch value {
            case 0x61...0x7A, 0x30...0x39: kept = Character(scalar)          // a-z 0-9
            case 0x41...0x5A: kept = Character(Unicode.Scalar(value + 0x20)!) // A-Z
            case 0x2D, 0x2E, 0x5F: kept = Character(scalar)                   // - . _
            default: kept = nil
            }
            if let kept {
                chars.append(kept)
                inRun = false
            } else if !inRun {
                chars.append("-")
                inRun = true
            }
        }
        // Collapse runs of dots, so no ".." survives.
        var collapsed: [Character] = []
        for char in chars where !(char == "." && collapsed.last == ".") { collapsed.append(char) }
        var base = trimDotsAndDashes(collapsed)

        let hash = hex8(fnv1a64(Array(name.utf8)))
        let needsHash = forceHash || nonASCII || base.count > maxLength
        if needsHash {
            base = trimDotsAndDashes(Array(base.prefix(maxLength - 9)))
        }
        if base.isEmpty { return "model-" + hash }
        return needsHash ? String(base) + "-" + hash : String(base)
    }

    private static func trimDotsAndDashes(_ chars: [Character]) -> [Character] {
        var slice = chars[...]
        while let first = slice.first, first == "." || first == "-" { slice = slice.dropFirst() }
        while let last = slice.last, last == "." || last == "-" { slice = slice.dropLast() }
        return Array(slice)
    }

    /// FNV-1a, 64 bit: stable across runs and platforms, unlike `Hasher`.
    public static func fnv1a64(_ bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// First 8 hex digits (lowercase) of the zero-padded 16-digit hex form.
    public static func hex8(_ value: UInt64) -> String {
        let hex = String(value, radix: 16)
        let padded = String(repeating: "0", count: 16 - hex.count) + hex
        return String(padded.prefix(8))
    }
}
