import ArgumentParser
import Foundation
import RMBenchRender
import RMBenchSite

struct BuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the static report website from a data folder.",
        discussion: """
            Reads per-sample result files under DATA/results (any depth; .json or .jsonl; \
            results/<Seq_Classifier|DPO|Baseline>/<model>/ names the model and its type), \
            published numbers under DATA/published (.csv tables, .md leaderboard tables, .json \
            aggregate results such as RM-R1's final_result.json), external metrics in \
            DATA/external/*.csv and model metadata in DATA/models.toml; scores everything, renders each page as \
            Markdown from TEMPLATES, converts it with libcmark-gfm and writes OUTPUT atomically: \
            the previous site stays in place until the new one is complete. Progress goes to \
            stderr; exit status 2 on bad input. A build cache (default .rmbench-cache beside the \
            data folder) keeps each result file's parsed run and each page's HTML by content \
            hash: a rebuild reads only what changed, and with nothing changed leaves OUTPUT as it is.

            Example: rmbench-site build --data Data --output Site --base-url https://example.org/rm/
            """)

    @Option(help: "Data folder with results/ and published/.")
    var data = "Data"

    @Option(help: "Templates folder overriding the built-in templates file by file (`rmbench-site templates export DIR` writes them).")
    var templates: String?

    @Option(help: "Output folder, replaced as a whole; must be absent, empty or written by rmbench-site, and outside every input.")
    var output = "Site"

    @Flag(help: "Replace an output folder that rmbench-site did not write (it is still never an input).")
    var force = false

    @Option(help: "Absolute http(s) URL the site is served from, for canonical links. Links stay relative.")
    var baseURL: String?

    @Option(help: "Site title.")
    var title = "RM-Bench leaderboard"

    @Flag(help: "No progress lines on stderr.")
    var quiet = false

    @Option(help: "RM-Bench dataset files or folders: the prompt pages then show the prompt and the six responses. Repeatable.")
    var dataset: [String] = []

    @OptionGroup var bootstrap: BootstrapOptions

    @OptionGroup var inputs: InputOptions

    @OptionGroup var cache: CacheOptions

    func validate() throws {
        if let baseURL, Escape.url(baseURL) == nil {
            throw ValidationError("--base-url must be an absolute http(s) URL, got '\(baseURL)'")
        }
    }

    func run() async throws {
        MemoryPolicy.returnFreedMemory()
        inputs.apply()
        let options = SiteBuild.Options(data: data, templates: templates, output: output, baseURL: baseURL, title: title,
                                        bootstrap: bootstrap.settings, progress: Progress(quiet: quiet), dataset: dataset, force: force,
                                        cache: cache.folder(data: data))
        do {
            let result = try await SiteBuild.run(options)
            options.progress.say(String(format: "done in %.2f s: open %@/index.html", result.seconds, output))
        } catch {
            throw error.exit()
        }
    }
}
