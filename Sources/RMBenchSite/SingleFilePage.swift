import RMBenchConvert
import RMBenchRender

/// A standalone page (report, comparison) converted to its final HTML.
enum SingleFilePage {
    static func html(_ page: RenderedPage) throws(PipelineFailure) -> String {
        do {
            return page.html(body: try MarkdownConverter().html(fromMarkdown: page.markdown, fragments: page.fragments))
        } catch {
            throw .convert("\(page.path): \(error)")
        }
    }
}
