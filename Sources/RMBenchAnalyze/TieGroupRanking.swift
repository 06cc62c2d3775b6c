import Dispatch
import RMBenchCore

/// The work of `Analyze.tieGroupRanks`: every pair of models by the paired bootstrap, in
/// time linear in models for the resampling and a small per-pair step.
///
/// Why this is the same bootstrap as comparing each pair on its own: a pair's resamples
/// draw its shared prompts with indices that depend only on the seed and the domain sizes
/// (`PromptTable.forEachResample`), and the tables are sorted by key, so a model's resampled
/// Averages on a given prompt set are the same in every comparison that uses that set. They
/// are therefore computed once per (model, prompt set): on the model's own set for every
/// model, and on the shared set of each pair of distinct sets for the models of those two
/// sets. With one prompt set for all models (the usual case) that is one resampling per
/// model, and the prompts each resample draws are drawn once for all models of the same
/// domain sizes (`PromptTable.forEachResample(of:)`). Each pair then subtracts two vectors
/// of Averages (the same indices for both models: the pairing) and reads a few order
/// statistics (`PairedSignificanceTest`).
struct TieGroupRanking {
    /// Resampled Averages are needed for this model on this prompt set (a registry number).
    private struct Need: Hashable {
        var model: Int
        var set: Int
    }

    let models: [(name: String, items: [ScoredItem])]
    let resamples: Int
    let seed: UInt64
    /// Resampled Averages on a model's own prompts already at hand (from its bootstrap
    /// intervals), by model index; the others are resampled here.
    var knownAverages: [Int: [Double]] = [:]

    /// Tables resampled together: enough to share the draws, few enough to stay in cache
    /// (each 1,327-prompt table is 32 KB) and to spread over the cores.
    static let batchSize = 8

    func ranks() -> [String: RankInfo] {
        let m = models.count
        let tables = ConcurrentSlots.map(m) { [models] in PromptTable(models[$0].items) }

        // Number every distinct key once; each model's keys as numbers, in table order.
        var keyNumbers: [ItemKey: Int32] = [:]
        var tableKeys: [[Int32]] = []
        for table in tables {
            var numbers: [Int32] = []
            numbers.reserveCapacity(table.promptCount)
            for domain in table.domains {
                for key in domain.keys {
                    if let number = keyNumbers[key] {
                        numbers.append(number)
                    } else {
                        let next = Int32(keyNumbers.count)
                        keyNumbers[key] = next
                        numbers.append(next)
                    }
                }
            }
            tableKeys.append(numbers)
        }

        // Own sets are registered first, so they are numbers 0..<groups.
        var registry = PromptSetRegistry()
        let ownSet = tableKeys.map { registry.number(of: $0.sorted()) }
        let groups = registry.sets.count
        var members = [[Int]](repeating: [], count: groups)
        for (model, set) in ownSet.enumerated() { members[set].append(model) }
        var sharedSet = [[Int]](repeating: [Int](repeating: 0, count: groups), count: groups)
        for g in 0..<groups {
            sharedSet[g][g] = g
            for h in stride(from: g + 1, to: groups, by: 1) {
                let shared = registry.number(of: PromptSetRegistry.intersection(registry.sets[g], registry.sets[h]))
                sharedSet[g][h] = shared
                sharedSet[h][g] = shared
            }
        }

        // What the comparisons need, each once: own sets first, then shared sets.
        var needs = (0..<m).map { Need(model: $0, set: ownSet[$0]) }
        for g in 0..<groups {
            for h in stride(from: g + 1, to: groups, by: 1) where !registry.sets[sharedSet[g][h]].isEmpty {
                for model in members[g] + members[h] { needs.append(Need(model: model, set: sharedSet[g][h])) }
            }
        }
        var needIndex: [Need: Int] = [:]
        var distinctNeeds: [Need] = []
        for need in needs where needIndex[need] == nil {
            needIndex[need] = distinctNeeds.count
            distinctNeeds.append(need)
        }
        needs = distinctNeeds

        // Each need's table: the model's own, or restricted to the shared set.
        let sets = registry.sets
        let keyCount = keyNumbers.count
        let needTables: [PromptTable] = needs.map { need in
            guard need.set != ownSet[need.model] else { return tables[need.model] }
            var inSet = [Bool](repeating: false, count: keyCount)
            for key in sets[need.set] { inSet[Int(key)] = true }
            let keys = tableKeys[need.model]
            return tables[need.model].filtered { inSet[Int(keys[$0])] }
        }

        // Resampled Averages of every need, on all cores. Tables of one shape draw the same
        // indices, so they are resampled together, a few per batch (the batch's tables stay
        // in cache); every value depends only on its table and the seed, not on the batching.
        var byShape: [[Int]: [Int]] = [:]
        for (index, table) in needTables.enumerated() where table.promptCount > 0 {
            if index < m && knownAverages[index] != nil { continue }  // own needs come first
            byShape[table.shape, default: []].append(index)
        }
        let batches = byShape.values.sorted { $0[0] < $1[0] }.flatMap { members in
            stride(from: 0, to: members.count, by: Self.batchSize).map { Array(members[$0..<min($0 + Self.batchSize, members.count)]) }
        }
        let averages = ConcurrentSlots<[Double]>(count: needs.count, initial: [])
        for (index, known) in knownAverages { averages.store(index, known) }
        DispatchQueue.concurrentPerform(iterations: batches.count) { batch in
            let members = batches[batch]
            var values = [[Double]](repeating: [Double](repeating: 0, count: resamples), count: members.count)
            PromptTable.forEachResample(of: members.map { needTables[$0] }, resamples: resamples, seed: seed) { resample, t, counts in
                values[t][resample] = meanOverDomains(counts, \.average)
            }
            for (t, index) in members.enumerated() { averages.store(index, values[t]) }
        }
        let resampled = averages.values

        // Every pair, a row of pairs per iteration, each worker with its own scratch buffers.
        // verdicts[i * m + j] for i < j: 1 when i is significantly better, 2 when j is.
        let verdicts = ConcurrentSlots<UInt8>(count: m * m, initial: 0)
        DispatchQueue.concurrentPerform(iterations: m) { [sharedSet, needIndex] i in
            var test = PairedSignificanceTest(resamples: resamples)
            for j in stride(from: i + 1, to: m, by: 1) {
                let set = sharedSet[ownSet[i]][ownSet[j]]
                guard !sets[set].isEmpty else { continue }
                // A model's need on its own set is needs[model] (they come first).
                let a = resampled[set == ownSet[i] ? i : needIndex[Need(model: i, set: set)]!]
                let b = resampled[set == ownSet[j] ? j : needIndex[Need(model: j, set: set)]!]
                let outcome = a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in test.verdict(a, b) } }
                verdicts.store(i * m + j, outcome.aIsSignificantlyBetter ? 1 : outcome.bIsSignificantlyBetter ? 2 : 0)
            }
        }
        let verdict = verdicts.values

        var better = [[Int]](repeating: [], count: m)
        var worse = better
        var shared = [[String: Int]](repeating: [:], count: m)
        var differed = [Bool](repeating: false, count: m)
        for i in 0..<m {
            for j in stride(from: i + 1, to: m, by: 1) {
                let sharedPrompts = sets[sharedSet[ownSet[i]][ownSet[j]]].count
                shared[i][models[j].name] = sharedPrompts
                shared[j][models[i].name] = sharedPrompts
                if sharedPrompts != sets[ownSet[i]].count || sharedPrompts != sets[ownSet[j]].count {
                    differed[i] = true
                    differed[j] = true
                }
                switch verdict[i * m + j] {
                case 1:
                    better[j].append(i)
                    worse[i].append(j)
                case 2:
                    better[i].append(j)
                    worse[j].append(i)
                default:
                    break
                }
            }
        }

        var result: [String: RankInfo] = [:]
        for (k, model) in models.enumerated() {
            result[model.name] = RankInfo(
                rank: 1 + better[k].count,
                significantlyBetter: better[k].sorted().map { models[$0].name },
                significantlyWorse: worse[k].sorted().map { models[$0].name },
                prompts: sets[ownSet[k]].count,
                sharedPrompts: shared[k],
                promptSetsDiffered: differed[k])
        }
        return result
    }
}
