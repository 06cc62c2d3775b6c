/// The validated, sorted form of a publish request. Building it touches no
/// filesystem, so every path is checked before anything is written.
struct PublishPlan: Equatable {
    struct Entry: Equatable {
        var path: String
        var contents: [UInt8]
    }

    /// Files to write, sorted by the UTF-8 bytes of their path.
    var files: [Entry]
    /// `keep` entries that may be copied from the old site: valid, deduplicated,
    /// not already present in the new tree (as file or directory), not inside
    /// another kept entry; sorted.
    var keep: [String]

    init(files input: [SiteFile], keep keepInput: [String]) throws {
        // 1. Every path on its own.
        for file in input {
            try Self.validate(file.path, what: "site path")
        }
        for path in keepInput {
            try Self.validate(path, what: "keep entry")
        }

        // 2. Duplicates. Keys are the raw UTF-8 bytes: two different Unicode
        //    spellings are two different files on a byte-preserving filesystem.
        var seen = Set<[UInt8]>()
        for file in input where !seen.insert(Array(file.path.utf8)).inserted {
            throw PublishError(kind: .duplicatePath, path: file.path,
                               reason: "the path is listed more than once")
        }

        // 3. A path cannot be both a file and a directory.
        var directories = Set<[UInt8]>()
        for file in input {
            for prefix in Self.directoryPrefixes(of: file.path) {
                if seen.contains(prefix) {
                    throw PublishError(
                        kind: .pathConflict, path: String(decoding: prefix, as: UTF8.self),
                        reason: "is a file but \"\(file.path)\" needs it to be a directory")
                }
                directories.insert(prefix)
            }
        }

        files = input
            .map { Entry(path: $0.path, contents: $0.contents) }
            .sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }

        // 4. Keep entries.
        keep = try Self.keptEntries(keepInput, files: seen, directories: directories)
    }

    /// The `keep` entries to copy from the old site, given the new tree's file paths and
    /// directories (as UTF-8 bytes): sorted, deduplicated, none the new tree has, none inside
    /// another kept entry.
    static func keptEntries(_ keepInput: [String], files seen: Set<[UInt8]>, directories: Set<[UInt8]>) throws -> [String] {
        let keepKeys = Set(keepInput.map { Array($0.utf8) })
        var kept: [String] = []
        var keptKeys = Set<[UInt8]>()
        for path in keepInput {
            let key = Array(path.utf8)
            let prefixes = Self.directoryPrefixes(of: path)
            if let fileAncestor = prefixes.first(where: { seen.contains($0) }) {
                throw PublishError(
                    kind: .pathConflict, path: path,
                    reason: "keep entry lies under \"\(String(decoding: fileAncestor, as: UTF8.self))\", which the new site writes as a file")
            }
            // The new tree already has this path: the new content wins.
            if seen.contains(key) || directories.contains(key) { continue }
            // Already covered by copying a kept ancestor directory.
            if prefixes.contains(where: { keepKeys.contains($0) }) { continue }
            if keptKeys.insert(key).inserted { kept.append(path) }
        }
        return kept.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// Checks one relative site path. Rules: non-empty; not absolute; no
    /// backslash; no NUL; every '/'-separated component non-empty and not
    /// starting with '.' (which excludes ".", ".." and hidden files).
    static func validate(_ path: String, what: String) throws {
        func reject(_ reason: String) -> PublishError {
            PublishError(kind: .invalidPath, path: path, reason: "\(what) \(reason)")
        }
        let bytes = Array(path.utf8)
        if bytes.isEmpty { throw reject("is empty") }
        if bytes.contains(0) { throw reject("contains a NUL byte") }
        if bytes.contains(UInt8(ascii: "\\")) { throw reject("contains a backslash; use '/' as separator") }
        if bytes.first == UInt8(ascii: "/") { throw reject("is absolute; site paths must be relative") }
        for component in bytes.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false) {
            if component.isEmpty {
                throw reject("has an empty component (trailing or doubled '/')")
            }
            if component.elementsEqual("..".utf8) { throw reject("contains a \"..\" component") }
            if component.elementsEqual(".".utf8) { throw reject("contains a \".\" component") }
            if component.first == UInt8(ascii: ".") {
                throw reject("has a component starting with '.' (\"\(String(decoding: component, as: UTF8.self))\"); hidden files are not published")
            }
        }
    }

    /// UTF-8 bytes of every proper directory prefix: "a/b/c" → "a", "a/b".
    static func directoryPrefixes(of path: String) -> [[UInt8]] {
        let bytes = Array(path.utf8)
        return bytes.indices
            .filter { bytes[$0] == UInt8(ascii: "/") }
            .map { Array(bytes[..<$0]) }
    }
}
