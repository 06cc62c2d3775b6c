import ArgumentParser
import Foundation
import RMBenchSite
import RMBenchCore
import RMBenchLoad
import RMBenchRender
import RMBenchScore

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

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, csv, markdown
    }

    @Argument(help: "Result files (.json or .jsonl).")
    var files: [String]

    @Option(help: "Output format: json (fractions in [0, 1]), csv or markdown (percent).")
    var format: Format = .json

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
        let runs: [ModelRun]
        do {
            runs = try await ResultSet.load(paths: files, options: ResultReadOptions(model: model, domain: domain))
        } catch {
            throw InputFailure.exit(error)
        }
        let scores = runs.map(Scorer.score)
        let intervals = bootstrap.settings.intervals(runs)
        let ranks = bootstrap.settings.ranks(runs)
        let rows = scores.map { LeaderboardRow(score: $0, intervals: intervals[$0.model], rankGroup: ranks[$0.model]) }
        let text: String
        switch format {
        case .json: text = ScoreSummary.document(scores, intervals: intervals, ranks: ranks).serialized(indent: 2) + "\n"
        case .csv: text = Self.terminalCSV(LeaderboardTable.csv(rows))
        case .markdown: text = TerminalText.lines(LeaderboardTable.markdown(rows))
        }
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// CSV for a terminal or CI log: one record per line, control characters (line breaks in
    /// quoted values too) shown as escapes; a record whose first value, the model name, starts
    /// with `:` (after whitespace, which GitHub Actions skips) gets that value quoted, so no
    /// line starts with `::` (a workflow command).
    static func terminalCSV(_ csv: String) -> String {
        var records: [String] = []
        var record = String.UnicodeScalarView()
        var quoted = false
        for scalar in csv.unicodeScalars {
            if scalar == "\"" { quoted.toggle() }
            if scalar == "\n" && !quoted {
                records.append(String(record))
                record = String.UnicodeScalarView()
            } else {
                record.append(scalar)
            }
        }
        if !record.isEmpty { records.append(String(record)) }
        return records.map { record in
            let line = TerminalText.line(record)
            // Unquoted, the first value holds no quote, comma or line break: quoting keeps it.
            guard line.drop(while: \.isWhitespace).first == ":", let end = line.firstIndex(of: ",") else { return line }
            return "\"" + line[..<end] + "\"" + line[end...]
        }.joined(separator: "\n") + "\n"
    }
}
