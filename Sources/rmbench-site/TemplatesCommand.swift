import ArgumentParser
import RMBenchSite

struct TemplatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "templates",
        abstract: "Work with the built-in page templates.",
        subcommands: [ExportCommand.self])

    struct ExportCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write the built-in templates and assets to a folder, for editing.",
            discussion: """
                Keep only the files you change: `--templates DIR` overrides the built-in set file by \
                file. DIR must be empty or absent unless --force; no file is ever overwritten.

                Example: rmbench-site templates export MyTemplates && rmbench-site build --templates MyTemplates
                """)

        @Argument(help: "Folder to write the templates to.")
        var directory: String

        @Flag(help: "Add the missing files to a folder that is not empty (existing files are kept).")
        var force = false

        func run() throws {
            let outcome: NewFiles.Outcome
            do {
                outcome = try NewFiles.write(TemplateExport.files, into: directory, force: force)
            } catch {
                printError("error: \(error)")
                throw ExitCode(2)
            }
            for path in outcome.kept { printError("kept \(path) (exists)") }
            printError("wrote \(outcome.written.count) files to \(directory)")
        }
    }
}
