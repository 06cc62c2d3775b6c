import Foundation
import RMBenchConvert
import RMBenchCore
import RMBenchPublish
import RMBenchRender

/// Carries files of the last build of an output folder into the new one when this build would
/// write them byte for byte again: as hard links, so an unchanged page is neither converted nor
/// written. Which files those are comes from the folder's record (``SiteRecord``): for each file
/// what it was made from (`key`) and the SHA-256 of its bytes (`digest`). A file is carried over
/// only if its key is this build's and, once linked, its bytes still hash to the digest (a page
/// edited by hand, or changed by anything since, is written anew), so a carried file is exactly
/// the file this build would write. Page HTML is keyed by everything it is made of (Markdown,
/// fragments, layout), so a page whose Markdown is unchanged is not even converted; any other
/// file is keyed by its own bytes.
///
/// The pages themselves are not kept in the cache: the output folder already holds them, and
/// storing a copy doubled what a build writes (the cost of a cold build).
///
///     let reuse = OutputReuse(previous: SiteRecord.load(output, cache: cache), output: output)
///     try reuse.writePage(page, converter: converter, to: writer)
///     SiteRecord.store(output, key: key, made: reuse.made, cache: cache)
final class OutputReuse: @unchecked Sendable {
    /// What a file was made from and the SHA-256 of its bytes.
    struct Made: Equatable, Sendable {
        var key: String
        var digest: String
    }

    private let output: String
    /// The last build's files by path; nil without a cache (nothing is hashed or recorded).
    private let previous: [String: Made]?
    private let lock = NSLock()
    private var recorded: [String: Made] = [:]
    private var counts = (pagesConverted: 0, pagesReused: 0, filesKept: 0)

    init(previous record: SiteRecord.Record?, output: String, recording: Bool) {
        self.output = output
        if recording {
            var files: [String: Made] = [:]
            for file in record?.files ?? [] { files[file.path] = file.made }
            previous = files
        } else {
            previous = nil
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
        guard previous != nil else { return try writer.write(path, bytes) }
        let digest = SHA256.hex(of: bytes)
        let made = Made(key: digest, digest: digest)
        if try !keep(path, made, writer) { try writer.write(path, bytes) }
        record(path, made)
    }

    /// Writes a page's HTML, converting its Markdown with libcmark-gfm, or keeps the last
    /// build's file made from the same Markdown, fragments and layout.
    func writePage(_ page: RenderedPage, converter: MarkdownConverter, to writer: SiteWriter) throws {
        let path = page.path + ".html"
        func converted() throws -> [UInt8] {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(page.layoutBefore.utf8.count + page.markdown.utf8.count
                                  + page.fragments.values.reduce(0) { $0 + $1.utf8.count } + page.layoutAfter.utf8.count)
            bytes.append(contentsOf: page.layoutBefore.utf8)
            try converter.append(fromMarkdown: page.markdown, fragments: page.fragments, to: &bytes)
            bytes.append(contentsOf: page.layoutAfter.utf8)
            return bytes
        }
        guard let previous else {
            try writer.write(path, try converted())
            lock.withLock { counts.pagesConverted += 1 }
            return
        }
        let key = Self.key(page)
        if let old = previous[path], old.key == key, try keep(path, old, writer) {
            record(path, old)
            lock.withLock { counts.pagesReused += 1 }
            return
        }
        let bytes = try converted()
        try writer.write(path, bytes)
        record(path, Made(key: key, digest: SHA256.hex(of: bytes)))
        lock.withLock { counts.pagesConverted += 1 }
    }

    /// Links the last build's file at `path` if it was made as `made` says and still holds
    /// those bytes.
    private func keep(_ path: String, _ made: Made, _ writer: SiteWriter) throws -> Bool {
        guard previous?[path] == made else { return false }
        let kept = try writer.link(path, to: output + "/" + path) { linked in
            guard let bytes = try? FileBytes.read(path: linked) else { return false }
            return SHA256.hex(of: bytes) == made.digest
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
        var bytes: [UInt8] = []
        func add(_ text: String) {
            bytes.append(contentsOf: "\(text.utf8.count):".utf8)
            bytes.append(contentsOf: text.utf8)
        }
        add(page.markdown)
        for name in page.fragments.keys.sorted() {
            add(name)
            add(page.fragments[name]!)
        }
        add(page.layoutBefore)
        add(page.layoutAfter)
        return SHA256.hex(of: bytes)
    }
}
