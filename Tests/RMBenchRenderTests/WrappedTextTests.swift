import Foundation
import Testing
@testable import RMBenchRender

@Suite("Wrapped chart titles and captions")
struct WrappedTextTests {
    @Test("a model page's matrix title goes on two lines instead of being cut")
    func matrixTitle() throws {
        // 15 px bold: 0.65 × 15 × 1.08 = 10.53 px per character; 420 px hold 39 characters.
        // "baseline-markdown — all domains," is 32; adding " prompts" makes 40.
        let title = "baseline-markdown — all domains, prompts pooled"
        let wrapped = WrappedText(title, width: 420, size: 15, bold: true)
        #expect(wrapped.lines == ["baseline-markdown — all domains,", "prompts pooled"])
        #expect(wrapped.size == 15)
        let chart = StyleMatrixChart(id: "m", title: title, counts: [[1, 1, 1], [1, 1, 1], [1, 1, 1]], samples: 2)
        let (ok, probe) = PlotXMLProbe.parse(chart.svg())
        #expect(ok)
        let texts = probe.elements(named: "text").map(\.text)
        #expect(texts.contains("baseline-markdown — all domains,") && texts.contains("prompts pooled"))
        #expect(!texts.contains { $0.contains("…") })
        // One more line of 15 × 1.2 = 18 px.
        #expect(probe.rootAttributes["height"] == "378")
    }

    @Test("the length scatter's caption goes on two lines; the canvas grows by the title's and caption's second lines")
    func scatterCaption() throws {
        let caption = "Spearman ρ of reward with length — correct: 1.00 (p ≤ 1e-300, n = 2394); incorrect: 1.00 (p ≤ 1e-300, n = 2394)"
        let chart = ScatterChart(id: "c", title: "baseline-length — reward vs response length", xLabel: "x", yLabel: "y",
                                 series: [.init(name: "s", points: [.init(x: 1, y: 1), .init(x: 2, y: 2)])], caption: caption)
        let (ok, probe) = PlotXMLProbe.parse(chart.svg())
        #expect(ok)
        // 11 px: 7.15 px per character, 536 px hold 74; the break comes after "n = 2394);" (72 characters; with " incorrect:" 83).
        let lines = WrappedText(caption, width: 536, size: 11).lines
        #expect(lines == ["Spearman ρ of reward with length — correct: 1.00 (p ≤ 1e-300, n = 2394);",
                          "incorrect: 1.00 (p ≤ 1e-300, n = 2394)"])
        let texts = probe.elements(named: "text").map(\.text)
        #expect(texts.contains(lines[0]) && texts.contains(lines[1]))
        // The title fits one line (44 × 10.53 = 463 px); the caption's second line adds ⌈13.2⌉ px.
        #expect(probe.rootAttributes["height"] == "434")
    }

    @Test("too long for two lines: the size shrinks first; only at 9 px is the text cut")
    func shrinkThenCut() {
        // 99 characters of 4-letter words at 100 px: 15 px fits 10 characters a line (2 lines: 20);
        // 9 px fits 17 (0.65 × 9 = 5.85 px each), still not 100 in two lines: cut with "…".
        let long = Array(repeating: "abcd", count: 20).joined(separator: " ")
        let cut = WrappedText(long, width: 100, size: 15)
        #expect(cut.size == 9)
        #expect(cut.lines.count == 2)
        #expect(cut.lines[1].hasSuffix("…"))
        // "abcd abcd abcd" (14 characters) at 100 px: 15 px holds 10 a line → two lines, no shrinking.
        #expect(WrappedText("abcd abcd abcd", width: 100, size: 15) == WrappedText(lines: ["abcd abcd", "abcd"], size: 15))
        // 25 characters in one word of hyphenated parts: broken after a hyphen.
        let word = WrappedText("internlm2-20b-reward-model", width: 100, size: 10)
        #expect(word.lines == ["internlm2-20b-", "reward-model"])
        // Five words need three lines at 15 px … 11 px (13 characters a line at 11 px: two words);
        // at 10.5 px (6.825 px per character) 14 fit: three words, then two.
        let shrunk = WrappedText("abcd abcd abcd abcd abcd", width: 100, size: 15)
        #expect(shrunk == WrappedText(lines: ["abcd abcd abcd", "abcd abcd"], size: 10.5))
    }
}

@Suite("Chart axis titles")
struct AxisTitleTests {
    @Test("a long x axis title shrinks onto its one line instead of being cut")
    func longAxisTitle() {
        // 70 characters on the plot's 540 − 70 = 470 px: 546 px at 12 px, 477.75 at 10.5 px,
        // 455 at 10 px (0.65 em each).
        let name = String(repeating: "abcdefghij", count: 7)
        let chart = ScatterChart(id: "a", title: "t", xLabel: name, yLabel: "y",
                                 series: [.init(name: "s", points: [.init(x: 1, y: 1), .init(x: 2, y: 2)])])
        let texts = PlotXMLProbe.parse(chart.svg()).probe.elements(named: "text")
        let title = texts.first { $0.text == name }
        #expect(title?.attributes["font-size"] == "10")
    }
}
