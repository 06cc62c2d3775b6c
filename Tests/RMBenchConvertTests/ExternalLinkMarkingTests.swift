import Testing
@testable import RMBenchConvert

@Suite("External links, byte level")
struct ExternalLinkMarkingTests {
    @Test("every http(s) link gains rel=noopener noreferrer; relative links, text and other tags are untouched",
          arguments: [
              ("", ""),
              ("<p>no links, ünïcode ✓</p>", "<p>no links, ünïcode ✓</p>"),
              ("<a href=\"models/a.html\">a</a>", "<a href=\"models/a.html\">a</a>"),
              ("<a href=\"https://x.org\">x</a>", "<a rel=\"noopener noreferrer\" href=\"https://x.org\">x</a>"),
              ("ü<a href=\"http://a\">1</a><b><a href=\"https://b\">2</a>",
               "ü<a rel=\"noopener noreferrer\" href=\"http://a\">1</a><b><a rel=\"noopener noreferrer\" href=\"https://b\">2</a>"),
              ("<<a href=\"http", "<<a rel=\"noopener noreferrer\" href=\"http"),
              ("text <a href=\"htt", "text <a href=\"htt"),
          ])
    func marksExternalLinks(input: String, expected: String) {
        #expect(MarkdownConverter.markExternalLinks(input) == expected)
    }
}
