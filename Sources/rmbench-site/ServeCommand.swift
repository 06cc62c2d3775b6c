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
            GET and HEAD, no caching) and watches DATA and TEMPLATES: every saved change \
            rebuilds the site once the changes have settled for half a second, and one line per \
            rebuild goes to stdout. A failed build prints its errors to stderr and the last good \
            site stays served. Ctrl-C (SIGINT) or SIGTERM stops.

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
        let stop = StopSignals()
        // Bind first: a busy port fails at once, not after a build.
        let server: StaticFileServer
        do {
            server = try StaticFileServer(root: output, port: UInt16(port))
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
        let options = SiteBuild.Options(data: data, templates: templates, output: output, baseURL: nil, title: title,
                                        bootstrap: bootstrap.settings, progress: Progress(quiet: quiet))
        let watcher = ChangeWatcher(folders: [data, templates], excluding: [output])
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await ServeSession.run(server: server, options: options, watcher: watcher) }
            group.addTask { await stop.first() }
            await group.next()
            group.cancelAll()
        }
        server.stop()
    }
}

/// The first build, the server, then a rebuild after every burst of changes until cancelled.
enum ServeSession {
    static func run(server: StaticFileServer, options: SiteBuild.Options, watcher: ChangeWatcher) async {
        do {
            let result = try await SiteBuild.run(options)
            options.progress.say(String(format: "built in %.2f s", result.seconds))
        } catch {
            error.report()
            printError("the first build failed: serving what \(options.output) holds; fix the input and save to rebuild")
        }
        guard !Task.isCancelled else { return }
        server.start()
        let folder = options.output.hasSuffix("/") ? options.output : options.output + "/"
        say("Serving \(folder) at \(server.url) (Ctrl-C to stop)")
        var quietOptions = options
        quietOptions.progress = Progress(quiet: true)
        await watcher.run { changed in
            let cause = changed.count == 1 ? changed[0] : "\(changed[0]) and \(changed.count - 1) more"
            do throws(SiteBuild.Failure) {
                let result = try await SiteBuild.run(quietOptions)
                say(String(format: "rebuilt in %.2f s (%d files) after a change to %@", result.seconds, result.files, cause))
            } catch {
                error.report()
                say("rebuild failed after a change to \(cause); still serving the last good site")
            }
        }
    }

    /// A line on stdout, written at once (stdout may be a pipe).
    static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}

extension SiteBuild.Failure {
    /// Prints the failure, as `build` does, without ending the process.
    func report() {
        _ = exit()
    }
}

/// SIGINT and SIGTERM: the first one ends `first()`; a second one ends the process at once
/// (a rebuild in progress is otherwise finished first). Its stored properties never change.
final class StopSignals: @unchecked Sendable {
    private let sources: [any DispatchSourceSignal]
    private let stream: AsyncStream<Int32>

    init() {
        let (stream, continuation) = AsyncStream.makeStream(of: Int32.self)
        let queue = DispatchQueue(label: "rmbench-site.signals")
        let count = SignalCount()
        sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                if count.increment() > 1 {
                    printError("stopping now")
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
