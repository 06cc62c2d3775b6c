import Foundation

/// Checks a built site's internal links: every relative `href`/`src` resolves to a file of the
/// site, and every `#fragment` into an HTML page names an id on that page.
enum LinkChecker {
    /// One line per broken link: `page: link … (why)`.
    static func brokenLinks(_ files: [String: Data]) -> [String] {
        var pages: [String: PageParser] = [:]
        for (path, data) in files where path.hasSuffix(".html") { pages[path] = PageParser.parse(data) }
        let idsByPage = pages.mapValues { Set($0.ids) }
        var broken: [String] = []
        for (path, page) in pages.sorted(by: { $0.key < $1.key }) {
            let folder = (path as NSString).deletingLastPathComponent
            for link in page.links {
                if link.hasPrefix("http://") || link.hasPrefix("https://") || link.hasPrefix("mailto:") { continue }
                let parts = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                let target = parts[0].isEmpty ? path : normalize(folder.isEmpty ? parts[0] : folder + "/" + parts[0])
                if target.hasPrefix("..") {
                    broken.append("\(path): \(link) (leaves the site)")
                } else if files[target] == nil {
                    broken.append("\(path): \(link) (no such file)")
                } else if parts.count == 2, !parts[1].isEmpty, target.hasSuffix(".html"), idsByPage[target]?.contains(parts[1]) != true {
                    broken.append("\(path): \(link) (no id \"\(parts[1])\" on \(target))")
                }
            }
        }
        return broken
    }
}
