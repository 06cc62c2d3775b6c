import Foundation
import Testing

/// `compare`, `check` and `report` as a CI job runs them.
@Suite("compare, check, report")
struct CompareCheckReportTests {
    /// Two result files: B improves on A in chat (prompts 0–9 become fully right) and loses
    /// prompt 10's concise-vs-concise cell.
    static func pair() throws -> (a: String, b: String) {
        let folder = temporaryDirectory()
        func item(_ id: Int, _ chosen: [Double], _ rejected: [Double]) -> String {
            #"{"id": \#(id), "domain": "chat", "score_chosen": \#(chosen), "score_rejected": \#(rejected)}"#
        }
        var a: [String] = [], b: [String] = []
        for id in 0..<10 {
            a.append(item(id, [0, 0, 0], [1, 1, 1]))
            b.append(item(id, [2, 2, 2], [1, 1, 1]))
        }
        a.append(item(10, [2, 2, 2], [1, 1, 1]))
        b.append(item(10, [1, 2, 2], [1, 1, 1]))   // cell (0, j): 1 > 1 is false → lost 3 cells of row 0
        for id in 11..<40 {
            a.append(item(id, [2, 2, 2], [1, 1, 1]))
            b.append(item(id, [2, 2, 2], [1, 1, 1]))
        }
        let pathA = folder.appendingPathComponent("a.json"), pathB = folder.appendingPathComponent("b.json")
        try ("[" + a.joined(separator: ",\n") + "]").write(to: pathA, atomically: true, encoding: .utf8)
        try ("[" + b.joined(separator: ",\n") + "]").write(to: pathB, atomically: true, encoding: .utf8)
        return (pathA.path, pathB.path)
    }

    @Test func compareFindsExactlyTheFlips() throws {
        let (a, b) = try Self.pair()
        let output = try Tool.run(["compare", a, b, "--format", "json", "--bootstrap", "200"])
        #expect(output.status == 0, "\(output.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as! [String: Any]
        let flips = json["flips"] as! [[String: Any]]
        // Prompts 0–9 gain all 9 cells (90 flips); prompt 10 loses row 0 (3 flips).
        #expect(flips.count == 93)
        #expect(flips.filter { $0["change"] as? String == "gained" }.count == 90)
        let lost = flips.filter { $0["change"] as? String == "lost" }
        #expect(lost.map { "\($0["id"]!) \($0["chosen_style"]!)\($0["rejected_style"]!)" } == ["10 00", "10 01", "10 02"])
        #expect((json["verdict"] as? String)?.hasPrefix("b is better than a") == true)
        #expect(json["shared_prompts"] as? Int == 40)
    }

    @Test func compareMarkdownPutsTheVerdictFirst() throws {
        let (a, b) = try Self.pair()
        let output = try Tool.run(["compare", a, b, "--bootstrap", "200"])
        let lines = output.stdout.split(separator: "\n")
        #expect(lines.first == "## RM-Bench: b vs a")
        #expect(lines.dropFirst().first?.hasPrefix("**Verdict: b is better than a: Average +") == true)
    }

    @Test func gatesExitZeroOneTwo() throws {
        let (a, b) = try Self.pair()
        let holds = try Tool.run(["check", b, "--against", a, "--max-drop", "average=0.5", "--min", "hard=50", "--bootstrap", "100"])
        #expect(holds.status == 0, "\(holds.stdout)\(holds.stderr)")
        #expect(holds.stdout.hasSuffix("all 2 gate(s) hold\n"))
        // Going back from B to A: B is right on 357 of 360 comparisons (prompt 10 loses 3), A on
        // 270 (prompts 0–9 wrong): a drop of 87/360 = 24.17 points, beyond 0.5.
        let fails = try Tool.run(["check", a, "--against", b, "--max-drop", "average=0.5"])
        #expect(fails.status == 1)
        #expect(fails.stdout.contains("FAIL average: dropped 24.17 points, more than the allowed 0.5 (99.2 → 75.0 on 40 shared prompts"))
        let floor = try Tool.run(["check", a, "--min", "hard=80"])
        #expect(floor.status == 1)
        #expect(floor.stdout.contains("FAIL hard: 75.00 is below the minimum 80 by 5.00 points"))
        let badGate = try Tool.run(["check", a, "--min", "hardness=3"])
        #expect(badGate.status == 2)
        #expect(badGate.stderr.contains("unknown metric \"hardness\""))
        let badFile = try Tool.run(["check", "/nonexistent.json", "--min", "hard=3"])
        #expect(badFile.status == 2)
    }

    @Test func reportIsOneFileWithNoExternalReferences() throws {
        let (a, b) = try Self.pair()
        let out = temporaryDirectory().appendingPathComponent("report.html")
        let output = try Tool.run(["report", b, "--against", a, "--output", out.path, "--bootstrap", "100",
                                   "--templates", Tool.repository.appendingPathComponent("Templates").path])
        #expect(output.status == 0, "\(output.stderr)")
        let html = try String(contentsOf: out, encoding: .utf8)
        let page = PageParser.parse(Data(html.utf8))
        #expect(page.error == nil, "\(page.error ?? "")")
        // No script, no stylesheet link, no image, no link to any other file.
        #expect(page.tags["script"] == nil)
        #expect(page.tags["link"] == nil)
        #expect(page.tags["img"] == nil)
        #expect(page.links.allSatisfy { $0.hasPrefix("#") }, "\(page.links)")
        #expect(html.contains("<style>"))
        #expect(html.contains("Verdict"))
        #expect(page.svgNamespaces.count >= 2)
    }
}
