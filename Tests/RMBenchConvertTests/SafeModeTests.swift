import Testing
import RMBenchConvert

/// Untrusted text (prompts, model responses) ends up in these pages: raw HTML must
/// never come out as live markup.
struct SafeModeTests {
    let converter = MarkdownConverter()

    @Test func rawHTMLBlocksAreOmitted() throws {
        let markdown = """
        <script>alert(1)</script>

        <img src=x onerror=alert(1)>

        Text.
        """
        let expected = """
        <!-- raw HTML omitted -->
        <!-- raw HTML omitted -->
        <p>Text.</p>

        """
        let html = try converter.html(fromMarkdown: markdown)
        #expect(html == expected)
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
    }

    @Test func inlineRawHTMLIsOmittedButTextKept() throws {
        let markdown = #"Hi <img src=x onerror=alert(1)> and <b onclick="x()">bold</b> <script>alert(1)</script>."#
        let expected = "<p>Hi <!-- raw HTML omitted --> and <!-- raw HTML omitted -->bold<!-- raw HTML omitted --> "
            + "<!-- raw HTML omitted -->alert(1)<!-- raw HTML omitted -->.</p>\n"
        let html = try converter.html(fromMarkdown: markdown)
        #expect(html == expected)
        #expect(!html.contains("onerror") && !html.contains("onclick"))
    }

    @Test func escapedAngleBracketsBecomeEntities() throws {
        let html = try converter.html(fromMarkdown: #"Use \<script> & "quotes""#)
        #expect(html == "<p>Use &lt;script&gt; &amp; &quot;quotes&quot;</p>\n")
    }
}

@Suite("External links")
struct ExternalLinkTests {
    @Test func externalLinksGetNoopenerAndUnsafeSchemesAreEmptied() throws {
        let html = try MarkdownConverter().html(fromMarkdown: "[a](https://x.org/a) [b](page.html) <http://y.org> [c](javascript:alert(1))")
        #expect(html == "<p><a rel=\"noopener noreferrer\" href=\"https://x.org/a\">a</a> <a href=\"page.html\">b</a> <a rel=\"noopener noreferrer\" href=\"http://y.org\">http://y.org</a> <a href=\"\">c</a></p>\n")
    }
}
