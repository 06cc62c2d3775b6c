import Testing
import RMBenchConvert

/// `@@NAME@@` paragraphs become our trusted SVG, printed verbatim.
struct FragmentTests {
    let converter = MarkdownConverter()

    /// <title> and <style> are exactly what tagfilter would have escaped had the SVG
    /// gone in as raw HTML; they must survive.
    let svg = #"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><title>Win rate</title>"#
        + #"<style>.c1-bar{fill:#36c}</style><rect class="c1-bar" width="5" height="10"/></svg>"#

    @Test func placeholderIsReplacedVerbatimWhileScriptStaysBlocked() throws {
        let markdown = """
        Before.

        @@chart:x@@

        <script>alert(1)</script>

        After <img src=x onerror=alert(1)>.
        """
        let expected = "<p>Before.</p>\n"
            + svg + "\n"
            + "<!-- raw HTML omitted -->\n"
            + "<p>After <!-- raw HTML omitted -->.</p>\n"
        let html = try converter.html(fromMarkdown: markdown, fragments: ["chart:x": svg])
        #expect(html == expected)
        #expect(!html.contains("<script"))
    }

    /// Fragments are put into cmark's output after rendering, with the line breaks cmark itself
    /// prints around a block: none after a fragment that is empty or ends with one.
    @Test func splicedFragmentsKeepCmarksLineBreaks() throws {
        #expect(try converter.html(fromMarkdown: "@@a@@\n\nText.", fragments: ["a": ""]) == "<p>Text.</p>\n")
        #expect(try converter.html(fromMarkdown: "A.\n\n@@a@@\n\nB.", fragments: ["a": "<div>x</div>\n"])
            == "<p>A.</p>\n<div>x</div>\n<p>B.</p>\n")
        #expect(try converter.html(fromMarkdown: "@@a@@\n\n@@b@@\n\n@@a@@", fragments: ["a": "<i>1</i>", "b": "<i>2</i>"])
            == "<i>1</i>\n<i>2</i>\n<i>1</i>\n")
        #expect(try converter.html(fromMarkdown: "A.\n\n@@a@@", fragments: ["a": "<a href=\"https://x.org/\">x</a>"])
            == "<p>A.</p>\n<a rel=\"noopener noreferrer\" href=\"https://x.org/\">x</a>\n")
        var bytes = Array("<main>".utf8)
        try converter.append(fromMarkdown: "A.\n\n@@a@@", fragments: ["a": "<b>x</b>"], to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == "<main><p>A.</p>\n<b>x</b>\n")
    }

    /// Text that could pose as a fragment's marker (the control characters come from data, or
    /// from a character reference cmark decodes) stays text, and the fragments still go in.
    @Test func markerLookalikesInTheTextStayText() throws {
        #expect(try converter.html(fromMarkdown: "\u{2}0\u{3} and &#2;1&#3;\n\n@@a@@\n\n@@b@@", fragments: ["a": "<b>x</b>", "b": "<b>y</b>"])
            == "<p>\u{2}0\u{3} and \u{2}1\u{3}</p>\n<b>x</b>\n<b>y</b>\n")
        #expect(try converter.html(fromMarkdown: "&#2;0&#3;", fragments: [:]) == "<p>\u{2}0\u{3}</p>\n")
    }

    @Test func placeholderInsideListAndQuote() throws {
        let markdown = """
        - @@chart:x@@
        - b

        > @@chart:x@@
        """
        let expected = "<ul>\n<li>\n" + svg + "\n</li>\n<li>b</li>\n</ul>\n"
            + "<blockquote>\n" + svg + "\n</blockquote>\n"
        #expect(try converter.html(fromMarkdown: markdown, fragments: ["chart:x": svg]) == expected)
    }

    @Test func unknownPlaceholderThrowsNamingIt() throws {
        let markdown = """
        Intro.

        @@chart:y@@
        """
        let error = #expect(throws: ConvertError.self) {
            try converter.html(fromMarkdown: markdown, fragments: ["chart:x": svg])
        }
        #expect(error?.reason == .unknownFragment(name: "chart:y", line: 3))
        #expect(error?.fragmentName == "chart:y")
        #expect(error?.description == "unknown fragment placeholder @@chart:y@@ on line 3")
    }

    @Test func placeholderInsideLongerParagraphIsLeftAlone() throws {
        // Not a whole paragraph, so neither replaced nor an error, even though no
        // fragment named x exists.
        let html = try converter.html(fromMarkdown: "See @@x@@ here.\n\n@@x@@ and more")
        #expect(html == "<p>See @@x@@ here.</p>\n<p>@@x@@ and more</p>\n")
    }

    @Test func placeholderInCodeIsLeftAlone() throws {
        let markdown = """
        `@@x@@`

        ```
        @@x@@
        ```
        """
        let html = try converter.html(fromMarkdown: markdown)
        #expect(html == "<p><code>@@x@@</code></p>\n<pre><code>@@x@@\n</code></pre>\n")
    }

    @Test func invalidNameCharactersAreNotAPlaceholder() throws {
        #expect(try converter.html(fromMarkdown: "@@a b@@") == "<p>@@a b@@</p>\n")
        #expect(try converter.html(fromMarkdown: "@@@@") == "<p>@@@@</p>\n")
    }

    @Test func everyNameCharacterIsAccepted() throws {
        let html = try converter.html(fromMarkdown: "@@Az09_.:-@@", fragments: ["Az09_.:-": "<hr class=\"f\">"])
        #expect(html == "<hr class=\"f\">\n")
    }

    @Test func fragmentWithNULIsRejected() throws {
        let error = #expect(throws: ConvertError.self) {
            try converter.html(fromMarkdown: "@@x@@", fragments: ["x": "<svg>\u{0}</svg>"])
        }
        #expect(error?.reason == .fragmentContainsNUL(name: "x"))
    }
}
