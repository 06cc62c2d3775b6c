import RMBenchCore
import Testing

@Suite("Model directory")
struct ModelDirectoryTests {
    static let metadata = [
        ModelMetadata(name: "RM-R1-Qwen-Instruct-32B", displayName: "RM-R1 (Qwen, 32B)", aliases: ["RM-R1-Qwen2.5-Instruct-32B"],
                      file: "models.toml", line: 1),
    ]

    @Test("an alias and the metadata name are one model, whichever is read first")
    func aliasesResolveToTheMetadataName() throws {
        let directory = ModelDirectory(metadata: Self.metadata, names: ["rm-r1-qwen2.5-instruct-32b", "RM-R1-Qwen-Instruct-32B"])
        let byAlias = try #require(directory.id("RM-R1-Qwen2.5-Instruct-32B"))
        #expect(byAlias == directory.id("rm-r1-qwen-instruct-32b"))
        #expect(byAlias.name == "RM-R1-Qwen-Instruct-32B")
        #expect(byAlias.displayName == "RM-R1 (Qwen, 32B)")
        #expect(byAlias.slug == "rm-r1-qwen-instruct-32b")
        #expect(byAlias.aliases == ["RM-R1-Qwen2.5-Instruct-32B", "rm-r1-qwen2.5-instruct-32b"])
        #expect(directory.ids.count == 1)
    }

    @Test("without metadata, spellings that differ in case are one model named as first read")
    func caseInsensitiveFirstSpellingWins() throws {
        let directory = ModelDirectory(metadata: [], names: ["Skywork-Reward", "skywork-reward", "Other"])
        #expect(directory.ids.map(\.name) == ["Skywork-Reward", "Other"])
        #expect(directory.id("SKYWORK-REWARD")?.aliases == ["skywork-reward"])
        #expect(directory.id("unknown") == nil)
    }

    @Test("names that share a plain slug get distinct slugs, assigned once")
    func uniqueSlugs() throws {
        let directory = ModelDirectory(metadata: [], names: ["org/model", "org-model", "plain"])
        let slugs = directory.ids.map(\.slug)
        #expect(Set(slugs).count == 3)
        #expect(slugs[0].hasPrefix("org-model-") && slugs[1].hasPrefix("org-model-"))
        #expect(slugs[2] == "plain")
        #expect(directory.id("org/model")?.slug == slugs[0])
    }
}
