import Foundation
import RMBenchCore
import Testing
@testable import RMBenchLoad

private let csvPath = "Data/published/x.csv"

/// The rows of a CSV text, recording an issue for any problem.
private func publishedRows(_ text: String, path: String = csvPath) -> [PublishedRow] {
    publishedRows(Array(text.utf8), path: path)
}

private func publishedRows(_ bytes: [UInt8], path: String = csvPath) -> [PublishedRow] {
    do throws(InputProblems) {
        return try PublishedReader.parse(bytes, path: path)
    } catch {
        Issue.record("unexpected problems: \(error)")
        return []
    }
}

/// The problem messages of a CSV text, as printed; [] if it parses.
private func publishedProblems(_ text: String, path: String = csvPath) -> [String] {
    publishedProblems(Array(text.utf8), path: path)
}

private func publishedProblems(_ bytes: [UInt8], path: String = csvPath) -> [String] {
    do throws(InputProblems) {
        _ = try PublishedReader.parse(bytes, path: path)
        return []
    } catch {
        return error.problems.map(\.description)
    }
}

@Suite("PublishedReader: accepted input")
struct PublishedReaderAcceptTests {
    @Test func quotesCommasCRLFAliasesAndNotReported() {
        let lines = [
            "\u{FEFF} Model Name ,Model_Type,License Type,link,Chat,MATH,code,safety,easy,normal,hard,Overall,Domain Avg,difficulty_avg,Corroboration,Notes,total_avg_acc",
            "\"Acme RM, v2\",Scalar RM,\"Apache-2.0\",https://example.org/a?x=1&y=2,69.5,60.6,-,\u{2013},89.0,n/a,,70.1,61.2,69.6,\"RM-R1 paper \"\"Table 7\"\"\r\nsecond line\",flagged,0.701",
            "",
            "judge-x,  Reasoning GenRM ,-,-,-,-,-,-,-,-,-,82.7,-,-,,,",
            " \"tiny, \"\"quoted\"\"\" ,DPO,N/A,,0,+5.,100%,100,.5,  42 ,\u{2014},50,,,,Potentially Score Mismatch: True,",
        ]
        let rows = publishedRows(lines.joined(separator: "\r\n"))
        #expect(rows == [
            PublishedRow(
                model: "Acme RM, v2", type: .sequenceClassifier, typeLabel: "Scalar RM", license: "Apache-2.0",
                url: "https://example.org/a?x=1&y=2", source: "RM-R1 paper \"Table 7\"\nsecond line", flag: "flagged",
                chat: 69.5, math: 60.6, easy: 89.0, average: 70.1, domainAverage: 61.2, difficultyAverage: 69.6,
                file: csvPath, line: 2),
            PublishedRow(
                model: "judge-x", type: .generative, typeLabel: "Reasoning GenRM", average: 82.7,
                file: csvPath, line: 5),
            PublishedRow(
                model: "tiny, \"quoted\"", type: .dpo, typeLabel: "DPO", flag: "Potentially Score Mismatch: True",
                chat: 0, math: 5, code: 100, safety: 100, easy: 0.5, normal: 42, average: 50,
                file: csvPath, line: 6),
        ])
    }

    @Test func onlyModelIsRequiredAndUnknownColumnsAreIgnored() {
        let rows = publishedRows("rank,MODEL,comment\n1,a,\"x,y\"\n2,b,\n")
        #expect(rows == [PublishedRow(model: "a", file: csvPath, line: 2), PublishedRow(model: "b", file: csvPath, line: 3)])
        #expect(rows[0].type == .unknown && rows[0].typeLabel == nil && rows[0].reportedDomains.isEmpty)
    }

    @Test func lineEndings() {
        let lf = publishedRows("model,chat\na,1\nb,2\n")
        let crlf = publishedRows("model,chat\r\na,1\r\nb,2")
        let cr = publishedRows("model,chat\ra,1\rb,2\r")
        #expect(lf.map(\.model) == ["a", "b"] && lf.map(\.line) == [2, 3] && lf.map(\.chat) == [1, 2])
        #expect(crlf == lf)
        #expect(cr == lf)
    }

    @Test func blankLinesAndTrailingCommaValues() {
        let rows = publishedRows("\n\nmodel,type\n\n  \na,\nb,\"\"\n\n")
        #expect(rows.map(\.model) == ["a", "b"])
        #expect(rows.map(\.line) == [6, 7])
        #expect(rows.allSatisfy { $0.typeLabel == nil && $0.type == .unknown })
    }

    @Test func unicodeModelNamesAndQuoteInsideUnquotedValue() {
        let rows = publishedRows("model,flag\ncafé-RM ☕,12\" display\n")
        #expect(rows.first?.model == "café-RM ☕")
        #expect(rows.first?.flag == "12\" display")
    }
}

@Suite("PublishedReader: every problem message")
struct PublishedReaderProblemTests {
    @Test func notAPercent() {
        let text = "model,chat,math,code,safety,easy\na,1,2,3,4,5\nb,1,abc,100.5,-3,1e2\nc,nan,inf,0x10,12.3.4,5 %\n"
        let expected = { (line: Int, column: String, found: String) in
            "Data/published/x.csv:line \(line), column \"\(column)\": expected a percent between 0 and 100 or \"-\" for not reported, found \"\(found)\""
        }
        #expect(publishedProblems(text) == [
            expected(3, "math", "abc"), expected(3, "code", "100.5"), expected(3, "safety", "-3"), expected(3, "easy", "1e2"),
            expected(4, "chat", "nan"), expected(4, "math", "inf"), expected(4, "code", "0x10"), expected(4, "safety", "12.3.4"),
        ])
        // The header's own spelling names the column; a long or multi-line value is shown escaped and shortened.
        #expect(publishedProblems("Model_Name,Overall\na,\"7\n\"\"x\"\"\"\n") == [
            "Data/published/x.csv:line 2, column \"Overall\": expected a percent between 0 and 100 or \"-\" for not reported, found \"7\\n\\\"x\\\"\"",
        ])
        #expect(publishedProblems("model,chat\na,\(String(repeating: "9", count: 70))\n") == [
            "Data/published/x.csv:line 2, column \"chat\": expected a percent between 0 and 100 or \"-\" for not reported, found \"\(String(repeating: "9", count: 57))…\"",
        ])
    }

    @Test func wrongNumberOfValues() {
        #expect(publishedProblems("model,chat,math\na,1,2,3\nb,1\nc,1,2\n") == [
            "Data/published/x.csv:line 2: found 4 values, but the header has 3 columns; a value that contains a comma must be in double quotes",
            "Data/published/x.csv:line 3: found 2 values, but the header has 3 columns; every row needs one value per column (an empty value keeps its comma)",
        ])
    }

    @Test func duplicateModels() {
        #expect(publishedProblems("model,chat\nA-RM,1\nb,2\nA-RM,3\na-rm,4\n") == [
            "Data/published/x.csv:line 4, column \"model\": the model \"A-RM\" is also on line 2; each model may appear once",
            "Data/published/x.csv:line 5, column \"model\": the model \"a-rm\" is also on line 2 (there as \"A-RM\"; names are compared ignoring case); each model may appear once",
        ])
    }

    @Test func emptyModel() {
        #expect(publishedProblems("model,chat\n,1\n  ,2\n\"\",3\n") == [
            "Data/published/x.csv:line 2, column \"model\": the model name is empty",
            "Data/published/x.csv:line 3, column \"model\": the model name is empty",
            "Data/published/x.csv:line 4, column \"model\": the model name is empty",
        ])
    }

    @Test func noRows() {
        let message = "Data/published/x.csv: no rows: the file holds only the header row; add one row per model"
        #expect(publishedProblems("model,chat,math\n") == [message])
        #expect(publishedProblems("\u{FEFF}model,chat,math\r\n\r\n") == [message])
    }

    @Test func emptyFile() {
        let message = "Data/published/x.csv: the file is empty; expected a header row (e.g. model,type,chat,math,code,safety,easy,normal,hard,average) and one row per model"
        #expect(publishedProblems("") == [message])
        #expect(publishedProblems("\u{FEFF}") == [message])
        #expect(publishedProblems("\n  \r\n\n") == [message])
    }

    @Test func headerWithoutModel() {
        #expect(publishedProblems("name,chat\na,1\n") == [
            "Data/published/x.csv:line 1: the header has no \"model\" column (also accepted: \"model_name\", \"model name\"); found \"name\", \"chat\"",
        ])
    }

    @Test func sameColumnTwice() {
        #expect(publishedProblems("model,average,chat,Overall,Chat\na,1,2,3,4\n") == [
            "Data/published/x.csv:line 1, column \"Overall\": this is a second average column (the first is \"average\"); keep one of them",
            "Data/published/x.csv:line 1, column \"Chat\": the header names this column twice; keep one of them",
        ])
    }

    @Test func invalidUTF8() {
        var bytes = Array("model,chat\nok,1\ncaf".utf8)
        bytes.append(0xE9)  // Latin-1 é
        bytes += Array(",2\n\"multi\nline ".utf8) + [0xC3] + Array("\",3\n".utf8)
        #expect(publishedProblems(bytes) == [
            "Data/published/x.csv:line 3, column \"model\": the text is not valid UTF-8 (byte 0xE9); save the file as UTF-8",
            "Data/published/x.csv:line 5, column \"model\": the text is not valid UTF-8 (byte 0xC3); save the file as UTF-8",
        ])
        #expect(publishedProblems([0xFF, 0xFE] + Array("m\0".utf8)) == [
            "Data/published/x.csv: the file is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8",
        ])
    }

    @Test func utf8Validation() {
        #expect(firstInvalidUTF8(Array("aé☕😀".utf8)) == nil)
        #expect(firstInvalidUTF8([0x61, 0x80]) == 1)  // stray continuation byte
        #expect(firstInvalidUTF8([0xC0, 0x80]) == 0)  // overlong
        #expect(firstInvalidUTF8([0xE0, 0x80, 0x80]) == 0)  // overlong
        #expect(firstInvalidUTF8([0xED, 0xA0, 0x80]) == 0)  // surrogate
        #expect(firstInvalidUTF8([0xF4, 0x90, 0x80, 0x80]) == 0)  // above U+10FFFF
        #expect(firstInvalidUTF8([0x61, 0xE2, 0x98]) == 1)  // cut short
    }

    @Test func quoting() {
        #expect(publishedProblems("model,chat\n\"a\"x,1\nb,2\n") == [
            "Data/published/x.csv:line 2, column \"model\": unexpected text after the closing quote of a quoted value; inside quotes, write a quote as two quotes (\"\")",
        ])
        #expect(publishedProblems("model,\"chat\" x\n") == [
            "Data/published/x.csv:line 1: unexpected text after the closing quote of a quoted value; inside quotes, write a quote as two quotes (\"\")",
            "Data/published/x.csv: no rows: the file holds only the header row; add one row per model",
        ])
        #expect(publishedProblems("model,chat\na,1\nb,\"2\nc,3\n") == [
            "Data/published/x.csv:line 3, column \"chat\": a quoted value starts here but never ends: its closing quote (\") is missing, so the rest of the file would be this one value",
        ])
        #expect(publishedProblems("model,\"chat\n") == [
            "Data/published/x.csv:line 1: a quoted value starts here but never ends: its closing quote (\") is missing, so the rest of the file would be this one value",
        ])
    }

    @Test func fractionsInsteadOfPercents() {
        // Small files with small whole numbers are not taken for fractions.
        #expect(publishedProblems("model,chat,math\na,1,0\nb,1,1\n") == [])
        #expect(publishedProblems("model,chat\na,0.5\nb,0.25\n") == [])
        #expect(publishedProblems("model,chat,average\na,0.6,0.701\nb,-,0.5\n") == [
            "Data/published/x.csv: every number in the file is between 0 and 1 (the largest is \"0.701\" on line 2, column \"average\"): these look like fractions, but the values are percents; multiply them by 100",
        ])
    }

    @Test func allProblemsOfAFileInLineOrder() {
        let text = "model,chat,model_name\n,x,\nb,1\n\"c\"d,2,\nb,200,\n"
        #expect(publishedProblems(text) == [
            "Data/published/x.csv:line 1, column \"model_name\": this is a second model column (the first is \"model\"); keep one of them",
            "Data/published/x.csv:line 2, column \"model\": the model name is empty",
            "Data/published/x.csv:line 2, column \"chat\": expected a percent between 0 and 100 or \"-\" for not reported, found \"x\"",
            "Data/published/x.csv:line 3: found 2 values, but the header has 3 columns; every row needs one value per column (an empty value keeps its comma)",
            "Data/published/x.csv:line 4, column \"model\": unexpected text after the closing quote of a quoted value; inside quotes, write a quote as two quotes (\"\")",
            "Data/published/x.csv:line 5, column \"chat\": expected a percent between 0 and 100 or \"-\" for not reported, found \"200\"",
        ])
    }

    @Test func unreadableFile() {
        #expect(throws: InputProblems.self) { try PublishedReader.read(path: "/nonexistent/published.csv") }
        do throws(InputProblems) {
            _ = try PublishedReader.read(path: "/nonexistent/published.csv")
        } catch {
            #expect(error.problems.map(\.description) == ["/nonexistent/published.csv: cannot open the file: No such file or directory"])
        }
    }
}

// MARK: Real data

/// Data/published in this package, found from this file's path.
private let publishedDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Data/published")

private func committed(_ name: String) throws -> [PublishedRow] {
    try PublishedReader.read(path: publishedDirectory.appendingPathComponent(name).path)
}

/// The official leaderboard as published (../shared/data), when RMBENCH_SHARED_DATA points at it.
private let sharedLeaderboard: String? = {
    guard let directory = ProcessInfo.processInfo.environment["RMBENCH_SHARED_DATA"], !directory.isEmpty else { return nil }
    let path = URL(fileURLWithPath: directory).appendingPathComponent("published/rm-bench-leaderboard-2025-07.csv").path
    return FileManager.default.fileExists(atPath: path) ? path : nil
}()

@Suite("PublishedReader: the committed Data/published files")
struct PublishedReaderRealDataTests {
    @Test func leaderboard() throws {
        let rows = try committed("rm-bench-leaderboard-2025-07.csv")
        #expect(rows.count == 51)
        #expect(rows.map(\.line) == Array(2...52))
        #expect(rows.allSatisfy { $0.source == "THU-KEG/RM-Bench-Leaderboard README (commit b0d159f), as of 2025-07" })
        #expect(rows.allSatisfy { ["True", "False", "Not Available"].map { "Potentially Score Mismatch: \($0)" }.contains($0.flag ?? "") })
        #expect(rows.allSatisfy { $0.type != .unknown && $0.average != nil && $0.url?.hasPrefix("https://") == true })

        let skywork = try #require(rows.first { $0.model == "Skywork-Reward-Llama-3.1-8B" })
        #expect(skywork == PublishedRow(
            model: "Skywork-Reward-Llama-3.1-8B", type: .sequenceClassifier, typeLabel: "Scalar RM", license: "Open Source",
            url: "https://huggingface.co/Skywork/Skywork-Reward-Llama-3.1-8B",
            source: "THU-KEG/RM-Bench-Leaderboard README (commit b0d159f), as of 2025-07",
            flag: "Potentially Score Mismatch: False",
            chat: 69.5, math: 60.6, code: 54.5, safety: 95.7, easy: 89.0, normal: 74.7, hard: 46.6,
            average: 70.1, domainAverage: 70.1, difficultyAverage: 70.1,
            file: skywork.file, line: skywork.line))

        let j1 = try #require(rows.first { $0.model == "J1-Llama-70B" })
        #expect(j1.average == 82.7)
        #expect(j1.reportedDomains.isEmpty)
        #expect([j1.easy, j1.normal, j1.hard, j1.domainAverage, j1.difficultyAverage].allSatisfy { $0 == nil })
        #expect(j1.type == .generative && j1.typeLabel == "Reasoning GenRM")

        // Skywork-Reward-V2 reports only the difficulty levels; its headline is their average.
        let v2 = try #require(rows.first { $0.model == "Skywork-Reward-V2-Llama-3.1-8B-40M" })
        #expect(v2.reportedDomains.isEmpty && v2.hard == 93.5 && v2.average == 96 && v2.difficultyAverage == 96.0)
    }

    @Test func paperRowsAreExactlyTheModelsNotOnTheLeaderboard() throws {
        let leaderboard = try committed("rm-bench-leaderboard-2025-07.csv")
        let paper = try committed("rm-bench-paper-rows.csv")
        // Of RM-Bench's 28 paper rows, 16 are on the leaderboard (URM-LLaMa-3.1-8B as
        // URM-LLama-3.1-8B); these 12 are not, checked by hand.
        #expect(paper.count == 12)
        #expect(paper.map(\.model) == [
            "steerlm-70b", "tulu-v2.5-dpo-13b-chatbot-arena-2023", "tulu-v2.5-dpo-13b-nectar-60k",
            "tulu-v2.5-dpo-13b-stackexchange-60k", "Nous-Hermes-2-Mistral-7B-DPO", "Claude-3-5-sonnet-20240620",
            "tulu-v2.5-dpo-13b-hh-rlhf-60k", "tulu-2-dpo-13b", "Llama3.1-70B-Instruct", "Skywork-Critic-Llama-3.1-70B",
            "GPT-4o-0806", "Gemini-1.5-pro",
        ])
        let onLeaderboard = Set(leaderboard.map { $0.model.lowercased() })
        #expect(paper.allSatisfy { !onLeaderboard.contains($0.model.lowercased()) })
        #expect(paper.filter { $0.type == .dpo }.count == 6)
        #expect(paper.filter { $0.type == .generative }.map(\.model) == [
            "Claude-3-5-sonnet-20240620", "Llama3.1-70B-Instruct", "Skywork-Critic-Llama-3.1-70B", "GPT-4o-0806", "Gemini-1.5-pro",
        ])
        #expect(paper.first { $0.model == "steerlm-70b" }?.type == .sequenceClassifier)
        #expect(paper.allSatisfy {
            $0.reportedDomains == Domain.allCases && $0.easy != nil && $0.normal != nil && $0.hard != nil && $0.average != nil
                && $0.domainAverage == nil && $0.difficultyAverage == nil && $0.url == nil && $0.flag == nil
                && $0.source == "RM-R1 paper Table 7 (copy of RM-Bench full results)"
        })
        let gemini = try #require(paper.last)
        #expect([gemini.chat, gemini.math, gemini.code, gemini.safety, gemini.easy, gemini.normal, gemini.hard, gemini.average]
            == [71.6, 73.9, 63.7, 91.3, 83.1, 77.6, 64.7, 75.2])
    }

    /// The published CSV itself (CRLF, its own column names) reads to the same numbers.
    @Test(.enabled(if: sharedLeaderboard != nil, "RMBENCH_SHARED_DATA does not point at ../shared/data: real-data test skipped"))
    func sharedLeaderboardReadsDirectly() throws {
        let original = try PublishedReader.read(path: try #require(sharedLeaderboard))
        let converted = try committed("rm-bench-leaderboard-2025-07.csv")
        #expect(original.count == converted.count)
        for (a, b) in zip(original, converted) {
            var same = a
            same.file = b.file
            same.source = b.source
            same.flag = a.flag.map { "Potentially Score Mismatch: \($0)" }
            #expect(same == b)
        }
    }
}
