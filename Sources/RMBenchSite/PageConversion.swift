import RMBenchCache
import RMBenchConvert
import RMBenchCore
import RMBenchRender

/// A page's HTML body: from the cache when a page with the very same Markdown and fragments
/// was converted before (by this tool build), else from libcmark-gfm.
enum PageConversion {
    static func body(of page: RenderedPage, converter: MarkdownConverter, cache: BuildCache?, counts: PageCounts) throws -> String {
        guard let cache else {
            counts.add(reused: false)
            return try converter.html(fromMarkdown: page.markdown, fragments: page.fragments)
        }
        let key = self.key(page)
        if let payload = cache.load(.page, key: key), let body = String(validating: payload, as: UTF8.self) {
            counts.add(reused: true)
            return body
        }
        let body = try converter.html(fromMarkdown: page.markdown, fragments: page.fragments)
        cache.store(.page, key: key, Array(body.utf8))
        counts.add(reused: false)
        return body
    }

    /// SHA-256 of the Markdown and of each fragment by name (lengths first, so no two pages
    /// can read the same).
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
        return SHA256.hex(of: bytes)
    }
}
