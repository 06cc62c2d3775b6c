import Foundation
import RMBenchCache
import RMBenchSite
import Testing

/// The build cache seen from a build: same output as without it, exactly the affected work
/// redone, damaged entries never used.
@Suite("Cached builds")
struct CachedBuildTests {
    /// Every file of a site folder by relative path.
    static func tree(_ folder: URL) -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        while let relative = enumerator?.nextObject() as? String {
            let url = folder.appendingPathComponent(relative)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[relative] = FileManager.default.contents(atPath: url.path)
            }
        }
        return files
    }

    struct Setup {
        let data: URL
        let work: URL
        var cache: URL { work.appendingPathComponent("cache") }

        init() throws {
            data = try PipelineTests.data()
            work = data.deletingLastPathComponent()
        }

        func options(_ output: String, cache: Bool = true, templates: String? = nil, title: String = "RM-Bench leaderboard",
                     warnings: Lines? = nil) -> SiteBuild.Options {
            SiteBuild.Options(data: data.path, templates: templates, output: work.appendingPathComponent(output).path, title: title,
                              bootstrap: BootstrapSettings(resamples: 50),
                              progress: warnings.map { lines in Progress(warnings: { lines.append($0) }) } ?? .quiet,
                              cache: cache ? self.cache.path : nil)
        }
    }

    @Test("cold, rebuilt and uncached builds write byte-identical sites; with nothing changed the output is left as it is")
    func identical() async throws {
        let setup = try Setup()
        try await SiteBuild.run(setup.options("plain", cache: false))
        let plain = Self.tree(setup.work.appendingPathComponent("plain"))
        let cold = try await SiteBuild.run(setup.options("cold"))
        #expect(!cold.unchanged && cold.pagesReused == 0 && cold.filesKept == 0 && cold.pagesConverted > 10 && cold.resultFilesRead == 2)
        #expect(Self.tree(setup.work.appendingPathComponent("cold")) == plain)
        // Another output folder with the same cache: its pages are its own, made anew.
        let other = try await SiteBuild.run(setup.options("other"))
        #expect(!other.unchanged && other.pagesReused == 0 && other.pagesConverted == cold.pagesConverted)
        #expect(other.resultFilesReused == 2 && other.resultFilesRead == 0)
        #expect(Self.tree(setup.work.appendingPathComponent("other")) == plain)

        let marker = setup.work.appendingPathComponent("cold/.rmbench-site")
        let before = try FileManager.default.attributesOfItem(atPath: marker.path)[.modificationDate] as? Date
        let again = try await SiteBuild.run(setup.options("cold"))
        #expect(again.unchanged)
        #expect(try FileManager.default.attributesOfItem(atPath: marker.path)[.modificationDate] as? Date == before)

        // A file removed from the output by hand: the output is no longer what the record says;
        // that page is made again, every other file is kept from the last build.
        try FileManager.default.removeItem(at: setup.work.appendingPathComponent("cold/index.html"))
        let repaired = try await SiteBuild.run(setup.options("cold"))
        #expect(!repaired.unchanged && repaired.pagesConverted == 1 && repaired.pagesReused == cold.pagesConverted - 1)
        #expect(repaired.filesKept == repaired.files - 1)
        #expect(Self.tree(setup.work.appendingPathComponent("cold")) == plain)
    }

    @Test("a changed result file is the only one read again; a changed template reconverts only the pages it makes")
    func exactInvalidation() async throws {
        let setup = try Setup()
        let first = try await SiteBuild.run(setup.options("site"))
        try PipelineTests.items(shift: 3).write(to: setup.data.appendingPathComponent("results/Seq_Classifier/model-b/results.json"),
                                                atomically: true, encoding: .utf8)
        let changedInput = try await SiteBuild.run(setup.options("site"))
        #expect(changedInput.resultFilesRead == 1 && changedInput.resultFilesReused == 1)
        #expect(changedInput.pagesConverted > 0 && changedInput.pagesConverted + changedInput.pagesReused == first.pagesConverted)

        // model.md renders the recomputed models' pages: model-a's and model-b's, nothing else.
        let templates = setup.work.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        let builtIn = PipelineTests.repository.appendingPathComponent("Templates/model.md.mustache")
        try (String(contentsOf: builtIn, encoding: .utf8) + "\nEdited by hand.\n")
            .write(to: templates.appendingPathComponent("model.md.mustache"), atomically: true, encoding: .utf8)
        let changedTemplate = try await SiteBuild.run(setup.options("site", templates: templates.path))
        #expect(changedTemplate.pagesConverted == 2 && changedTemplate.pagesReused == first.pagesConverted - 2)
        #expect(changedTemplate.resultFilesRead == 0)
        let page = try String(contentsOf: setup.work.appendingPathComponent("site/models/model-b.html"), encoding: .utf8)
        #expect(page.contains("Edited by hand."))

        let retitled = try await SiteBuild.run(setup.options("site", templates: templates.path, title: "Another title"))
        #expect(!retitled.unchanged)
        let index = try String(contentsOf: setup.work.appendingPathComponent("site/index.html"), encoding: .utf8)
        #expect(index.contains("Another title"))
    }

    @Test("damaged cache entries and hand-edited output files are detected, reported or rewritten, never used; deleting the cache is always safe")
    func damagedCache() async throws {
        let setup = try Setup()
        try await SiteBuild.run(setup.options("reference", cache: false))
        let reference = Self.tree(setup.work.appendingPathComponent("reference"))
        let first = try await SiteBuild.run(setup.options("first"))
        // Truncate every run entry.
        var damaged = 0
        for url in Self.entries(setup.cache.appendingPathComponent("run")) {
            var bytes = [UInt8](try Data(contentsOf: url))
            bytes.removeLast(5)
            try Data(bytes).write(to: url)
            damaged += 1
        }
        // Edit a page and a Markdown copy in place (same size), re-permission one page, and give
        // another a second name outside the output: none of them may be carried into the next build.
        let site = setup.work.appendingPathComponent("first")
        for name in ["methodology.html", "methodology.md"] {
            var bytes = [UInt8](try Data(contentsOf: site.appendingPathComponent(name)))
            bytes[bytes.count / 2] ^= 0x20
            try Data(bytes).write(to: site.appendingPathComponent(name))
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: site.appendingPathComponent("types.html").path)
        let outside = setup.work.appendingPathComponent("outside-link.html")
        try FileManager.default.linkItem(at: site.appendingPathComponent("index.html"), to: outside)
        let outsideBefore = try Data(contentsOf: outside)

        let warnings = Lines()
        let rebuilt = try await SiteBuild.run(setup.options("first", warnings: warnings))
        #expect(warnings.values.count == damaged)
        #expect(Set(warnings.values).count == damaged)
        #expect(warnings.values.allSatisfy { $0.hasPrefix("warning: cache entry ") && $0.hasSuffix("it was ignored, deleted and rebuilt") })
        #expect(rebuilt.resultFilesRead == 2)
        #expect(rebuilt.pagesConverted == 3 && rebuilt.pagesReused == first.pagesConverted - 3)
        #expect(rebuilt.filesKept == rebuilt.files - 4)
        #expect(Self.tree(site) == reference)
        #expect(try Data(contentsOf: outside) == outsideBefore)
        let types = try FileManager.default.attributesOfItem(atPath: site.appendingPathComponent("types.html").path)
        #expect(types[.posixPermissions] as? Int == 0o644)

        // A damaged record of the output: reported, and nothing is carried over.
        for url in Self.entries(setup.cache.appendingPathComponent("site")) {
            var bytes = [UInt8](try Data(contentsOf: url))
            bytes[bytes.count - 1] ^= 0x20
            try Data(bytes).write(to: url)
        }
        try FileManager.default.removeItem(at: site.appendingPathComponent("index.html"))
        let unrecorded = Lines()
        let fresh = try await SiteBuild.run(setup.options("first", warnings: unrecorded))
        #expect(unrecorded.values.count == 1 && unrecorded.values[0].hasPrefix("warning: cache entry "))
        #expect(fresh.pagesReused == 0 && fresh.filesKept == 0)
        #expect(Self.tree(site) == reference)

        try FileManager.default.removeItem(at: setup.cache)
        let afterDelete = try await SiteBuild.run(setup.options("first"))
        #expect(!afterDelete.unchanged && afterDelete.resultFilesRead == 2 && afterDelete.pagesReused == 0)
        #expect(Self.tree(site) == reference)
    }

    /// Every regular file under a cache folder.
    static func entries(_ root: URL) -> [URL] {
        var urls: [URL] = []
        guard let enumerator = FileManager.default.enumerator(atPath: root.path) else { return [] }
        for case let relative as String in enumerator {
            let url = root.appendingPathComponent(relative)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue { urls.append(url) }
        }
        return urls
    }

    @Test("two builds sharing one cache at the same time both write the right site")
    func concurrentBuilds() async throws {
        let setup = try Setup()
        try await SiteBuild.run(setup.options("reference", cache: false))
        let reference = Self.tree(setup.work.appendingPathComponent("reference"))
        for round in 0..<3 {
            async let a = SiteBuild.run(setup.options("a\(round)"))
            async let b = SiteBuild.run(setup.options("b\(round)"))
            _ = try await (a, b)
            #expect(Self.tree(setup.work.appendingPathComponent("a\(round)")) == reference)
            #expect(Self.tree(setup.work.appendingPathComponent("b\(round)")) == reference)
        }
        let warnings = Lines()
        try await SiteBuild.run(setup.options("c", warnings: warnings))
        #expect(warnings.values.isEmpty)
        #expect(Self.tree(setup.work.appendingPathComponent("c")) == reference)
    }

    @Test("the cache folder may not be, contain or lie inside the data folder or the output")
    func cacheOverlap() async throws {
        let setup = try Setup()
        for cache in [setup.data.path, setup.data.appendingPathComponent("cache").path, setup.work.appendingPathComponent("site/cache").path] {
            var options = setup.options("site")
            options.cache = cache
            await #expect {
                try await SiteBuild.run(options)
            } throws: { error in
                guard case .input? = error as? PipelineFailure else { return false }
                return true
            }
        }
    }
}
