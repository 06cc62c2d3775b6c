import Foundation
@testable import RMBenchServe
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a hostile page or local process can do to the server: drip bytes, hold connections,
/// flood, rebind a DNS name. Loopback only, bounded in count and time.
@Suite("hostile clients")
struct HostileClientTests {
    @Test func slowClientsDoNotDelayOthers() async throws {
        let fixture = try Fixture()
        let port = fixture.server.port
        // A dripper cut off at the deadline reconnects at once, while the server's thread for
        // its old connection may not have ended yet (it still counts against the cap): a wave
        // can briefly hold twice the drippers. 40 keeps that wave (80) well under the cap of
        // 128; 64 reached it exactly, and a normal request in that moment got a 503.
        let drippers = 40
        async let drip = onThread { try Drippers.run(count: drippers, port: port, for: .seconds(10)) }
        async let normal = onThread { () throws -> [TimedReply] in
            // Let the drippers connect first.
            Thread.sleep(forTimeInterval: 0.5)
            var replies: [TimedReply] = []
            let end = ContinuousClock.now + .seconds(9)
            while ContinuousClock.now < end {
                let started = ContinuousClock.now
                let reply = try RawClient.get("/style.css", port: port)
                replies.append(TimedReply(reply: reply, latency: .now - started))
                Thread.sleep(forTimeInterval: 0.25)
            }
            return replies
        }
        let (report, replies) = try await (drip, normal)
        // The drippers were really there all along: each of the first ones held its connection
        // until the server's deadline cut it off.
        #expect(report.firstConnectionsTimedOut == drippers)
        #expect(replies.count >= 20)
        for timed in replies {
            #expect(timed.reply.status == 200)
            #expect(timed.reply.text == "body { color: red }")
            #expect(timed.latency < .seconds(1), "a normal request took \(timed.latency)")
        }
    }

    @Test func aDrippingClientIsCutOffAtTheDeadline() async throws {
        let fixture = try Fixture()
        let port = fixture.server.port
        // One byte every 250 ms of a head that would take a minute to finish.
        let head = Array("GET /style.css HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nX-Drip: \(String(repeating: "a", count: 200))\r\n\r\n".utf8)
        let outcome = try await onThread { () throws -> (sent: Int, reply: [UInt8], closed: Bool) in
            let fd = try RawClient.connect(port: port)
            defer { close(fd) }
            var sent = 0
            var reply: [UInt8] = []
            while sent < head.count {
                if systemSend(fd, [head[sent]]) == 1 { sent += 1 }
                var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                guard poll(&entry, 1, 250) > 0 else { continue }
                var buffer = [UInt8](repeating: 0, count: 4096)
                let n = read(fd, &buffer, buffer.count)
                if n <= 0 { return (sent, reply, true) }
                reply += buffer[0..<n]
            }
            return (sent, reply, false)
        }
        #expect(outcome.closed)
        #expect(outcome.sent < head.count)
        let reply = try RawClient.parse(outcome.reply)
        #expect(reply.status == 408)
        #expect(reply.headers["connection"] == "close")
        #expect(reply.text == "408 Request Timeout\n")
    }

    @Test func connectionsBeyondTheCapAreRefusedAtOnce() async throws {
        let fixture = try Fixture()
        let port = fixture.server.port
        let extra = 72
        let fds = try (0..<fixture.server.connectionLimit + extra).map { _ in try RawClient.connect(port: port) }
        defer { fds.forEach { close($0) } }
        // Idle connections within the cap wait for their request; the rest are answered at once.
        let answered = awaitReplies(fds, count: extra, within: .seconds(4))
        #expect(answered.count == extra)
        for fd in answered {
            let reply = try RawClient.parse(RawClient.readAll(fd))
            #expect(reply.status == 503)
            #expect(reply.headers["connection"] == "close")
            #expect(reply.headers["retry-after"] == "1")
        }
        // An admitted connection is served as usual.
        let held = try #require(fds.first { !answered.contains($0) })
        try RawClient.write(held, "GET /style.css HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\r\n")
        #expect(try RawClient.parse(RawClient.readAll(held)).text == "body { color: red }")
        // Once the clients let go, new connections are served again.
        for fd in fds { shutdown(fd, Int32(SHUT_RDWR)) }
        let after = try await onThread { () throws -> Int in
            for _ in 0..<50 {
                let status = try RawClient.get("/style.css", port: port).status
                if status != 503 { return status }
                Thread.sleep(forTimeInterval: 0.1)
            }
            return 503
        }
        #expect(after == 200)
    }

    @Test func hostMustNameThisServer() throws {
        let fixture = try Fixture()
        let port = fixture.server.port
        let served = ["127.0.0.1:\(port)", "localhost:\(port)", "LocalHost:\(port)", " 127.0.0.1:\(port) "]
        for host in served {
            let reply = try RawClient.send("GET /index.html HTTP/1.1\r\nHost:\(host)\r\n\r\n", port: port)
            #expect(reply.status == 200, "\(host)")
            #expect(reply.text == "<!doctype html><title>home</title>", "\(host)")
        }
        let misdirected = ["evil.example", "evil.example:\(port)", "127.0.0.1", "localhost", "127.0.0.1:\(Int(port) + 1)",
                           "127.0.0.2:\(port)", "localhost.evil.example:\(port)", "[::1]:\(port)", "127.0.0.1:\(port).evil", ""]
        for host in misdirected {
            for method in ["GET", "HEAD", "POST"] {
                let reply = try RawClient.send("\(method) /index.html HTTP/1.1\r\nHost: \(host)\r\n\r\n", port: port)
                #expect(reply.status == 421, "\(method) \(host)")
                #expect(reply.text == (method == "HEAD" ? "" : "421 Misdirected Request\n"), "\(method) \(host)")
            }
        }
        let malformed = [
            "GET /index.html HTTP/1.1\r\n\r\n",
            "GET /index.html HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nHost: evil.example\r\n\r\n",
            "GET /index.html HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nHost: 127.0.0.1:\(port)\r\n\r\n",
            "GET /index.html HTTP/1.1\r\nHost 127.0.0.1:\(port)\r\n\r\n",
            "GET /index.html HTTP/1.1\r\nHost : 127.0.0.1:\(port)\r\n\r\n",
            "GET /index.html HTTP/1.1\r\nX: y\r\n Host: 127.0.0.1:\(port)\r\n\r\n",
        ]
        for raw in malformed {
            let reply = try RawClient.send(raw, port: port)
            #expect(reply.status == 400, "\(raw.debugDescription)")
            #expect(reply.text == "400 Bad Request\n", "\(raw.debugDescription)")
        }
        // HTTP/1.0 does not require Host; when given, it must still name this server.
        #expect(try RawClient.send("GET /index.html HTTP/1.0\r\n\r\n", port: port).status == 200)
        #expect(try RawClient.send("GET /index.html HTTP/1.0\r\nHost: evil.example\r\n\r\n", port: port).status == 421)
        #expect(try RawClient.send("GET /index.html HTTP/1.1\r\nhOsT: localhost:\(port)\r\nAccept: */*\r\n\r\n", port: port).status == 200)
    }

    @Test func hostRules() throws {
        func check(_ head: String, port: UInt16) -> RequestHead.HostCheck? {
            RequestHead(Array(head.utf8))?.host(port: port)
        }
        #expect(check("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n", port: 80) == .ours)
        #expect(check("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", port: 80) == .ours)
        #expect(check("GET / HTTP/1.1\r\nHost: localhost:80\r\n\r\n", port: 80) == .ours)
        #expect(check("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n", port: 8000) == .elsewhere)
        #expect(check("GET / HTTP/1.1\r\nHost: localhost:8000\r\n\r\n", port: 80) == .elsewhere)
        #expect(check("GET / HTTP/1.1\r\nHost:\tlocalhost:8000\t\r\n\r\n", port: 8000) == .ours)
        #expect(check("GET / HTTP/1.1\n\n", port: 8000) == .invalid)
        #expect(check("GET / HTTP/1.0\n\n", port: 8000) == .ours)
        #expect(check("GET / HTTP/1.1\r\nHost:\r\n\r\n", port: 8000) == .elsewhere)
        let head = try #require(RequestHead(Array("HEAD /a?b HTTP/1.1\r\nX-Other: 1\r\nHost: a:1\r\n\r\n".utf8)))
        #expect(head.method == "HEAD")
        #expect(head.target == "/a?b")
        #expect(head.version == "HTTP/1.1")
        #expect(head.hosts == ["a:1"])
    }
}

struct TimedReply: Sendable {
    var reply: Reply
    var latency: Duration
}

/// Clients that send a request head one byte at a time (every 1, 2 or 3 s) and never finish
/// it; when the server cuts one off, it connects again at once.
enum Drippers {
    struct Report: Sendable {
        /// Of the first `count` connections, those the server answered 408.
        var firstConnectionsTimedOut = 0
    }

    private struct Client {
        var fd: Int32
        var sent = 0
        var next: ContinuousClock.Instant
        var interval: Duration
        var first: Bool
    }

    static func run(count: Int, port: UInt16, for duration: Duration) throws -> Report {
        let prefix = Array("GET /style.css HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nX-Drip: ".utf8)
        let start = ContinuousClock.now
        var clients = try (0..<count).map { i in
            Client(fd: try RawClient.connect(port: port), next: start + .milliseconds(i * 15), interval: .seconds(1 + i % 3), first: true)
        }
        defer { clients.forEach { close($0.fd) } }
        var report = Report()
        while ContinuousClock.now < start + duration {
            var entries = clients.map { pollfd(fd: $0.fd, events: Int16(POLLIN), revents: 0) }
            _ = poll(&entries, nfds_t(entries.count), 20)
            for i in clients.indices {
                if entries[i].revents != 0 {
                    var buffer = [UInt8](repeating: 0, count: 4096)
                    let n = read(clients[i].fd, &buffer, buffer.count)
                    if clients[i].first, n > 0, buffer[0..<n].starts(with: Array("HTTP/1.1 408 ".utf8)) {
                        report.firstConnectionsTimedOut += 1
                    }
                    close(clients[i].fd)
                    clients[i] = Client(fd: try RawClient.connect(port: port), next: .now, interval: clients[i].interval, first: false)
                } else if ContinuousClock.now >= clients[i].next {
                    let byte = clients[i].sent < prefix.count ? prefix[clients[i].sent] : UInt8(ascii: "a")
                    _ = systemSend(clients[i].fd, [byte])
                    clients[i].sent += 1
                    clients[i].next = .now + clients[i].interval
                }
            }
        }
        return report
    }
}

/// The sockets among `fds` with something to read, once `count` of them have, or `within` has
/// passed.
func awaitReplies(_ fds: [Int32], count: Int, within: Duration) -> [Int32] {
    let end = ContinuousClock.now + within
    var ready: [Int32] = []
    repeat {
        var entries = fds.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        _ = poll(&entries, nfds_t(entries.count), 50)
        ready = entries.filter { $0.revents != 0 }.map(\.fd)
    } while ready.count < count && ContinuousClock.now < end
    return ready
}

/// Runs blocking socket code on a thread of its own, so that it holds no thread of the
/// cooperative pool the other tests share.
func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}
