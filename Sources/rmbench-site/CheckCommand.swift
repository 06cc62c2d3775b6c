import ArgumentParser
import Foundation
import RMBenchAnalyze
import RMBenchCore
import RMBenchRender
import RMBenchScore

struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Regression gates for CI: fail when a result drops too far or falls below a floor.",
        discussion: """
            Metrics: average, easy, normal, hard, chat, math, code, safety (a domain's average), \
            and <domain>_<difficulty> such as math_hard. Values in points (percent).
            --max-drop compares FILE with BASELINE on their shared prompts (B − A, paired bootstrap); \
            --min checks FILE's own numbers. Exit status: 0 all gates hold, 1 a gate fails, 2 bad \
            input (unreadable files, unknown metric, malformed gate).

            Example: rmbench-site check new.json --against main.json --max-drop average=0.5,hard=1.0 --min hard=45
            """)

    @Argument(help: "Result file to check.")
    var file: String

    @Option(help: "Baseline result file, for --max-drop.")
    var against: String?

    @Option(help: "Largest allowed drop in points, e.g. average=0.5,hard=1.0.")
    var maxDrop: String?

    @Option(help: "Lowest allowed value in points, e.g. hard=45.")
    var min: String?

    @OptionGroup var bootstrap: BootstrapOptions

    @OptionGroup var inputs: InputOptions

    func run() async throws {
        inputs.apply()
        let drops: [(Metric, String, Double)]
        let floors: [(Metric, String, Double)]
        do {
            drops = try Gates.parse(maxDrop ?? "", option: "--max-drop")
            floors = try Gates.parse(min ?? "", option: "--min")
        } catch let error as Gates.Malformed {
            printError("error: \(error.message)")
            throw ExitCode(2)
        }
        if drops.isEmpty && floors.isEmpty {
            printError("error: no gates: give --max-drop (with --against) and/or --min")
            throw ExitCode(2)
        }
        if !drops.isEmpty && against == nil {
            printError("error: --max-drop needs --against BASELINE")
            throw ExitCode(2)
        }
        let candidate: ModelRun
        var baseline: ModelRun?
        do {
            candidate = try await ComparisonInputs.load([file])
            if let against { baseline = try await ComparisonInputs.load([against]) }
        } catch {
            throw InputFailure.exit(error)
        }
        var failed = 0
        var lines: [String] = []
        if let baseline, !drops.isEmpty {
            let differences = Analyze.pairedDifferences(baseline.items, candidate.items, resamples: bootstrap.bootstrap, seed: bootstrap.seed)
            for (metric, name, limit) in drops {
                guard let entry = differences.entry(metric), entry.a.isFinite, entry.b.isFinite else {
                    lines.append("FAIL \(name): not measured on the shared prompts (domain missing?)")
                    failed += 1
                    continue
                }
                let drop = (entry.a - entry.b) * 100
                let interval = entry.interval.map { ", 95 % CI of the change \(Comparison.points($0.lowerBound)) to \(Comparison.points($0.upperBound))" } ?? ""
                let significance = entry.interval == nil ? "" : (entry.significant ? ", significant" : ", not significant")
                let detail = "\(LeaderboardTable.percent(entry.a)) → \(LeaderboardTable.percent(entry.b)) on \(differences.sharedPrompts) shared prompts\(interval)\(significance)"
                if drop > limit + 1e-9 {
                    failed += 1
                    lines.append("FAIL \(name): dropped \(String(format: "%.2f", drop)) points, more than the allowed \(Gates.format(limit)) (\(detail))")
                } else {
                    lines.append("ok   \(name): change \(Comparison.points(entry.difference)) points, allowed drop \(Gates.format(limit)) (\(detail))")
                }
            }
        }
        if !floors.isEmpty {
            let score = Scorer.score(candidate)
            for (metric, name, floor) in floors {
                guard let value = Gates.value(metric, score), value.isFinite else {
                    lines.append("FAIL \(name): not measured (domain missing?)")
                    failed += 1
                    continue
                }
                if value * 100 < floor - 1e-9 {
                    failed += 1
                    lines.append("FAIL \(name): \(String(format: "%.2f", value * 100)) is below the minimum \(Gates.format(floor)) by \(String(format: "%.2f", floor - value * 100)) points")
                } else {
                    lines.append("ok   \(name): \(String(format: "%.2f", value * 100)) ≥ \(Gates.format(floor))")
                }
            }
        }
        lines.append(failed == 0 ? "all \(drops.count + floors.count) gate(s) hold" : "\(failed) of \(drops.count + floors.count) gate(s) failed")
        FileHandle.standardOutput.write(Data((lines.map(TerminalText.line).joined(separator: "\n") + "\n").utf8))
        if failed > 0 { throw ExitCode(1) }
    }
}

/// Parsing of `metric=points,…` gate lists.
enum Gates {
    struct Malformed: Error { var message: String }

    static let names: [String: Metric] = {
        var names: [String: Metric] = ["average": .overall(.average), "easy": .overall(.easy), "normal": .overall(.normal), "hard": .overall(.hard)]
        for domain in Domain.allCases {
            names[domain.rawValue] = .domain(domain, .average)
            for difficulty in Difficulty.allCases { names["\(domain.rawValue)_\(difficulty.rawValue)"] = .domain(domain, difficulty) }
        }
        return names
    }()

    static func parse(_ text: String, option: String) throws -> [(Metric, String, Double)] {
        guard !text.isEmpty else { return [] }
        return try text.split(separator: ",").map { part in
            let pieces = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pieces.count == 2, let value = Double(pieces[1]), value.isFinite, value >= 0 else {
                throw Malformed(message: "\(option): expected metric=points (e.g. hard=1.0), found \"\(part)\"")
            }
            guard let metric = names[pieces[0].lowercased()] else {
                throw Malformed(message: "\(option): unknown metric \"\(pieces[0])\"; use one of \(names.keys.sorted().joined(separator: ", "))")
            }
            return (metric, pieces[0].lowercased(), value)
        }
    }

    /// A metric of a scored model on all its prompts (fraction).
    static func value(_ metric: Metric, _ score: ModelScore) -> Double? {
        func pick(_ d: Difficulty, _ g: GroupScore) -> Double {
            switch d {
            case .easy: g.easy
            case .normal: g.normal
            case .hard: g.hard
            case .average: g.average
            }
        }
        switch metric {
        case .overall(.easy): return score.easy
        case .overall(.normal): return score.normal
        case .overall(.hard): return score.hard
        case .overall(.average): return score.average
        case .domain(let domain, let d): return score[domain].map { pick(d, $0.score) }
        case .cell: return nil
        }
    }

    static func format(_ points: Double) -> String { String(format: "%g", points) }
}
