/// `methodology.html`: how every number is computed; all of it is the template's text.
enum MethodologyPage {
    /// What `methodology.md.mustache` reads.
    struct TemplateData {
        /// Escaped for Markdown text.
        var siteTitle: String
        var version: String
    }

    static func render(input: SiteInput, templates: TemplateSet, layout: Layout) -> RenderedPage {
        let data = TemplateData(siteTitle: Escape.markdownText(input.title), version: input.toolVersion)
        return layout.page(path: "methodology", title: "Methodology", markdown: templates.render("methodology.md", data))
    }
}
