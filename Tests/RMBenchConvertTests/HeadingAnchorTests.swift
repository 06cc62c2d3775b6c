import Testing
@testable import RMBenchConvert

/// Every heading gets `id="slug"` on the heading element itself.
struct HeadingAnchorTests {
    let converter = MarkdownConverter()

    @Test func headingGetsSlugID() throws {
        #expect(try converter.html(fromMarkdown: "## Chat & Math") == "<h2 id=\"chat-math\">Chat &amp; Math</h2>\n")
    }

    @Test func repeatedHeadingsGetUniqueIDs() throws {
        let markdown = """
        # Results

        ## Results

        ### Results

        ## Results 2
        """
        // "Results 2" would be "results-2", already taken by the second heading.
        let expected = """
        <h1 id="results">Results</h1>
        <h2 id="results-2">Results</h2>
        <h3 id="results-3">Results</h3>
        <h2 id="results-2-2">Results 2</h2>

        """
        #expect(try converter.html(fromMarkdown: markdown) == expected)
    }

    @Test func scriptInHeadingIsEscapedOrOmittedAndSlugIsSafe() throws {
        let markdown = """
        ## The `<script>` tag

        ## Escaped \\<script>alert(1)\\</script>

        ## <script>alert(1)</script> raw
        """
        let expected = """
        <h2 id="the-script-tag">The <code>&lt;script&gt;</code> tag</h2>
        <h2 id="escaped-script-alert-1-script">Escaped &lt;script&gt;alert(1)&lt;/script&gt;</h2>
        <h2 id="alert-1-raw"><!-- raw HTML omitted -->alert(1)<!-- raw HTML omitted --> raw</h2>

        """
        let html = try converter.html(fromMarkdown: markdown)
        #expect(html == expected)
        #expect(!html.contains("<script"))
    }

    @Test func inlineMarkupInsideHeadingIsKept() throws {
        let markdown = """
        Setext *two*
        lines
        ---

        #### ~~Old~~ [New](https://example.com)
        """
        let expected = """
        <h2 id="setext-two-lines">Setext <em>two</em>
        lines</h2>
        <h4 id="old-new"><del>Old</del> <a rel="noopener noreferrer" href="https://example.com">New</a></h4>

        """
        #expect(try converter.html(fromMarkdown: markdown) == expected)
    }

    @Test func headingWithoutASCIITextIsSection() throws {
        #expect(try converter.html(fromMarkdown: "# 日本語\n\n# !!!") ==
            "<h1 id=\"section\">日本語</h1>\n<h1 id=\"section-2\">!!!</h1>\n")
    }

    @Test func slugRules() {
        #expect(HeadingSlugger.slug("Chat & Math") == "chat-math")
        #expect(HeadingSlugger.slug("  --A--B--  ") == "a-b")
        #expect(HeadingSlugger.slug("Über GPT-4o (2024)") == "ber-gpt-4o-2024")
        #expect(HeadingSlugger.slug("") == "section")
        #expect(HeadingSlugger.slug("—") == "section")
    }
}
