import Foundation
import RMBenchCache
import RMBenchConvert
import RMBenchCore
import RMBenchPublish
import RMBenchRender

/// Carries files of the last build of an output folder into the new one when this build would
/// write them byte for byte again: as hard links, so an unchanged page is neither converted nor
/// written. Which files those are comes from the folder's record (``SiteRecord``): for each file
/// what it was made from (`key`) and the XXH64 of its bytes (`digest`).
///
/// - A page's HTML is keyed by the SHA-256 of everything it is made of (Markdown, fragments,
///   layout), so a page whose Markdown is unchanged is not even converted. It is carried over
///   only if its key is this build's and, once linked, its bytes still hash to the digest (a
///   page edited by hand, or changed by anything since, is written anew). The digest only has
///   to notice a change to a file of the user's own output, not resist a forger: XXH64 does
///   that at a fraction of SHA-256's cost.
/// - Any other file (a chart, a download, a page's `.md` copy) has its bytes in hand before it
///   is written, so the linked old file is compared with them byte for byte: exact, and
///   cheaper than hashing both. Its record says so (key ``comparedByBytes``, no digest), which a
///   cold build pays nothing for.
///
/// So a carried file is exactly the file this build would write. The pages themselves are not
/// kept in the cache: the output folder already holds them, and storing a copy doubled what a
/// build writes (the cost of a cold build).
///
///     let reuse = OutputReuse(output: output, cache: cache)
///     try reuse.writePage(page, converter: converter, to: writer)
///     SiteRecord.store(output, key: key, made: reuse.made, cache: cache)
final class OutputReuse: @unchecked Sendable {
    /// What a file was made from (SHA-256) and the XXH64 of its bytes.
    struct Made: Equatable, Sendable {
        var key: String
        var digest: String
    }

    /// The record of a file that is compared with its new bytes, not keyed.
    static let comparedByBytes = Made(key: "=", digest: "-")

    private let output: String
    /// The last build's files by path; nil without a cache (nothing is hashed or recorded).
    private let previous: [String: Made]?
    private let lock = NSLock()
    private var recorded: [String: Made] = [:]
    private var counts = (pagesConverted: 0, pagesReused: 0, filesKept: 0)

    init(output: String, cache: BuildCache?) {
        self.output = output
        previous = cache.map { cache in
            var files: [String: Made] = [:]
            for file in SiteRecord.load(output, cache: cache)?.files ?? [] { files[file.path] = file.made }
            return files
        }
    }

    /// What this build made, by path: for the next build's record.
    var made: [String: Made] { lock.withLock { recorded } }
    var pagesConverted: Int { lock.withLock { counts.pagesConverted } }
    var pagesReused: Int { lock.withLock { counts.pagesReused } }
    /// Files of every kind carried over from the last build.
    var filesKept: Int { lock.withLock { counts.filesKept } }

    /// Writes a file whose bytes are known, or keeps the last build's identical one.
    func write(_ path: String, _ bytes: [UInt8], to writer: SiteWriter) throws {
        guard let previous else { return try writer.write(path, bytes) }
        if previous[path] == Self.comparedByBytes, try keep(path, writer, accept: { $0 == bytes }) {
            record(path, Self.comparedByBytes)
            return
        }
        try writer.write(path, bytes)
        record(path, Self.comparedByBytes)
    }

    /// Writes a page's HTML, converting its Markdown with libcmark-gfm, or keeps the last
    /// build's file made from the same Markdown, fragments and layout.
    func writePage(_ page: RenderedPage, converter: MarkdownConverter, to writer: SiteWriter) throws {
        let path = page.path + ".html"
        if let previous {
            let key = Self.key(page)
            if let old = previous[path], old.key == key, try keep(path, writer, accept: { XXHash64.hex(of: $0) == old.digest }) {
                record(path, old)
                lock.withLock { counts.pagesReused += 1 }
                return
            }
            let bytes = try Self.convert(page, converter)
            try writer.write(path, bytes)
            record(path, Made(key: key, digest: XXHash64.hex(of: bytes)))
        } else {
            try writer.write(path, try Self.convert(page, converter))
        }
        lock.withLock { counts.pagesConverted += 1 }
    }

    /// The page's HTML file: its Markdown converted, inside its layout.
    private static func convert(_ page: RenderedPage, _ converter: MarkdownConverter) throws -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(page.layoutBefore.utf8.count + page.markdown.utf8.count
                              + page.fragments.values.reduce(0) { $0 + $1.utf8.count } + page.layoutAfter.utf8.count)
        bytes.append(contentsOf: page.layoutBefore.utf8)
        try converter.append(fromMarkdown: page.markdown, fragments: page.fragments, to: &bytes)
        bytes.append(contentsOf: page.layoutAfter.utf8)
        return bytes
    }

    /// Links the last build's file at `path` if its bytes, read once linked, are accepted.
    private func keep(_ path: String, _ writer: SiteWriter, accept: ([UInt8]) -> Bool) throws -> Bool {
        let kept = try writer.link(path, to: output + "/" + path) { linked in
            guard let bytes = try? FileBytes.read(path: linked) else { return false }
            return accept(bytes)
        }
        if kept { lock.withLock { counts.filesKept += 1 } }
        return kept
    }

    private func record(_ path: String, _ made: Made) {
        lock.withLock { recorded[path] = made }
    }

    /// SHA-256 of everything a page's HTML is made of: its Markdown, each fragment by name and
    /// the layout around it (lengths first, so no two pages can read the same).
    static func key(_ page: RenderedPage) -> String {
        var hasher = SHA256.Hasher()
        add(page.markdown, to: &hasher)
        for name in page.fragments.keys.sorted() {
            add(name, to: &hasher)
            add(page.fragments[name]!, to: &hasher)
        }
        add(page.layoutBefore, to: &hasher)
        add(page.layoutAfter, to: &hasher)
        return hasher.hex()
    }

    private static func add(_ text: String, to hasher: inout SHA256.Hasher) {
        hasher.update("\(text.utf8.count):")
        hasher.update(text)
    }
}
