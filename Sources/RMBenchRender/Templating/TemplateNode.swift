/// One part of a compiled template: what ``TemplateParser`` makes of the source and
/// ``TemplateRenderer`` walks, so a template is parsed once and rendered many times.
indirect enum TemplateNode: Sendable {
    /// Source text, copied as it is (standalone tag lines and comments already taken out).
    case text(String)
    /// `{{name}}` (escaped for HTML unless the content type is text), `{{{name}}}` and `{{&name}}` (never escaped).
    case value(TemplateName, escaped: Bool)
    /// `{{#name}}…{{/name}}`: once per element of a list, once if the value is true or present.
    case section(TemplateName, [TemplateNode])
    /// `{{^name}}…{{/name}}`: once if the value is false, missing or an empty list.
    case invertedSection(TemplateName, [TemplateNode])
    /// `{{% CONTENT_TYPE: TEXT}}` (false) or `HTML` (true): whether `{{name}}` escapes for HTML
    /// from here to the end of the enclosing section or template.
    case contentType(escapesHTML: Bool)
}
