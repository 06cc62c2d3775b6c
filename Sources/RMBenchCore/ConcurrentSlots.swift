import Dispatch

/// Results of `concurrentPerform`, one slot per iteration: each slot is written by exactly
/// one iteration and read only after all have finished. The slots are raw memory, so writes
/// from different threads touch nothing shared (an `Array` in a class would be one shared
/// value mutated from several threads).
///
///     let results = ConcurrentSlots<Double>(count: n)
///     DispatchQueue.concurrentPerform(iterations: n) { results.store($0, work($0)) }
///     let values = results.values
public final class ConcurrentSlots<Value>: @unchecked Sendable {
    private let count: Int
    private let slots: UnsafeMutablePointer<Value?>

    public init(count: Int, initial: Value? = nil) {
        self.count = count
        slots = UnsafeMutablePointer.allocate(capacity: count)
        slots.initialize(repeating: initial, count: count)
    }

    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }

    public func store(_ index: Int, _ value: Value) {
        precondition(index >= 0 && index < count, "slot out of range")
        slots[index] = value
    }

    /// Every slot's value; each must have been stored (or given an initial value).
    public var values: [Value] { (0..<count).map { slots[$0]! } }

    /// `transform` of every index in `0..<count`, computed on all cores, in index order.
    ///
    ///     let scores = ConcurrentSlots.map(runs.count) { Scorer.score(runs[$0]) }
    public static func map(_ count: Int, _ transform: @Sendable (Int) -> Value) -> [Value] {
        let results = ConcurrentSlots(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { results.store($0, transform($0)) }
        return results.values
    }
}
