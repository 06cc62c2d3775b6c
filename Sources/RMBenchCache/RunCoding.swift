import Foundation
import RMBenchCore

/// A parsed and measured result file as a cache payload: everything `ResultReader` gives
/// (`ModelRun` with its items, scores bit for bit, response features and attributes), so a
/// cached run is the very value a fresh read would give.
public enum RunCoding {
    public static func encode(_ run: ModelRun) -> [UInt8] {
        var w = ByteWriter()
        w.string(run.model)
        w.string(run.type.rawValue)
        w.array(run.sources) { w, source in
            w.string(source.path)
            w.string(source.sha256)
            w.optional(source.timestamp) { $0.string($1) }
        }
        w.array(run.items) { w, item in
            w.string(item.key.label)
            switch item.key.id {
            case .int(let value):
                w.bool(false)
                w.int(Int(value))
            case .string(let value):
                w.bool(true)
                w.string(value)
            }
            w.string(item.domain.rawValue)
            w.optional(item.subset) { $0.string($1) }
            w.optional(item.language) { $0.string($1) }
            for scores in [item.chosen, item.rejected] {
                w.double(scores.concise)
                w.double(scores.detailedPlain)
                w.double(scores.detailedMarkdown)
            }
            for features in [item.chosenFeatures, item.rejectedFeatures] {
                w.array(features) { w, feature in
                    w.optional(feature) { w, f in
                        for value in [f.characters, f.words, f.headers, f.listItems, f.boldSpans] { w.int(value) }
                    }
                }
            }
            w.optional(item.attributes) { w, attributes in
                for side in [attributes.chosen, attributes.rejected] {
                    w.array(side) { w, style in
                        w.optional(style) { w, values in
                            w.array(values.sorted { $0.key < $1.key }) { w, pair in
                                w.string(pair.key)
                                w.double(pair.value)
                            }
                        }
                    }
                }
            }
        }
        return w.bytes
    }

    /// With `shared`, equal feature arrays of all runs decoded through it are one array in memory.
    public static func decode(_ bytes: [UInt8], shared: SharedFeatures? = nil) throws(MalformedPayload) -> ModelRun {
        var r = ByteReader(bytes)
        let model = try r.string()
        let typeName = try r.string()
        guard let type = ModelType(rawValue: typeName) else { throw MalformedPayload(description: "unknown model type \(typeName)") }
        let sources = try r.array(minimumSize: 17) { r throws(MalformedPayload) in
            SourceFile(path: try r.string(), sha256: try r.string(), timestamp: try r.optional { r throws(MalformedPayload) in try r.string() })
        }
        let items = try r.array(minimumSize: 56) { r throws(MalformedPayload) -> ScoredItem in
            let label = try r.string()
            let id: ItemID = try r.bool() ? .string(try r.string()) : .int(Int64(try r.int()))
            let domainName = try r.string()
            guard let domain = Domain(rawValue: domainName) else { throw MalformedPayload(description: "unknown domain \(domainName)") }
            let subset = try r.optional { r throws(MalformedPayload) in try r.string() }
            let language = try r.optional { r throws(MalformedPayload) in try r.string() }
            let chosen = StyleScores(try r.double(), try r.double(), try r.double())
            let rejected = StyleScores(try r.double(), try r.double(), try r.double())
            var chosenFeatures = try features(&r)
            var rejectedFeatures = try features(&r)
            if let shared {
                chosenFeatures = shared.intern(chosenFeatures)
                rejectedFeatures = shared.intern(rejectedFeatures)
            }
            let attributes = try r.optional { r throws(MalformedPayload) in
                AttributeScores(chosen: try attributeSide(&r), rejected: try attributeSide(&r))
            }
            return ScoredItem(key: ItemKey(label: label, id: id), domain: domain, subset: subset, language: language,
                              chosen: chosen, rejected: rejected, chosenFeatures: chosenFeatures,
                              rejectedFeatures: rejectedFeatures, attributes: attributes)
        }
        guard r.isAtEnd else { throw MalformedPayload(description: "bytes after the end of the run") }
        return ModelRun(model: model, type: type, sources: sources, items: items)
    }

    private static func features(_ r: inout ByteReader) throws(MalformedPayload) -> [ResponseFeatures?] {
        try r.array { r throws(MalformedPayload) in
            try r.optional { r throws(MalformedPayload) in
                ResponseFeatures(characters: try r.int(), words: try r.int(), headers: try r.int(),
                                 listItems: try r.int(), boldSpans: try r.int())
            }
        }
    }

    private static func attributeSide(_ r: inout ByteReader) throws(MalformedPayload) -> [[String: Double]?] {
        try r.array { r throws(MalformedPayload) in
            try r.optional { r throws(MalformedPayload) -> [String: Double] in
                let pairs = try r.array(minimumSize: 9) { r throws(MalformedPayload) in (try r.string(), try r.double()) }
                return Dictionary(pairs, uniquingKeysWith: { first, _ in first })
            }
        }
    }
}

/// One copy of each distinct features array, shared by every run decoded with it: the runs of
/// one benchmark all measure the same texts.
public final class SharedFeatures: @unchecked Sendable {
    private let lock = NSLock()
    private var arrays: Set<[ResponseFeatures?]> = []

    public init() {}

    func intern(_ features: [ResponseFeatures?]) -> [ResponseFeatures?] {
        lock.withLock {
            if let existing = arrays.firstIndex(of: features) { return arrays[existing] }
            arrays.insert(features)
            return features
        }
    }
}
