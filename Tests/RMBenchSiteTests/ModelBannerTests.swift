import Foundation
import RMBenchAnalyze
import RMBenchCore
import RMBenchRender
import RMBenchSite
import Testing

/// A recomputed model's page: the audit banner of a flagged row, and pages without findings
/// exactly as the template without the banner renders them.
@Suite("Model page audit banner")
struct ModelBannerTests {
    static let templatesFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Templates")
    static let banner = "{{#audit}}\n\n**⚑ [{{summary}}]({{link}})**\n{{/audit}}\n"

    /// The templates with the banner's lines taken out of `model.md.mustache`.
    static func withoutBanner() throws -> TemplateSet {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("rmbench-templates-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: templatesFolder, to: copy)
        defer { try? FileManager.default.removeItem(at: copy) }
        let model = copy.appendingPathComponent("model.md.mustache")
        let text = try String(contentsOf: model, encoding: .utf8)
        #expect(text.contains(banner))
        try text.replacingOccurrences(of: banner, with: "").write(to: model, atomically: true, encoding: .utf8)
        return try TemplateSet.load(directory: copy.path)
    }

    static func page(_ site: RenderedSite, _ model: String, in input: SiteInput) throws -> String {
        let slug = try #require(input.rows.first { $0.id.name == model }?.id.slug)
        return try #require(site.pages.first { $0.path == "models/\(slug)" }).markdown
    }

    @Test func flaggedRowHasBannerOthersUnchanged() async throws {
        var suspect = ResultCheckTests.clean()
        for k in 0..<14 { suspect[k].chosen[0] = "NaN" }
        for k in 200..<400 { suspect[k].chosen = ["1.0", "2.0", "3.0"]; suspect[k].rejected = ["2.0", "2.0", "2.0"] }
        let input = try await ResultCheckTests.site([("suspect", suspect), ("clean", ResultCheckTests.clean(seed: 1))])
        #expect(input.findings.filter { $0.model.name == "suspect" }.map(\.check) == ["non-finite", "ties"])
        let templates = try TemplateSet.load(directory: Self.templatesFolder.path)
        let site = SiteRenderer.render(input, templates: templates)
        let old = SiteRenderer.render(input, templates: try Self.withoutBanner())

        let slug = try #require(input.rows.first { $0.id.name == "suspect" }?.id.slug)
        let line = "**⚑ [2 audit warnings: non-finite scores, ties](../audit.html#audit-\(slug))**"
        let flagged = try Self.page(site, "suspect", in: input)
        #expect(flagged.contains(" prompts\n\n\(line)\n\n| Numbers | Chat | Math |"))
        #expect(flagged.replacingOccurrences(of: "\n\(line)\n", with: "") == (try Self.page(old, "suspect", in: input)))
        // The anchor the banner links to exists on the audit page.
        #expect(site.pages.first { $0.path == "audit" }?.fragments["anchor:audit-\(slug)"] != nil)

        let clean = try Self.page(site, "clean", in: input)
        #expect(!clean.contains("⚑"))
        #expect(clean == (try Self.page(old, "clean", in: input)))
    }
}
