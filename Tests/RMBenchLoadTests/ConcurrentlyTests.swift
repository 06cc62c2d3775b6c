import Foundation
import RMBenchCore
import Testing

/// `Concurrently.both` returns each piece of work's own result, of its own type, having run
/// each exactly once — also when each runs work on all cores itself, as the pipeline's do.
@Suite("Two pieces of work at once")
struct ConcurrentlyTests {
    final class Runs: @unchecked Sendable {
        private let lock = NSLock()
        private var names: [String] = []
        func add(_ name: String) { lock.withLock { names.append(name) } }
        var sorted: [String] { lock.withLock { names.sorted() } }
    }

    @Test func eachResultComesBackOnceInItsPlace() {
        let runs = Runs()
        let (numbers, text) = Concurrently.both({ () -> [Int] in
            runs.add("first")
            return ConcurrentSlots.map(100) { $0 * $0 }
        }, { () -> String in
            runs.add("second")
            return ConcurrentSlots.map(3) { String($0) }.joined(separator: ",")
        })
        #expect(numbers == (0..<100).map { $0 * $0 })
        #expect(text == "0,1,2")
        #expect(runs.sorted == ["first", "second"])
    }

    /// Each piece waits for the other to have started: run one after the other (or both as
    /// iterations of one `concurrentPerform` on a single core), neither would ever see it.
    @Test func bothRunAtTheSameTime() {
        let firstStarted = DispatchSemaphore(value: 0)
        let secondStarted = DispatchSemaphore(value: 0)
        let (firstSawSecond, secondSawFirst) = Concurrently.both({ () -> Bool in
            firstStarted.signal()
            return secondStarted.wait(timeout: .now() + 10) == .success
        }, { () -> Bool in
            secondStarted.signal()
            return firstStarted.wait(timeout: .now() + 10) == .success
        })
        #expect(firstSawSecond)
        #expect(secondSawFirst)
    }
}
