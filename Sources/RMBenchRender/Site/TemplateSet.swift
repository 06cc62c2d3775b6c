import Foundation
import RMBenchBuiltIn
import RMBenchCore

/// The Mustache templates a site is made from: the built-in set (`Templates/` as it was when
/// the binary was built), with any file of a `--templates` folder in place of its namesake, so
/// a user copies only the template they change.
///
///     let templates = try TemplateSet.load()                       // built in
///     let mine = try TemplateSet.load(directory: "MyTemplates")    // built in, overridden
///
/// Page templates produce GFM Markdown and start with `{{% CONTENT_TYPE: TEXT}}` so values are
/// not HTML-escaped into Markdown (the renderer escapes them for Markdown instead). The layout
/// produces HTML, and Mustache HTML-escapes its `{{values}}`.
public struct TemplateSet: Sendable {
    /// File names (without `.mustache`) that make a set: built in, and overridable one by one.
    public static let names = ["layout.html", "leaderboard.md", "model.md", "published-model.md", "methodology.md", "correlations.md", "lengths.md", "types.md", "audit.md",
                                "health.md", "prompts.md", "prompt.md", "prompt-ranking.md", "standalone.html", "report.md", "compare.md", "side-by-side.md"]
    /// Files under `assets/` copied to the site as they are.
    public var assets: [(path: String, contents: [UInt8])]
    private var templates: [String: Template]
    /// SHA-256 of every template's source and every asset, by name: what a build cache keys
    /// the set's output by.
    public private(set) var digest = ""

    /// What names a built-in file in messages: it is in no folder of the user's.
    public static let builtInLabel = "(built-in)"

    /// The built-in set overridden by the files in `directory` (none when nil): `NAME.mustache`
    /// for a template in ``names``, `assets/FILE` for an asset (new assets are added). Any other
    /// `.mustache` file is an error, so a misspelt override does not go unnoticed; so is a
    /// template that does not parse, named by file, line and column.
    public static func load(directory: String? = nil) throws(InputProblems) -> TemplateSet {
        var (sources, assetFiles, problems) = files(directory: directory)
        var templates: [String: Template] = [:]
        for name in names {
            guard let source = sources[name] else {
                problems.append(InputProblem(file: builtInLabel + " " + name + ".mustache", location: .file,
                                             message: "missing from the built-in templates (rebuild rmbench-site, or give it with --templates)"))
                continue
            }
            guard let text = String(validating: source.bytes, as: UTF8.self) else {
                problems.append(InputProblem(file: source.file, location: .file, message: "is not valid UTF-8 text"))
                continue
            }
            do {
                templates[name] = try Template(text)
                // The page's body is put where the layout's `{{{content}}}` renders, so a
                // layout needs it exactly once (a section around it could repeat or drop it).
                if Self.layouts.contains(name) {
                    let uses = text.components(separatedBy: "{{{content}}}").count - 1
                    if uses != 1 {
                        problems.append(InputProblem(file: source.file, location: .file, message:
                            "uses {{{content}}} \(uses) times; a layout needs it exactly once, outside any section (it is where each page's body goes)"))
                    }
                }
            } catch {
                problems.append(InputProblem(file: source.file, location: .position(line: error.line, column: error.column),
                                             message: "not a valid Mustache template: \(error.message)"))
            }
        }
        for required in ["assets/style.css", "assets/site.js"] where assetFiles[required] == nil {
            problems.append(InputProblem(file: builtInLabel + " " + required, location: .file, message: "missing asset (the layout links it)"))
        }
        guard problems.isEmpty else { throw InputProblems(problems) }
        let assets = assetFiles.keys.sorted().map { (path: $0, contents: assetFiles[$0]!) }
        var set = TemplateSet(assets: assets, templates: templates)
        set.digest = digest(sources, assetFiles)
        return set
    }

    /// The templates each page is put into, at their `{{{content}}}`.
    static let layouts: Set<String> = ["layout.html", "standalone.html"]

    /// Reads a `--templates` folder over the built-in files.
    /// The digest ``load(directory:)`` would give the set, without parsing a template; nil when
    /// a file is missing or unreadable (then loading the set says what is wrong).
    public static func digest(directory: String? = nil) -> String? {
        let (sources, assets, problems) = files(directory: directory)
        guard problems.isEmpty, names.allSatisfy({ sources[$0] != nil }) else { return nil }
        return digest(sources, assets)
    }

    private static func digest(_ sources: [String: (file: String, bytes: [UInt8])], _ assets: [String: [UInt8]]) -> String {
        var summary = ""
        for name in names { summary += "template \(name) \(SHA256.hex(of: sources[name]?.bytes ?? []))\n" }
        for path in assets.keys.sorted() { summary += "asset \(path) \(SHA256.hex(of: assets[path]!))\n" }
        return SHA256.hex(of: Array(summary.utf8))
    }

    /// The built-in files with `directory`'s in their place, by template name and asset path.
    private static func files(directory: String?) -> (sources: [String: (file: String, bytes: [UInt8])], assets: [String: [UInt8]], problems: [InputProblem]) {
        var problems: [InputProblem] = []
        var sources: [String: (file: String, bytes: [UInt8])] = [:]
        var assetFiles: [String: [UInt8]] = [:]
        for file in BuiltIn.templateFiles {
            let label = builtInLabel + " " + file.path
            if file.path.hasPrefix("assets/") {
                assetFiles[file.path] = file.contents
            } else if file.path.hasSuffix(".mustache") {
                sources[String(file.path.dropLast(".mustache".count))] = (label, file.contents)
            }
        }
        if let directory {
            overrides(in: directory, sources: &sources, assets: &assetFiles, problems: &problems)
        }
        return (sources, assetFiles, problems)
    }

    private static func overrides(in directory: String, sources: inout [String: (file: String, bytes: [UInt8])],
                                  assets: inout [String: [UInt8]], problems: inout [InputProblem]) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            problems.append(InputProblem(file: directory, location: .file,
                                         message: "templates folder not found (without --templates the built-in templates are used; `rmbench-site templates export DIR` writes them for editing)"))
            return
        }
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        for file in files where file.hasSuffix(".mustache") {
            let path = (directory as NSString).appendingPathComponent(file)
            let name = String(file.dropLast(".mustache".count))
            guard names.contains(name) else {
                problems.append(InputProblem(file: path, location: .file,
                                             message: "not one of the templates (\(names.map { $0 + ".mustache" }.joined(separator: ", "))); rename it to override one"))
                continue
            }
            do {
                sources[name] = (path, try FileBytes.read(path: path))
            } catch {
                problems.append(error)
            }
        }
        let assetDirectory = (directory as NSString).appendingPathComponent("assets")
        let assetNames = ((try? FileManager.default.contentsOfDirectory(atPath: assetDirectory)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        for name in assetNames {
            let path = (assetDirectory as NSString).appendingPathComponent(name)
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else { continue }
            do {
                assets["assets/" + name] = try FileBytes.read(path: path)
            } catch {
                problems.append(error)
            }
        }
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
