import Testing
@testable import RMBenchConvert

/// The four GFM extensions are on, with output shapes the site's CSS relies on.
struct GFMExtensionTests {
    let converter = MarkdownConverter()

    @Test func tableHasHeadBodyAndAlignAttributes() throws {
        let markdown = """
        | Model | Score | Note |
        |:------|------:|:----:|
        | a     | 0.9   | ok   |
        """
        // align= rather than style=: the site's CSP will forbid inline styles.
        let expected = """
        <table>
        <thead>
        <tr>
        <th align="left">Model</th>
        <th align="right">Score</th>
        <th align="center">Note</th>
        </tr>
        </thead>
        <tbody>
        <tr>
        <td align="left">a</td>
        <td align="right">0.9</td>
        <td align="center">ok</td>
        </tr>
        </tbody>
        </table>

        """
        #expect(try converter.html(fromMarkdown: markdown) == expected)
    }

    @Test func strikethrough() throws {
        #expect(try converter.html(fromMarkdown: "~~old~~ new") == "<p><del>old</del> new</p>\n")
    }

    @Test func autolinkWithoutAngleBrackets() throws {
        // The trailing full stop is not part of the link.
        let html = try converter.html(fromMarkdown: "See https://example.com now.")
        #expect(html == "<p>See <a rel=\"noopener noreferrer\" href=\"https://example.com\">https://example.com</a> now.</p>\n")
    }

    @Test func tagfilterIsInTheListUsedForRendering() throws {
        // In SAFE mode tagfilter has no visible effect (raw HTML is omitted first), so
        // check that the parser, whose list is passed to cmark_render_html, carries it.
        #expect(try Cmark.attachedExtensionNames() == ["table", "strikethrough", "autolink", "tagfilter"])
    }

    @Test func tagfilteredTagsNeverAppearLive() throws {
        let markdown = """
        <title>x</title>

        a <textarea>b</textarea> <xmp>c</xmp> <iframe src="https://evil.example"></iframe>
        """
        let expected = """
        <!-- raw HTML omitted -->
        <p>a <!-- raw HTML omitted -->b<!-- raw HTML omitted --> \
        <!-- raw HTML omitted -->c<!-- raw HTML omitted --> \
        <!-- raw HTML omitted --><!-- raw HTML omitted --></p>

        """
        #expect(try converter.html(fromMarkdown: markdown) == expected)
    }

    @Test func emptyInputGivesEmptyOutput() throws {
        #expect(try converter.html(fromMarkdown: "") == "")
    }
}
