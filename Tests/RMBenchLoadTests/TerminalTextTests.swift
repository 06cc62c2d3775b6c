import Testing
import RMBenchCore

/// Core's ``TerminalText`` (tested here: the readers' tests share its module dependencies).
@Suite("TerminalText")
struct TerminalTextTests {
    @Test func controlCharactersBecomeVisibleEscapes() {
        #expect(TerminalText.line("a\u{1B}[31mred\u{7}") == #"a\x1b[31mred\x07"#)
        #expect(TerminalText.line("one\ntwo\r\nthree\tfour") == #"one\ntwo\r\nthree\tfour"#)
        #expect(TerminalText.line("nul\u{0} del\u{7F} csi\u{9B} nel\u{85}") == #"nul\x00 del\x7f csi\u{9b} nel\u{85}"#)
    }

    @Test func formatCharactersBecomeVisibleEscapes() {
        #expect(TerminalText.line("x\u{202E}y\u{2066}z") == #"x\u{202e}y\u{2066}z"#)
        #expect(TerminalText.line("zero\u{200B}width\u{FEFF}\u{2060}") == #"zero\u{200b}width\u{feff}\u{2060}"#)
        #expect(TerminalText.line("ls\u{2028}ps\u{2029}") == #"ls\u{2028}ps\u{2029}"#)
    }

    @Test func ordinaryTextIsUnchanged() {
        let text = #"Modèl 模型 🦙 — "quoted" \[escaped\] C:\path"#
        #expect(TerminalText.line(text) == text)
        #expect(TerminalText.lines(text) == text)
    }

    @Test func linesKeepLineFeedsOnly() {
        #expect(TerminalText.lines("| a |\n| b\u{1B} |\r\n") == "| a |\n| b\\x1b |\\r\n")
    }

    @Test func dataCannotStartALine() {
        let line = TerminalText.line("name\n::error::x\r::add-mask::y")
        #expect(!line.contains("\n") && !line.contains("\r"))
        #expect(line == #"name\n::error::x\r::add-mask::y"#)
    }
}
