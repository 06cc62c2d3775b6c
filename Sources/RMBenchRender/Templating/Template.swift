/// A Mustache template compiled once into nodes and rendered with each page's data.
///
///     let template = try Template("{{% CONTENT_TYPE: TEXT}}\n{{#rows}}| {{name}} |\n{{/rows}}")
///     template.render(["rows": [["name": "a"], ["name": "b"]]])    // "| a |\n| b |\n"
///
/// The data is what the page renderers pass: structs (their stored properties are the keys),
/// `[String: Any]` dictionaries, arrays, `Bool`, `Int`, `Double`, `String` and optionals, read as
/// swift-mustache 2.1.1 read them (see ``TemplateRenderer``).
struct Template: Sendable {
    private let nodes: [TemplateNode]
    /// The source's size in bytes: a first guess at the output's.
    private let sourceLength: Int

    init(_ text: String) throws(TemplateSyntaxError) {
        var parser = TemplateParser(text)
        nodes = try parser.parse()
        sourceLength = text.utf8.count
    }

    func render(_ data: Any) -> String {
        var renderer = TemplateRenderer(data: data, expectedLength: sourceLength * 2)
        renderer.render(nodes, escapesHTML: true)
        return renderer.output
    }
}
