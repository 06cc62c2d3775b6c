#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads and writes on a non-blocking socket, every call bounded by an absolute deadline: a
/// client that sends or reads one byte at a time cannot stretch a call past it.
enum SocketIO {
    enum ReadResult: Equatable {
        case bytes(Int)
        /// End of input, or an error: either way nothing more will come.
        case closed
        case timedOut
    }

    /// Makes an accepted socket non-blocking and close-on-exec (a build child must not inherit
    /// client connections), and on Darwin free of SIGPIPE (Linux passes MSG_NOSIGNAL instead).
    static func configure(_ fd: Int32) {
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        _ = fcntl(fd, F_SETFD, fcntl(fd, F_GETFD) | FD_CLOEXEC)
        #if !os(Linux)
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &yes, socklen_t(MemoryLayout<Int32>.size))
        #endif
    }

    /// Reads what is there into `buffer`, waiting for input until `deadline` at most.
    static func read(_ fd: Int32, into buffer: inout [UInt8], until deadline: ContinuousClock.Instant) -> ReadResult {
        while true {
            let n = buffer.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, $0.count) }
            if n > 0 { return .bytes(n) }
            if n == 0 { return .closed }
            switch errno {
            case EINTR:
                continue
            case EAGAIN, EWOULDBLOCK:
                guard wait(fd, for: Int16(POLLIN), until: deadline) else { return .timedOut }
            default:
                return .closed
            }
        }
    }

    /// Sends all of `bytes` unless the peer goes away or `deadline` passes first; a deadline
    /// already past means one attempt that never waits.
    @discardableResult
    static func send(_ fd: Int32, _ bytes: [UInt8], until deadline: ContinuousClock.Instant) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { systemSend(fd, $0.baseAddress! + offset, bytes.count - offset) }
            if n > 0 {
                offset += n
                continue
            }
            if n < 0 && errno == EINTR { continue }
            guard n < 0, errno == EAGAIN || errno == EWOULDBLOCK, wait(fd, for: Int16(POLLOUT), until: deadline) else {
                return false
            }
        }
        return true
    }

    /// Reads and discards input until its end, `limit` bytes, or `deadline`.
    static func drain(_ fd: Int32, limit: Int, until deadline: ContinuousClock.Instant) {
        var scratch = [UInt8](repeating: 0, count: 4096)
        var drained = 0
        while drained < limit, case .bytes(let n) = read(fd, into: &scratch, until: deadline) {
            drained += n
        }
    }

    /// Waits until `fd` is ready for `events` (or has failed: the next call reports how), false
    /// once `deadline` has passed.
    private static func wait(_ fd: Int32, for events: Int16, until deadline: ContinuousClock.Instant) -> Bool {
        while true {
            let remaining = deadline - .now
            guard remaining > .zero else { return false }
            var entry = pollfd(fd: fd, events: events, revents: 0)
            let status = poll(&entry, 1, milliseconds(remaining))
            if status > 0 { return true }
            if status < 0 && errno != EINTR { return true }
        }
    }

    /// Whole milliseconds, rounded up so that a wait never ends just before its deadline.
    private static func milliseconds(_ duration: Duration) -> Int32 {
        let (seconds, attoseconds) = duration.components
        return Int32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000 + 1)
    }
}

private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.read(fd, buffer, count)
    #else
    Darwin.read(fd, buffer, count)
    #endif
}

private func systemSend(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.send(fd, bytes, count, Int32(MSG_NOSIGNAL))
    #else
    Darwin.send(fd, bytes, count, 0)
    #endif
}
