import Foundation
import Testing

/// Data from strangers: names and texts with markup, quotes, ampersands and path tricks.
@Suite("Hostile data")
struct HostileSiteTests {
    static let evil = #"<script>alert(1)</script>"&'../../x"#

    /// A data folder whose model directory, subset, and published row are all hostile.
    static func hostileData() throws -> URL {
        let data = temporaryDirectory().appendingPathComponent("Data")
        let modelFolder = data.appendingPathComponent("results/Seq_Classifier/<img src=x onerror=alert(2)>&\"model'")
        try FileManager.default.createDirectory(at: modelFolder, withIntermediateDirectories: true)
        let item = { (id: Int, domain: String) in
            #"{"id": \#(id), "domain": "\#(domain)", "subset": "<script>alert(3)</script>\"&", "prompt": "<script>alert(4)</script> ../../etc/passwd", "score_chosen": [1, 2, 3], "score_rejected": [0, 2, 4]}"#
        }
        let items = ["chat", "math", "code", "safety-refuse"].enumerated().map { item($0.offset, $0.element) }
        try ("[" + items.joined(separator: ",\n") + "]").write(to: modelFolder.appendingPathComponent("results.json"), atomically: true, encoding: .utf8)
        let published = data.appendingPathComponent("published")
        try FileManager.default.createDirectory(at: published, withIntermediateDirectories: true)
        let csv = """
            model,type,url,chat,math,code,safety,easy,normal,hard,average,source
            "\(evil.replacingOccurrences(of: "\"", with: "\"\""))",Scalar RM,javascript:alert(5),50,50,50,50,50,50,50,50,"[click](javascript:alert(6)) <b>bold</b> @=cmd"
            "=HYPERLINK(""http://evil"")",Scalar RM,https://example.org/ok,,,,,,,,40,ok

            """
        try csv.write(to: published.appendingPathComponent("evil.csv"), atomically: true, encoding: .utf8)
        return data
    }

    @Test func nothingFromDataReachesTheOutputUnescaped() throws {
        let data = try Self.hostileData()
        let parent = data.deletingLastPathComponent()
        let before = try FileManager.default.contentsOfDirectory(atPath: parent.path).sorted()
        let (site, output) = try Tool.build(data: data)
        #expect(output.status == 0, "\(output.stderr)")
        let files = try tree(site)
        for (path, contents) in files where path.hasSuffix(".html") || path.hasSuffix(".svg") {
            let text = String(decoding: contents, as: UTF8.self)
            #expect(!text.contains("<script>alert"), "\(path) has a live script tag")
            #expect(!text.contains("<img src=x"), "\(path) has a live img tag")
            #expect(!text.contains("<b>bold</b>"), "\(path) passes raw HTML through")
            for attribute in ["href=\"javascript:", "src=\"javascript:", "href='javascript:"] {
                #expect(!text.lowercased().contains(attribute), "\(path) links a javascript: URL")
            }
            #expect(PageParser.parse(contents).error == nil, "\(path) is not well-formed")
        }
        // In the Markdown copies every '<' from data is backslash-escaped; ours open autolinks.
        for (path, contents) in files where path.hasSuffix(".md") {
            let text = String(decoding: contents, as: UTF8.self)
            for range in text.ranges(of: "<") {
                let before = range.lowerBound == text.startIndex ? "" : String(text[text.index(before: range.lowerBound)])
                #expect(before == "\\" || text[range.upperBound...].hasPrefix("http"), "\(path): unescaped < in Markdown")
            }
        }
        // Every written file is inside the output folder, with a safe name.
        for path in files.keys {
            #expect(!path.contains(".."), "\(path)")
            #expect(path.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-._/".contains($0)) }, "unsafe file name \(path)")
        }
        // The build cache is the one folder a build adds beside the data folder (by design: see README).
        let after = try FileManager.default.contentsOfDirectory(atPath: parent.path).sorted()
        #expect(after == (before + [".rmbench-cache"]).sorted(), "files appeared next to the data folder: \(after)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.deletingLastPathComponent().path) == ["Site"],
                "files appeared next to the output folder")
        // Escaped forms are there: the names are shown, not dropped.
        let index = String(decoding: files["index.html"]!, as: UTF8.self)
        #expect(index.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        let csv = String(decoding: files["data/leaderboard.csv"]!, as: UTF8.self)
        #expect(csv.contains("\"'=HYPERLINK(\"\"http://evil\"\")\""), "formula not neutralised in CSV: \(csv)")
    }

    @Test func badInputExitsWithStatusTwoAndKeepsTheOldSite() throws {
        let (site, first) = try Tool.build()
        #expect(first.status == 0)
        let before = try tree(site)
        let data = temporaryDirectory().appendingPathComponent("Data")
        let folder = data.appendingPathComponent("results")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try #"[{"id": 1, "domain": "chat", "score_chosen": [1, 2], "score_rejected": [0, 0, 0]}, {"id": 2, "domain": "reasoning", "score_chosen": [1, 2, 3], "score_rejected": [0, 0, 0]}"#
            .write(to: folder.appendingPathComponent("broken.json"), atomically: true, encoding: .utf8)
        let output = try Tool.run(["build", "--data", data.path, "--templates", Tool.repository.appendingPathComponent("Templates").path,
                                   "--output", site.path])
        #expect(output.status == 2)
        #expect(output.stderr.contains("broken.json:1:46: item 0 (id 1): \"score_chosen\" must hold 3 numbers"))
        #expect(output.stderr.contains("unknown domain \"reasoning\""))
        #expect(output.stderr.contains("expected ',' or ']' after item 1, found end of file"))
        #expect(output.stdout.isEmpty)
        #expect(try tree(site) == before, "the previous site changed")
    }
}
