import Foundation
import RMBenchAnalyze
import RMBenchCore
import RMBenchRender
import RMBenchScore

/// Regression gates for CI (`check`): `metric=points,…` lists, and their evaluation against a
/// candidate and an optional baseline.
///
///     let drops = try Gates.parse("average=0.5,hard=1.0", option: "--max-drop")
///     let report = Gates.evaluate(candidate: run, baseline: main, drops: drops, floors: [], bootstrap: BootstrapSettings())
public enum Gates {
    public struct Malformed: Error, Sendable {
        public var message: String
    }

    /// One gate: a metric, its name as written, and its limit in points.
    public struct Gate: Sendable {
        public var metric: Metric
        public var name: String
        public var points: Double
    }

    /// What `check` prints: one line per gate and a summary, and how many failed.
    public struct Report: Sendable {
        public var lines: [String]
        public var failed: Int
    }

    public static func parse(_ text: String, option: String) throws(Malformed) -> [Gate] {
        guard !text.isEmpty else { return [] }
        var gates: [Gate] = []
        for part in text.split(separator: ",") {
            let pieces = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pieces.count == 2, let value = Double(pieces[1]), value.isFinite, value >= 0 else {
                throw Malformed(message: "\(option): expected metric=points (e.g. hard=1.0), found \"\(part)\"")
            }
            guard let metric = Metric(key: pieces[0]) else {
                throw Malformed(message: "\(option): unknown metric \"\(pieces[0])\"; use one of \(Metric.gateNames.keys.sorted().joined(separator: ", "))")
            }
            gates.append(Gate(metric: metric, name: pieces[0].lowercased(), points: value))
        }
        return gates
    }

    /// Every gate checked: drops against `baseline` on the shared prompts, floors on the
    /// candidate's own numbers.
    public static func evaluate(candidate: ModelRun, baseline: ModelRun?, drops: [Gate], floors: [Gate],
                                bootstrap: BootstrapSettings) -> Report {
        var failed = 0
        var lines: [String] = []
        if let baseline, !drops.isEmpty {
            let differences = Analyze.pairedDifferences(baseline.items, candidate.items, resamples: bootstrap.resamples, seed: bootstrap.seed)
            for gate in drops {
                guard let entry = differences.entry(gate.metric), entry.a.isFinite, entry.b.isFinite else {
                    lines.append("FAIL \(gate.name): not measured on the shared prompts (domain missing?)")
                    failed += 1
                    continue
                }
                let drop = (entry.a - entry.b) * 100
                let interval = entry.interval.map { ", 95 % CI of the change \(Comparison.points($0.lowerBound)) to \(Comparison.points($0.upperBound))" } ?? ""
                let significance = entry.interval == nil ? "" : (entry.significant ? ", significant" : ", not significant")
                let detail = "\(LeaderboardTable.percent(entry.a)) → \(LeaderboardTable.percent(entry.b)) on \(differences.sharedPrompts) shared prompts\(interval)\(significance)"
                if drop > gate.points + 1e-9 {
                    failed += 1
                    lines.append("FAIL \(gate.name): dropped \(NumberText.format("%.2f", drop)) points, more than the allowed \(format(gate.points)) (\(detail))")
                } else {
                    lines.append("ok   \(gate.name): change \(Comparison.points(entry.difference)) points, allowed drop \(format(gate.points)) (\(detail))")
                }
            }
        }
        if !floors.isEmpty {
            let score = Scorer.score(candidate)
            for gate in floors {
                guard let value = score.value(gate.metric), value.isFinite else {
                    lines.append("FAIL \(gate.name): not measured (domain missing?)")
                    failed += 1
                    continue
                }
                if value * 100 < gate.points - 1e-9 {
                    failed += 1
                    lines.append("FAIL \(gate.name): \(NumberText.format("%.2f", value * 100)) is below the minimum \(format(gate.points)) by \(NumberText.format("%.2f", gate.points - value * 100)) points")
                } else {
                    lines.append("ok   \(gate.name): \(NumberText.format("%.2f", value * 100)) ≥ \(format(gate.points))")
                }
            }
        }
        let total = drops.count + floors.count
        lines.append(failed == 0 ? "all \(total) gate(s) hold" : "\(failed) of \(total) gate(s) failed")
        return Report(lines: lines, failed: failed)
    }

    /// `check`: the gates written as `--max-drop` and `--min` lists, checked on `file` (and
    /// `against` for drops).
    public static func check(file: String, against: String?, maxDrop: String?, min: String?,
                             bootstrap: BootstrapSettings = BootstrapSettings()) async throws(PipelineFailure) -> Report {
        let drops: [Gate]
        let floors: [Gate]
        do {
            drops = try parse(maxDrop ?? "", option: "--max-drop")
            floors = try parse(min ?? "", option: "--min")
        } catch {
            throw .usage(error.message)
        }
        if drops.isEmpty && floors.isEmpty { throw .usage("no gates: give --max-drop (with --against) and/or --min") }
        if !drops.isEmpty && against == nil { throw .usage("--max-drop needs --against BASELINE") }
        let candidate: ModelRun
        var baseline: ModelRun?
        do {
            candidate = try await ComparisonInputs.load([file])
            if let against { baseline = try await ComparisonInputs.load([against]) }
        } catch {
            throw .input(error)
        }
        return evaluate(candidate: candidate, baseline: baseline, drops: drops, floors: floors, bootstrap: bootstrap)
    }

    static func format(_ points: Double) -> String { NumberText.format("%g", points) }
}
