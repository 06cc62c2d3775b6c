import Foundation

/// What every model's item of one prompt has in common: its key, domain, subset and language.
/// Held once per process and shared by reference (``interned(key:domain:subset:language:)``):
/// a 200-model build holds 265,000 items, and each used to carry these 88 bytes (and a heap
/// string for a long subset such as `xstest-should-respond`) itself.
final class PromptIdentity: Sendable {
    let key: ItemKey
    let domain: Domain
    let subset: String?
    let language: String?

    private init(_ fields: Fields) {
        key = fields.key
        domain = fields.domain
        subset = fields.subset
        language = fields.language
    }

    private struct Fields: Hashable {
        var key: ItemKey
        var domain: Domain
        var subset: String?
        var language: String?
    }

    /// The one instance with these fields: made on first use, then shared.
    static func interned(key: ItemKey, domain: Domain, subset: String?, language: String?) -> PromptIdentity {
        let fields = Fields(key: key, domain: domain, subset: subset, language: language)
        return table.withLock { known in
            if let identity = known[fields] { return identity }
            let identity = PromptIdentity(fields)
            known[fields] = identity
            return identity
        }
    }

    /// Every identity made so far. It only grows, by one entry per distinct prompt a process
    /// reads (RM-Bench has 1,327), which is what sharing them costs.
    private static let table = LockedTable()

    private final class LockedTable: @unchecked Sendable {
        private let lock = NSLock()
        private var known: [Fields: PromptIdentity] = [:]

        func withLock<T>(_ body: (inout [Fields: PromptIdentity]) -> T) -> T {
            lock.lock()
            defer { lock.unlock() }
            return body(&known)
        }
    }
}
