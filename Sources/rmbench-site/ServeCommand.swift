import ArgumentParser
import Dispatch
import Foundation
import RMBenchServe
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build the site, serve it on 127.0.0.1, and rebuild it when the data or templates change.",
        discussion: """
            Builds OUTPUT like `build`, then serves it at http://127.0.0.1:PORT/ (loopback only; \
            GET and HEAD, no caching; the Host must be 127.0.0.1:PORT or localhost:PORT) and \
            watches DATA and TEMPLATES: every saved change rebuilds the site once the changes \
            have settled for half a second, and one line per rebuild goes to stdout. Every build \
            runs as `build` in a child process: a failed or even crashed build prints its errors \
            to stderr and the last good site stays served. Ctrl-C (SIGINT) or SIGTERM stops.

            Example: rmbench-site serve --port 8000 --bootstrap 0
            """)

    @Option(help: "Data folder with results/ and published/.")
    var data = "Data"

    @Option(help: "Templates folder (copy Templates/ to restyle or reword pages).")
    var templates = "Templates"

    @Option(help: "Output folder, replaced as a whole on every build.")
    var output = "Site"

    @Option(help: "Site title.")
    var title = "RM-Bench leaderboard"

    @Option(help: "Port on 127.0.0.1; 0 picks a free one (the URL printed says which).")
    var port = 8000

    @Flag(help: "No progress lines on stderr for the first build.")
    var quiet = false

    @OptionGroup var bootstrap: BootstrapOptions

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0…65535, got \(port)") }
    }

    func run() async throws {
        let builder = ChildProcess()
        let stop = StopSignals(onSecond: builder.kill)
        // Bind first: a busy port fails at once, not after a build.
        let server: StaticFileServer
        do {
            server = try StaticFileServer(root: output, port: UInt16(port))
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
        let session = ServeSession(server: server, builder: builder, output: output,
                                   firstBuild: buildArguments(quiet: quiet), rebuild: buildArguments(quiet: true),
                                   watcher: ChangeWatcher(folders: [data, templates], excluding: [output]))
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await session.run() }
            group.addTask { await stop.first() }
            await group.next()
            group.cancelAll()
        }
        server.stop()
    }

    /// `build` with this command's options, for a child process. `--name=value` keeps a value
    /// that starts with "-" a value.
    func buildArguments(quiet: Bool) -> [String] {
        ["build", "--data=\(data)", "--templates=\(templates)", "--output=\(output)", "--title=\(title)",
         "--bootstrap=\(bootstrap.bootstrap)", "--seed=\(bootstrap.seed)"] + (quiet ? ["--quiet"] : [])
    }
}

/// The first build, the server, then a rebuild after every burst of changes until cancelled.
///
/// Every build is `rmbench-site build` in a child process: whatever goes wrong in a build — bad
/// input, a crash, a trap, an abort — ends at most the child, and the last good site stays
/// served (the build publishes atomically, so a killed build leaves the old site whole).
struct ServeSession {
    let server: StaticFileServer
    let builder: ChildProcess
    let output: String
    let firstBuild: [String]
    let rebuild: [String]
    let watcher: ChangeWatcher

    func run() async {
        let failed = "serving what \(output) holds; fix the input and save to rebuild"
        switch await builder.run(firstBuild) {
        case .exited(0):
            break
        case .exited:
            printError("the first build failed: \(failed)")
        case .signalled(let number):
            printError("the first build crashed (signal \(number)): \(failed)")
        case .notStarted(let reason):
            printError("error: cannot start the build: \(reason)")
            printError("the first build failed: \(failed)")
        }
        guard !Task.isCancelled else { return }
        server.start()
        let folder = output.hasSuffix("/") ? output : output + "/"
        Self.say("Serving \(folder) at \(server.url) (Ctrl-C to stop)")
        await watcher.run { changed in
            let cause = changed.count == 1 ? changed[0] : "\(changed[0]) and \(changed.count - 1) more"
            let started = ContinuousClock.now
            switch await builder.run(rebuild) {
            case .exited(0):
                let (seconds, attoseconds) = (ContinuousClock.now - started).components
                let files = FolderSnapshot.take([output]).files.count
                Self.say(String(format: "rebuilt in %.2f s (%d files) after a change to %@",
                                Double(seconds) + Double(attoseconds) * 1e-18, files, cause))
            case .exited:
                Self.say("rebuild failed after a change to \(cause); still serving the last good site")
            case .signalled(let number):
                Self.say("rebuild crashed (signal \(number)) after a change to \(cause); still serving the last good site")
            case .notStarted(let reason):
                printError("error: cannot start the build: \(reason)")
                Self.say("rebuild failed after a change to \(cause); still serving the last good site")
            }
        }
    }

    /// A line on stdout, written at once (stdout may be a pipe).
    static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}

/// SIGINT and SIGTERM: the first one ends `first()`; a second one calls `onSecond` and ends
/// the process at once (a build in progress is otherwise finished first). Its stored
/// properties never change.
///
/// The signals are ignored so that only the Dispatch sources see them, and a build child
/// inherits that: it finishes its build even when we are told to stop.
final class StopSignals: @unchecked Sendable {
    private let sources: [any DispatchSourceSignal]
    private let stream: AsyncStream<Int32>

    init(onSecond: @escaping @Sendable () -> Void) {
        let (stream, continuation) = AsyncStream.makeStream(of: Int32.self)
        let queue = DispatchQueue(label: "rmbench-site.signals")
        let count = SignalCount()
        sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                if count.increment() > 1 {
                    printError("stopping now")
                    onSecond()
                    Foundation.exit(130)
                }
                printError("stopping")
                continuation.yield(number)
            }
            source.resume()
            return source
        }
        self.stream = stream
    }

    func first() async {
        for await _ in stream { return }
    }

    deinit {
        for source in sources { source.cancel() }
    }
}

/// Touched only on the signal queue (serial).
private final class SignalCount: @unchecked Sendable {
    private var value = 0
    func increment() -> Int {
        value += 1
        return value
    }
}
