import Foundation
import Testing

/// The build cache from the command line: where it goes by default, what a no-change build
/// says, warnings that a quiet build still prints, and contradictory options.
@Suite("build --cache")
struct BuildCacheCommandTests {
    /// A copy of the default data (so the cache lands beside it, in the sandbox) and its templates.
    static func sandbox() throws -> (folder: URL, data: URL) {
        let folder = temporaryDirectory()
        let data = folder.appendingPathComponent("Data")
        try FileManager.default.copyItem(at: Tool.repository.appendingPathComponent("Data"), to: data)
        return (folder, data)
    }

    @Test func defaultCacheBesideTheDataAndANoChangeBuild() throws {
        let (folder, data) = try Self.sandbox()
        defer { try? FileManager.default.removeItem(at: folder) }
        let site = folder.appendingPathComponent("Site")
        let arguments = ["build", "--bootstrap", "0", "--data", data.path, "--output", site.path]
        let first = try Tool.run(arguments)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("cache: 0 result file(s) reused parsed and measured, 3 read"))
        var isDirectory: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(".rmbench-cache/run").path, isDirectory: &isDirectory) && isDirectory.boolValue)
        let index = site.appendingPathComponent("index.html")
        let written = try FileManager.default.attributesOfItem(atPath: index.path)[.modificationDate] as? Date

        let second = try Tool.run(arguments)
        #expect(second.status == 0)
        #expect(second.stderr.contains("nothing changed since the last build"), "\(second.stderr)")
        #expect(try FileManager.default.attributesOfItem(atPath: index.path)[.modificationDate] as? Date == written)

        // Another title is another build; the result files come from the cache.
        let retitled = try Tool.run(arguments + ["--title", "Other"])
        #expect(retitled.status == 0)
        #expect(retitled.stderr.contains("cache: 3 result file(s) reused parsed and measured, 0 read"), "\(retitled.stderr)")
        #expect(try String(contentsOf: index, encoding: .utf8).contains("Other"))
    }

    @Test func aQuietBuildStillWarnsOfADamagedEntry() throws {
        let (folder, data) = try Self.sandbox()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = folder.appendingPathComponent("cache")
        #expect(try Tool.run(["build", "--quiet", "--bootstrap", "0", "--data", data.path, "--output", folder.appendingPathComponent("A").path,
                              "--cache", cache.path]).status == 0)
        let runs = cache.appendingPathComponent("run")
        let entries = try #require(FileManager.default.enumerator(atPath: runs.path)?.allObjects as? [String])
            .filter { $0.split(separator: "/").count == 2 }
        try #require(entries.count == 3)
        let damaged = runs.appendingPathComponent(entries[0])
        try Data("rmbench-cache 1\ntruncated".utf8).write(to: damaged)
        let rebuilt = try Tool.run(["build", "--quiet", "--bootstrap", "0", "--data", data.path, "--output", folder.appendingPathComponent("B").path,
                                    "--cache", cache.path])
        #expect(rebuilt.status == 0)
        #expect(rebuilt.stderr == "warning: cache entry \(damaged.path) has no complete header; it was ignored, deleted and rebuilt\n")
        // Same site as from the good entries, and as without a cache.
        #expect(try Tool.run(["build", "--quiet", "--bootstrap", "0", "--data", data.path, "--output", folder.appendingPathComponent("C").path,
                              "--no-cache"]).status == 0)
        for page in ["index.html", "models/baseline-length.html", "prompts/index.html"] {
            let b = try Data(contentsOf: folder.appendingPathComponent("B/\(page)"))
            #expect(b == (try Data(contentsOf: folder.appendingPathComponent("A/\(page)"))))
            #expect(b == (try Data(contentsOf: folder.appendingPathComponent("C/\(page)"))))
        }
    }

    @Test func contradictoryOrOverlappingCacheOptionsAreRefused() throws {
        let (folder, data) = try Self.sandbox()
        defer { try? FileManager.default.removeItem(at: folder) }
        let both = try Tool.run(["build", "--data", data.path, "--output", folder.appendingPathComponent("Site").path, "--cache", "c", "--no-cache"])
        #expect(both.status == 64)   // a usage error, as every other option check
        #expect(both.stderr.contains("--cache and --no-cache contradict each other"))
        let inside = try Tool.run(["build", "--data", data.path, "--output", folder.appendingPathComponent("Site").path,
                                   "--cache", data.appendingPathComponent("cache").path])
        #expect(inside.status == 2)
        #expect(inside.stderr.contains("the cache folder lies inside the data folder"), "\(inside.stderr)")
        #expect(!FileManager.default.fileExists(atPath: data.appendingPathComponent("cache").path))
    }
}
