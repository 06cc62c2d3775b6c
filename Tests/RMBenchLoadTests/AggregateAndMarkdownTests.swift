import Foundation
import RMBenchCore
import Testing
@testable import RMBenchLoad

/// The real public data in `../shared/data`, through `RMBENCH_SHARED_DATA` (as the score
/// tests find it); tests that need it are skipped with this reason when it is absent.
enum JudgeSharedData {
    static let directory: URL? = {
        guard let path = ProcessInfo.processInfo.environment["RMBENCH_SHARED_DATA"], !path.isEmpty else { return nil }
        let url = URL(fileURLWithPath: path)
        return FileManager.default.fileExists(atPath: url.appendingPathComponent("README.md").path) ? url : nil
    }()

    static var available: Bool { directory != nil }

    static let skipReason: Comment = "RMBENCH_SHARED_DATA does not point at ../shared/data: real-data test skipped"

    static func path(_ relative: String) -> String { directory!.appendingPathComponent(relative).path }

    /// The repository root, for files under Data/.
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}

private func aggregate(_ text: String, path: String = "eval/result/judge/RM-Bench/final_result.json", model: String? = nil) -> [String] {
    judgeProblems { () throws(InputProblems) in try AggregateResultReader.parse(Array(text.utf8), path: path, model: model) }
}

@Suite("AggregateResultReader")
struct AggregateResultTests {
    @Test func fractionsBecomePercents() throws {
        let text = "{\"chat\": 0.5, \"math\": 0.25, \"code\": 1, \"safety\": 0.75, \"hard_acc\": 0.125, \"normal_acc\": 0.875, \"easy_acc\": 0, \"total_avg_acc\": 0.625}"
        let row = try AggregateResultReader.parse(Array(text.utf8), path: "eval/result/judge-y/RM-Bench/final_result.json")
        #expect(row == PublishedRow(
            model: "judge-y", source: "RM-Bench compute_accuracy result (final_result.json)",
            chat: 50, math: 25, code: 100, safety: 75, easy: 0, normal: 87.5, hard: 12.5, average: 62.5,
            file: "eval/result/judge-y/RM-Bench/final_result.json", line: 1))
        // Partial results (compute_accuracy on one split prints only the difficulties).
        let partial = try AggregateResultReader.parse(Array("{\"hard_acc\": 0.5}".utf8), path: "x.json", model: "given")
        #expect(partial.model == "given" && partial.hard == 50 && partial.chat == nil && partial.average == nil)
    }

    @Test func problems() {
        let path = "eval/result/judge/RM-Bench/final_result.json"
        #expect(aggregate("{\"chat\": 74.2, \"hard\": 0.5, \"math\": NaN, \"code\": -0.1, \"safety\": \"0.9\", \"chat\": 0.1}") == [
            "\(path):1:10: \"chat\" is 74.2, above 1: expected a fraction (0.742, as compute_accuracy writes it), not a percent",
            "\(path):1:16: unknown key \"hard\" (did you mean \"hard_acc\"?); the keys are chat, math, code, safety, hard_acc, normal_acc, easy_acc, total_avg_acc",
            "\(path):1:37: \"math\" is NaN: compute_accuracy writes NaN for a domain without items, so this result has no math",
            "\(path):1:50: \"code\" must be a fraction between 0 and 1, found -0.1",
            "\(path):1:66: \"safety\" must be a fraction between 0 and 1, found a string",
            "\(path):1:73: the key \"chat\" is given twice",
        ])
        #expect(aggregate("{\"chat\": 0.5, \"math\": 0.5, \"code\": 0.5, \"safety\": 0.5, \"total_avg_acc\": 0.6}") == [
            "\(path):1:73: \"total_avg_acc\" is 0.6, but the mean of chat, math, code and safety is 0.5; compute_accuracy makes it their mean, so the file is inconsistent",
        ])
        #expect(aggregate("{\"chat\": 0.5}", path: "scores.json") == [
            "scores.json: cannot tell the model from the path: expected RM-R1's layout …/<model>/RM-Bench/final_result.json, or pass the model name",
        ])
        #expect(aggregate("[0.5]") == ["\(path):1:1: expected an object of fractions (chat, math, code, safety, hard_acc, normal_acc, easy_acc, total_avg_acc), found a list"])
        #expect(aggregate("{\"chat\": 0.5,}") == ["\(path):1:14: expected a quoted field name, found '}'"])
        #expect(aggregate("{}") == ["\(path):1:1: the object is empty; expected fractions for chat, math, code, safety, hard_acc, normal_acc, easy_acc, total_avg_acc"])
        #expect(aggregate("") == ["\(path): the file is empty; expected a JSON object of fractions such as {\"chat\": 0.74, …, \"total_avg_acc\": 0.84}"])
    }

    /// RM-R1's two published final_result.json files: every value read equals the file's.
    @Test(.enabled(if: JudgeSharedData.available, JudgeSharedData.skipReason),
          arguments: ["RM-R1-DeepSeek-Distilled-Qwen-32B", "RM-R1-Qwen2.5-Instruct-32B"])
    func realRMR1Results(model: String) throws {
        let path = JudgeSharedData.path("RM-R1-UIUC-RM-R1/eval/result/\(model)/RM-Bench/final_result.json")
        let row = try AggregateResultReader.read(path: path)
        // The file's numbers, read line by line with Swift's correctly rounded Double(_:).
        // (Not JSONSerialization: on Linux it misreads some of these numbers by an ulp,
        // e.g. 0.9180844360428481.)
        var object: [String: Double] = [:]
        for line in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n") {
            let parts = line.split(separator: ":")
            guard parts.count == 2 else { continue }
            let key = parts[0].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            let number: String = parts[1].trimmingCharacters(in: CharacterSet(charactersIn: " ,"))
            guard let value = Double(number) else {
                Issue.record("not a number: \(number)")
                continue
            }
            object[key] = value
        }
        #expect(object.count == 8)
        #expect(row.model == model)
        #expect(row.chat == object["chat"]! * 100)
        #expect(row.math == object["math"]! * 100)
        #expect(row.code == object["code"]! * 100)
        #expect(row.safety == object["safety"]! * 100)
        #expect(row.hard == object["hard_acc"]! * 100)
        #expect(row.normal == object["normal_acc"]! * 100)
        #expect(row.easy == object["easy_acc"]! * 100)
        #expect(row.average == object["total_avg_acc"]! * 100)
        #expect(row.domainAverage == nil && row.difficultyAverage == nil && row.type == .unknown)
    }

    @Test(.enabled(if: JudgeSharedData.available, JudgeSharedData.skipReason))
    func realValuesByHand() throws {
        let row = try AggregateResultReader.read(path: JudgeSharedData.path("RM-R1-UIUC-RM-R1/eval/result/RM-R1-DeepSeek-Distilled-Qwen-32B/RM-Bench/final_result.json"))
        // The file's chat is 0.7416020671834626 = 287/387 (of 129 prompts × 9 comparisons: 861/1161).
        #expect(row.chat == 0.7416020671834626 * 100)
        #expect(row.average == 0.8388277867114855 * 100)
    }
}

// MARK: Markdown tables

private func markdownRows(_ text: String, path: String = "README.md") -> [PublishedRow] {
    do throws(InputProblems) {
        return try MarkdownTableReader.parse(Array(text.utf8), path: path)
    } catch {
        Issue.record("unexpected problems: \(error)")
        return []
    }
}

private func markdownProblems(_ text: String, path: String = "README.md") -> [String] {
    judgeProblems { () throws(InputProblems) in try MarkdownTableReader.parse(Array(text.utf8), path: path) }
}

@Suite("MarkdownTableReader")
struct AggregateAndMarkdownTableTests {
    @Test func fixtureExcerpt() throws {
        let path = JudgeFixtures.path("leaderboard-excerpt.md")
        let rows = try MarkdownTableReader.read(path: path)
        #expect(rows == [
            PublishedRow(model: "Judge | Pipe", type: .generative, typeLabel: "Reasoning GenRM", license: "Open Source",
                         url: "https://example.org/judge", flag: "Potentially Score Mismatch: False",
                         chat: 74.2, math: 91.8, code: 74.1, safety: 95.4, easy: 89.5, normal: 85.4, hard: 76.7,
                         average: 83.9, domainAverage: 83.9, difficultyAverage: 83.9, file: path, line: 18),
            PublishedRow(model: "plain-rm", type: .sequenceClassifier, typeLabel: "Scalar RM",
                         flag: "Potentially Score Mismatch: Not Available",
                         math: 60.6, easy: 89.0, normal: 74.7, hard: 46.6, average: 70, difficultyAverage: 70.1,
                         file: path, line: 19),
        ])
    }

    @Test func cellsAndLinks() {
        #expect(MarkdownTableReader.cells("| a | b \\| c |  |") == ["a", "b | c", ""])
        #expect(MarkdownTableReader.cells("a | b") == ["a", "b"])
        #expect(MarkdownTableReader.cells("no pipe here") == nil)
        #expect(MarkdownTableReader.isDelimiter([":---", "--:", ":-:", "-"]))
        #expect(!MarkdownTableReader.isDelimiter(["---", "x"]))
        let rows = markdownRows("""
            | Model | url | Overall |
            |---|---|---|
            | [m1](https://a.example "title") | | 50 |
            | [m2](<https://b.example>) | https://c.example | 60 |
            """)
        #expect(rows.map(\.model) == ["m1", "m2"])
        #expect(rows.map(\.url) == ["https://a.example", "https://c.example"])
        #expect(rows.map(\.line) == [3, 4])
    }

    @Test func problems() {
        #expect(markdownProblems("""
            | Model Name | Chat | Type |
            |---|---|---|
            | a | 101 | x |
            | A | 50 | x |
            | b | 5 |
            | | 5 | x |
            """) == [
            "README.md:line 3, column \"Chat\": expected a percent between 0 and 100 or \"-\" for not reported, found \"101\"",
            "README.md:line 4, column \"Model Name\": the model \"A\" is also on line 3 (there as \"a\"; names are compared ignoring case); each model may appear once",
            "README.md:line 5: found 2 cells, but the header has 3 columns; write a `|` inside a cell as `\\|`, and keep empty cells",
            "README.md:line 6, column \"Model Name\": the model name is empty",
        ])
        #expect(markdownProblems("# Title\n\nNo table.\n") == [
            "README.md: no Markdown table found: expected a header row, a delimiter row (| --- | --- |) and one row per model",
        ])
        #expect(markdownProblems("| a | b |\n|---|---|\n| 1 | 2 |\n") == [
            "README.md: no table with a model column (\"Model\" or \"Model Name\") found; the tables here have other columns",
        ])
        #expect(markdownProblems("| Model | Chat |\n|---|---|---|\n| a | 1 |\n") == [
            "README.md:line 2: the delimiter row has 3 cells but the header row has 2; a table needs one delimiter cell (---) per column",
        ])
        #expect(markdownProblems("| Model | Chat |\n|---|---|\n\n| a | 1 |\n") == [
            "README.md:line 1: the table has no rows; add one row per model below the delimiter row",
        ])
    }

    /// The official leaderboard as a Markdown table, built here from ../shared/data's CSV the
    /// way its README lays it out, reads to the same rows as Data/published's CSV.
    @Test(.enabled(if: JudgeSharedData.available, JudgeSharedData.skipReason))
    func realLeaderboardTable() throws {
        let csv = try Array(Data(contentsOf: URL(fileURLWithPath: JudgeSharedData.path("published/rm-bench-leaderboard-2025-07.csv"))))
        let (records, syntax) = CSVParser.parse(csv)
        #expect(syntax.isEmpty)
        let header = records[0].fields.map { String(decoding: $0.bytes, as: UTF8.self) }
        #expect(header == ["model_name", "model_url", "Model Type", "Chat", "Math", "Code", "Safety", "Easy", "Normal", "Hard",
                           "Domain Avg", "Difficulty Avg", "Overall", "Potentially Score Mismatch", "License Type"])
        var lines = [
            "# 🏆 RM-Bench Leaderboard", "", "Text | with a pipe, before the table.", "", "## Detailed Leaderboard",
            "| Model Name | " + header[2...].joined(separator: " | ") + " |",
            "|" + Array(repeating: ":---", count: header.count - 1).joined(separator: "|") + "|",
        ]
        for record in records.dropFirst() where !record.isBlank {
            let values = record.fields.map { String(decoding: $0.bytes, as: UTF8.self).replacingOccurrences(of: "|", with: "\\|") }
            lines.append("| [\(values[0])](\(values[1])) | " + values[2...].joined(separator: " | ") + " |")
        }
        lines += ["", "Text after the table.", ""]
        let markdown = try MarkdownTableReader.parse(Array(lines.joined(separator: "\n").utf8), path: "README.md")
        let published = try PublishedReader.read(path: JudgeSharedData.repository.appendingPathComponent("Data/published/rm-bench-leaderboard-2025-07.csv").path)
        #expect(markdown.count == 51 && published.count == 51)
        for (read, expected) in zip(markdown, published) {
            // File, line and the source citation are the only differences.
            var comparable = read
            comparable.file = expected.file
            comparable.line = expected.line
            comparable.source = expected.source
            #expect(comparable == expected, "row \(expected.model)")
        }
        #expect(markdown.map(\.line) == Array(8..<59))
    }
}
