import RMBenchAnalyze
import RMBenchCore
import RMBenchLoad
import RMBenchRender

/// Reads two result files (or sets of files) and compares them: shared by `compare`,
/// `check` and `report --against`.
///
///     let a = try await ComparisonInputs.load(["main.json"])
///     let b = try await ComparisonInputs.load(["branch.json"])
///     let comparison = ComparisonInputs.compare(a, b, bootstrap: BootstrapSettings())
public enum ComparisonInputs {
    /// One side: every file given for it joins into one model. `measureResponses` reads the
    /// response texts' lengths and markdown too (for a report's length analysis).
    public static func load(_ paths: [String], measureResponses: Bool = false) async throws(InputProblems) -> ModelRun {
        let runs = try await ResultSet.load(paths: paths, options: ResultReadOptions(measureResponses: measureResponses))
        guard runs.count == 1, let run = runs.first else {
            throw InputProblems([InputProblem(file: paths.joined(separator: ", "), location: .file,
                message: "these files name \(runs.count) different models (\(runs.map(\.model).joined(separator: ", "))); give one model per side")])
        }
        return run
    }

    public static func compare(_ a: ModelRun, _ b: ModelRun, bootstrap: BootstrapSettings, texts: [ItemKey: PromptTexts] = [:]) -> Comparison {
        let keysA = Set(a.items.map(\.key)), keysB = Set(b.items.map(\.key))
        return Comparison(
            nameA: a.model, nameB: b.model, sourcesA: a.sources, sourcesB: b.sources,
            differences: Analyze.pairedDifferences(a.items, b.items, resamples: bootstrap.resamples, seed: bootstrap.seed),
            flips: Analyze.flips(a.items, b.items), texts: texts,
            onlyInA: keysA.subtracting(keysB).sorted(), onlyInB: keysB.subtracting(keysA).sorted())
    }

    /// Prompt texts from RM-Bench dataset files (`--dataset`), keyed like result items.
    public static func texts(_ paths: [String]) throws(InputProblems) -> [ItemKey: PromptTexts] {
        guard !paths.isEmpty else { return [:] }
        var texts: [ItemKey: PromptTexts] = [:]
        for item in try DatasetReader.read(paths: paths) {
            texts[item.key] = PromptTexts(prompt: item.prompt, chosen: item.chosen, rejected: item.rejected)
        }
        return texts
    }
}
