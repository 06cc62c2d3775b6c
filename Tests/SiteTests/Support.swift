import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// Runs the built `rmbench-site` binary.
enum Tool {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var binary: URL {
        // The test bundle lives in the same products folder as the executable.
        var folder = Bundle.main.bundleURL
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("rmbench-site").path), folder.path != "/" {
            folder.deleteLastPathComponent()
        }
        return folder.appendingPathComponent("rmbench-site")
    }

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `executable` (the built binary unless given) and collects its output.
    ///
    /// With `posix_spawn`, not Foundation's `Process`: on Linux `Process.run()` crashes now and
    /// then (swift-corelibs-foundation #5472: it over-reads a `dirent` while listing
    /// `/proc/self/fd`), and these tests start hundreds of processes. The working folder is set
    /// by `env -C`.
    @discardableResult
    static func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String]? = nil,
                    executable: URL? = nil) throws -> Output {
        // A binary a test has just copied can be refused with ETXTBSY ("Text file busy", exit
        // 126 from env) while a child another test thread spawned at that moment still holds
        // the copy's write descriptor: a kernel race of every threaded program that writes and
        // then runs an executable (golang/go#22315). It passes in moments; so is the retry.
        for _ in 0..<50 {
            let output = try runOnce(arguments, in: directory, environment: environment, executable: executable)
            guard output.status == 126, output.stderr.contains("Text file busy") else { return output }
            usleep(100_000)
        }
        return try runOnce(arguments, in: directory, environment: environment, executable: executable)
    }

    private static func runOnce(_ arguments: [String], in directory: URL?, environment: [String: String]?,
                                executable: URL?) throws -> Output {
        let program = (executable ?? binary).path
        let argv = directory.map { ["/usr/bin/env", "-C", $0.path, program] } ?? [program]
        let variables = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        var out: [Int32] = [0, 0], err: [Int32] = [0, 0]
        guard pipe(&out) == 0, pipe(&err) == 0 else { throw SpawnError(message: "pipe: \(String(cString: strerror(errno)))") }
        for fd in out + err { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, out[1], 1)
        posix_spawn_file_actions_adddup2(&actions, err[1], 2)
        let cArguments = (argv + arguments).map { strdup($0) } + [nil]
        let cVariables = variables.map { strdup($0) } + [nil]
        defer { for pointer in cArguments + cVariables { free(pointer) } }
        // As Process does: the child starts with no signal blocked and every signal at its default.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, argv[0], &actions, &attributes, cArguments, cVariables)
        close(out[1])
        close(err[1])
        guard spawned == 0 else {
            close(out[0])
            close(err[0])
            throw SpawnError(message: "posix_spawn \(argv[0]): \(String(cString: strerror(spawned)))")
        }
        // Standard error on a thread of its own, so that neither pipe fills while the other is read.
        let errorBytes = ReadAll(fd: err[0])
        let reader = Thread { errorBytes.read() }
        reader.start()
        let stdout = ReadAll(fd: out[0])
        stdout.read()
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        errorBytes.wait()
        let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Output(status: exit, stdout: String(decoding: stdout.bytes, as: UTF8.self), stderr: String(decoding: errorBytes.bytes, as: UTF8.self))
    }

    struct SpawnError: Error { var message: String }

    /// Every byte of a pipe up to its end, then the pipe closed.
    final class ReadAll: @unchecked Sendable {
        private let fd: Int32
        private(set) var bytes: [UInt8] = []
        private let done = DispatchSemaphore(value: 0)

        init(fd: Int32) { self.fd = fd }

        func read() {
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { break }
                bytes += chunk[0..<n]
            }
            close(fd)
            done.signal()
        }

        func wait() { done.wait() }
    }

    /// Builds `data` (default: the repository's Data/) into a fresh temporary folder.
    static func build(data: URL? = nil, extra: [String] = []) throws -> (site: URL, output: Output) {
        let site = temporaryDirectory().appendingPathComponent("Site")
        let output = try run(["build", "--quiet",
                              "--data", (data ?? repository.appendingPathComponent("Data")).path,
                              "--templates", repository.appendingPathComponent("Templates").path,
                              "--output", site.path] + extra)
        return (site, output)
    }
}

func temporaryDirectory() -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("rmbench-site-tests-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Every regular file under `root`, by relative path, with its bytes.
func tree(_ root: URL) throws -> [String: Data] {
    var files: [String: Data] = [:]
    let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])!
    for case let url as URL in enumerator {
        guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
        let relative = String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))
        files[relative] = try Data(contentsOf: url)
    }
    return files
}

/// Parses a page as XML and collects what the link and structure checks need.
final class PageParser: NSObject, XMLParserDelegate {
    var links: [String] = []
    var ids: [String] = []
    var tags: [String: Int] = [:]
    var svgNamespaces: [String?] = []
    var error: String?
    var htmlLang: String?

    static func parse(_ data: Data) -> PageParser {
        let delegate = PageParser()
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        if !parser.parse() {
            delegate.error = "\(parser.parserError.map { "\($0)" } ?? "unknown") at line \(parser.lineNumber), column \(parser.columnNumber)"
        }
        return delegate
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        tags[name, default: 0] += 1
        if let href = attributes["href"] { links.append(href) }
        if let src = attributes["src"] { links.append(src) }
        if let id = attributes["id"] { ids.append(id) }
        if name == "svg" { svgNamespaces.append(attributes["xmlns"]) }
        if name == "html" { htmlLang = attributes["lang"] }
    }
}
