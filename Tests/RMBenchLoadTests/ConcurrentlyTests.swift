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
}
