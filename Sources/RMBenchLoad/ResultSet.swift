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
        for result in consume results {
            switch result {
            case .success(let run): runs.append(run)
            case .failure(let failure): problems += failure.problems
            }
        }
        // Handed over, not copied: merging frees each run's first copy of its items as it goes.
        let merged = merge(consume runs)
        problems += merged.problems
        guard problems.isEmpty else { throw InputProblems(problems) }
        return merged.runs
    }

    /// Joins runs with the same model name, in first-seen order. Each run is released once it
    /// is merged (a 200-model build holds 265,000 items, which were twice in memory here).
    public static func merge(_ runs: consuming [ModelRun]) -> (runs: [ModelRun], problems: [InputProblem]) {
        var order: [String] = []
        var byModel: [String: ModelRun] = [:]
        // Which file each item of a model came from: made only for a model with a second file.
        var owner: [String: [ItemKey: String]] = [:]
        var problems: [InputProblem] = []
        var pending = runs
        pending.reverse()
        while let run = pending.popLast() {
            let path = run.sources.first?.path ?? run.model
            guard var existing = byModel.removeValue(forKey: run.model) else {
                order.append(run.model)
                byModel[run.model] = exactSize(run)
                continue
            }
            if owner[run.model] == nil {
                let first = existing.sources.first?.path ?? run.model
                owner[run.model] = Dictionary(existing.items.map { ($0.key, first) }, uniquingKeysWith: { kept, _ in kept })
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
        return (order.compactMap { model in byModel.removeValue(forKey: model).map { owner[model] == nil ? $0 : exactSize($0) } }, problems)
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
