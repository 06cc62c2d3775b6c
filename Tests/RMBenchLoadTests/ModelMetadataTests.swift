import Foundation
import RMBenchCore
import Testing
@testable import RMBenchLoad

private func metadataProblems(_ text: String, path: String = "models.toml") -> [String] {
    judgeProblems { () throws(InputProblems) in try ModelMetadataReader.parse(Array(text.utf8), path: path) }
}

private func metadata(_ text: String) -> [ModelMetadata] {
    do throws(InputProblems) {
        return try ModelMetadataReader.parse(Array(text.utf8), path: "models.toml")
    } catch {
        Issue.record("unexpected problems: \(error)")
        return []
    }
}

@Suite("ModelMetadataReader")
struct ModelMetadataTests {
    @Test func fixture() throws {
        let path = JudgeFixtures.path("models.toml")
        let models = try ModelMetadataReader.read(path: path)
        #expect(models == [
            ModelMetadata(
                name: "RM-R1-Qwen2.5-Instruct-32B", displayName: "RM-R1 Qwen2.5-Instruct 32B", aliases: ["RM-R1-Qwen-Instruct-32B"],
                type: .generative, kind: .generativeJudge, baseModel: "Qwen/Qwen2.5-32B-Instruct", parameters: 32_000_000_000,
                license: "Apache-2.0", url: "https://huggingface.co/gaotang/RM-R1-Qwen2.5-Instruct-32B", family: "RM-R1",
                reference: "Chen et al. 2025, RM-R1: Reward Modeling as Reasoning", file: path, line: 3),
            ModelMetadata(
                name: "tulu-v2.5-13b-preference-mix-rm",
                aliases: ["allenai/tulu-v2.5-13b-preference-mix-rm", "tulu-v2.5-13b-pref-mix-rm"],
                type: .sequenceClassifier, kind: .sequenceClassifier, parameters: 13_000_000_000,
                family: "tulu-v2.5 preference mix",
                notes: "Trained on the same \"preference mix\" as\tthe DPO variant.\nSecond line: caf\u{E9}", file: path, line: 15),
            ModelMetadata(
                name: "tulu-v2.5-dpo-13b-preference-mix", type: .dpo, kind: .dpoWithReference, parameters: 1_500_000_000,
                family: "tulu-v2.5 preference mix", file: path, line: 27),
            ModelMetadata(name: "length-baseline", type: .baseline, file: path, line: 33),
        ])
        // Names resolve through the metadata ignoring case; the display name comes along.
        let directory = ModelDirectory(metadata: models, names: ["rm-r1-qwen-instruct-32b", "RM-R1", "length-baseline"])
        #expect(directory.id("rm-r1-qwen-instruct-32b")?.name == models[0].name)
        #expect(directory.id("rm-r1-qwen-instruct-32b")?.displayName == "RM-R1 Qwen2.5-Instruct 32B")
        #expect(directory.id("RM-R1")?.metadata == nil)
        #expect(directory.id("length-baseline")?.displayName == "length-baseline")
    }

    /// The example in docs/input-formats.md reads as documented.
    @Test func documentedExample() throws {
        let docs = try String(contentsOf: JudgeSharedData.repository.appendingPathComponent("docs/input-formats.md"), encoding: .utf8)
        let block = try #require(docs.components(separatedBy: "```toml\n").dropFirst().first?.components(separatedBy: "```").first)
        let models = metadata(block)
        #expect(models.map(\.name) == ["RM-R1-Qwen2.5-Instruct-32B", "tulu-v2.5-dpo-13b-preference-mix"])
        #expect(models.map(\.type) == [.generative, .dpo])
        #expect(models.map(\.parameters) == [32_000_000_000, 13_000_000_000])
        #expect(models.last?.aliases == ["allenai/tulu-v2.5-dpo-13b-preference-mix"])
    }

    @Test func unknownKeyListsTheAllowedKeys() {
        #expect(metadataProblems("[[model]]\nname = \"a\"\nlicence = \"MIT\"\nsize = 3\n") == [
            "models.toml:3:1: unknown key \"licence\" (did you mean \"license\"?); the allowed keys are name, display_name, aliases, type, kind, base_model, parameters, license, url, family, reference, notes",
            "models.toml:4:1: unknown key \"size\"; the allowed keys are name, display_name, aliases, type, kind, base_model, parameters, license, url, family, reference, notes",
        ])
    }

    @Test func badStrings() {
        #expect(metadataProblems("""
            [[model]]
            name = "unterminated
            license = "bad \\q escape"
            notes = 'single'
            family = \"\"\"multi\"\"\"
            reference = "ok" "extra"
            url = "ftp://example.org"
            base_model = ""
            """) == [
            "models.toml:2:8: unterminated string: it starts here and must end with \" on the same line",
            "models.toml:3:16: invalid escape \\q in a string; the escapes are \\\" \\\\ \\n \\t \\r \\b \\f \\uXXXX \\UXXXXXXXX",
            "models.toml:4:9: unsupported value: found a single-quoted string; values here are \"double-quoted strings\", integers and [\"lists\", \"of strings\"]",
            "models.toml:5:10: multi-line strings (\"\"\") are not used here; write the value on one line, with \\n for a line break",
            "models.toml:6:18: expected the end of the line after the value of reference, found '\"'; put one key = value per line (a comment starts with #)",
            "models.toml:7:7: \"url\" must be an http:// or https:// address without spaces, found \"ftp://example.org\"",
            "models.toml:8:14: \"base_model\" is empty; leave the key out instead",
        ])
    }

    @Test func duplicateNamesAndAliases() {
        #expect(metadataProblems("""
            [[model]]
            name = "Alpha"
            aliases = ["alpha-v1", "ALPHA"]

            [[model]]
            name = "beta"
            aliases = ["Alpha-V1"]

            [[model]]
            name = "alpha-v1"
            """) == [
            "models.toml:3:24: the alias \"ALPHA\" repeats the name of this model; give each name once",
            "models.toml:7:12: the alias \"Alpha-V1\" of model \"beta\" is already an alias of model \"Alpha\" (line 3); names and aliases must be unique across models, ignoring case",
            "models.toml:10:8: the name \"alpha-v1\" of model \"alpha-v1\" is already an alias of model \"Alpha\" (line 3); names and aliases must be unique across models, ignoring case",
        ])
    }

    @Test func structureAndValueProblems() {
        #expect(metadataProblems("""
            name = "before any block"
            [model]
            [[models]]
            [[model]]
            type = "Scalar RM"
            kind = "dpo"
            parameters = 8.5
            display_name = 3
            aliases = ["a", 2]
            license = "MIT"
            license = "Apache-2.0"
            enabled = true
            a.b = "x"
            [[model]]
            name = "dpo-model"
            kind = "dpo-without-reference"
            type = "generative"
            parameters = "12GB"
            """) == [
            "models.toml:1:1: name = … comes before the first [[model]] line; every key belongs to a [[model]] block",
            "models.toml:2:1: expected [[model]], found [model]; this file holds [[model]] blocks only (a single [table] is not used)",
            "models.toml:3:1: unknown table [[models]]; this file holds [[model]] blocks only",
            "models.toml:4:1: this [[model]] block has no \"name\"; every model needs name = \"…\"",
            "models.toml:5:8: \"type\" must be one of sequence-classifier, dpo, generative, baseline; found \"Scalar RM\"",
            "models.toml:6:8: \"kind\" must be one of sequence-classifier, dpo-with-reference, dpo-without-reference, generative-judge, baseline; found \"dpo\"",
            "models.toml:7:14: unsupported value: found a float; values here are \"double-quoted strings\", integers (like 8030261248 or 8_030_261_248) and [\"lists\", \"of strings\"]",
            "models.toml:8:16: \"display_name\" must be a string in double quotes, found an integer",
            "models.toml:9:17: a list here holds strings only; found a number (write it in quotes if it is a name)",
            "models.toml:11:1: \"license\" is already set on line 10 of this [[model]] block; set it once",
            "models.toml:12:11: unsupported value: found a boolean; values here are \"double-quoted strings\", integers and [\"lists\", \"of strings\"]",
            "models.toml:13:2: dotted keys are not used here; write one key per line, like license = \"MIT\"",
            "models.toml:16:8: \"kind\" dpo-without-reference is a kind of dpo, but \"type\" says generative; leave out \"type\" (the kind implies it) or make them agree",
            "models.toml:18:14: \"parameters\" must be a count such as \"8B\", \"1.5B\" or \"560M\" (or an integer), found \"12GB\"",
        ])
    }

    @Test func commentsCRLFAndMultiLineLists() {
        let models = metadata("# header comment\r\n\r\n[[ model ]]   # spaced header\r\nname = \"x\"  # trailing\r\naliases = [  # open\r\n  \"y\",\r\n\r\n  # a comment line\r\n  \"z\"\r\n]\r\nparameters = 560_000_000\r\n")
        #expect(models == [ModelMetadata(name: "x", aliases: ["y", "z"], parameters: 560_000_000, file: "models.toml", line: 3)])
        #expect(metadata("").isEmpty)
        #expect(metadataProblems("[[model]]\nname = \"x\"\naliases = [\"y\"\n") == [
            "models.toml:3:11: unterminated list: it starts at line 3, column 11 and has no closing ]",
        ])
        #expect(metadataProblems("[[model]]\nname = \"\\u00\"\n") == [
            "models.toml:2:9: \\u needs 4 hex digits",
        ])
    }

    @Test func parameterCounts() {
        let models = metadata("[[model]]\nname = \"a\"\nparameters = \"8B\"\n[[model]]\nname = \"b\"\nparameters = \"0.5B\"\n[[model]]\nname = \"c\"\nparameters = \"560M\"\n[[model]]\nname = \"d\"\nparameters = 7_000\n")
        #expect(models.map(\.parameters) == [8_000_000_000, 500_000_000, 560_000_000, 7_000])
        #expect(metadataProblems("[[model]]\nname = \"a\"\nparameters = 0\n") == [
            "models.toml:3:14: \"parameters\" must be a positive integer or a count such as \"8B\", found an integer below 1",
        ])
        #expect(metadataProblems("[[model]]\nname = \"a\"\nparameters = 1__0\n") == [
            "models.toml:3:14: unsupported value: found '1__0'; values here are \"double-quoted strings\", integers (like 8030261248 or 8_030_261_248) and [\"lists\", \"of strings\"]",
        ])
    }

    @Test func invalidUTF8() {
        var bytes = Array("[[model]]\nname = \"caf".utf8)
        bytes += [0xC3, 0x28]
        bytes += Array("\"\n".utf8)
        #expect(judgeProblems { () throws(InputProblems) in try ModelMetadataReader.parse(bytes, path: "models.toml") } == [
            "models.toml:2:12: the text is not valid UTF-8 (byte 0xC3); save the file as UTF-8",
        ])
    }
}
