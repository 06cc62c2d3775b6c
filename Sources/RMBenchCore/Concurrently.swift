import Dispatch

/// Two independent pieces of work at once, each free to use all cores itself: the pipeline's
/// middle stage has steps (the bootstrap, the audit's checks) that each leave a core idle for
/// part of their time, and running them side by side fills it.
///
/// The second runs on a thread of its own (`DetachedThread`; after the first, on the caller's,
/// if the system refuses a thread), not as an iteration of `concurrentPerform`: work nested in
/// `concurrentPerform` gets only the threads free when it starts, so the bootstrap, started
/// while the audit held the other worker, ran on one core to the end.
///
///     let (intervals, findings) = Concurrently.both({ bootstrap(runs) }, { audit(runs) })
public enum Concurrently {
    public static func both<First, Second>(_ first: () -> First, _ second: @escaping @Sendable () -> Second) -> (First, Second) {
        let secondResult = ConcurrentSlots<Second>(count: 1)
        let done = DispatchSemaphore(value: 0)
        let started = DetachedThread.start {
            secondResult.store(0, second())
            done.signal()
        }
        let firstValue = first()
        if started { done.wait() } else { secondResult.store(0, second()) }
        return (firstValue, secondResult.values[0])
    }
}
