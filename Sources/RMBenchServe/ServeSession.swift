import Foundation

/// The first build, the server, then a rebuild after every burst of changes until cancelled.
///
/// Every build is `rmbench-site build` in a child process: whatever goes wrong in a build — bad
/// input, a crash, a trap, an abort — ends at most the child, and the last good site stays
/// served (the build publishes atomically, so a killed build leaves the old site whole).
public struct ServeSession: Sendable {
    let server: StaticFileServer
    let builder: ChildProcess
    let output: String
    let firstBuild: [String]
    let rebuild: [String]
    let watcher: ChangeWatcher
    /// Where the session's own lines go: `say` for what a user watches (stdout), `warn` for
    /// problems (stderr).
    let say: @Sendable (String) -> Void
    let warn: @Sendable (String) -> Void

    public init(server: StaticFileServer, builder: ChildProcess, output: String, firstBuild: [String], rebuild: [String],
                watcher: ChangeWatcher, say: @escaping @Sendable (String) -> Void, warn: @escaping @Sendable (String) -> Void) {
        self.server = server
        self.builder = builder
        self.output = output
        self.firstBuild = firstBuild
        self.rebuild = rebuild
        self.watcher = watcher
        self.say = say
        self.warn = warn
    }

    public func run() async {
        let failed = "serving what \(output) holds; fix the input and save to rebuild"
        switch await builder.run(firstBuild) {
        case .exited(0):
            break
        case .exited:
            warn("the first build failed: \(failed)")
        case .signalled(let number):
            warn("the first build crashed (signal \(number)): \(failed)")
        case .notStarted(let reason):
            warn("error: cannot start the build: \(reason)")
            warn("the first build failed: \(failed)")
        }
        guard !Task.isCancelled else { return }
        server.start()
        let folder = output.hasSuffix("/") ? output : output + "/"
        say("Serving \(folder) at \(server.url) (Ctrl-C to stop)")
        await watcher.run { changed in
            let cause = changed.count == 1 ? changed[0] : "\(changed[0]) and \(changed.count - 1) more"
            let started = ContinuousClock.now
            switch await builder.run(rebuild) {
            case .exited(0):
                let (seconds, attoseconds) = (ContinuousClock.now - started).components
                let files = FolderSnapshot.take([output]).files.count
                say(String(format: "rebuilt in %.2f s (%d files) after a change to %@",
                                Double(seconds) + Double(attoseconds) * 1e-18, files, cause))
            case .exited:
                say("rebuild failed after a change to \(cause); still serving the last good site")
            case .signalled(let number):
                say("rebuild crashed (signal \(number)) after a change to \(cause); still serving the last good site")
            case .notStarted(let reason):
                warn("error: cannot start the build: \(reason)")
                say("rebuild failed after a change to \(cause); still serving the last good site")
            }
        }
    }
}
