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
///
/// Finding a list: files of one dataset hold the same lists in the same order, so the list first
/// seen at the same place (item index, `chosen` or `rejected`) is compared with the file's bytes
/// first (`memcmp`, exact); a list that matches it is those very bytes, and neither skipped
/// again nor hashed. Only when it differs is the list skipped and looked up by its bytes.
/// The lock is held only to read or change the tables, never while comparing or hashing texts.
public final class TextMeasures: @unchecked Sendable {
    private let lock = NSLock()
    private var byBytes: [Key: MeasuredList] = [:]
    /// The first list seen at each place, by `ResponsePlace.index`.
    private var byPlace: [MeasuredList?] = []
    private var reused = 0

    public init() {}

    /// Distinct response lists measured, and lists answered from an earlier measurement.
    public var statistics: (measured: Int, reused: Int) {
        lock.withLock { (byBytes.count, reused) }
    }

    /// The features of the list at the start of `available` when it is, byte for byte, the list
    /// first seen at `place`; with the length of its bytes in the file.
    ///
    /// Only for a value that starts with `[` or `"`: a remembered value equal to its first bytes
    /// starts the same way, and a list or string ends where its bytes say, so those bytes are
    /// the whole value.
    func sameAsFirstSeen(at place: ResponsePlace, in available: UnsafeBufferPointer<UInt8>) -> (features: [ResponseFeatures?], length: Int)? {
        let candidate: MeasuredList? = lock.withLock { place.index < byPlace.count ? byPlace[place.index] : nil }
        guard let candidate, candidate.bytes.count <= available.count else { return nil }
        let same = candidate.bytes.withUnsafeBufferPointer { memcmp($0.baseAddress!, available.baseAddress!, $0.count) == 0 }
        return same ? (candidate.features, candidate.bytes.count) : nil
    }

    /// The features of the list with exactly the bytes `raw`: measured before, by this file or
    /// another, or now by `measure` (outside the lock), and whether they were measured before.
    func features<Failure: Error>(
        of raw: UnsafeBufferPointer<UInt8>, at place: ResponsePlace, measure: () throws(Failure) -> [ResponseFeatures?]
    ) throws(Failure) -> (features: [ResponseFeatures?], reused: Bool) {
        let key = Key(raw)
        let known: MeasuredList? = lock.withLock {
            let found = byBytes[key]
            if let found { remember(found, at: place) }
            return found
        }
        if let known { return (known.features, true) }
        let measured = MeasuredList(bytes: key.bytes, features: try measure())
        // Another file may have measured the same bytes meanwhile: keep its features, so that
        // all items share one array.
        let kept: MeasuredList = lock.withLock {
            let list = byBytes[key] ?? measured
            byBytes[key] = list
            remember(list, at: place)
            return list
        }
        return (kept.features, false)
    }

    /// Adds the lists a file took from earlier measurements, once per file.
    func countReused(_ count: Int) {
        lock.withLock { reused += count }
    }

    /// The first list seen at a place stays: files of the same dataset version compare with it.
    private func remember(_ list: MeasuredList, at place: ResponsePlace) {
        if place.index >= byPlace.count { byPlace += [MeasuredList?](repeating: nil, count: place.index + 1 - byPlace.count) }
        if byPlace[place.index] == nil { byPlace[place.index] = list }
    }

    /// A JSON value's bytes as written, hashed once when the key is made (outside the lock;
    /// the table then combines only that hash).
    private struct Key: Hashable {
        let bytes: [UInt8]
        private let bytesHash: Int

        init(_ raw: UnsafeBufferPointer<UInt8>) {
            bytes = Array(raw)
            var hasher = Hasher()
            hasher.combine(bytes: UnsafeRawBufferPointer(raw))
            bytesHash = hasher.finalize()
        }

        static func == (a: Key, b: Key) -> Bool { a.bytesHash == b.bytesHash && a.bytes == b.bytes }

        func hash(into hasher: inout Hasher) { hasher.combine(bytesHash) }
    }
}

/// A response list's bytes as written and its features; never changed once made.
private final class MeasuredList: Sendable {
    let bytes: [UInt8]
    let features: [ResponseFeatures?]

    init(bytes: [UInt8], features: [ResponseFeatures?]) {
        self.bytes = bytes
        self.features = features
    }
}

/// Where a response list is in its file: the item's index and which list of the item.
struct ResponsePlace {
    let item: Int
    let rejected: Bool

    var index: Int { item * 2 + (rejected ? 1 : 0) }
}
