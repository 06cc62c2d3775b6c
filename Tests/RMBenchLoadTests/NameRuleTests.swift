import Testing
import RMBenchCore
@testable import RMBenchLoad

/// Model names from every reader: invisible characters removed, control characters refused
/// with the file, the place and the character.
@Suite("Name rule")
struct NameRuleTests {
    static let oneItem = #"[{"id": 1, "domain": "chat", "score_chosen": [1, 2, 3], "score_rejected": [0, 0, 0]}]"#

    @Test func invisibleCharactersAreRemoved() throws {
        #expect(try NameRule.cleaned("Llama\u{200B}-3\u{200C}\u{200D}\u{2060}\u{FEFF}") == "Llama-3")
        #expect(try NameRule.cleaned("\u{202E}evil\u{202C}\u{061C}\u{200E}\u{200F}\u{202A}\u{202B}\u{202D}\u{2066}\u{2067}\u{2068}\u{2069}") == "evil")
        #expect(try NameRule.cleaned("Modèl 模型 🦙") == "Modèl 模型 🦙")
    }

    @Test func controlCharactersAreRefusedByName() {
        let cases: [(String, String)] = [
            ("a\u{0}b", "contains U+0000 NUL; control characters are not allowed in names"),
            ("a\u{1B}[31m", "contains U+001B ESC; control characters are not allowed in names"),
            ("tab\there", "contains U+0009 TAB; control characters are not allowed in names"),
            ("line\nbreak", "contains U+000A LF; control characters are not allowed in names"),
            ("del\u{7F}", "contains U+007F DEL; control characters are not allowed in names"),
            ("csi\u{9B}", "contains U+009B (a C1 control character); control characters are not allowed in names"),
        ]
        for (name, message) in cases {
            #expect(throws: NameRule.Refusal.self) { try NameRule.cleaned(name) }
            do throws(NameRule.Refusal) {
                _ = try NameRule.cleaned(name)
            } catch {
                #expect(error.description == message)
            }
        }
    }

    // MARK: Published CSV

    @Test func csvModelWithNULIsRefusedWithLineAndColumn() {
        let csv = "model,average\nok-model,50\nbad\u{0}model,60\n"
        let found = judgeProblems { () throws(InputProblems) in try PublishedReader.parse(Array(csv.utf8), path: "published/t.csv") }
        #expect(found == [#"published/t.csv:line 3, column "model": the model name contains U+0000 NUL; control characters are not allowed in names"#])
    }

    @Test func csvNamesDifferingOnlyByZeroWidthAreOneModel() {
        let csv = "model,average\nLlama-3,50\nLlama\u{200B}-3,60\n"
        let found = judgeProblems { () throws(InputProblems) in try PublishedReader.parse(Array(csv.utf8), path: "t.csv") }
        #expect(found == [#"t.csv:line 3, column "model": the model "Llama-3" is also on line 2; each model may appear once"#])
    }

    @Test func csvBidiControlsAreStripped() throws {
        let rows = try PublishedReader.parse(Array("model,average\n\u{202E}abc\u{202C} ,50\n".utf8), path: "t.csv")
        #expect(rows.map(\.model) == ["abc"])
    }

    // MARK: Markdown table

    @Test func markdownTableModelWithESCIsRefused() {
        let table = "| Model | Average |\n|---|---|\n| [bad\u{1B}[2J](https://x.org) | 50 |\n"
        let found = judgeProblems { () throws(InputProblems) in try MarkdownTableReader.parse(Array(table.utf8), path: "t.md") }
        #expect(found == [#"t.md:line 3, column "Model": the model name contains U+001B ESC; control characters are not allowed in names"#])
    }

    @Test func markdownTableZeroWidthIsStripped() throws {
        let rows = try MarkdownTableReader.parse(Array("| Model | Average |\n|---|---|\n| a\u{200B}b | 50 |\n".utf8), path: "t.md")
        #expect(rows.map(\.model) == ["ab"])
    }

    // MARK: External metrics

    @Test func externalMetricsRefuseControlsInModelsAndMetricNames() {
        let csv = "model,ok,bad\u{7}metric\nm\u{0}1,1,2\nm2,3,4\n"
        let found = judgeProblems { () throws(InputProblems) in try ExternalMetricsReader.parse(Array(csv.utf8), path: "e.csv") }
        #expect(found == [
            "e.csv:line 1: the name of column 3 contains U+0007 BEL; control characters are not allowed in names",
            #"e.csv:line 2, column "model": the model name contains U+0000 NUL; control characters are not allowed in names"#,
        ])
    }

    @Test func externalMetricsStripInvisibleCharacters() throws {
        let metrics = try ExternalMetricsReader.parse(Array("model,score\u{200F}\na\u{2066}b,1\n".utf8), path: "e.csv")
        #expect(metrics.models == ["ab"])
        #expect(metrics.metrics.map(\.name) == ["score"])
        #expect(metrics.values == ["ab": ["score": 1]])
    }

    // MARK: Model metadata

    @Test func metadataRefusesControlsInNamesAliasesAndDisplayNames() {
        let toml = """
        [[model]]
        name = "a\\u0000b"
        display_name = "shown\\u001b[31m"
        aliases = ["ok", "bad\\u0085"]
        """
        let found = judgeProblems { () throws(InputProblems) in try ModelMetadataReader.parse(Array(toml.utf8), path: "models.toml") }
        #expect(found == [
            "models.toml:2:8: the name contains U+0000 NUL; control characters are not allowed in names",
            "models.toml:3:16: the display name contains U+001B ESC; control characters are not allowed in names",
            "models.toml:4:18: an alias contains U+0085 (a C1 control character); control characters are not allowed in names",
        ])
    }

    @Test func metadataStripsInvisibleCharactersSoLookAlikesCollide() {
        let toml = """
        [[model]]
        name = "Llama-3"

        [[model]]
        name = "Llama\\u200B-3"
        """
        let found = judgeProblems { () throws(InputProblems) in try ModelMetadataReader.parse(Array(toml.utf8), path: "models.toml") }
        #expect(found == [#"models.toml:5:8: the name "Llama-3" of model "Llama-3" is already the name of model "Llama-3" (line 2); names and aliases must be unique across models, ignoring case"#])
    }

    // MARK: Result files, aggregate results, judge logs

    @Test func resultFileModelFromPathWithESCIsRefused() {
        #expect(problems(Self.oneItem, path: "results/Seq_Classifier/evil\u{1B}]0;x\u{7}/run.json") == [
            "results/Seq_Classifier/evil\u{1B}]0;x\u{7}/run.json: the model name taken from the path contains U+001B ESC; control characters are not allowed in names; rename the file or folder, or give the model name",
        ])
        #expect(problems(Self.oneItem, path: "run.json", options: ResultReadOptions(model: "m\u{0}")) == [
            "run.json: the model name given for this file contains U+0000 NUL; control characters are not allowed in names",
        ])
    }

    @Test func resultFileNamesDifferingOnlyByZeroWidthAreOneModel() async throws {
        let a = try ResultReader.parse(Array(Self.oneItem.utf8), path: "results/Seq_Classifier/my-rm/a.json")
        let b = try ResultReader.parse(Array(Self.oneItem.utf8), path: "results/Seq_Classifier/my\u{200B}-rm\u{202E}/b.json")
        #expect(a.model == "my-rm" && b.model == "my-rm")
        let merged = ResultSet.merge([a, b])
        #expect(merged.runs.map(\.model) == ["my-rm"])
        #expect(merged.problems.map(\.message) == [#"item with domain "chat" and id 1 of model "my-rm" is also in results/Seq_Classifier/my-rm/a.json; each (domain, id) may appear once per model"#])
    }

    @Test func aggregateResultModelFromPathIsChecked() throws {
        let text = #"{"chat": 0.5}"#
        let found = judgeProblems { () throws(InputProblems) in
            try AggregateResultReader.parse(Array(text.utf8), path: "eval/result/bad\u{9B}31m/RM-Bench/final_result.json")
        }
        #expect(found == ["eval/result/bad\u{9B}31m/RM-Bench/final_result.json: the model name taken from the path contains U+009B (a C1 control character); control characters are not allowed in names; rename the file or folder, or give the model name"])
        let row = try AggregateResultReader.parse(Array(text.utf8), path: "eval/result/RM\u{200B}-R1/RM-Bench/final_result.json")
        #expect(row.model == "RM-R1")
    }

    @Test func pairwiseVerdictModelIsChecked() {
        let line = #"{"id": 1, "domain": "chat", "chosen_style": 0, "rejected_style": 0, "verdict": "chosen"}"#
        let found = judgeProblems { () throws(InputProblems) in try PairwiseVerdictReader.parse(Array(line.utf8), path: "v.jsonl", model: "j\u{7}") }
        #expect(found == ["v.jsonl: the model name given for this file contains U+0007 BEL; control characters are not allowed in names"])
    }
}
