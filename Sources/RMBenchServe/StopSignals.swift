import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SIGINT and SIGTERM: the first one ends `first()`; a second one calls `onSecond` and ends
/// the process at once (a build in progress is otherwise finished first). Its stored
/// properties never change.
///
/// The signals are ignored so that only the Dispatch sources see them, and a build child
/// inherits that: it finishes its build even when we are told to stop.
public final class StopSignals: @unchecked Sendable {
    private let sources: [any DispatchSourceSignal]
    private let stream: AsyncStream<Int32>

    /// `notice` tells the user what happens ("stopping", "stopping now"); `onSecond` runs before
    /// the second signal ends the process.
    public init(notice: @escaping @Sendable (String) -> Void, onSecond: @escaping @Sendable () -> Void) {
        let (stream, continuation) = AsyncStream.makeStream(of: Int32.self)
        let queue = DispatchQueue(label: "rmbench-serve.signals")
        let count = SignalCount()
        sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                if count.increment() > 1 {
                    notice("stopping now")
                    onSecond()
                    Foundation.exit(130)
                }
                notice("stopping")
                continuation.yield(number)
            }
            source.resume()
            return source
        }
        self.stream = stream
    }

    public func first() async {
        for await _ in stream { return }
    }

    deinit {
        for source in sources { source.cancel() }
    }
}

/// Touched only on the signal queue (serial).
private final class SignalCount: @unchecked Sendable {
    private var value = 0
    func increment() -> Int {
        value += 1
        return value
    }
}
