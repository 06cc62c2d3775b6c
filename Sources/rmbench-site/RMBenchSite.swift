import ArgumentParser
import RMBenchBuiltIn
import RMBenchSite

@main
struct RMBenchSite: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rmbench-site",
        abstract: "Turns RM-Bench reward-model results into scores, reports and a static website.",
        version: "\(ToolVersion.current) (commit \(BuiltIn.commit))",
        subcommands: [BuildCommand.self, ScoreCommand.self, ValidateCommand.self, CompareCommand.self, CheckCommand.self, ReportCommand.self, BaselineCommand.self, ServeCommand.self, InitCommand.self, TemplatesCommand.self])
}
