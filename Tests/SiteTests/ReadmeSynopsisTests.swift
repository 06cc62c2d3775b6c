import Foundation
import Testing

/// README's command synopses and the commands' `--help` name the same commands and options:
/// a new option, or a new command, fails here until the README says so.
@Suite("README synopses")
struct ReadmeSynopsisTests {
    /// `### \`rmbench-site CMD\`` → the options of the code block that follows it.
    static func readmeSynopses() throws -> [String: Set<String>] {
        let readme = try String(contentsOf: Tool.repository.appendingPathComponent("README.md"), encoding: .utf8)
        var synopses: [String: Set<String>] = [:]
        let sections = readme.components(separatedBy: "\n### `rmbench-site ").dropFirst()
        for section in sections {
            guard let end = section.firstIndex(of: "`") else { continue }
            let command = String(section[..<end])
            let parts = section.components(separatedBy: "```")
            guard parts.count >= 2 else { continue }
            synopses[command] = options(in: parts[1])
        }
        return synopses
    }

    static func options(in text: String) -> Set<String> {
        let regex = try! NSRegularExpression(pattern: "--[a-z][a-z-]*")
        let range = NSRange(text.startIndex..., in: text)
        return Set(regex.matches(in: text, range: range).map { String(text[Range($0.range, in: text)!]) })
    }

    /// The subcommands `--help` lists, `templates` expanded to its own.
    static func commands() throws -> [String] {
        var commands: [String] = []
        for prefix in [[], ["templates"]] {
            let help = try Tool.run(prefix + ["--help"]).stdout
            let listed = help.components(separatedBy: "SUBCOMMANDS:").last!.components(separatedBy: "\n\n").first!.split(separator: "\n")
                .compactMap { line -> String? in
                    let words = line.split(separator: " ")
                    // Continuation lines of a wrapped abstract are indented further.
                    guard line.hasPrefix("  "), !line.hasPrefix("   "), let first = words.first, first.allSatisfy({ $0.isLetter || $0 == "-" }) else { return nil }
                    return String(first)
                }
                .filter { $0 != "help" }
            commands += listed.flatMap { $0 == "templates" ? [] : [(prefix + [$0]).joined(separator: " ")] }
        }
        return commands
    }

    @Test func everyCommandHasItsFullSynopsis() throws {
        let synopses = try Self.readmeSynopses()
        let commands = try Self.commands()
        #expect(commands.count >= 10, "\(commands)")
        for command in commands {
            let synopsis = try #require(synopses[command], "README has no `### rmbench-site \(command)` synopsis")
            let help = try Tool.run(command.split(separator: " ").map(String.init) + ["--help"]).stdout
            var usage = help.components(separatedBy: "\n\n").first { $0.hasPrefix("USAGE:") } ?? ""
            // A usage line too long to print is shortened to `<options>`: then the OPTIONS list says them.
            if usage.contains("<options>") {
                usage = help.components(separatedBy: "OPTIONS:").dropFirst().first?.split(separator: "\n")
                    .filter { $0.hasPrefix("  -") }
                    .compactMap { line in line.split(separator: " ").first { $0.hasPrefix("--") }.map(String.init) }
                    .joined(separator: "\n") ?? ""
            }
            let helpOptions = Self.options(in: usage).subtracting(["--help", "--version"])
            #expect(!helpOptions.isEmpty || command == "init", "no options in \(command)'s USAGE")
            #expect(synopsis == helpOptions,
                    "README's \(command) synopsis: missing \(helpOptions.subtracting(synopsis).sorted()), not in --help \(synopsis.subtracting(helpOptions).sorted())")
        }
        #expect(Set(synopses.keys) == Set(commands), "README sections without a command: \(Set(synopses.keys).subtracting(commands).sorted())")
    }

    @Test func quickStartCommandsUnchanged() throws {
        let readme = try String(contentsOf: Tool.repository.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("make site    # builds the default Data/ into Site/ (installs libcmark-gfm first); open Site/index.html\nmake test    # the whole test suite (installs what is missing first)\n"))
    }
}
