import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A small HTTP/1.1 server for a folder of static files, on 127.0.0.1 only.
///
/// GET and HEAD; `/` and folders serve their index.html; no listings; one request per
/// connection (`Connection: close`), each on a Dispatch worker. Every response says
/// `Cache-Control: no-store` and `X-Content-Type-Options: nosniff`. The root is resolved on
/// every request, so a folder swapped in by an atomic rename is picked up at once; a request
/// that raced the swap is answered again from the new folder.
public final class StaticFileServer: @unchecked Sendable {
    /// The only address the server listens on.
    public static let host = "127.0.0.1"
    /// Longest request head accepted.
    static let maxHead = 16 * 1024

    /// The folder served.
    public let root: String
    /// The port listened on (the one the system chose when asked for port 0).
    public let port: UInt16
    /// `http://127.0.0.1:PORT/`
    public var url: String { "http://\(Self.host):\(port)/" }

    private let listener: Int32
    private let lock = NSLock()
    private var started = false
    private var stopping = false
    private let acceptLoopEnded = DispatchSemaphore(value: 0)
    private let connections = DispatchGroup()

    /// Binds 127.0.0.1:`port` (0: any free port) and listens; `start()` begins answering.
    public init(root: String, port: UInt16) throws(ServerError) {
        self.root = root
        #if os(Linux)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw ServerError("cannot create a socket: \(Self.lastError())") }
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
        guard listen(fd, 64) == 0, let actual = Self.localAddress(fd) else {
            let message = Self.lastError()
            close(fd)
            throw ServerError("cannot listen on \(Self.host):\(port): \(message)")
        }
        listener = fd
        self.port = actual.port
    }

    deinit { stop() }

    /// The address the socket is bound to, as the system reports it.
    public var boundAddress: (host: String, port: UInt16)? { Self.localAddress(listener) }

    /// Starts accepting connections on a thread of its own.
    public func start() {
        lock.lock()
        defer { lock.unlock() }
        guard !started, !stopping else { return }
        started = true
        let thread = Thread { [self] in acceptLoop() }
        thread.name = "StaticFileServer.accept"
        thread.start()
    }

    /// Stops accepting, closes the port, and waits (at most 2 s) for requests in flight.
    public func stop() {
        lock.lock()
        if stopping { lock.unlock(); return }
        stopping = true
        let wasStarted = started
        lock.unlock()
        if wasStarted {
            acceptLoopEnded.wait()
        } else {
            close(listener)
        }
        _ = connections.wait(timeout: .now() + 2)
    }

    private var isStopping: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopping
    }

    private func acceptLoop() {
        var waiting = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
        while !isStopping {
            guard poll(&waiting, 1, 100) > 0 else { continue }
            let client = accept(listener, nil, nil)
            guard client >= 0 else { continue }
            connections.enter()
            DispatchQueue.global().async { [self] in
                handle(client)
                connections.leave()
            }
        }
        close(listener)
        acceptLoopEnded.signal()
    }

    // MARK: One connection

    private func handle(_ fd: Int32) {
        defer { close(fd) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        #if !os(Linux)
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &yes, socklen_t(MemoryLayout<Int32>.size))
        #endif
        let response: Response
        switch readHead(fd) {
        case .closed: return
        case .tooLarge: response = .error(431, "Request Header Fields Too Large")
        case .head(let head): response = respond(to: head)
        }
        send(fd, response.serialized())
        // Close gracefully: a client still sending (a body we did not read) would otherwise get a
        // reset instead of the response.
        shutdown(fd, Int32(SHUT_WR))
        var scratch = [UInt8](repeating: 0, count: 4096)
        var drained = 0
        var short = timeval(tv_sec: 1, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &short, socklen_t(MemoryLayout<timeval>.size))
        while drained < 1 << 20 {
            let n = read(fd, &scratch, scratch.count)
            if n <= 0 { break }
            drained += n
        }
    }

    private enum Head { case head([UInt8]), tooLarge, closed }

    private func readHead(_ fd: Int32) -> Head {
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 2048)
        while buffer.count <= Self.maxHead {
            let n = read(fd, &chunk, chunk.count)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return .closed }
            let searchFrom = max(0, buffer.count - 3)
            buffer.append(contentsOf: chunk[0..<n])
            if let end = Self.headEnd(buffer, from: searchFrom) { return .head(Array(buffer[0..<end])) }
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
        guard let request = RequestLine(head) else { return .error(400, "Bad Request") }
        guard request.method == "GET" || request.method == "HEAD" else {
            var response = Response.error(405, "Method Not Allowed")
            response.headers.append(("Allow", "GET, HEAD"))
            return response
        }
        let headOnly = request.method == "HEAD"
        var response = serveRetryingSwaps(request.target, headOnly: headOnly)
        if headOnly { response.body = [] }
        return response
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

    private func send(_ fd: Int32, _ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { buffer in
                #if os(Linux)
                Glibc.send(fd, buffer.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
                #else
                Darwin.send(fd, buffer.baseAddress! + offset, bytes.count - offset, 0)
                #endif
            }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return }
            offset += n
        }
    }

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

/// `METHOD SP TARGET SP HTTP/1.x`, the first line of a request head.
struct RequestLine {
    var method: String
    var target: String

    init?(_ head: [UInt8]) {
        let line = head.prefix { $0 != 13 && $0 != 10 }
        let parts = line.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
        guard parts.count == 3,
              !parts[0].isEmpty, parts[0].allSatisfy({ (65...90).contains($0) }),
              !parts[1].isEmpty, parts[1].allSatisfy({ (0x21...0x7E).contains($0) }),
              parts[2].starts(with: Array("HTTP/1.".utf8))
        else { return nil }
        method = String(decoding: parts[0], as: UTF8.self)
        target = String(decoding: parts[1], as: UTF8.self)
    }
}

struct Response {
    var status: Int
    var reason: String
    var contentType: String
    var body: [UInt8]
    /// The length announced; differs from `body.count` only for HEAD.
    var contentLength: Int
    var headers: [(String, String)] = []

    init(status: Int, reason: String, contentType: String, body: [UInt8], contentLength: Int? = nil) {
        self.status = status
        self.reason = reason
        self.contentType = contentType
        self.body = body
        self.contentLength = contentLength ?? body.count
    }

    static func error(_ status: Int, _ reason: String) -> Response {
        Response(status: status, reason: reason, contentType: "text/plain; charset=utf-8", body: Array("\(status) \(reason)\n".utf8))
    }

    func serialized() -> [UInt8] {
        var head = "HTTP/1.1 \(status) \(reason)\r\n"
        for (name, value) in [("Content-Type", contentType), ("Content-Length", String(contentLength)),
                              ("Cache-Control", "no-store"), ("X-Content-Type-Options", "nosniff"),
                              ("Connection", "close")] + headers {
            head += "\(name): \(value)\r\n"
        }
        head += "\r\n"
        return Array(head.utf8) + body
    }
}
