import ArgumentParser
import RMBenchBaselines
import RMBenchSite

struct BaselineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baseline",
        abstract: "Score RM-Bench dataset files with a built-in baseline scorer and write a result file.",
        discussion: """
            The result file has run_rm.py's shape (items with id, domain, subset, language, \
            score_chosen, score_rejected) plus chosen_stats / rejected_stats (response lengths and \
            markdown counts) instead of the response texts. Items are written one per line.

            Example: rmbench-site baseline --dataset ../data --scorer length --output Data/results/length.json
            """)

    @Option(help: "A folder with RM-Bench split files (chat_filtered.json, …), or one split file. Repeatable.")
    var dataset: [String]

    @Option(help: "Scorer: \(BaselineScorer.allCases.map(\.rawValue).joined(separator: ", ")).")
    var scorer: BaselineScorer

    @Option(help: "Seed of the random scorer.")
    var seed: UInt64 = 1

    @Option(help: "Output result file.")
    var output: String

    @OptionGroup var inputs: InputOptions

    func run() async throws {
        inputs.apply()
        let written: BaselineFile.Written
        do {
            written = try BaselineFile.write(datasets: dataset, scorer: scorer, seed: seed, output: output)
        } catch {
            throw error.exit()
        }
        printError("wrote \(written.items) items scored by \(scorer.rawValue) to \(output)")
        if written.leftOut > 0 {
            printError("note: left out \(written.leftOut) items that lack one of the three response styles (the public math split has only the concise style)")
        }
    }
}

extension BaselineScorer: ExpressibleByArgument {}
