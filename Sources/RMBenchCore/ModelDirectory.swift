/// Resolves every spelling of every model to its one ``ModelID``: built once, right after
/// loading, from the metadata and every name the inputs use.
///
/// Rules: a name matches a metadata entry's name or alias ignoring case, and then resolves to
/// that entry (canonical name = the entry's `name`); other names resolve by themselves ignoring
/// case, the first spelling read being canonical. Slugs are assigned once for all models, so
/// they are unique and every link to a model uses the same one.
///
///     let directory = ModelDirectory(metadata: meta, names: runs.map(\.model) + published.map(\.model))
///     let id = directory.id("RM-R1-Qwen2.5-Instruct-32B")!   // the metadata's RM-R1-Qwen-Instruct-32B
public struct ModelDirectory: Sendable {
    /// Every model, in the order first read.
    public let ids: [ModelID]
    private let byKey: [String: Int]

    public init(metadata: [ModelMetadata], names: [String]) {
        var canonical: [String] = []
        var spellings: [[String]] = []
        var entries: [ModelMetadata?] = []
        var byKey: [String: Int] = [:]
        var metadataKeys: [String: Int] = [:]
        for (index, meta) in metadata.enumerated() {
            for name in meta.allNames where metadataKeys[Self.key(name)] == nil { metadataKeys[Self.key(name)] = index }
        }
        var registered: [Int: Int] = [:]
        for name in names {
            let key = Self.key(name)
            if let model = byKey[key] {
                if !spellings[model].contains(name) { spellings[model].append(name) }
                continue
            }
            if let metaIndex = metadataKeys[key] {
                if let model = registered[metaIndex] {
                    byKey[key] = model
                    if !spellings[model].contains(name) { spellings[model].append(name) }
                    continue
                }
                let meta = metadata[metaIndex]
                registered[metaIndex] = canonical.count
                for alias in meta.allNames { byKey[Self.key(alias)] = canonical.count }
                canonical.append(meta.name)
                spellings.append(meta.aliases + (name == meta.name || meta.aliases.contains(name) ? [] : [name]))
                entries.append(meta)
            } else {
                byKey[key] = canonical.count
                canonical.append(name)
                spellings.append([])
                entries.append(nil)
            }
        }
        let slugs = Slug.unique(canonical)
        ids = canonical.indices.map { index in
            ModelID(name: canonical[index], displayName: entries[index]?.displayName, slug: slugs[index],
                    aliases: spellings[index].filter { $0 != canonical[index] }, metadata: entries[index])
        }
        self.byKey = byKey
    }

    /// The identity of any spelling read when the directory was built (nil for others).
    public func id(_ name: String) -> ModelID? {
        byKey[Self.key(name)].map { ids[$0] }
    }

    /// Names compare ignoring case, as the published sources spell them inconsistently.
    private static func key(_ name: String) -> String { name.lowercased() }
}
