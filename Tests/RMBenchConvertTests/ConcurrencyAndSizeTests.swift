import Testing
import RMBenchConvert

struct ConcurrencyAndSizeTests {
    @Test func concurrentConversionsAgree() async throws {
        let markdown = """
        # Leaderboard

        | Model | Chat | Math |
        |:------|-----:|-----:|
        | a     | 0.91 | 0.55 |
        | b     | 0.87 | 0.61 |

        @@chart:matrix@@

        ## Leaderboard

        ~~draft~~ see https://example.com <script>alert(1)</script>
        """
        let fragments = ["chart:matrix": #"<svg xmlns="http://www.w3.org/2000/svg"><title>m</title></svg>"#]
        let converter = MarkdownConverter()
        let reference = try converter.html(fromMarkdown: markdown, fragments: fragments)

        let outputs = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<64 {
                group.addTask { try converter.html(fromMarkdown: markdown, fragments: fragments) }
            }
            var all: [String] = []
            for try await html in group { all.append(html) }
            return all
        }
        #expect(outputs.count == 64)
        #expect(outputs.allSatisfy { $0 == reference })
        #expect(reference.contains("<h2 id=\"leaderboard-2\">Leaderboard</h2>"))
    }

    @Test func oneMegabyteTableConverts() throws {
        var markdown = "| Model | Score | Prompt |\n|:--|--:|---|\n"
        var rows = 0
        while markdown.utf8.count < 1_000_000 {
            markdown += "| model-\(rows) | 0.\(rows % 100) | prompt text for row \(rows) |\n"
            rows += 1
        }
        let html = try MarkdownConverter().html(fromMarkdown: markdown)
        #expect(html.hasPrefix("<table>\n<thead>\n<tr>\n<th align=\"left\">Model</th>\n"))
        #expect(html.hasSuffix("</tr>\n</tbody>\n</table>\n"))
        // One <tr> for the header row plus one per body row.
        #expect(html.split(separator: "\n").filter { $0 == "<tr>" }.count == rows + 1)
        #expect(html.contains("<td align=\"left\">model-\(rows - 1)</td>"))
    }
}
