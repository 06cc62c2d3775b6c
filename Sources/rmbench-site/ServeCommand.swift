import ArgumentParser
import Foundation
import RMBenchCore
import RMBenchServe

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

    @Option(help: "Templates folder overriding the built-in templates file by file, watched like the data folder.")
    var templates: String?

    @Option(help: "Output folder, replaced as a whole on every build.")
    var output = "Site"

    @Option(help: "Site title.")
    var title = "RM-Bench leaderboard"

    @Option(help: "Port on 127.0.0.1; 0 picks a free one (the URL printed says which).")
    var port = 8000

    @Flag(help: "No progress lines on stderr for the first build.")
    var quiet = false

    @OptionGroup var bootstrap: BootstrapOptions

    @OptionGroup var cache: CacheOptions

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0…65535, got \(port)") }
    }

    func run() async throws {
        let builder = ChildProcess()
        let stop = StopSignals(notice: { printError($0) }, onSecond: builder.kill)
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
                                   watcher: ChangeWatcher(folders: [data] + (templates.map { [$0] } ?? []), excluding: [output]),
                                   say: { line in FileHandle.standardOutput.write(Data((TerminalText.line(line) + "\n").utf8)) },
                                   warn: { printError($0) })
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
        ["build", "--data=\(data)"] + (templates.map { ["--templates=\($0)"] } ?? []) + ["--output=\(output)", "--title=\(title)",
         "--bootstrap=\(bootstrap.bootstrap)", "--seed=\(bootstrap.seed)"] + cache.buildArguments + (quiet ? ["--quiet"] : [])
    }
}
