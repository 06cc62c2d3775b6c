import Foundation

/// Read buffers handed on from one file's reading to the next (``FileBytes/read(path:reusing:)``):
/// a build reads its result files a few at a time, so a few buffers serve them all and no file
/// after the first few is read into fresh memory, which the kernel zero-fills page by page.
/// The buffers are freed with the pool.
///
///     let pool = ReadBufferPool()
///     var buffer = pool.take()
///     let count = try FileBytes.read(path: path, reusing: &buffer)   // the file is buffer[0..<count]
///     pool.give(buffer)
public final class ReadBufferPool: @unchecked Sendable {
    private let lock = NSLock()
    private var idle: [[UInt8]] = []

    public init() {}

    /// A buffer given back earlier, or an empty one.
    public func take() -> [UInt8] {
        lock.withLock { idle.popLast() ?? [] }
    }

    public func give(_ buffer: [UInt8]) {
        lock.withLock { idle.append(buffer) }
    }
}
