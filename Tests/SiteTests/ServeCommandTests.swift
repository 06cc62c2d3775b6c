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

private func sendSignal(_ pid: Int32, _ number: Int32) {
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

    static func get(_ target: String, port: UInt16) throws -> Reply {
        #if os(Linux)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw ServeTestError("socket failed") }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 20, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw ServeTestError("cannot connect to 127.0.0.1:\(port)") }
        let request = Array("GET \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\r\n".utf8)
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
