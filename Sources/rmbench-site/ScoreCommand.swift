import ArgumentParser
import Foundation
import RMBenchCore
import RMBenchSite

struct ScoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score RM-Bench result files and print the official metrics.",
        discussion: """
            Reads result files written by RM-Bench's run_rm.py / run_dpo.py (a JSON list or JSON Lines \
            of items with score_chosen and score_rejected) and prints, per model, the style-substance \
            matrices and Easy/Normal/Hard/Average per domain and overall. Files naming the same model \
            (one per split) are joined. Exit status 2 on bad input.

            Example: rmbench-site score results/Seq_Classifier/my-rm/*.json --format markdown
            """)


    @Argument(help: "Result files (.json or .jsonl).")
    var files: [String]

    @Option(help: "Output format: json (fractions in [0, 1]), csv or markdown (percent).")
    var format: ScoreOutput.Format = .json

    @Option(help: "Model name for all files, instead of the one inferred from each path.")
    var model: String?

    @Option(help: "Domain label (chat, math, code, safety-refuse, safety-response) for items without one.")
    var domain: String?

    @OptionGroup var bootstrap: BootstrapOptions

    @OptionGroup var inputs: InputOptions

    func validate() throws {
        if let domain, Domain(label: domain) == nil {
            throw ValidationError("unknown domain '\(domain)': expected chat, math, code, safety-refuse or safety-response")
        }
    }

    func run() async throws {
        inputs.apply()
        do {
            let text = try await ScoreOutput.text(files: files, format: format, model: model, domain: domain, bootstrap: bootstrap.settings)
            FileHandle.standardOutput.write(Data(text.utf8))
        } catch {
            throw error.exit()
        }
    }
}

extension ScoreOutput.Format: ExpressibleByArgument {}
