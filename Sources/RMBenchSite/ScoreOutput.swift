import RMBenchAnalyze
import RMBenchCore
import RMBenchLoad
import RMBenchRender
import RMBenchScore

/// `score`: result files scored and printed as JSON (fractions), CSV or a Markdown table (percent).
///
///     let text = try await ScoreOutput.text(files: ["run.json"], format: .markdown)
public enum ScoreOutput {
    public enum Format: String, CaseIterable, Sendable {
        case json, csv, markdown
    }

    public static func text(files: [String], format: Format, model: String? = nil, domain: String? = nil,
                            bootstrap: BootstrapSettings = BootstrapSettings()) async throws(PipelineFailure) -> String {
        let runs: [ModelRun]
        do {
            // The Markdown table shows no SHA-256, so the files are not hashed for it.
            runs = try await ResultSet.load(paths: files, options: ResultReadOptions(model: model, domain: domain,
                                                                                    digest: format != .markdown))
        } catch {
            throw .input(error)
        }
        let scores = runs.map(Scorer.score)
        let intervals = bootstrap.intervals(runs)
        let ranks = bootstrap.ranks(runs, reusing: intervals)
        let rows = scores.map { LeaderboardRow(score: $0, intervals: intervals[$0.model], rankGroup: ranks[$0.model]) }
        switch format {
        case .json: return ScoreSummary.document(scores, intervals: intervals, ranks: ranks).serialized(indent: 2) + "\n"
        case .csv: return TerminalText.csv(LeaderboardTable.csv(rows))
        case .markdown: return TerminalText.lines(LeaderboardTable.markdown(rows))
        }
    }
}
