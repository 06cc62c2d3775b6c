import Dispatch
import Foundation
import RMBenchCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A small HTTP/1.1 server for a folder of static files, on 127.0.0.1 only, made to outlast
/// hostile local clients (a web page can make the browser open connections here too).
///
/// GET and HEAD; `/` and folders serve their index.html; no listings; one request per
/// connection (`Connection: close`, so no connection idles between requests). Every response
/// says `Cache-Control: no-store` and `X-Content-Type-Options: nosniff`. The root is resolved on
/// every request, so a folder swapped in by an atomic rename is picked up at once; a request
/// that raced the swap is answered again from the new folder.
///
/// Limits: each connection has its own thread, at most ``connectionLimit`` at once (further
/// ones get a 503 and are closed at once, so clients cannot exhaust threads or file
/// descriptors); the request head must arrive within ``headDeadline`` of connecting, however
/// slowly it trickles (408 after that); a response must be taken within ``sendDeadline``.
/// Requests must name this server in `Host` (421 otherwise), which defeats DNS rebinding.
public final class StaticFileServer: @unchecked Sendable {
    /// The only address the server listens on.
    public static let host = "127.0.0.1"
    /// Longest request head accepted.
    static let maxHead = 16 * 1024
    /// Connections open at once, each with its own thread: a few browser tabs need a dozen,
    /// and 128 threads and sockets are cheap. Fewer when the descriptor limit is low (see
    /// ``connectionLimit``).
    public static let maxConnections = 128
    /// Descriptors left for the rest of the process beyond those open when the server starts:
    /// Dispatch's own, a build being started, the change watcher walking folders.
    static let spareDescriptors = 32
    /// From accepting a connection to the end of its request head (request line and headers).
    public static let headDeadline: Duration = .seconds(5)
    /// For sending the response to a client that reads slowly or not at all.
    static let sendDeadline: Duration = .seconds(10)
    /// After the response, unread request bytes are read and dropped for this long (up to
    /// ``drainLimit``) so that closing does not reset the connection and lose the response.
    static let drainTime: Duration = .seconds(1)
    static let drainLimit = 1 << 20

    /// The folder served.
    public let root: String
    /// The port listened on (the one the system chose when asked for port 0).
    public let port: UInt16
    /// `http://127.0.0.1:PORT/`
    public var url: String { "http://\(Self.host):\(port)/" }
    /// The connections served at once: ``maxConnections``, or fewer if the open-file limit would
    /// not hold them (each takes two descriptors: its socket and the file it sends).
    ///
    /// The process must never reach that limit, not even briefly: libdispatch on Linux
    /// periodically opens /proc/TID/stat for its workers and aborts the process if it cannot.
    public let connectionLimit: Int

    private let listener: Int32
    /// Guards `started`, `stopping` and `openConnections`; signalled when a connection ends.
    private let state = NSCondition()
    private var started = false
    private var stopping = false
    private var openConnections = 0
    private let acceptLoopEnded = DispatchSemaphore(value: 0)
    /// A descriptor held in reserve (on /dev/null), touched only by the accept loop: when the
    /// process runs out of descriptors, closing it makes room to accept a pending connection
    /// and close it at once. Without it that connection would stay pending, `poll` would
    /// report the listener ready again at once, and the loop would spin.
    private var reserve: Int32

    /// Binds 127.0.0.1:`port` (0: any free port) and listens; `start()` begins answering.
    public init(root: String, port: UInt16) throws(ServerError) {
        self.root = root
        #if os(Linux)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw ServerError("cannot create a socket: \(Self.lastError())") }
        // Non-blocking: a connection reset between `poll` and `accept` must not block the loop.
        SocketIO.configure(fd)
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr(Self.host)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else {
            let message = Self.lastError()
            close(fd)
            throw ServerError("cannot listen on \(Self.host):\(port): \(message)")
        }
        // A long queue: a burst of connections waits there to be accepted (and refused, past
        // the cap) instead of having its SYNs dropped and retried a second later.
        guard listen(fd, 1024) == 0, let actual = Self.localAddress(fd) else {
            let message = Self.lastError()
            close(fd)
            throw ServerError("cannot listen on \(Self.host):\(port): \(message)")
        }
        listener = fd
        self.port = actual.port
        reserve = Self.openReserve()
        connectionLimit = Self.connectionLimit()
    }

    private static func connectionLimit() -> Int {
        var limit = rlimit()
        #if os(Linux)
        guard getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return maxConnections }
        #else
        guard getrlimit(RLIMIT_NOFILE, &limit) == 0 else { return maxConnections }
        #endif
        let files = Int(clamping: limit.rlim_cur)
        // Plenty: no need to count what is open, one call per possible descriptor.
        guard files < 8192 else { return maxConnections }
        let open = (0..<Int32(files)).count { fcntl($0, F_GETFD) != -1 }
        return max(1, min(maxConnections, (files - open - spareDescriptors) / 2))
    }

    deinit { stop() }

    /// The address the socket is bound to, as the system reports it.
    public var boundAddress: (host: String, port: UInt16)? { Self.localAddress(listener) }

    /// Starts accepting connections on a thread of its own.
    public func start() {
        state.lock()
        defer { state.unlock() }
        guard !started, !stopping else { return }
        started = true
        let thread = Thread { [self] in acceptLoop() }
        thread.name = "StaticFileServer.accept"
        thread.start()
    }

    /// Stops accepting, closes the port, and waits (at most 2 s) for requests in flight.
    public func stop() {
        state.lock()
        if stopping {
            state.unlock()
            return
        }
        stopping = true
        let wasStarted = started
        state.unlock()
        if wasStarted {
            acceptLoopEnded.wait()
        } else {
            closeListener()
        }
        let giveUp = Date(timeIntervalSinceNow: 2)
        state.lock()
        while openConnections > 0 && state.wait(until: giveUp) {}
        state.unlock()
    }

    private var isStopping: Bool {
        state.lock()
        defer { state.unlock() }
        return stopping
    }

    private func closeListener() {
        close(listener)
        if reserve >= 0 { close(reserve) }
    }

    // MARK: Accepting

    private func acceptLoop() {
        var waiting = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
        while !isStopping {
            guard poll(&waiting, 1, 100) > 0 else { continue }
            // Up to a batch per wake-up: a flood is taken off the queue at the pace it comes.
            for _ in 0..<64 where acceptOne() {}
        }
        closeListener()
        acceptLoopEnded.signal()
    }

    /// Accepts a pending connection and hands it to a thread of its own, or refuses it; false
    /// when none was pending (or none could be accepted), so there is no point trying again now.
    private func acceptOne() -> Bool {
        let client = Self.accept(listener)
        guard client >= 0 else {
            switch errno {
            case EMFILE, ENFILE:
                shedOneConnection()
            case ECONNABORTED, EINTR:
                return true
            case EAGAIN, EWOULDBLOCK:
                break
            default:
                // Out of memory or buffers: wait for the system rather than spin.
                usleep(100_000)
            }
            return false
        }
        SocketIO.configure(client)
        guard admit() else {
            Self.refuse(client)
            return true
        }
        let deadline = ContinuousClock.now + Self.headDeadline
        let running = DetachedThread.start { [self] in
            handle(client, headDeadline: deadline)
            release()
        }
        if !running {
            release()
            Self.refuse(client)
        }
        return true
    }

    /// Out of file descriptors: accepts one pending connection in the room the reserve makes
    /// and refuses it, then takes the reserve again.
    private func shedOneConnection() {
        if reserve >= 0 {
            close(reserve)
            let client = Self.accept(listener)
            if client >= 0 { Self.refuse(client) }
            reserve = Self.openReserve()
        }
        if reserve < 0 {
            // Another thread took the room: nothing to shed with, so wait instead of spinning.
            usleep(100_000)
            reserve = Self.openReserve()
        }
    }

    private static func accept(_ listener: Int32) -> Int32 {
        #if canImport(Glibc)
        Glibc.accept(listener, nil, nil)
        #else
        Darwin.accept(listener, nil, nil)
        #endif
    }

    private static func openReserve() -> Int32 {
        open("/dev/null", O_RDONLY | O_CLOEXEC)
    }

    private func admit() -> Bool {
        state.lock()
        defer { state.unlock() }
        guard openConnections < connectionLimit else { return false }
        openConnections += 1
        return true
    }

    private func release() {
        state.lock()
        openConnections -= 1
        state.broadcast()
        state.unlock()
    }

    /// Answers 503 without waiting (if the socket takes it at once), drops what the client has
    /// sent so far so that the close is not a reset, and closes.
    private static func refuse(_ fd: Int32) {
        SocketIO.configure(fd)
        var response = Response.error(503, "Service Unavailable")
        response.headers.append(("Retry-After", "1"))
        SocketIO.send(fd, response.serialized(), until: .now)
        shutdown(fd, Int32(SHUT_WR))
        SocketIO.drain(fd, limit: 64 * 1024, until: .now)
        close(fd)
    }

    // MARK: One connection

    private func handle(_ fd: Int32, headDeadline: ContinuousClock.Instant) {
        defer { close(fd) }
        let response: Response
        switch readHead(fd, until: headDeadline) {
        case .closed: return
        case .timedOut: response = .error(408, "Request Timeout")
        case .tooLarge: response = .error(431, "Request Header Fields Too Large")
        case .head(let head): response = respond(to: head)
        }
        SocketIO.send(fd, response.serialized(), until: .now + Self.sendDeadline)
        // Close gracefully: a client still sending (a body we did not read) would otherwise get a
        // reset instead of the response.
        shutdown(fd, Int32(SHUT_WR))
        SocketIO.drain(fd, limit: Self.drainLimit, until: .now + Self.drainTime)
    }

    private enum Head { case head([UInt8]), tooLarge, timedOut, closed }

    private func readHead(_ fd: Int32, until deadline: ContinuousClock.Instant) -> Head {
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 2048)
        while buffer.count <= Self.maxHead {
            // Checked on every pass, not only when waiting: a client sending steadily never
            // makes a read wait.
            guard ContinuousClock.now < deadline else { return .timedOut }
            switch SocketIO.read(fd, into: &chunk, until: deadline) {
            case .closed:
                return .closed
            case .timedOut:
                return .timedOut
            case .bytes(let n):
                let searchFrom = max(0, buffer.count - 3)
                buffer.append(contentsOf: chunk[0..<n])
                if let end = Self.headEnd(buffer, from: searchFrom) { return .head(Array(buffer[0..<end])) }
            }
        }
        return .tooLarge
    }

    /// Index just past the blank line ending the head (CRLF CRLF, or a bare LF LF).
    static func headEnd(_ bytes: [UInt8], from start: Int) -> Int? {
        var i = start
        while i < bytes.count {
            if bytes[i] == 10 {
                if i + 1 < bytes.count && bytes[i + 1] == 10 { return i + 2 }
                if i + 2 < bytes.count && bytes[i + 1] == 13 && bytes[i + 2] == 10 { return i + 3 }
            }
            i += 1
        }
        return nil
    }

    // MARK: Requests

    func respond(to head: [UInt8]) -> Response {
        guard let request = RequestHead(head) else { return .error(400, "Bad Request") }
        var response = respond(to: request)
        if request.method == "HEAD" { response.body = [] }
        return response
    }

    private func respond(to request: RequestHead) -> Response {
        switch request.host(port: port) {
        case .ours: break
        case .elsewhere: return .error(421, "Misdirected Request")
        case .invalid: return .error(400, "Bad Request")
        }
        guard request.method == "GET" || request.method == "HEAD" else {
            var response = Response.error(405, "Method Not Allowed")
            response.headers.append(("Allow", "GET, HEAD"))
            return response
        }
        return serveRetryingSwaps(request.target, headOnly: request.method == "HEAD")
    }

    private func serveRetryingSwaps(_ target: String, headOnly: Bool) -> Response {
        // While the site is swapped (two renames) the root may be missing for a moment, or
        // change under a request: answer again until the root stayed the same throughout.
        for _ in 0..<100 {
            guard let before = Self.identity(root) else {
                usleep(10_000)
                continue
            }
            let response = serve(target, headOnly: headOnly)
            if response.status == 200 || Self.identity(root) == before { return response }
        }
        return serve(target, headOnly: headOnly)
    }

    private func serve(_ target: String, headOnly: Bool) -> Response {
        switch StaticFiles.resolve(target: target, root: root) {
        case .badRequest:
            return .error(400, "Bad Request")
        case .notFound:
            return .error(404, "Not Found")
        case .redirect(let location):
            var response = Response.error(301, "Moved Permanently")
            response.headers.append(("Location", location))
            return response
        case .file(let path):
            let contentType = StaticFiles.contentType(for: path)
            if headOnly {
                var info = stat()
                guard stat(path, &info) == 0 else { return .error(404, "Not Found") }
                return Response(status: 200, reason: "OK", contentType: contentType, body: [], contentLength: Int(info.st_size))
            }
            guard let data = FileManager.default.contents(atPath: path) else { return .error(404, "Not Found") }
            return Response(status: 200, reason: "OK", contentType: contentType, body: [UInt8](data))
        }
    }

    /// The device and inode of `path` (symbolic links followed); nil if missing.
    private static func identity(_ path: String) -> [UInt64]? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return [UInt64(info.st_dev), UInt64(info.st_ino)]
    }

    // MARK: Sockets

    private static func localAddress(_ fd: Int32) -> (host: String, port: UInt16)? {
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let status = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard status == 0 else { return nil }
        var text = [CChar](repeating: 0, count: Int(INET_ADDRSTRLEN))
        guard inet_ntop(AF_INET, &address.sin_addr, &text, socklen_t(text.count)) != nil else { return nil }
        let host = String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return (host, UInt16(bigEndian: address.sin_port))
    }

    private static func lastError() -> String { String(cString: strerror(errno)) }
}

public struct ServerError: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ description: String) { self.description = description }
}
