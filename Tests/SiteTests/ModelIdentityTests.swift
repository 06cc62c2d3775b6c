import Foundation
import Testing

/// One model identity across sources: a result folder named by an alias, a metadata entry under
/// another name, and a published row that disagrees all become one leaderboard row whose every
/// link and anchor (page, audit, chart, report) uses the same slug; the metadata a user wrote is
/// shown.
@Suite("Model identity on the site")
struct ModelIdentityTests {
    /// The default data, with `baseline-length` known to the metadata only as an alias of
    /// `length-baseline-canonical`, and a published row under the alias that disagrees.
    static func data() throws -> URL {
        let data = temporaryDirectory().appendingPathComponent("Data")
        try FileManager.default.copyItem(at: Tool.repository.appendingPathComponent("Data"), to: data)
        let metadataFile = data.appendingPathComponent("models.toml")
        var metadata = try String(contentsOf: metadataFile, encoding: .utf8)
        let original = """
            [[model]]
            name = "baseline-length"
            kind = "baseline"
            notes = "reward = response length in characters"
            """
        #expect(metadata.contains(original))
        metadata = metadata.replacingOccurrences(of: original, with: """
            [[model]]
            name = "length-baseline-canonical"
            display_name = "Length <baseline>"
            aliases = ["baseline-length"]
            kind = "baseline"
            base_model = "none (text statistics)"
            license = "MIT"
            url = "https://example.org/length-baseline"
            reference = "RM-Bench paper, section 5"
            notes = "reward = response length in characters"
            """)
        try metadata.write(to: metadataFile, atomically: true, encoding: .utf8)
        try """
            model,type,chat,math,code,safety,easy,normal,hard,average,source
            baseline-length,Baseline,90.0,-,90.0,90.0,90.0,90.0,90.0,90.0,a disagreeing test source

            """.write(to: data.appendingPathComponent("published/disagreeing.csv"), atomically: true, encoding: .utf8)
        return data
    }

    @Test("every link and anchor resolves; one row, one slug, the display name and the model card")
    func aliasOnlyMetadataWithDisagreeingRow() throws {
        let (site, output) = try Tool.build(data: try Self.data(), extra: ["--bootstrap", "0"])
        #expect(output.status == 0, "\(output.stderr)")
        let files = try tree(site)
        #expect(LinkChecker.brokenLinks(files) == [])

        let index = String(decoding: files["index.html"] ?? Data(), as: UTF8.self)
        #expect(index.contains(#"href="models/length-baseline-canonical.html""#))
        #expect(index.contains(#"href="audit.html#audit-length-baseline-canonical""#))
        #expect(index.contains("Length &lt;baseline&gt;"))
        #expect(!index.contains("<baseline>"))
        #expect(!index.contains(#"models/baseline-length.html"#))
        #expect(files["models/baseline-length.html"] == nil)

        let page = String(decoding: files["models/length-baseline-canonical.html"] ?? Data(), as: UTF8.self)
        #expect(page.contains("<h1"))
        #expect(page.contains("Length &lt;baseline&gt;"))
        for shown in ["length-baseline-canonical", "baseline-length", "none (text statistics)", "MIT",
                      #"href="https://example.org/length-baseline""#, "RM-Bench paper, section 5", "reward = response length in characters"] {
            #expect(page.contains(shown), "model page lacks \(shown)")
        }
        // The disagreeing published row joined the recomputed one.
        #expect(page.contains("a disagreeing test source"))

        let audit = String(decoding: files["audit.html"] ?? Data(), as: UTF8.self)
        #expect(audit.contains(#"id="audit-length-baseline-canonical""#))
    }
}
