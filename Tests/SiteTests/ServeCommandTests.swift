import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `rmbench-site serve` as a user runs it: a subprocess on a copy of Data/ and Templates/,
/// talked to over loopback only.
@Suite("serve command")
struct ServeCommandTests {
    @Test func servesRebuildsOnChangeKeepsTheLastGoodSiteAndStops() async throws {
        let folder = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("Data"), templates = folder.appendingPathComponent("Templates")
        try FileManager.default.copyItem(at: Tool.repository.appendingPathComponent("Data"), to: data)
        try FileManager.default.copyItem(at: Tool.repository.appendingPathComponent("Templates"), to: templates)
        let site = folder.appendingPathComponent("Site")
        let server = try ServeProcess(Tool.binary, ["serve", "--port", "0", "--bootstrap", "0", "--data", data.path,
                                                  "--templates", templates.path, "--output", site.path])
        defer { server.kill() }

        // The URL, once the first build is done.
        let serving = try await server.waitFor(timeout: .seconds(240)) { $0.stdout.contains("(Ctrl-C to stop)\n") }
        let line = try #require(serving.stdout.split(separator: "\n").first { $0.hasPrefix("Serving ") })
        #expect(line.hasPrefix("Serving \(site.path)/ at http://127.0.0.1:"))
        let port = try #require(line.firstMatch(of: /at http:\/\/127\.0\.0\.1:(\d+)\/ \(Ctrl-C to stop\)$/).flatMap { UInt16($0.1) })
        #expect(port != 0)

        let index = try ServeHTTP.get("/", port: port)
        #expect(index.status == 200)
        #expect(index.headers.contains("Content-Type: text/html; charset=utf-8"))
        #expect(index.body == (try String(contentsOf: site.appendingPathComponent("index.html"), encoding: .utf8)))
        #expect(try ServeHTTP.get("/data/leaderboard.csv", port: port).headers.contains("Content-Type: text/csv; charset=utf-8"))
        #expect(try ServeHTTP.get("/../Data/models.toml", port: port).status == 400)

        // Another server on the same port fails at once, before building anything.
        let busy = try ServeProcess(Tool.binary, ["serve", "--port", String(port), "--data", data.path,
                                                  "--templates", templates.path, "--output", folder.appendingPathComponent("Other").path])
        defer { busy.kill() }
        #expect(try await busy.waitForExit(timeout: .seconds(60)) == 1)
        #expect(busy.output.stderr.contains("cannot listen on 127.0.0.1:\(port)"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("Other").path))

        // Edit a template: the served page follows.
        let marker = "ServeTestMarker\(UInt32.random(in: 1000...999_999))"
        let methodology = templates.appendingPathComponent("methodology.md.mustache")
        let handle = try FileHandle(forWritingTo: methodology)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("\n\n\(marker)\n".utf8))
        try handle.close()
        try await pollUntil(timeout: .seconds(60), "methodology.html never showed \(marker); \(server.output)") {
            (try? ServeHTTP.get("/methodology.html", port: port).body.contains(marker)) == true
        }
        let rebuilt = try await server.waitFor(timeout: .seconds(10)) { $0.stdout.contains("rebuilt in ") }
        #expect(rebuilt.stdout.contains("after a change to \(methodology.path)"))

        // Break the data: the errors are printed and the last good site stays served.
        try #"[{"id": 1, "domain": "chat", "score_chosen": [1, 2, "x"], "score_rejected": [0, 0, 0]}]"#
            .write(to: data.appendingPathComponent("results/broken.json"), atomically: true, encoding: .utf8)
        let failed = try await server.waitFor(timeout: .seconds(60)) { $0.stdout.contains("rebuild failed") }
        #expect(failed.stderr.contains("broken.json:1:"))
        #expect(failed.stdout.contains("still serving the last good site"))
        let still = try ServeHTTP.get("/methodology.html", port: port)
        #expect(still.status == 200 && still.body.contains(marker))

        // SIGTERM stops it cleanly, and the port is closed.
        server.signal(SIGTERM)
        let status = try await server.waitForExit(timeout: .seconds(60))
        #expect(status == 0, "\(server.output)")
        #expect(throws: (any Error).self) { _ = try ServeHTTP.get("/", port: port) }
    }

    @Test func sigintStopsToo() async throws {
        let folder = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try ServeProcess(Tool.binary, ["serve", "--port", "0", "--bootstrap", "0", "--quiet",
                                                  "--data", Tool.repository.appendingPathComponent("Data").path,
                                                  "--templates", Tool.repository.appendingPathComponent("Templates").path,
                                                  "--output", folder.appendingPathComponent("Site").path])
        defer { server.kill() }
        let serving = try await server.waitFor(timeout: .seconds(240)) { $0.stdout.contains("(Ctrl-C to stop)\n") }
        #expect(serving.stderr.isEmpty)
        server.signal(SIGINT)
        #expect(try await server.waitForExit(timeout: .seconds(60)) == 0)
    }

    @Test func aCrashedRebuildKeepsTheLastGoodSiteServed() async throws {
        let folder = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("Data"), templates = folder.appendingPathComponent("Templates")
        try FileManager.default.copyItem(at: Tool.repository.appendingPathComponent("Data"), to: data)
        try FileManager.default.copyItem(at: Tool.repository.appendingPathComponent("Templates"), to: templates)
        let site = folder.appendingPathComponent("Site")
        // No cache: a cached rebuild can end before the test sees its child to kill it.
        let server = try ServeProcess(Tool.binary, ["serve", "--port", "0", "--bootstrap", "0", "--quiet", "--no-cache", "--data", data.path,
                                                  "--templates", templates.path, "--output", site.path])
        defer { server.kill() }
        let port = try await server.servingPort()
        let methodology = templates.appendingPathComponent("methodology.md.mustache")
        let before = try ServeHTTP.get("/methodology.html", port: port)
        #expect(before.status == 200)

        // A change, and its build killed the way a crash ends it.
        let lost = "LostMarker\(UInt32.random(in: 1000...999_999))"
        try append("\n\n\(lost)\n", to: methodology)
        try await server.signalChild(SIGKILL, timeout: .seconds(60))
        let crashed = "rebuild crashed (signal 9) after a change to \(methodology.path); still serving the last good site\n"
        _ = try await server.waitFor(timeout: .seconds(60)) { $0.stdout.contains(crashed) }
        #expect(server.isRunning)
        let after = try ServeHTTP.get("/methodology.html", port: port)
        #expect(after.status == 200)
        #expect(after.body == before.body)

        // The next change rebuilds as usual, with both edits.
        let kept = "KeptMarker\(UInt32.random(in: 1000...999_999))"
        try append("\n\n\(kept)\n", to: methodology)
        let rebuilt = try await server.waitFor(timeout: .seconds(60)) { $0.stdout.contains("rebuilt in ") }
        #expect(rebuilt.stdout.contains("after a change to \(methodology.path)\n"))
        let page = try ServeHTTP.get("/methodology.html", port: port)
        #expect(page.body.contains(lost) && page.body.contains(kept))

        server.signal(SIGTERM)
        #expect(try await server.waitForExit(timeout: .seconds(60)) == 0, "\(server.output)")
    }

    @Test func aCrashedFirstBuildStillServesAndTheNextChangeBuilds() async throws {
        let folder = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let templates = folder.appendingPathComponent("Templates")
        try FileManager.default.copyItem(at: Tool.repository.appendingPathComponent("Templates"), to: templates)
        let site = folder.appendingPathComponent("Site")
        // Hold the publish lock of the output's folder (a flock on it, as a concurrent build
        // would): the first build then waits to publish, so it is surely alive when we kill it.
        let lock = open(folder.path, O_RDONLY | O_DIRECTORY)
        #expect(lock >= 0 && flock(lock, LOCK_EX) == 0)
        let server = try ServeProcess(Tool.binary, ["serve", "--port", "0", "--bootstrap", "0", "--quiet",
                                                  "--data", Tool.repository.appendingPathComponent("Data").path,
                                                  "--templates", templates.path, "--output", site.path])
        defer { server.kill() }
        try await server.signalChild(SIGKILL, timeout: .seconds(60))
        close(lock)
        let port = try await server.servingPort()
        #expect(server.output.stderr == "the first build crashed (signal 9): serving what \(site.path) holds; fix the input and save to rebuild\n")
        #expect(try ServeHTTP.get("/", port: port).status == 404)
        try append("\n", to: templates.appendingPathComponent("methodology.md.mustache"))
        _ = try await server.waitFor(timeout: .seconds(60)) { $0.stdout.contains("rebuilt in ") }
        #expect(try ServeHTTP.get("/", port: port).status == 200)
        server.signal(SIGTERM)
        #expect(try await server.waitForExit(timeout: .seconds(60)) == 0, "\(server.output)")
    }

    @Test func aFloodOfConnectionsIsRefusedAndTheServerLives() async throws {
        // The descriptor limit most systems give: the server's 128 connections fit, 2,000 would not.
        let (folder, server) = try ServeProcess.staticSite(fileLimit: 1024)
        defer {
            server.kill()
            try? FileManager.default.removeItem(at: folder)
        }
        let port = try await server.servingPort()
        var limit = rlimit()
        #if os(Linux)
        getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit)
        #else
        getrlimit(RLIMIT_NOFILE, &limit)
        #endif
        // Half of this process's own limit at most: the other tests running alongside need files too.
        let count = min(2000, Int(limit.rlim_cur) / 2)
        try #require(count > 200, "too few file descriptors for the test: \(limit.rlim_cur)")
        let fds = try await onThread { try (0..<count).map { _ in try ServeHTTP.connect(port: port) } }
        defer { fds.forEach { close($0) } }
        // Up to 128 at a time wait for their request until the 5 s deadline (408); every other
        // one is answered 503 at once. None is left hanging or reset without an answer.
        let answers = try await onThread { ServeHTTP.answers(fds, within: .seconds(30)) }
        #expect(answers.values.reduce(0, +) == count)
        #expect(Set(answers.keys) == [408, 503], "\(answers); \(server.output)")
        #expect(answers[408, default: 0] >= 128)
        #expect(server.isRunning)
        for fd in fds { shutdown(fd, Int32(SHUT_RDWR)) }
        let page = try await ServeHTTP.getOnceFree("/", port: port)
        #expect(page.status == 200 && page.body == ServeProcess.staticPage)
        #expect(try ServeHTTP.get("/", port: port, host: "evil.example").status == 421)
        server.signal(SIGTERM)
        #expect(try await server.waitForExit(timeout: .seconds(30)) == 0, "\(server.output)")
    }

    @Test func aLowFileLimitLowersTheCapSoTheServerNeverRunsOut() async throws {
        // 64 descriptors: far too few for 128 connections.
        let (folder, server) = try ServeProcess.staticSite(fileLimit: 64)
        defer {
            server.kill()
            try? FileManager.default.removeItem(at: folder)
        }
        let port = try await server.servingPort()
        let count = 300
        let fds = try await onThread { try (0..<count).map { _ in try ServeHTTP.connect(port: port) } }
        defer { fds.forEach { close($0) } }
        // Every connection is answered: the few the limit leaves room for at the deadline (408;
        // two descriptors each, 32 kept spare: at most 16), all others at once (503).
        let answers = try await onThread { ServeHTTP.answers(fds, within: .seconds(30)) }
        #expect(answers.values.reduce(0, +) == count)
        #expect(Set(answers.keys) == [408, 503], "\(answers); \(server.output)")
        #expect((1...16).contains(answers[408, default: 0]))
        #expect(server.isRunning)
        for fd in fds { shutdown(fd, Int32(SHUT_RDWR)) }
        let page = try await ServeHTTP.getOnceFree("/", port: port)
        #expect(page.status == 200 && page.body == ServeProcess.staticPage)
        server.signal(SIGTERM)
        #expect(try await server.waitForExit(timeout: .seconds(30)) == 0, "\(server.output)")
    }

    @Test func badPortIsAUsageError() throws {
        let output = try Tool.run(["serve", "--port", "70000"])
        #expect(output.status == 64)
        #expect(output.stderr.contains("--port must be 0…65535"))
    }
}

/// Polls `condition` every 200 ms until it holds, or fails after `timeout`.
func pollUntil(timeout: Duration, _ message: @autoclosure () -> String, _ condition: () -> Bool) async throws {
    let deadline = ContinuousClock.now + timeout
    while !condition() {
        guard ContinuousClock.now < deadline else { throw ServeTestError(message()) }
        try await Task.sleep(for: .milliseconds(200))
    }
}

struct ServeTestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A running `rmbench-site`, its stdout and stderr collected as they come.
final class ServeProcess: @unchecked Sendable {
    struct Output {
        var stdout = ""
        var stderr = ""
    }

    private let process = Process()
    private let lock = NSLock()
    private var collected = Output()

    init(_ binary: URL, _ arguments: [String]) throws {
        process.executableURL = binary
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        for (pipe, isStdout) in [(out, true), (err, false)] {
            pipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
                let data = handle.availableData
                if data.isEmpty { handle.readabilityHandler = nil }
                self?.append(data, stdout: isStdout)
            }
        }
        try process.run()
    }

    private var openPipes = 2

    private func append(_ data: Data, stdout: Bool) {
        lock.lock()
        defer { lock.unlock() }
        if data.isEmpty { openPipes -= 1 }
        if stdout { collected.stdout += String(decoding: data, as: UTF8.self) } else { collected.stderr += String(decoding: data, as: UTF8.self) }
    }

    private var pipesClosed: Bool {
        lock.lock()
        defer { lock.unlock() }
        return openPipes <= 0
    }

    var output: Output {
        lock.lock()
        defer { lock.unlock() }
        return collected
    }

    func waitFor(timeout: Duration, _ condition: (Output) -> Bool) async throws -> Output {
        try await pollUntil(timeout: timeout, "timed out; exited: \(!process.isRunning); output so far: \(output)") {
            condition(output)
        }
        return output
    }

    var pid: Int32 { process.processIdentifier }
    var isRunning: Bool { process.isRunning }

    /// The port of the `Serving … at http://127.0.0.1:PORT/ (Ctrl-C to stop)` line.
    func servingPort() async throws -> UInt16 {
        let serving = try await waitFor(timeout: .seconds(240)) { $0.stdout.contains("(Ctrl-C to stop)\n") }
        let line = serving.stdout.split(separator: "\n").first { $0.hasPrefix("Serving ") } ?? ""
        guard let port = line.firstMatch(of: /at http:\/\/127\.0\.0\.1:(\d+)\/ \(Ctrl-C to stop\)$/).flatMap({ UInt16($0.1) }) else {
            throw ServeTestError("no port in \(serving)")
        }
        return port
    }

    /// Sends `signal` to the first live child of this process (a build) as soon as it appears,
    /// polled for every 10 ms on a thread of its own: on the test process's cooperative pool the
    /// polling could be held up, by tests blocking there, past a short build's end.
    func signalChild(_ signal: Int32, timeout: Duration) async throws {
        let pid = self.pid
        let seconds = Double(timeout.components.seconds)
        let found = try await onThread { () -> Bool in
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                if let child = childProcesses(of: pid).first {
                    sendSignal(child, signal)
                    return true
                }
                usleep(10_000)
            }
            return false
        }
        if !found { throw ServeTestError("no child of \(pid) within \(timeout); output: \(output)") }
    }

    static let staticPage = "<!doctype html><title>flood</title>"

    /// `serve` with at most `fileLimit` open files, whose build always fails at once (there is no
    /// data folder): it serves the page it finds in its output folder.
    static func staticSite(fileLimit: Int) throws -> (folder: URL, server: ServeProcess) {
        let folder = temporaryDirectory()
        let site = folder.appendingPathComponent("Site")
        try FileManager.default.createDirectory(at: site, withIntermediateDirectories: true)
        try Data(staticPage.utf8).write(to: site.appendingPathComponent("index.html"))
        let server = try ServeProcess(URL(fileURLWithPath: "/bin/sh"), [
            "-c", "ulimit -n \(fileLimit) && exec \"$0\" \"$@\"", Tool.binary.path,
            "serve", "--port", "0", "--data", folder.appendingPathComponent("Data").path,
            "--templates", Tool.repository.appendingPathComponent("Templates").path, "--output", site.path,
        ])
        return (folder, server)
    }

    func signal(_ number: Int32) {
        if process.isRunning { sendSignal(process.processIdentifier, number) }
    }

    func waitForExit(timeout: Duration) async throws -> Int32 {
        try await pollUntil(timeout: timeout, "did not exit; output: \(output)") { !process.isRunning }
        // The output's end-of-file can trail the exit; Foundation on Linux does not always report
        // it to a readability handler, so wait for it briefly and go on without it.
        try? await pollUntil(timeout: .seconds(2), "") { pipesClosed }
        return process.terminationReason == .exit ? process.terminationStatus : -process.terminationStatus
    }

    /// Ends a process a failed test left running.
    func kill() {
        if process.isRunning {
            sendSignal(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }
}

func sendSignal(_ pid: Int32, _ number: Int32) {
    #if canImport(Glibc)
    _ = Glibc.kill(pid, number)
    #else
    _ = Darwin.kill(pid, number)
    #endif
}

/// One HTTP/1.1 request to 127.0.0.1 over a raw socket.
enum ServeHTTP {
    struct Reply {
        var status: Int
        var headers: [String]
        var body: String
    }

    /// A connected socket to 127.0.0.1:`port`, reads timing out after 20 s.
    static func connect(port: UInt16) throws -> Int32 {
        #if os(Linux)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw ServeTestError("socket failed: \(String(cString: strerror(errno)))") }
        var timeout = timeval(tv_sec: 20, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Foundation.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(fd)
            throw ServeTestError("cannot connect to 127.0.0.1:\(port)")
        }
        return fd
    }

    static func get(_ target: String, port: UInt16, host: String? = nil) throws -> Reply {
        let fd = try connect(port: port)
        defer { close(fd) }
        let request = Array("GET \(target) HTTP/1.1\r\nHost: \(host ?? "127.0.0.1:\(port)")\r\n\r\n".utf8)
        guard write(fd, request, request.count) == request.count else { throw ServeTestError("write failed") }
        var data: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = read(fd, &chunk, chunk.count)
            guard n > 0 else { break }
            data += chunk[0..<n]
        }
        let text = String(decoding: data, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n") else { throw ServeTestError("no response head: \(text)") }
        let head = text[..<split.lowerBound].components(separatedBy: "\r\n")
        guard let status = head.first?.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else {
            throw ServeTestError("bad status line: \(head.first ?? "")")
        }
        return Reply(status: status, headers: Array(head.dropFirst()), body: String(text[split.upperBound...]))
    }
}

extension ServeHTTP {
    /// How many of `fds` are answered with each status, waiting until all are or `within` has
    /// passed; a connection closed without an answer counts as status 0.
    static func answers(_ fds: [Int32], within: Duration) -> [Int: Int] {
        let end = ContinuousClock.now + within
        var pending = fds
        var statuses: [Int: Int] = [:]
        while !pending.isEmpty && ContinuousClock.now < end {
            var entries = pending.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            _ = poll(&entries, nfds_t(entries.count), 100)
            for entry in entries where entry.revents != 0 {
                var buffer = [UInt8](repeating: 0, count: 4096)
                let n = read(entry.fd, &buffer, buffer.count)
                let line = n > 0 ? String(decoding: buffer[0..<n], as: UTF8.self).prefix { $0 != "\r" } : ""
                statuses[line.hasPrefix("HTTP/1.1 ") ? Int(line.dropFirst(9).prefix(3)) ?? 0 : 0, default: 0] += 1
            }
            let answered = Set(entries.filter { $0.revents != 0 }.map(\.fd))
            pending.removeAll { answered.contains($0) }
        }
        return statuses
    }

    /// `GET target` once the server has room again: a 503 is retried for up to 5 s.
    static func getOnceFree(_ target: String, port: UInt16) async throws -> Reply {
        for _ in 0..<50 {
            let reply = try get(target, port: port)
            if reply.status != 503 { return reply }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw ServeTestError("still 503 after 5 s")
    }
}

/// Pids of the children of `parent`.
func childProcesses(of parent: Int32) -> [Int32] {
    #if os(Linux)
    // Every process whose parent (field 4 of /proc/N/stat, after the parenthesised name) is
    // `parent`. Not /proc/PID/task/TID/children: it misses a child whose spawning thread is gone.
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.compactMap(Int32.init).filter { pid in
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // fields[0] is the state: a zombie (Z) has already ended.
        return fields.count > 1 && Int32(fields[1]) == parent && fields[0] != "Z"
    }.sorted()
    #else
    let pgrep = Process()
    pgrep.executableURL = URL(fileURLWithPath: "/usr/bin/pgrep")
    pgrep.arguments = ["-P", String(parent)]
    let out = Pipe()
    pgrep.standardOutput = out
    guard (try? pgrep.run()) != nil else { return [] }
    let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    pgrep.waitUntilExit()
    return text.split(separator: "\n").compactMap { Int32($0) }
    #endif
}

/// Appends `text` to the file at `url`.
func append(_ text: String, to url: URL) throws {
    let handle = try FileHandle(forWritingTo: url)
    try handle.seekToEnd()
    try handle.write(contentsOf: Data(text.utf8))
    try handle.close()
}

/// Runs blocking socket code on a thread of its own, so that it holds no thread of the
/// cooperative pool the other tests share.
func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}
