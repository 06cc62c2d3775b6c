import RMBenchCore
import RMBenchLoad

/// Writes a result file in run_rm.py's shape for a baseline scorer, without response texts.
public enum BaselineWriter {
    /// Items whose responses lack one of the three styles (the partial public math split)
    /// are left out rather than given invented scores.
    public static func resultFile(items: [DatasetItem], scorer: BaselineScorer, seed: UInt64) -> String {
        var lines: [String] = []
        for item in items where item.chosen.count == 3 && item.rejected.count == 3 {
            let chosen = item.chosen.map(ResponseFeatures.init(measuring:))
            let rejected = item.rejected.map(ResponseFeatures.init(measuring:))
            let scoreChosen = chosen.enumerated().map { scorer.reward($1, key: item.key, slot: $0, seed: seed) }
            let scoreRejected = rejected.enumerated().map { scorer.reward($1, key: item.key, slot: 3 + $0, seed: seed) }
            var members: [(String, JSONValue)] = [
                ("id", item.key.id.json),
                ("domain", .string(item.key.label)),
            ]
            if let subset = item.subset { members.append(("subset", .string(subset))) }
            if let language = item.language { members.append(("language", .string(language))) }
            members += [
                ("score_chosen", .array(scoreChosen.map(JSONValue.double))),
                ("score_rejected", .array(scoreRejected.map(JSONValue.double))),
                ("chosen_stats", .array(chosen.map(\.json))),
                ("rejected_stats", .array(rejected.map(\.json))),
            ]
            lines.append(JSONValue.object(members).serialized())
        }
        return "[\n" + lines.joined(separator: ",\n") + "\n]\n"
    }

    /// How many items `resultFile` leaves out for lacking styles.
    public static func incompleteItems(_ items: [DatasetItem]) -> Int {
        items.filter { $0.chosen.count != 3 || $0.rejected.count != 3 }.count
    }
}

extension ItemID {
    var json: JSONValue {
        switch self {
        case .int(let value): .int(Int(value))
        case .string(let value): .string(value)
        }
    }
}

extension ResponseFeatures {
    var json: JSONValue {
        .object([
            ("chars", .int(characters)), ("words", .int(words)), ("headers", .int(headers)),
            ("list_items", .int(listItems)), ("bold", .int(boldSpans)),
        ])
    }
}
