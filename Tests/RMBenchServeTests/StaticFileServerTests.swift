import Foundation
@testable import RMBenchServe
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A temporary folder `root/` with a few files, `secret.txt` beside it (outside the root), and
/// a server on a free loopback port.
final class Fixture {
    let folder: URL
    let root: URL
    let server: StaticFileServer
    static let secret = "TOP-SECRET-OUTSIDE-THE-ROOT"
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0]

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("rmbench-serve-tests-\(UUID().uuidString)")
        root = folder.appendingPathComponent("root")
        let files: [String: [UInt8]] = [
            "index.html": Array("<!doctype html><title>home</title>".utf8),
            "style.css": Array("body { color: red }".utf8),
            "site.js": Array("console.log(1)".utf8),
            "charts/a b.svg": Array("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".utf8),
            "data/leaderboard.json": Array("{\"models\": []}".utf8),
            "data/leaderboard.csv": Array("model,average\nx,1\n".utf8),
            "index.md": Array("# home\n".utf8),
            "logo.png": Fixture.png,
            "models/index.html": Array("models index".utf8),
            "models/m.html": Array("model m".utf8),
            "empty/other.txt": Array("not an index".utf8),
            ".hidden": Array("hidden".utf8),
        ]
        for (path, bytes) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
        try Data(Self.secret.utf8).write(to: folder.appendingPathComponent("secret.txt"))
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("link.txt").path, withDestinationPath: "../secret.txt")
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("up").path, withDestinationPath: "..")
        server = try StaticFileServer(root: root.path, port: 0)
        server.start()
    }

    deinit {
        server.stop()
        try? FileManager.default.removeItem(at: folder)
    }

    func get(_ target: String, method: String = "GET") throws -> Reply {
        try RawClient.get(target, method: method, port: server.port)
    }
}

@Suite("static file server")
struct StaticFileServerTests {
    @Test func servesFilesWithTheirTypesAndHeaders() throws {
        let fixture = try Fixture()
        let expected: [(String, String, String)] = [
            ("/index.html", "text/html; charset=utf-8", "<!doctype html><title>home</title>"),
            ("/style.css", "text/css; charset=utf-8", "body { color: red }"),
            ("/site.js", "text/javascript; charset=utf-8", "console.log(1)"),
            ("/charts/a%20b.svg", "image/svg+xml", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
            ("/data/leaderboard.json", "application/json", "{\"models\": []}"),
            ("/data/leaderboard.csv?download=1", "text/csv; charset=utf-8", "model,average\nx,1\n"),
            ("/index.md", "text/markdown; charset=utf-8", "# home\n"),
        ]
        for (target, type, body) in expected {
            let reply = try fixture.get(target)
            #expect(reply.status == 200, "\(target)")
            #expect(reply.headers["content-type"] == type, "\(target)")
            #expect(reply.text == body, "\(target)")
            #expect(reply.headers["content-length"] == String(body.utf8.count), "\(target)")
            #expect(reply.headers["cache-control"] == "no-store", "\(target)")
            #expect(reply.headers["x-content-type-options"] == "nosniff", "\(target)")
            #expect(reply.headers["connection"] == "close", "\(target)")
        }
        let png = try fixture.get("/logo.png")
        #expect(png.headers["content-type"] == "image/png")
        #expect(png.body == Fixture.png)
    }

    @Test func rootAndFoldersServeTheirIndex() throws {
        let fixture = try Fixture()
        #expect(try fixture.get("/").text == "<!doctype html><title>home</title>")
        #expect(try fixture.get("/?x=1").status == 200)
        let models = try fixture.get("/models/")
        #expect(models.status == 200 && models.text == "models index")
        #expect(models.headers["content-type"] == "text/html; charset=utf-8")
        let redirect = try fixture.get("/models")
        #expect(redirect.status == 301)
        #expect(redirect.headers["location"] == "/models/")
        // No index.html: no listing either.
        let empty = try fixture.get("/empty/")
        #expect(empty.status == 404)
        #expect(!empty.text.contains("other.txt"))
        #expect(try fixture.get("/models/m.html/").status == 404)
    }

    @Test func headHasHeadersButNoBody() throws {
        let fixture = try Fixture()
        let head = try fixture.get("/style.css", method: "HEAD")
        #expect(head.status == 200)
        #expect(head.headers["content-type"] == "text/css; charset=utf-8")
        #expect(head.headers["content-length"] == "19")
        #expect(head.body.isEmpty)
        let missing = try fixture.get("/nothing.html", method: "HEAD")
        #expect(missing.status == 404)
        #expect(missing.body.isEmpty)
    }

    @Test func missingFilesAndOtherMethods() throws {
        let fixture = try Fixture()
        let missing = try fixture.get("/nothing.html")
        #expect(missing.status == 404)
        #expect(missing.headers["cache-control"] == "no-store")
        #expect(missing.headers["x-content-type-options"] == "nosniff")
        for method in ["POST", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE"] {
            let reply = try fixture.get("/index.html", method: method)
            #expect(reply.status == 405, "\(method)")
            #expect(reply.headers["allow"] == "GET, HEAD", "\(method)")
        }
        // A body the server never reads must not turn the answer into a connection reset.
        let body = String(repeating: "x", count: 200_000)
        let post = try RawClient.send("POST /index.html HTTP/1.1\r\nHost: 127.0.0.1:\(fixture.server.port)\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)",
                                      port: fixture.server.port)
        #expect(post.status == 405)
    }

    @Test func malformedRequests() throws {
        let fixture = try Fixture()
        for raw in ["GARBAGE\r\n\r\n", "GET /index.html\r\n\r\n", "GET /index.html SPDY/3\r\n\r\n",
                    "get /index.html HTTP/1.1\r\n\r\n", "GET  /index.html HTTP/1.1\r\n\r\n",
                    "GET http://127.0.0.1/index.html HTTP/1.1\r\n\r\n", "GET /a\u{1}b HTTP/1.1\r\n\r\n"] {
            #expect(try RawClient.send(raw, port: fixture.server.port).status == 400, "\(raw.debugDescription)")
        }
        let huge = "GET / HTTP/1.1\r\nX: " + String(repeating: "a", count: 20_000) + "\r\n\r\n"
        #expect(try RawClient.send(huge, port: fixture.server.port).status == 431)
        // Bare LF line ends are accepted.
        #expect(try RawClient.send("GET /style.css HTTP/1.0\n\n", port: fixture.server.port).status == 200)
    }

    @Test func traversalNeverLeavesTheRoot() throws {
        let fixture = try Fixture()
        let attempts = [
            "/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/.%2e/secret.txt", "/%2e./secret.txt",
            "/models/../../secret.txt", "/models/%2e%2e/%2e%2e/secret.txt", "/..%2fsecret.txt", "/%2e%2e%2fsecret.txt",
            "/..\\secret.txt", "/%5c..%5csecret.txt", "/..%5csecret.txt", "/index.html%00.png", "/%00",
            "/link.txt", "/up/secret.txt", "//secret.txt", "/.hidden", "/%2ehidden",
            "/./index.html", "/%", "/%zz", "/%c0%ae%c0%ae/secret.txt", "/\(fixture.folder.path)/secret.txt",
            fixture.folder.path + "/secret.txt",
        ]
        for target in attempts {
            let reply = try fixture.get(target)
            #expect(reply.status == 400 || reply.status == 404, "\(target): \(reply.status)")
            #expect(!reply.text.contains(Fixture.secret), "\(target)")
        }
    }

    @Test func bindsLoopbackOnly() throws {
        let fixture = try Fixture()
        let bound = try #require(fixture.server.boundAddress)
        #expect(bound.host == "127.0.0.1")
        #expect(bound.port == fixture.server.port)
        #expect(fixture.server.url == "http://127.0.0.1:\(fixture.server.port)/")
        #if os(Linux)
        // 127.0.0.2 is loopback too on Linux: a server bound to 0.0.0.0 would answer there.
        #expect(throws: ClientError.self) { _ = try RawClient.connect(host: "127.0.0.2", port: fixture.server.port) }
        #endif
    }

    @Test func busyPortIsAnErrorAndStopFreesIt() throws {
        let first = try StaticFileServer(root: "/nonexistent", port: 0)
        first.start()
        #expect(throws: ServerError.self) { _ = try StaticFileServer(root: "/nonexistent", port: first.port) }
        #expect(try RawClient.get("/", port: first.port).status == 404)
        first.stop()
        first.stop()
        #expect(throws: ClientError.self) { _ = try RawClient.connect(port: first.port) }
    }

    @Test func aSwappedRootIsServedAtOnce() throws {
        let fixture = try Fixture()
        let next = fixture.folder.appendingPathComponent("next")
        try FileManager.default.createDirectory(at: next, withIntermediateDirectories: true)
        try Data("new site".utf8).write(to: next.appendingPathComponent("index.html"))
        let old = fixture.folder.appendingPathComponent("old")
        try FileManager.default.moveItem(at: fixture.root, to: old)
        try FileManager.default.moveItem(at: next, to: fixture.root)
        #expect(try fixture.get("/").text == "new site")
    }

    @Test func concurrentRequests() async throws {
        let fixture = try Fixture()
        let port = fixture.server.port
        let statuses = await withTaskGroup(of: Int.self) { group in
            for i in 0..<32 {
                group.addTask { (try? RawClient.get(i.isMultiple(of: 2) ? "/style.css" : "/models/m.html", port: port).status) ?? -1 }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(statuses == Array(repeating: 200, count: 32))
    }

    @Test func resolutionIsPure() throws {
        let fixture = try Fixture()
        let root = fixture.root.path
        let real = try #require(StaticFiles.realPath(root))
        #expect(StaticFiles.resolve(target: "/", root: root) == .file(real + "/index.html"))
        #expect(StaticFiles.resolve(target: "/charts/a%20b.svg", root: root) == .file(real + "/charts/a b.svg"))
        #expect(StaticFiles.resolve(target: "/charts", root: root) == .redirect("/charts/"))
        #expect(StaticFiles.resolve(target: "/a/../b", root: root) == .badRequest)
        #expect(StaticFiles.resolve(target: "index.html", root: root) == .badRequest)
        #expect(StaticFiles.resolve(target: "/", root: root + "/missing") == .notFound)
        #expect(StaticFiles.contentType(for: "x/y.SVG") == "image/svg+xml")
        #expect(StaticFiles.contentType(for: "noextension") == "application/octet-stream")
        #expect(StaticFiles.percentDecoded("%41%2f%zz".utf8) == nil)
        #expect(StaticFiles.percentDecoded("%41%2F".utf8) == [0x41, 0x2F])
        #expect(StaticFiles.percentEncoded("a b/ü") == "a%20b%2F%C3%BC")
    }
}
