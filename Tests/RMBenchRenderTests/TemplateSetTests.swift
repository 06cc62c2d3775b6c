import Foundation
import RMBenchCore
import Testing
@testable import RMBenchRender

/// A `--templates` override that does not parse is an `InputProblem` at its file, line and
/// column, saying what is wrong.
@Suite("Template set")
struct TemplateSetTests {
    static func problems(overriding name: String, with source: String) throws -> [InputProblem] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("template-set-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try source.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        do {
            _ = try TemplateSet.load(directory: folder.path)
            return []
        } catch {
            return error.problems.map { problem in
                var problem = problem
                problem.file = (problem.file as NSString).lastPathComponent
                return problem
            }
        }
    }

    @Test("a section closed by the wrong name")
    func mismatchedSection() throws {
        let problems = try Self.problems(overriding: "model.md.mustache", with: "first line\n{{#rows}}\n  {{/columns}}\n")
        #expect(problems == [InputProblem(file: "model.md.mustache", location: .position(line: 3, column: 3),
                                          message: "not a valid Mustache template: {{/columns}} does not close {{#rows}} (line 2)")])
    }

    @Test("a layout without its {{{content}}}, or with two, is refused instead of crashing a build")
    func layoutContent() throws {
        for (name, source, uses) in [("layout.html.mustache", "<html>{{title}}</html>\n", 0),
                                     ("standalone.html.mustache", "{{{content}}}<hr>{{{content}}}\n", 2)] {
            let problems = try Self.problems(overriding: name, with: source)
            #expect(problems == [InputProblem(file: name, location: .file,
                                              message: "uses {{{content}}} \(uses) times; a layout needs it exactly once, outside any section (it is where each page's body goes)")])
        }
        #expect(try Self.problems(overriding: "layout.html.mustache", with: "<main>{{{content}}}</main>\n").isEmpty)
    }

    @Test("a partial, which a template set cannot include")
    func partial() throws {
        let problems = try Self.problems(overriding: "layout.html.mustache", with: "<html>\n  {{> header}}\n{{{content}}}\n")
        #expect(problems == [InputProblem(file: "layout.html.mustache", location: .position(line: 2, column: 3),
                                          message: "not a valid Mustache template: partials ({{> name}}) are not supported: the templates include no other templates")])
    }

    @Test("the built-in set parses and its layout renders the page around the content")
    func builtIn() throws {
        struct Layout {
            var siteTitle = "RM & Bench"
            var pageTitle = "Leaderboard"
            var root = ""
            var version = "1.0"
            var content = "@@content@@"
            var isLeaderboard = true
            var csp = "default-src 'self'"
            var canonical: String? = nil
            var scripts = ["assets/extra.js"]
        }
        let html = try TemplateSet.load().render("layout.html", Layout())
        #expect(html.contains("<title>Leaderboard · RM &amp; Bench</title>"))
        #expect(html.contains("content=\"default-src &#39;self&#39;\""))
        #expect(html.contains("<script src=\"assets/extra.js\" defer=\"defer\"></script>\n"))
        #expect(html.contains("href=\"index.html\" aria-current=\"page\">Leaderboard</a>"))
        #expect(!html.contains("rel=\"canonical\""))
        #expect(html.contains("<main id=\"content\">\n@@content@@\n</main>"))
    }
}
