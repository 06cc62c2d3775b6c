import RMBenchCore

/// Every model's six scores on one prompt, read from the models' items where they already are
/// rather than copied: a 200-model site has 265,000 of them, and copies were 74 KB per model.
/// Element `i` is `(model, chosen, rejected)`, in the order of the models given to
/// ``PromptPages/records(_:)``.
struct PromptScores: RandomAccessCollection, Sendable {
    /// The models and their items, shared by every prompt's scores.
    final class Models: Sendable {
        let ids: [ModelID]
        let items: [[ScoredItem]]

        init(ids: [ModelID], items: [[ScoredItem]]) {
            self.ids = ids
            self.items = items
        }
    }

    private let models: Models
    /// Per entry: the model's index in `models` and the item's index in that model's items.
    private var entries: [(model: Int32, item: Int32)]

    init(models: Models, capacity: Int) {
        self.models = models
        entries = []
        entries.reserveCapacity(capacity)
    }

    /// Scores given as they are (tests and hand-made records): each its own one-item model.
    init(_ scores: [(model: ModelID, chosen: StyleScores, rejected: StyleScores)], key: ItemKey, domain: Domain) {
        models = Models(ids: scores.map(\.model),
                        items: scores.map { [ScoredItem(key: key, domain: domain, chosen: $0.chosen, rejected: $0.rejected)] })
        entries = scores.indices.map { (Int32($0), 0) }
    }

    mutating func append(model: Int, item: Int) {
        entries.append((Int32(model), Int32(item)))
    }

    var startIndex: Int { 0 }
    var endIndex: Int { entries.count }

    subscript(position: Int) -> (model: ModelID, chosen: StyleScores, rejected: StyleScores) {
        let entry = entries[position]
        let model = Int(entry.model), item = Int(entry.item)
        return (models.ids[model], models.items[model][item].chosen, models.items[model][item].rejected)
    }
}
