import Foundation
import RMBenchCore

/// Response features by text, shared by every file of a build: RM-Bench result files all carry
/// the dataset's same 1,327 × 2 response lists, so each distinct list (`chosen` or `rejected`:
/// the three styles' texts) is measured once per build rather than once per model, and every
/// model's items hold the same features array (one copy in memory, not one per model). Keyed by
/// the list's exact bytes as written in the file (not by its position), so a model scored on
/// another dataset version is still measured right; the same texts written differently (other
/// escapes or spacing) are merely measured again.
///
///     let measures = TextMeasures()
///     let runs = try await ResultSet.load(paths: files, options: ResultReadOptions(measureResponses: true, textMeasures: measures))
///     measures.statistics   // (measured: 2654, reused: 130046)
public final class TextMeasures: @unchecked Sendable {
    private let lock = NSLock()
    private var features: [Key: [ResponseFeatures?]] = [:]
    private var reused = 0

    public init() {}

    /// Distinct response lists measured, and lists answered from an earlier measurement.
    public var statistics: (measured: Int, reused: Int) {
        lock.withLock { (features.count, reused) }
    }

    func lookup(_ raw: UnsafeBufferPointer<UInt8>) -> [ResponseFeatures?]? {
        let key = Key(raw)
        return lock.withLock {
            let found = features[key]
            if found != nil { reused += 1 }
            return found
        }
    }

    func insert(_ raw: UnsafeBufferPointer<UInt8>, _ value: [ResponseFeatures?]) {
        let key = Key(raw)
        lock.withLock { features[key] = value }
    }

    /// A JSON value's bytes as written; hashed as one block (an array's own hashing would
    /// combine byte by byte).
    private struct Key: Hashable {
        let bytes: [UInt8]

        init(_ raw: UnsafeBufferPointer<UInt8>) { bytes = Array(raw) }

        func hash(into hasher: inout Hasher) {
            bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
        }
    }
}
