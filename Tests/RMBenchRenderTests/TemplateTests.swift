import Foundation
import Testing
@testable import RMBenchRender

/// The Mustache engine the site's templates are rendered with: the spec's rules, the value
/// kinds the page data passes (read as swift-mustache 2.1.1 read them, which the templates were
/// written for), and parse errors with their line and column.
@Suite("Templates")
struct TemplateTests {
    static func render(_ source: String, _ data: Any) throws -> String {
        try Template(source).render(data)
    }

    static func syntaxError(_ source: String) -> TemplateSyntaxError? {
        do {
            _ = try Template(source)
            return nil
        } catch {
            return error
        }
    }

    struct Row {
        var name: String
        var count: Int
        var note: String?
    }

    struct Page {
        var title: String
        var rows: [Row]
        var canonical: String?
        var share: Double
        var isEmpty: Bool
        var card: Card?
    }

    struct Card {
        var family: String
    }

    static let page = Page(title: "RM <Bench>", rows: [Row(name: "a", count: 1, note: "n"), Row(name: "b", count: 2, note: nil)],
                           canonical: nil, share: 0.5, isEmpty: false, card: Card(family: "Llama"))

    // MARK: interpolation

    @Test("{{x}} escapes < > & \" ' for HTML; {{{x}}} and {{&x}} do not")
    func escaping() throws {
        let data: [String: Any] = ["x": "<a href=\"u\">Tom & 'Jerry'</a>"]
        #expect(try Self.render("{{x}}|{{{x}}}|{{&x}}", data)
                == "&lt;a href=&quot;u&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;|<a href=\"u\">Tom & 'Jerry'</a>|<a href=\"u\">Tom & 'Jerry'</a>")
        #expect(try Self.render("{{ x }}", ["x": "plain"]) == "plain")
    }

    @Test("a < or \" that a combining mark or a prepended character joins into one character is escaped all the same")
    func escapingByScalar() throws {
        #expect(try Self.render("{{x}}", ["x": "<\u{301} é<b> \u{600}<"]) == "&lt;\u{301} é&lt;b&gt; \u{600}&lt;")
        #expect(try Self.render("<a title=\"{{x}}\">", ["x": "\"\u{301} onmouseover=x"]) == "<a title=\"&quot;\u{301} onmouseover=x\">")
    }

    @Test("{{% CONTENT_TYPE: TEXT}} turns HTML escaping off for the rest of the template, HTML turns it back on")
    func contentType() throws {
        #expect(try Self.render("{{% CONTENT_TYPE: TEXT}}\n{{x}}\n{{% CONTENT_TYPE: HTML}}\n{{x}}\n", ["x": "a<b"]) == "a<b\na&lt;b\n")
        // Inside a section the pragma holds to the section's end.
        #expect(try Self.render("{{#s}}{{% CONTENT_TYPE: TEXT}}{{x}}{{/s}}{{x}}", ["s": true, "x": "<"]) == "<&lt;")
        // A section after the pragma inherits it.
        #expect(try Self.render("{{%CONTENT_TYPE:TEXT}}{{#s}}{{x}}{{/s}}", ["s": true, "x": "<"]) == "<")
    }

    @Test("numbers print as Swift prints them; a missing name prints nothing")
    func numbers() throws {
        let data: [String: Any] = ["i": -3, "d": 0.1, "whole": 2.0, "big": 1e20, "b": true, "f": false]
        #expect(try Self.render("{{i}} {{d}} {{whole}} {{big}} {{b}} {{f}} [{{missing}}]", data) == "-3 0.1 2.0 1e+20 true false []")
    }

    @Test("optionals: a nil property is missing, a present one prints its value; a nil stored in a dictionary prints nil")
    func optionals() throws {
        #expect(try Self.render("[{{canonical}}]{{#card}}{{family}}{{/card}}", Self.page) == "[]Llama")
        let none: String? = nil
        let some: String? = "x"
        #expect(try Self.render("{{a}}|{{b}}|{{#a}}present{{/a}}", ["a": none as Any, "b": some as Any]) == "nil|x|present")
        #expect(try Self.render("{{x}}", ["x": NSNull()]) == "")
    }

    // MARK: data

    @Test("a struct's stored properties are its keys, nested structs through sections and dotted names")
    func structs() throws {
        #expect(try Self.render("{{title}}: {{#rows}}{{name}}={{count}};{{/rows}} {{share}} {{card.family}}", Self.page)
                == "RM &lt;Bench&gt;: a=1;b=2; 0.5 Llama")
    }

    @Test("a key the element lacks, or has as nil, is looked up in the enclosing data")
    func outwardLookup() throws {
        struct Outer { var note = "outer"; var rows: [Row] }
        let data = Outer(rows: Self.page.rows)
        #expect(try Self.render("{{#rows}}{{name}}:{{note}} {{/rows}}", data) == "a:n b:outer ")
        #expect(try Self.render("{{#rows}}{{title}}{{/rows}}", ["title": "T", "rows": [["name": "x"], ["name": "y"]]] as [String: Any]) == "TT")
    }

    @Test("dotted names: the first part is looked up outwards, the rest only inside; a leading dot looks in the current element only")
    func dottedNames() throws {
        let data: [String: Any] = ["a": ["b": ["c": "deep"]] as [String: Any], "c": "top", "s": ["x": 1] as [String: Any]]
        #expect(try Self.render("{{a.b.c}}|{{a.c}}|{{a.b.x}}|{{#s}}{{c}}/{{.c}}/{{.x}}{{/s}}", data) == "deep|||top//1")
    }

    @Test("[String: Any] and other String-keyed dictionaries are read by key")
    func dictionaries() throws {
        let counts: [String: Int] = ["chat": 3]
        #expect(try Self.render("{{counts.chat}} {{#counts}}{{chat}}{{/counts}}", ["counts": counts]) == "3 3")
    }

    @Test("{{.}} is the current element: strings, numbers, and each element of a list")
    func implicitIterator() throws {
        #expect(try Self.render("{{#scripts}}<{{.}}>{{/scripts}}", ["scripts": ["a.js", "b&c.js"]]) == "<a.js><b&amp;c.js>")
        #expect(try Self.render("{{#n}}{{.}}{{/n}}", ["n": [1, 2, 3]]) == "123")
        #expect(try Self.render("{{#s}}[{{.}}]{{/s}}", ["s": "text"]) == "[text]")
    }

    // MARK: sections

    @Test("sections over Bool, lists, dictionaries, structs and missing names")
    func sections() throws {
        let data: [String: Any] = ["yes": true, "no": false, "list": [["v": 1], ["v": 2]], "empty": [[String: Any]](),
                                   "dict": ["v": "d"] as [String: Any], "page": Self.page]
        #expect(try Self.render("{{#yes}}Y{{/yes}}{{#no}}N{{/no}}{{#missing}}M{{/missing}}", data) == "Y")
        #expect(try Self.render("{{#list}}{{v}}{{/list}}|{{#empty}}E{{/empty}}|{{#dict}}{{v}}{{/dict}}|{{#page}}{{title}}{{/page}}", data)
                == "12||d|RM &lt;Bench&gt;")
    }

    @Test("an empty string and zero are values: a section shows, an inverted section does not")
    func emptyStringAndZero() throws {
        let data: [String: Any] = ["s": "", "z": 0]
        #expect(try Self.render("{{#s}}[{{.}}]{{/s}}{{^s}}none{{/s}}|{{#z}}{{.}}{{/z}}{{^z}}none{{/z}}", data) == "[]|0")
    }

    @Test("inverted sections show for false, a missing name, nil and an empty list, and for nothing else")
    func invertedSections() throws {
        let data: [String: Any] = ["no": false, "yes": true, "empty": [Int](), "list": [1], "text": "t"]
        #expect(try Self.render("{{^no}}a{{/no}}{{^missing}}b{{/missing}}{{^empty}}c{{/empty}}{{^yes}}X{{/yes}}{{^list}}X{{/list}}{{^text}}X{{/text}}", data)
                == "abc")
        #expect(try Self.render("{{^canonical}}no canonical{{/canonical}}{{^rows}}X{{/rows}}", Self.page) == "no canonical")
    }

    @Test("nested sections see every enclosing element")
    func nestedSections() throws {
        let data: [String: Any] = ["groups": [["g": "A", "items": [["i": 1], ["i": 2]]], ["g": "B", "items": [["i": 3]]]] as [[String: Any]]]
        #expect(try Self.render("{{#groups}}{{#items}}{{g}}{{i}} {{/items}}{{/groups}}", data) == "A1 A2 B3 ")
    }

    // MARK: whitespace

    @Test("a line holding only a section, inverted, closing, comment, pragma or delimiter tag disappears with its newline")
    func standaloneLines() throws {
        let source = "| A |\n{{#rows}}\n  | {{name}} |\n{{/rows}}\n  {{! a comment }}  \n{{^none}}\nend\n{{/none}}\n"
        #expect(try Self.render(source, Self.page) == "| A |\n  | a |\n  | b |\nend\n")
        #expect(try Self.render("{{% CONTENT_TYPE: TEXT}}\r\n{{#yes}}\r\nx\r\n{{/yes}}\r\n", ["yes": true]) == "x\r\n")
        #expect(try Self.render("a\n{{=<% %>=}}\n<%x%>\n", ["x": 1]) == "a\n1\n")
        // The last line needs no newline.
        #expect(try Self.render("x\n{{#yes}}\ny\n{{/yes}}", ["yes": true]) == "x\ny\n")
    }

    @Test("tags with text on their line keep the line: inline sections, indented variables")
    func inlineTags() throws {
        #expect(try Self.render("  {{#yes}}YES{{/yes}}\n", ["yes": true]) == "  YES\n")
        #expect(try Self.render("[{{#yes}} {{/yes}}]\n  {{x}}\n", ["yes": true, "x": "v"]) == "[ ]\n  v\n")
        #expect(try Self.render("a {{! c }} b\n", [String: Any]()) == "a  b\n")
        #expect(try Self.render("{{#yes}}x{{/yes}} {{#yes}}\ny{{/yes}}\n", ["yes": true]) == "x \ny\n")
    }

    @Test("comments span lines and print nothing")
    func comments() throws {
        #expect(try Self.render("a{{! one\ntwo }}b\n{{!\nstandalone\n}}\nc", [String: Any]()) == "ab\nc")
    }

    @Test("set delimiters: the new pair reads tags (triple braces become {…} after the name's delimiters) until changed back")
    func setDelimiters() throws {
        #expect(try Self.render("{{=<% %>=}}<%x%> {{x}} <%{x%>}<%={{ }}=%> {{x}}", ["x": "<"]) == "&lt; {{x}} < &lt;")
        // Delimiters set inside a section hold until its end.
        #expect(try Self.render("{{#yes}}{{=| |=}}|x||/yes|{{x}}", ["yes": true, "x": 1]) == "11")
    }

    // MARK: parse errors

    @Test("parse errors say what is wrong, at the tag's line and column")
    func parseErrors() throws {
        let mismatched = Self.syntaxError("first line\n{{#rows}}\n  {{/columns}}\n")
        #expect(mismatched == TemplateSyntaxError(line: 3, column: 3, message: "{{/columns}} does not close {{#rows}} (line 2)"))
        #expect(Self.syntaxError("ok\n\n  x {{#rows}} never closed\n")
                == TemplateSyntaxError(line: 3, column: 5, message: "{{#rows}} is never closed (no {{/rows}})"))
        #expect(Self.syntaxError("{{/rows}}") == TemplateSyntaxError(line: 1, column: 1, message: "{{/rows}} closes no open section"))
        #expect(Self.syntaxError("é {{name")?.column == 3)
        #expect(Self.syntaxError("{{name")?.message == "the tag is not closed by }} (a name holds letters, digits and . - _ ? * only)")
        #expect(Self.syntaxError("{{{name}}")?.message == "{{{name}} needs a third } to close it")
        #expect(Self.syntaxError("x{{! open comment") == TemplateSyntaxError(line: 1, column: 2, message: "the comment is not closed by }}"))
        #expect(Self.syntaxError("{{=<%>=}}")?.message.hasPrefix("a delimiter change is written like {{=<% %>=}}") == true)
        #expect(Self.syntaxError("{{% CONTENT_TYPE: JSON}}")?.message.hasPrefix("unknown content type JSON") == true)
        #expect(Self.syntaxError("{{% ESCAPE: TEXT}}")?.message.hasPrefix("unknown pragma ESCAPE") == true)
        #expect(Self.syntaxError("a\n{{}}")  == TemplateSyntaxError(line: 2, column: 1, message: "the tag has no name"))
        for name in ["a.", "a..b", "..", ".a."] {
            #expect(Self.syntaxError("x {{\(name)}}") == TemplateSyntaxError(line: 1, column: 3, message: "\(name) has an empty part between dots"))
        }
        #expect(try Self.render("{{a.b}} {{.a.b}} {{#a}}{{.}}{{/a}}", ["a": ["b": "v"]]).hasPrefix("v v"))
        let nested = { (depth: Int) in String(repeating: "{{#a}}", count: depth) + String(repeating: "{{/a}}", count: depth) }
        #expect(try Self.render(nested(100), [String: Any]()) == "")
        #expect(Self.syntaxError(nested(101)) == TemplateSyntaxError(line: 1, column: 601,
            message: "{{#a}} opens a section inside 100 others: sections nest at most 100 deep"))
        #expect(Self.syntaxError("text {{") == TemplateSyntaxError(line: 1, column: 6, message: "the tag is not closed (the template ends after {{)"))
    }

    @Test("partials, inheritance, blocks and transforms are parse errors, not silently empty output")
    func unsupportedTags() {
        #expect(Self.syntaxError("{{> header}}")?.message == "partials ({{> name}}) are not supported: the templates include no other templates")
        #expect(Self.syntaxError("{{< parent}}{{/parent}}")?.message == "template inheritance ({{< name}}) is not supported")
        #expect(Self.syntaxError("{{$ block}}x{{/block}}")?.message == "blocks ({{$ name}}) are not supported")
        #expect(Self.syntaxError("{{uppercased(name)}}")?.message == "uppercased(name) is a transform, and transforms are not supported: give the value in the page data")
    }
}
