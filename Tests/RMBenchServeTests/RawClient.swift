import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A minimal HTTP client over a raw socket, so tests can send exactly the bytes they mean
/// (URLSession would normalise `..` away). Loopback only.
struct Reply {
    var status: Int
    var headers: [String: String]
    var body: [UInt8]
    var text: String { String(decoding: body, as: UTF8.self) }
}

struct ClientError: Error, CustomStringConvertible {
    var description: String
}

enum RawClient {
    /// Connects to `host:port` (a 127.x address), or throws with errno's message.
    static func connect(host: String = "127.0.0.1", port: UInt16) throws -> Int32 {
        precondition(host.hasPrefix("127."), "tests talk to loopback only")
        #if os(Linux)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw ClientError(description: "socket: \(String(cString: strerror(errno)))") }
        var timeout = timeval(tv_sec: 20, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr(host)
        let status = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { systemConnect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard status == 0 else {
            let message = String(cString: strerror(errno))
            close(fd)
            throw ClientError(description: "connect \(host):\(port): \(message)")
        }
        return fd
    }

    /// Sends `raw` as is and reads the whole reply (the server closes the connection).
    static func send(_ raw: [UInt8], port: UInt16) throws -> Reply {
        let fd = try connect(port: port)
        defer { close(fd) }
        var offset = 0
        while offset < raw.count {
            let n = raw.withUnsafeBytes { systemSend(fd, $0.baseAddress! + offset, raw.count - offset) }
            guard n > 0 else { throw ClientError(description: "send: \(String(cString: strerror(errno)))") }
            offset += n
        }
        return try parse(readAll(fd))
    }

    /// Writes all of `text` to a connected socket.
    static func write(_ fd: Int32, _ text: String) throws {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { systemSend(fd, $0.baseAddress! + offset, bytes.count - offset) }
            guard n > 0 else { throw ClientError(description: "send: \(String(cString: strerror(errno)))") }
            offset += n
        }
    }

    /// Everything the server sends until it closes the connection.
    static func readAll(_ fd: Int32) throws -> [UInt8] {
        var data: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = read(fd, &chunk, chunk.count)
            if n < 0 && errno == EINTR { continue }
            if n < 0 && errno == ECONNRESET { break }
            guard n >= 0 else { throw ClientError(description: "read: \(String(cString: strerror(errno)))") }
            guard n > 0 else { break }
            data += chunk[0..<n]
        }
        return data
    }

    static func send(_ raw: String, port: UInt16) throws -> Reply {
        try send(Array(raw.utf8), port: port)
    }

    static func get(_ target: String, method: String = "GET", port: UInt16) throws -> Reply {
        try send("\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\r\n", port: port)
    }

    static func parse(_ data: [UInt8]) throws -> Reply {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let end = (0...(max(0, data.count - 4))).first(where: { data.count >= 4 && Array(data[$0..<$0 + 4]) == separator }) else {
            throw ClientError(description: "no complete head in \(data.count) bytes: \(String(decoding: data, as: UTF8.self))")
        }
        let lines = String(decoding: data[0..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ")
        guard statusParts.count >= 2, statusParts[0] == "HTTP/1.1", let status = Int(statusParts[1]) else {
            throw ClientError(description: "bad status line \(lines[0])")
        }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { throw ClientError(description: "bad header \(line)") }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return Reply(status: status, headers: headers, body: Array(data[(end + 4)...]))
    }
}

private func systemConnect(_ fd: Int32, _ address: UnsafePointer<sockaddr>, _ length: socklen_t) -> Int32 {
    #if canImport(Glibc)
    Glibc.connect(fd, address, length)
    #else
    Darwin.connect(fd, address, length)
    #endif
}

/// Sends `bytes` once, without SIGPIPE; what send(2) returns.
func systemSend(_ fd: Int32, _ bytes: [UInt8]) -> Int {
    bytes.withUnsafeBytes { systemSend(fd, $0.baseAddress!, bytes.count) }
}

private func systemSend(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.send(fd, bytes, count, Int32(MSG_NOSIGNAL))
    #else
    Darwin.send(fd, bytes, count, 0)
    #endif
}
