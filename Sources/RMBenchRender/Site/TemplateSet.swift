import Foundation
import Mustache
import RMBenchCore

/// The Mustache templates a site is made from, read from a folder (`Templates/` by default)
/// so users can restyle or reword every page.
///
///     let templates = try TemplateSet.load(directory: "Templates")
///
/// Page templates produce GFM Markdown and start with `{{% CONTENT_TYPE: TEXT}}` so values are
/// not HTML-escaped into Markdown (the renderer escapes them for Markdown instead). The layout
/// produces HTML, and Mustache HTML-escapes its `{{values}}`.
public struct TemplateSet: Sendable {
    /// File names (without `.mustache`) that must exist.
    public static let names = ["layout.html", "leaderboard.md", "model.md", "published-model.md", "methodology.md", "correlations.md", "lengths.md", "types.md", "audit.md",
                                "health.md", "prompts.md", "prompt.md", "standalone.html", "report.md", "compare.md"]
    /// Files under `assets/` copied to the site as they are.
    public var assets: [(path: String, contents: [UInt8])]
    private var templates: [String: MustacheTemplate]

    public static func load(directory: String) throws(InputProblems) -> TemplateSet {
        var templates: [String: MustacheTemplate] = [:]
        var problems: [InputProblem] = []
        for name in names {
            let path = (directory as NSString).appendingPathComponent(name + ".mustache")
            guard FileManager.default.fileExists(atPath: path) else {
                problems.append(InputProblem(file: path, location: .file, message: "missing template (every template in \(names.map { $0 + ".mustache" }.joined(separator: ", ")) is needed)"))
                continue
            }
            let bytes: [UInt8]
            do {
                bytes = try FileBytes.read(path: path)
            } catch {
                problems.append(error)
                continue
            }
            guard let text = String(validating: bytes, as: UTF8.self) else {
                problems.append(InputProblem(file: path, location: .file, message: "is not valid UTF-8 text"))
                continue
            }
            do {
                templates[name] = try MustacheTemplate(string: text)
            } catch let error as MustacheTemplate.ParserError {
                problems.append(InputProblem(file: path, location: .position(line: error.context.lineNumber, column: error.context.columnNumber),
                                             message: "not a valid Mustache template: \(error.error) in \"\(error.context.line)\""))
            } catch {
                problems.append(InputProblem(file: path, location: .file, message: "not a valid Mustache template: \(error)"))
            }
        }
        var assets: [(String, [UInt8])] = []
        let assetDirectory = (directory as NSString).appendingPathComponent("assets")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: assetDirectory)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        for name in names {
            let path = (assetDirectory as NSString).appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            do {
                assets.append(("assets/" + name, try FileBytes.read(path: path)))
            } catch {
                problems.append(error)
            }
        }
        for required in ["assets/style.css", "assets/site.js"] where !assets.contains(where: { $0.0 == required }) {
            problems.append(InputProblem(file: (directory as NSString).appendingPathComponent(required), location: .file, message: "missing asset (the layout links it)"))
        }
        guard problems.isEmpty else { throw InputProblems(problems) }
        return TemplateSet(assets: assets, templates: templates)
    }

    /// An asset's bytes, e.g. `assets/style.css` for single-file reports.
    public func asset(_ path: String) -> [UInt8]? {
        assets.first { $0.path == path }?.contents
    }

    /// Renders a template with its page data: a struct (read by reflection, property names
    /// are the template's keys) or a dictionary built from one. Every string in it is already
    /// escaped for where the template puts it (see `docs/templates.md`).
    func render(_ name: String, _ data: Any) -> String {
        templates[name]!.render(data)
    }
}
