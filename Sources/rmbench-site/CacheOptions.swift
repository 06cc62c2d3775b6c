import ArgumentParser
import RMBenchSite

/// `--cache DIR` / `--no-cache`, shared by `build` and `serve`.
///
///     rmbench-site build --data Data                       # cache in ./.rmbench-cache (beside Data)
///     rmbench-site build --data Data --cache /tmp/rm-cache
///     rmbench-site build --data Data --no-cache            # read and convert everything
struct CacheOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Build cache folder (default: .rmbench-cache beside the data folder). Safe to delete at any time.",
                               valueName: "dir"))
    var cache: String?

    @Flag(help: "Use no build cache: read, measure and convert everything.")
    var noCache = false

    func validate() throws {
        if noCache && cache != nil { throw ValidationError("--cache and --no-cache contradict each other; give one") }
    }

    /// The cache folder for a build of `data`, or nil.
    func folder(data: String) -> String? {
        noCache ? nil : (cache ?? SiteBuild.Options.defaultCache(data: data))
    }

    /// The same choice as `build` arguments, for serve's child builds.
    var buildArguments: [String] {
        noCache ? ["--no-cache"] : (cache.map { ["--cache=\($0)"] } ?? [])
    }
}
