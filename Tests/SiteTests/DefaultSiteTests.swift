import Foundation
import Testing

/// The default site, built from the repository's Data/ and Templates/ by the real binary.
@Suite("Default site", .serialized)
struct DefaultSiteTests {
    static let built: Result<URL, Error> = Result {
        let (site, output) = try Tool.build()
        guard output.status == 0 else { throw BuildFailure(message: output.stderr) }
        return site
    }

    struct BuildFailure: Error { var message: String }

    func site() throws -> URL { try Self.built.get() }

    @Test func hasTheExpectedPages() throws {
        let files = try tree(try site())
        for path in ["index.html", "index.md", "methodology.html", "methodology.md", "assets/style.css", "assets/site.js",
                     "data/leaderboard.csv", "data/leaderboard.json",
                     "models/baseline-length.html", "models/baseline-length.md", "data/models/baseline-length.json",
                     "charts/baseline-length/matrix-all.svg", "charts/baseline-length/matrix-chat.svg",
                     "models/skywork-reward-llama-3.1-8b.html"] {
            #expect(files[path] != nil, "missing \(path)")
        }
        let index = String(decoding: files["index.html"]!, as: UTF8.self)
        #expect(index.contains("<table>"))
        #expect(index.contains(#"href="models/baseline-length.html""#))
        #expect(!index.contains("@@"), "a fragment placeholder leaked")
    }

    @Test func everyPageIsWellFormedWithResolvingLinks() throws {
        let root = try site()
        let files = try tree(root)
        var parsed: [String: PageParser] = [:]
        for (path, data) in files where path.hasSuffix(".html") {
            let page = PageParser.parse(data)
            #expect(page.error == nil, "\(path): \(page.error ?? "")")
            #expect(page.tags["h1"] == 1, "\(path) should have one h1")
            #expect(page.tags["title"] ?? 0 >= 1, "\(path) has no title")
            #expect(page.htmlLang == "en")
            #expect(Set(page.ids).count == page.ids.count, "\(path) has duplicate ids")
            #expect(page.svgNamespaces.allSatisfy { $0 == "http://www.w3.org/2000/svg" }, "\(path): inline svg without namespace")
            parsed[path] = page
        }
        #expect(parsed.count > 10)
        #expect(LinkChecker.brokenLinks(files) == [])
    }

    /// RM-R1-Qwen-Instruct-32B has two published sources that disagree (the leaderboard's row,
    /// and RM-R1's final_result.json: chat 0.76486, code 0.66082): the page says which one the
    /// leaderboard shows and gives the second minus the first, 76.486 − 75.3 = +1.2 and
    /// 66.082 − 56.2 = +9.9 points.
    @Test func publishedOnlyPageNamesTheLeaderboardSourceAndTheDifferences() throws {
        let page = String(decoding: try Data(contentsOf: try site().appendingPathComponent("models/rm-r1-qwen-instruct-32b.md")), as: UTF8.self)
        #expect(page.contains("| Difference (2 − 1) | +1.2 |"))
        #expect(page.contains(" | +9.9 | "))
        #expect(page.contains("The leaderboard row shows source 1 (THU-KEG/RM-Bench-Leaderboard README"))
        let single = String(decoding: try Data(contentsOf: try site().appendingPathComponent("models/skywork-reward-llama-3.1-8b.md")), as: UTF8.self)
        #expect(!single.contains("Difference") && !single.contains("The leaderboard row shows source"))
    }

    @Test func everySVGFileIsWellFormedAndNamespaced() throws {
        let files = try tree(try site())
        let svgs = files.filter { $0.key.hasSuffix(".svg") }
        #expect(svgs.count >= 4)
        for (path, data) in svgs {
            let page = PageParser.parse(data)
            #expect(page.error == nil, "\(path): \(page.error ?? "")")
            #expect(page.svgNamespaces.first == "http://www.w3.org/2000/svg", "\(path)")
            #expect(page.tags["title"] ?? 0 >= 1 && page.tags["desc"] ?? 0 >= 1, "\(path) needs title and desc")
        }
    }

    @Test func markdownPagesLinkTheirCharts() throws {
        let files = try tree(try site())
        let markdown = String(decoding: files["models/baseline-length.md"]!, as: UTF8.self)
        #expect(markdown.contains("![Chat style-substance matrix](../charts/baseline-length/matrix-chat.svg)"))
        #expect(!markdown.contains("@@"))
        #expect(markdown.contains("| Recomputed | 37.4 | – | 51.6 | 46.8 | 83.7 | 39.4 | 12.7 | 45.3 |"))
    }

    @Test func buildsAreByteIdentical() throws {
        let first = try tree(try site())
        let (again, output) = try Tool.build()
        #expect(output.status == 0)
        let second = try tree(again)
        #expect(first.keys.sorted() == second.keys.sorted())
        for (path, data) in first where second[path] != data {
            Issue.record("\(path) differs between two builds")
        }
    }

    @Test func leaderboardJSONHasEveryRowInTheScoreShape() throws {
        let files = try tree(try site())
        let json = try JSONSerialization.jsonObject(with: files["data/leaderboard.json"]!) as! [String: Any]
        let models = json["models"] as! [[String: Any]]
        let csvRows = String(decoding: files["data/leaderboard.csv"]!, as: UTF8.self).split(separator: "\n").count - 1
        #expect(models.count == csvRows)
        let length = try #require(models.first { $0["model"] as? String == "baseline-length" })
        #expect(length["provenance"] as? String == "recomputed")
        #expect(length["complete"] as? Bool == false)
        #expect(length["missing_domains"] as? [String] == ["math"])
        let domains = length["domains"] as! [String: Any]
        let chat = domains["chat"] as! [String: Any]
        #expect(chat["samples"] as? Int == 129)
        let published = try #require(models.first { $0["model"] as? String == "Skywork-Reward-Llama-3.1-8B" })
        #expect(published["provenance"] as? String == "published")
        #expect(published["average"] as? Double == 0.701)
    }
}

/// Resolves `.` and `..` in a relative path; a result starting with `..` leaves the root.
func normalize(_ path: String) -> String {
    var parts: [String] = []
    for part in path.split(separator: "/") {
        if part == "." { continue }
        if part == "..", let last = parts.last, last != ".." {
            parts.removeLast()
        } else {
            parts.append(String(part))
        }
    }
    return parts.joined(separator: "/")
}
