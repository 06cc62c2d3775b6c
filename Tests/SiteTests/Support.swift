import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// Runs the built `rmbench-site` binary.
enum Tool {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var binary: URL {
        // The test bundle lives in the same products folder as the executable.
        var folder = Bundle.main.bundleURL
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("rmbench-site").path), folder.path != "/" {
            folder.deleteLastPathComponent()
        }
        return folder.appendingPathComponent("rmbench-site")
    }

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `executable` (the built binary unless given) and collects its output.
    @discardableResult
    static func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String]? = nil,
                    executable: URL? = nil) throws -> Output {
        let process = Process()
        process.executableURL = executable ?? binary
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if let environment { process.environment = environment }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Builds `data` (default: the repository's Data/) into a fresh temporary folder.
    static func build(data: URL? = nil, extra: [String] = []) throws -> (site: URL, output: Output) {
        let site = temporaryDirectory().appendingPathComponent("Site")
        let output = try run(["build", "--quiet",
                              "--data", (data ?? repository.appendingPathComponent("Data")).path,
                              "--templates", repository.appendingPathComponent("Templates").path,
                              "--output", site.path] + extra)
        return (site, output)
    }
}

func temporaryDirectory() -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("rmbench-site-tests-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Every regular file under `root`, by relative path, with its bytes.
func tree(_ root: URL) throws -> [String: Data] {
    var files: [String: Data] = [:]
    let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])!
    for case let url as URL in enumerator {
        guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
        let relative = String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))
        files[relative] = try Data(contentsOf: url)
    }
    return files
}

/// Parses a page as XML and collects what the link and structure checks need.
final class PageParser: NSObject, XMLParserDelegate {
    var links: [String] = []
    var ids: [String] = []
    var tags: [String: Int] = [:]
    var svgNamespaces: [String?] = []
    var error: String?
    var htmlLang: String?

    static func parse(_ data: Data) -> PageParser {
        let delegate = PageParser()
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        if !parser.parse() {
            delegate.error = "\(parser.parserError.map { "\($0)" } ?? "unknown") at line \(parser.lineNumber), column \(parser.columnNumber)"
        }
        return delegate
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        tags[name, default: 0] += 1
        if let href = attributes["href"] { links.append(href) }
        if let src = attributes["src"] { links.append(src) }
        if let id = attributes["id"] { ids.append(id) }
        if name == "svg" { svgNamespaces.append(attributes["xmlns"]) }
        if name == "html" { htmlLang = attributes["lang"] }
    }
}
