import Dispatch

/// Two independent pieces of work at once, each free to use all cores itself: the pipeline's
/// middle stage has steps (the bootstrap, the audit's checks) that each leave a core idle for
/// part of their time, and running them side by side fills it.
///
///     let (intervals, findings) = Concurrently.both({ bootstrap(runs) }, { audit(runs) })
public enum Concurrently {
    public static func both<First, Second>(_ first: @Sendable () -> First, _ second: @Sendable () -> Second) -> (First, Second) {
        let firstResult = ConcurrentSlots<First>(count: 1)
        let secondResult = ConcurrentSlots<Second>(count: 1)
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            if index == 0 { firstResult.store(0, first()) } else { secondResult.store(0, second()) }
        }
        return (firstResult.values[0], secondResult.values[0])
    }
}
