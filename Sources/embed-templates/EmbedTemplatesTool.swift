import Foundation

/// The build-time half of `Plugins/EmbedTemplates`:
///
///     embed-templates files OUT.swift CONSTANT ROOT FILE...   # the files as base64 literals
///     embed-templates commit OUT.swift GIT_DIR                # the commit HEAD names
///
/// Base64 keeps any byte of a template a plain string literal (no escaping rules to get right)
/// and compiles fast; the bytes are decoded once, when the built-in set is first used.
@main
struct EmbedTemplatesTool {
    static func main() throws {
        let arguments = Array(CommandLine.arguments.dropFirst())
        guard arguments.count >= 3 else { fail("usage: embed-templates files OUT.swift CONSTANT ROOT [FILE...] | commit OUT.swift GIT_DIR") }
        let output = URL(fileURLWithPath: arguments[1])
        switch arguments[0] {
        case "files" where arguments.count >= 4:
            let root = URL(fileURLWithPath: arguments[3])
            var lines = ["// Generated at build time by Plugins/EmbedTemplates from \(root.lastPathComponent)/. Do not edit.",
                         "let \(arguments[2]): [(path: String, base64: String)] = ["]
            for path in arguments.dropFirst(4) {
                let bytes = try Data(contentsOf: root.appendingPathComponent(path))
                lines.append("    (\(literal(path)), \"\(bytes.base64EncodedString())\"),")
            }
            lines.append("]")
            try write(lines, to: output)
        case "commit":
            let commit = headCommit(gitDirectory: URL(fileURLWithPath: arguments[2])) ?? "unknown"
            try write(["// Generated at build time by Plugins/EmbedTemplates from .git/HEAD. Do not edit.",
                       "let embeddedCommit = \(literal(commit))"], to: output)
        default:
            fail("embed-templates: unknown mode \(arguments[0])")
        }
    }

    /// HEAD's commit, read from the files git keeps (no git needed at build time).
    static func headCommit(gitDirectory git: URL) -> String? {
        guard let head = try? String(contentsOf: git.appendingPathComponent("HEAD"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines) else { return nil }
        guard head.hasPrefix("ref: ") else { return short(head) }
        let ref = String(head.dropFirst(5))
        if let loose = try? String(contentsOf: git.appendingPathComponent(ref), encoding: .utf8) {
            return short(loose.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let packed = (try? String(contentsOf: git.appendingPathComponent("packed-refs"), encoding: .utf8)) ?? ""
        for line in packed.split(separator: "\n") where line.hasSuffix(" " + ref) {
            return short(String(line.prefix { $0 != " " }))
        }
        return nil
    }

    static func short(_ hash: String) -> String? {
        let hex = hash.prefix(12)
        return hex.count == 12 && hex.allSatisfy(\.isHexDigit) ? String(hex) : nil
    }

    /// A Swift string literal for a path (paths come from the file system and may hold quotes).
    static func literal(_ text: String) -> String {
        "\"" + text.unicodeScalars.map { scalar in
            scalar.isASCII && scalar.value >= 0x20 && scalar != "\"" && scalar != "\\"
                ? String(scalar) : "\\u{\(String(scalar.value, radix: 16))}"
        }.joined() + "\""
    }

    static func write(_ lines: [String], to url: URL) throws {
        let text = lines.joined(separator: "\n") + "\n"
        // Rewriting an unchanged file would recompile the target for nothing.
        if (try? String(contentsOf: url, encoding: .utf8)) == text { return }
        try Data(text.utf8).write(to: url, options: .atomic)
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data((message + "\n").utf8))
        exit(1)
    }
}
