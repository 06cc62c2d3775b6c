import Foundation
import RMBenchCore
import Testing
@testable import RMBenchRender

@Suite("Escape")
struct EscapingTests {

    // MARK: HTML / XML

    @Test func htmlEscapesMarkupCharacters() {
        #expect(Escape.html("<script>\"&'") == "&lt;script&gt;&quot;&amp;&#39;")
        #expect(Escape.html("plain text — ∅") == "plain text — ∅")
        #expect(Escape.html("a &amp; b") == "a &amp;amp; b")
    }

    @Test func xmlEscapesMarkupCharacters() {
        #expect(Escape.xml("<script>\"&'") == "&lt;script&gt;&quot;&amp;&#39;")
        #expect(Escape.xml("</title><script>alert(1)</script>") == "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;")
    }

    @Test func xmlDropsCharactersIllegalInXML() {
        #expect(Escape.xml("a\u{0}b\u{1}c\u{8}d\u{B}e\u{C}f\u{1F}g") == "abcdefg")
        #expect(Escape.xml("x\u{FFFE}y\u{FFFF}z") == "xyz")
        #expect(Escape.xml("tab\there\nnew\r\nline") == "tab\there\nnew\r\nline")
        #expect(Escape.xml("emoji 🦙 U+FFFD \u{FFFD}") == "emoji 🦙 U+FFFD \u{FFFD}")
    }

    /// The byte-wise escaping against the rule as written, scalar by scalar, on strings of
    /// every character class the rule treats differently (lead byte 0xEF included).
    @Test func markupEscapingMatchesTheScalarRule() {
        func reference(_ text: String, xml: Bool) -> String {
            var out = ""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "&": out += "&amp;"
                case "<": out += "&lt;"
                case ">": out += "&gt;"
                case "\"": out += "&quot;"
                case "'": out += "&#39;"
                default:
                    let legal = scalar.value == 0x09 || scalar.value == 0x0A || scalar.value == 0x0D
                        || (scalar.value >= 0x20 && scalar.value != 0xFFFE && scalar.value != 0xFFFF)
                    if xml && !legal { continue }
                    out.unicodeScalars.append(scalar)
                }
            }
            return out
        }
        let alphabet: [String] = ["a", " ", "&", "<", ">", "\"", "'", "\u{0}", "\u{1F}", "\t", "\n", "\r", "\u{7F}", "é", "e\u{301}",
                                  "\u{FB01}", "\u{FFFD}", "\u{FFFE}", "\u{FFFF}", "\u{EFBF}", "🦙", "\u{10FFFF}"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for length in 0..<12 {
            for _ in 0..<300 {
                var text = ""
                for _ in 0..<length {
                    state = state &* 6364136223846793005 &+ 1442695040888963407
                    text += alphabet[Int(state >> 33) % alphabet.count]
                }
                #expect(Escape.html(text) == reference(text, xml: false), "\(Array(text.unicodeScalars))")
                #expect(Escape.xml(text) == reference(text, xml: true), "\(Array(text.unicodeScalars))")
            }
        }
    }

    // MARK: JavaScript

    @Test func javaScriptStringIsAnInertLiteral() {
        #expect(Escape.javaScriptString("plain — 🦙") == "\"plain — 🦙\"")
        #expect(Escape.javaScriptString("a\"b\\c") == "\"a\\\"b\\\\c\"")
        #expect(Escape.javaScriptString("</script><!--x-->&") == "\"\\u003c/script\\u003e\\u003c!--x--\\u003e\\u0026\"")
        #expect(Escape.javaScriptString("l\nc\r\t\u{0}\u{1F}\u{7F}") == "\"l\\nc\\r\\t\\u0000\\u001f\\u007f\"")
        #expect(Escape.javaScriptString("x\u{2028}y\u{2029}") == "\"x\\u2028y\\u2029\"")
        #expect(Escape.javaScriptString("") == "\"\"")
    }

    // MARK: Markdown

    @Test func tableCellEscapesPipe() {
        #expect(Escape.markdownTableCell("a|b") == "a\\|b")
    }

    @Test func tableCellNeutralisesLinks() {
        let escaped = Escape.markdownTableCell("[x](javascript:alert(1))")
        #expect(escaped == "\\[x\\](javascript\\:alert(1))")
        #expect(!escaped.replacingOccurrences(of: "\\]", with: "").contains("]"), "every ] escaped")
        #expect(Escape.markdownTableCell("![img](https://e.org/x.png)") == "!\\[img\\](https\\://e.org/x.png)")
    }

    @Test func tableCellEscapesInlineSyntax() {
        #expect(Escape.markdownTableCell("*a* _b_ `c` ~~d~~") == "\\*a\\* \\_b\\_ \\`c\\` \\~\\~d\\~\\~")
        #expect(Escape.markdownTableCell("<img src=x onerror=alert(1)>") == "\\<img src=x onerror=alert(1)\\>")
        #expect(Escape.markdownTableCell("&amp; #1") == "\\&amp; \\#1")
        #expect(Escape.markdownTableCell("www.example.org") == "www\\.example.org")
    }

    @Test func tableCellBackslashCannotSwallowTheCellDelimiter() {
        // "\\|" written by a template right after the cell would be an escaped pipe.
        #expect(Escape.markdownTableCell("tail\\") == "tail&#92;")
        #expect(Escape.markdownTableCell("a\\|b") == "a&#92;\\|b")
    }

    @Test func tableCellFlattensNewlinesAndTrims() {
        #expect(Escape.markdownTableCell("  one\ntwo\r\nthree\rfour  ") == "one two three four")
    }

    @Test func markdownTextEscapesInlineAndLineStartSyntax() {
        #expect(Escape.markdownText("[x](javascript:alert(1))") == "\\[x\\](javascript\\:alert(1))")
        #expect(Escape.markdownText("a\\b") == "a\\\\b")
        #expect(Escape.markdownText("# title") == "\\# title")
        #expect(Escape.markdownText("> quote") == "\\> quote")
        #expect(Escape.markdownText("- item") == "\\- item")
        #expect(Escape.markdownText("+ item") == "\\+ item")
        #expect(Escape.markdownText("===") == "\\===")
        #expect(Escape.markdownText("2024. year") == "2024\\. year")
        #expect(Escape.markdownText("1) one") == "1\\) one")
        #expect(Escape.markdownText("    code?") == "code?")
        #expect(Escape.markdownText("Llama-3.1-8B") == "Llama-3.1-8B")
        #expect(Escape.markdownText("line\nbreak") == "line break")
    }

    /// Texts of only letters, digits and never-escaped punctuation come back as they are, and
    /// each thing that needs the full rule still gets it (a leading marker, digits before `)`,
    /// surrounding space, a tab, a character that is escaped).
    @Test func plainTextComesBackAsItIsAndEveryExceptionStillEscapes() {
        #expect(Escape.markdownText("RM-7 (v2, 8B) 50% of 1/3!") == "RM-7 (v2, 8B) 50% of 1/3!")
        #expect(Escape.markdownTableCell("12) a") == "12) a")       // a cell never starts a list
        #expect(Escape.markdownText("12) a") == "12\\) a")
        #expect(Escape.markdownText("-1") == "\\-1")
        #expect(Escape.markdownText("=x") == "\\=x")
        #expect(Escape.markdownText(" a ") == "a")
        #expect(Escape.markdownText("a\tb") == "a\tb")
        #expect(Escape.markdownText("a_b") == "a\\_b")
        #expect(Escape.html("plain-name_7") == "plain-name_7")
        #expect(Escape.xml("plain \u{1}") == "plain ")
        #expect(Escape.xml("\u{FB01} kept") == "\u{FB01} kept")   // lead byte 0xEF, as U+FFFE has, but legal
    }

    @Test func markdownTextStopsEveryGFMAutolink() {
        #expect(Escape.markdownText("www.evil.example") == "www\\.evil.example")
        #expect(Escape.markdownText("http://evil.example") == "http\\://evil.example")
        #expect(Escape.markdownText("me@evil.example") == "me\u{2060}@evil.example")
        #expect(Escape.markdownTableCell("mailto:me@evil.example") == "mailto\\:me\u{2060}@evil.example")
        #expect(Escape.markdownText("@handle and a @ b") == "@handle and a @ b", "no address before the @")
        #expect(Escape.markdownText("voting@32 x@1 y@host") == "voting@32 x@1 y@host", "no domain after the @")
        #expect(Escape.markdownText("a@b-c.d") == "a\u{2060}@b-c.d")
        let tree = MarkdownTree("x " + Escape.markdownText("me@evil.example a.b+c@d-e.f_g www.evil.example http://evil.example <https://e.example>"))
        #expect(tree.active.isEmpty)
        #expect(MarkdownTree("x voting@32 x@1 y@host").active.isEmpty, "what is left unescaped is no link either")
    }

    @Test func imageAltTextCannotCloseEarly() {
        let alt = Escape.markdownText("x](https://evil.example/p.png) ![y")
        let tree = MarkdownTree("![\(alt)](charts/a.svg)")
        #expect(tree.nodes(["image"]) == [.init(type: "image", url: "charts/a.svg", text: "x](https://evil.example/p.png) ![y")])
    }

    @Test func codeSpanFenceIsLongerThanAnyBacktickRun() {
        #expect(Escape.markdownCode("plain/path.json") == "`plain/path.json`")
        #expect(Escape.markdownCode("a`b") == "``a`b``")
        #expect(Escape.markdownCode("a``b`c") == "```a``b`c```")
        #expect(Escape.markdownCode("`start") == "`` `start ``")
        #expect(Escape.markdownCode("end`") == "`` end` ``")
        #expect(Escape.markdownCode(" both ") == "`  both  `")
        #expect(Escape.markdownCode("   ") == "`   `")
        #expect(Escape.markdownCode("") == "` `")
        #expect(Escape.markdownCode("one\ntwo\r\nthree\rfour") == "`one two three four`")
    }

    @Test func codeSpanKeepsItsTextLiteral() {
        let texts = ["a`![p](https://evil.example/p.png)`b", "`", "``", " x", "x ", "` `", "<img src=x>", "# h\n- item", "a\\`b"]
        for text in texts {
            let codes = MarkdownTree("see " + Escape.markdownCode(text) + " here").nodes(["code"])
            #expect(codes.map(\.text) == [text.replacingOccurrences(of: "\n", with: " ")], "\(text)")
        }
    }

    // MARK: Slugs

    /// The shape every slug must have.
    private func isSafeSlug(_ slug: String) -> Bool {
        guard !slug.isEmpty, slug.count <= 80, !slug.contains(".."),
              let first = slug.first, first != ".", first != "-" else { return false }
        return slug.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "." || $0 == "_"
        }
    }

    @Test func slugOfPathTraversal() {
        let slug = Slug.plain("../../etc/passwd")
        #expect(slug == "etc-passwd")
        #expect(isSafeSlug(slug))
    }

    @Test func slugOfHuggingFaceName() {
        #expect(Slug.plain("Skywork/Reward-Llama-3.1-8B") == "skywork-reward-llama-3.1-8b")
        #expect(Slug.plain("internlm/internlm2-7b_reward") == "internlm-internlm2-7b_reward")
    }

    @Test func slugOfNonASCIIName() {
        let slug = Slug.plain("模型")
        #expect(slug.hasPrefix("model-"))
        #expect(slug.count == "model-".count + 8)
        #expect(isSafeSlug(slug))
        #expect(Slug.plain("模型") == slug, "stable")
        #expect(Slug.plain("模型") != Slug.plain("模式"))
    }

    @Test func slugOfEmptyName() {
        #expect(Slug.plain("") == "model-cbf29ce4")   // FNV-1a 64 offset basis
        #expect(Slug.plain("///").hasPrefix("model-"))
        #expect(Slug.plain("...") != Slug.plain(""))
    }

    @Test func namesDifferingOnlyInNonASCIIGetDifferentSlugs() {
        let a = Slug.plain("Modèl-7B")
        let b = Slug.plain("Modél-7B")
        #expect(a != b)
        #expect(a.hasPrefix("mod-l-7b-"))
        #expect(b.hasPrefix("mod-l-7b-"))
        #expect(isSafeSlug(a) && isSafeSlug(b))
    }

    @Test func longNamesAreTruncatedWithHash() {
        let stem = String(repeating: "very-long-model-name-", count: 6)
        let a = Slug.plain(stem + "A")
        let b = Slug.plain(stem + "B")
        #expect(a.count <= 80 && b.count <= 80)
        #expect(a != b)
        #expect(isSafeSlug(a) && isSafeSlug(b))
        #expect(Slug.plain(String(repeating: "x", count: 80)) == String(repeating: "x", count: 80))
    }

    @Test func slugsAreAlwaysSafe() {
        let names = ["..", ".hidden", "-flag", "a..b", "a/./b", "CON", "name.", "a\u{0}b", "🦙 Llama 3", "a b\tc",
                     "%2e%2e%2f", "C:\\Windows\\system32", "x" + String(repeating: "é", count: 100)]
        for name in names {
            #expect(isSafeSlug(Slug.plain(name)), "\(Slug.plain(name)) from \(name)")
        }
        #expect(Slug.plain("a..b") == "a.b")
        #expect(Slug.plain(".hidden") == "hidden")
    }

    @Test func hashIsFNV1a64() {
        #expect(Slug.fnv1a64([]) == 0xcbf2_9ce4_8422_2325)
        #expect(Slug.fnv1a64(Array("a".utf8)) == 0xaf63_dc4c_8601_ec8c)
        #expect(Slug.hex8(0x0000_00ab_cdef_0123) == "000000ab")
    }

    @Test func uniqueSlugsDisambiguateCollisions() {
        let names = ["Org/Model", "org-model", "Other", "Org/Model"]
        let slugs = Slug.unique(names)
        #expect(slugs.count == 4)
        #expect(slugs[0] != slugs[1])
        #expect(slugs[0] == slugs[3])
        #expect(slugs[2] == "other")
        #expect(slugs.allSatisfy(isSafeSlug))
    }

    // MARK: URLs

    @Test func urlAcceptsHTTPAndEncodes() {
        #expect(Escape.url("https://x.org/a b") == "https://x.org/a%20b")
        #expect(Escape.url("  HTTP://x.org/path?q=1&r=2#frag  ") == "http://x.org/path?q=1&r=2#frag")
        #expect(Escape.url("https://huggingface.co/Skywork/Reward-Llama-3.1-8B") == "https://huggingface.co/Skywork/Reward-Llama-3.1-8B")
        #expect(Escape.url("https://x.org/\"><script>") == "https://x.org/%22%3E%3Cscript%3E")
        #expect(Escape.url("https://x.org/a(b)'c") == "https://x.org/a%28b%29%27c")
        #expect(Escape.url("https://x.org/mod%C3%A8l/100%") == "https://x.org/mod%C3%A8l/100%25")
        #expect(Escape.url("https://x.org/modèl") == "https://x.org/mod%C3%A8l")
        #expect(Escape.url("http://[::1]:8080/a[0]") == "http://[::1]:8080/a%5B0%5D")
    }

    @Test func urlRejectsOtherSchemesAndRelativeReferences() {
        let rejected = [
            "javascript:alert(1)", " JavaScript:alert(1)", "java\nscript:alert(1)",
            "data:text/html,<script>alert(1)</script>", "vbscript:x", "file:///etc/passwd",
            "ftp://x.org/", "/relative/path", "relative/path", "../up", "//x.org/a", "#frag", "?q",
            "https:x.org", "https:/x.org", "https://", "https:///x.org", "https://user:pw@evil.org/",
            "https:\\\\evil.org", "", "   ",
        ]
        for text in rejected {
            #expect(Escape.url(text) == nil, "\(text)")
        }
    }
}
