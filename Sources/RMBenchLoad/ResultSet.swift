import RMBenchCore

/// Reads many result files at once and joins the files of one model.
///
///     let runs = try await ResultSet.load(paths: ["a.json", "b.json"])
///
/// Files are read concurrently. Files that name the same model (a model run split by split:
/// `chat_filtered…`, `code_filtered…`) become one run; an item present in two of them is an
/// error naming both files. All problems of all files are collected before throwing.
public enum ResultSet {
    /// `read` reads one file (by default `ResultReader.read`; the build passes one that asks its cache first).
    public static func load(
        paths: [String], options: ResultReadOptions = .init(),
        read: @escaping @Sendable (String, ResultReadOptions) throws(InputProblems) -> ModelRun = { path, options throws(InputProblems) in
            try ResultReader.read(path: path, options: options)
        }
    ) async throws(InputProblems) -> [ModelRun] {
        let results = await withTaskGroup(of: (Int, Result<ModelRun, InputProblems>).self) { group in
            for (index, path) in paths.enumerated() {
                group.addTask {
                    do throws(InputProblems) {
                        return (index, .success(try read(path, options)))
                    } catch {
                        return (index, .failure(error))
                    }
                }
            }
            var collected = [Result<ModelRun, InputProblems>?](repeating: nil, count: paths.count)
            for await (index, result) in group { collected[index] = result }
            return collected.compactMap { $0 }
        }
        var problems: [InputProblem] = []
        var runs: [ModelRun] = []
        for result in results {
            switch result {
            case .success(let run): runs.append(run)
            case .failure(let failure): problems += failure.problems
            }
        }
        let merged = merge(runs)
        problems += merged.problems
        guard problems.isEmpty else { throw InputProblems(problems) }
        return merged.runs
    }

    /// Joins runs with the same model name, in first-seen order.
    public static func merge(_ runs: [ModelRun]) -> (runs: [ModelRun], problems: [InputProblem]) {
        var order: [String] = []
        var byModel: [String: ModelRun] = [:]
        var owner: [String: [ItemKey: String]] = [:]
        var problems: [InputProblem] = []
        for run in runs {
            let path = run.sources.first?.path ?? run.model
            guard var existing = byModel[run.model] else {
                order.append(run.model)
                byModel[run.model] = run
                owner[run.model] = Dictionary(uniqueKeysWithValues: run.items.map { ($0.key, path) })
                continue
            }
            for item in run.items {
                if let first = owner[run.model]?[item.key] {
                    problems.append(InputProblem(file: path, location: .file,
                        message: "item with domain \"\(item.key.label)\" and id \(item.key.id) of model \"\(run.model)\" is also in \(first); each (domain, id) may appear once per model"))
                } else {
                    owner[run.model]?[item.key] = path
                    existing.items.append(item)
                }
            }
            existing.sources += run.sources
            if existing.type == .unknown { existing.type = run.type }
            byModel[run.model] = existing
        }
        return (order.compactMap { byModel[$0].map(exactSize) }, problems)
    }

    /// Readers append items one by one, so an array's capacity can be nearly twice its count;
    /// a build keeps every model's items to its end, so each model's are copied to their size.
    private static func exactSize(_ run: ModelRun) -> ModelRun {
        var run = run
        var exact: [ScoredItem] = []
        exact.reserveCapacity(run.items.count)
        exact.append(contentsOf: run.items)
        run.items = exact
        return run
    }
}
