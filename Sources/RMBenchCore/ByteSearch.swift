import CByteSearch

/// Finds bytes in bytes with glibc's `memmem` (two-way search, vectorised). A page's HTML has a
/// `<` every few bytes, so stopping at each with `memchr` to compare a tag was slow; every
/// page of a site is searched like this for its layout marker, inline styles and links.
///
///     let at = ByteSearch.firstIndex(of: Array("<style>".utf8), in: bytes)
public enum ByteSearch {
    /// Where the first `needle` at or after `start` begins, or nil.
    public static func firstIndex(of needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from start: Int = 0) -> Int? {
        guard !needle.isEmpty, let base = bytes.baseAddress, start >= 0, start < bytes.count,
              let hit = byte_search_memmem(base + start, bytes.count - start, needle, needle.count) else { return nil }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }
}
