import ArgumentParser
import Foundation
import RMBenchAnalyze
import RMBenchConvert
import RMBenchCore
import RMBenchLoad
import RMBenchPublish
import RMBenchRender
import RMBenchScore

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
            stderr; exit status 2 on bad input.

            Example: rmbench-site build --data Data --output Site --base-url https://example.org/rm/
            """)

    @Option(help: "Data folder with results/ and published/.")
    var data = "Data"

    @Option(help: "Templates folder (copy Templates/ to restyle or reword pages).")
    var templates = "Templates"

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

    func validate() throws {
        if let baseURL, Escape.url(baseURL) == nil {
            throw ValidationError("--base-url must be an absolute http(s) URL, got '\(baseURL)'")
        }
    }

    func run() async throws {
        inputs.apply()
        let options = SiteBuild.Options(data: data, templates: templates, output: output, baseURL: baseURL, title: title,
                                        bootstrap: bootstrap.settings, progress: Progress(quiet: quiet), dataset: dataset, force: force)
        do {
            let result = try await SiteBuild.run(options)
            options.progress.say(String(format: "done in %.2f s: open %@/index.html", result.seconds, output))
        } catch {
            throw error.exit()
        }
    }
}

/// The whole `build`: read, score, analyze, render, convert, publish. Also what `serve` runs
/// on every change.
enum SiteBuild {
    struct Options: Sendable {
        var data: String
        var templates: String
        var output: String
        var baseURL: String?
        var title: String
        var bootstrap: BootstrapSettings
        var progress: Progress
        /// Dataset files or folders for prompt texts; none by default.
        var dataset: [String] = []
        /// Replace an output folder without our marker.
        var force = false

        /// Everything the build reads, which the output must stay clear of.
        var inputs: [OutputGuard.Input] {
            [OutputGuard.Input(role: "data folder", path: data), OutputGuard.Input(role: "templates folder", path: templates)]
                + dataset.map { OutputGuard.Input(role: "dataset", path: $0) }
        }
    }

    enum Failure: Error {
        /// Bad input: every problem, for exit status 2.
        case input(InputProblems)
        /// A page the templates made cannot be converted (an unknown placeholder…): exit 2.
        case convert(String)
        /// The output folder may not be replaced (not ours, without --force): exit 2.
        case refused(String)
        /// The output folder cannot be written: exit 1.
        case publish(String)

        /// A refused output folder is the user's to fix (exit 2); any other publish error is the
        /// filesystem's (exit 1).
        init(publishing error: any Error) {
            if let error = error as? PublishError, error.kind == .notOurs {
                self = .refused("\(error)")
            } else {
                self = .publish("\(error)")
            }
        }

        /// Prints the failure and gives the exit code that goes with it.
        func exit() -> ExitCode {
            switch self {
            case .input(let problems):
                return InputFailure.exit(problems)
            case .convert(let message), .refused(let message):
                printError("error: \(message)")
                return ExitCode(2)
            case .publish(let message):
                printError("error: \(message)")
                return ExitCode(1)
            }
        }
    }

    /// Files of the old output carried into the new one.
    static let keptFiles = ["README.md"]

    @discardableResult
    static func run(_ options: Options) async throws(Failure) -> (files: Int, seconds: Double) {
        let started = Date()
        let progress = options.progress
        let outputURL = URL(fileURLWithPath: options.output)
        // Before reading anything: an output that overlaps an input, or a folder that is not
        // ours, is refused now rather than after the whole build.
        if let overlap = OutputSafety.overlapProblem(options.output, role: "output folder", inputs: options.inputs) {
            throw .input(InputProblems([overlap]))
        }
        do {
            try SitePublisher.checkOutput(outputURL, keep: keptFiles, force: options.force)
        } catch {
            throw Failure(publishing: error)
        }
        let site: RenderedSite
        do {
            let inputs = try await SiteInputs.load(data: options.data, progress: progress)
            let templateSet = try TemplateSet.load(directory: options.templates)
            let texts = try ComparisonInputs.texts(options.dataset)
            let input = SitePipeline.assemble(inputs, title: options.title, baseURL: options.baseURL,
                                              bootstrap: options.bootstrap, texts: texts, progress: progress)
            progress.say("rendering \(input.rows.count) leaderboard rows")
            site = SiteRenderer.render(input, templates: templateSet)
        } catch {
            throw .input(error)
        }
        progress.say("converting \(site.pages.count) pages with libcmark-gfm")
        var files = site.files.map { SiteFile(path: $0.path, contents: $0.contents) }
        let converter = MarkdownConverter()
        for page in site.pages {
            do {
                let body = try converter.html(fromMarkdown: page.markdown, fragments: page.fragments)
                files.append(SiteFile(path: page.path + ".html", text: page.html(body: body)))
                if page.exportsMarkdown { files.append(SiteFile(path: page.path + ".md", text: page.exportMarkdown)) }
            } catch {
                throw .convert("\(options.templates): page \(page.path): \(error)")
            }
        }
        progress.say("writing \(files.count) files to \(options.output)")
        do {
            try SitePublisher.publish(files, to: outputURL, keep: keptFiles, force: options.force) {
                progress.say("waiting for another build publishing next to \(options.output) to finish")
            }
        } catch {
            throw Failure(publishing: error)
        }
        return (files.count, Date().timeIntervalSince(started))
    }
}

/// Everything `build` reads from the data folder.
struct SiteInputs {
    var runs: [ModelRun]
    var published: [PublishedRow]
    var external: [ExternalMetrics]
    var metadata: [ModelMetadata]
    var judges: [JudgeRun] = []

    static func load(data: String, progress: Progress) async throws(InputProblems) -> SiteInputs {
        let resultsFolder = (data as NSString).appendingPathComponent("results")
        let publishedFolder = (data as NSString).appendingPathComponent("published")
        let externalFolder = (data as NSString).appendingPathComponent("external")
        var problems: [InputProblem] = []
        var resultFiles: [String] = []
        var publishedFiles: [String] = []
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: data, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw InputProblems([InputProblem(file: data, location: .file, message: "the data folder does not exist (expected results/ and/or published/ inside)")])
        }
        if FileManager.default.fileExists(atPath: resultsFolder) {
            do {
                resultFiles = try InputFiles.find(under: resultsFolder, extensions: ["json", "jsonl"])
                if resultFiles.isEmpty {
                    problems.append(InputProblem(file: resultsFolder, location: .file, message: "holds no result files (.json or .jsonl)"))
                }
            } catch {
                problems += error.problems
            }
        }
        if FileManager.default.fileExists(atPath: publishedFolder) {
            do {
                publishedFiles = try InputFiles.find(under: publishedFolder, extensions: ["csv", "json", "md"])
            } catch {
                problems += error.problems
            }
        }
        var externalFiles: [String] = []
        if FileManager.default.fileExists(atPath: externalFolder) {
            do {
                externalFiles = try InputFiles.find(under: externalFolder, extensions: ["csv"])
            } catch {
                problems += error.problems
            }
        }
        let judgesFolder = (data as NSString).appendingPathComponent("judges")
        if resultFiles.isEmpty && publishedFiles.isEmpty && problems.isEmpty && !FileManager.default.fileExists(atPath: judgesFolder) {
            problems.append(InputProblem(file: data, location: .file, message: "no inputs: expected result files under results/ or CSV files under published/"))
        }
        progress.say("reading \(resultFiles.count) result file(s) and \(publishedFiles.count) published table(s) from \(data)")
        var runs: [ModelRun] = []
        do {
            runs = try await ResultSet.load(paths: resultFiles, options: ResultReadOptions(measureResponses: true))
        } catch {
            problems += error.problems
        }
        var published: [PublishedRow] = []
        for file in publishedFiles {
            do {
                switch (file as NSString).pathExtension.lowercased() {
                case "json": published.append(try AggregateResultReader.read(path: file))
                case "md": published += try MarkdownTableReader.read(path: file)
                default: published += try PublishedReader.read(path: file)
                }
            } catch {
                problems += error.problems
            }
        }
        var judges: [JudgeRun] = []
        do {
            judges = try JudgeInputs.load(folder: (data as NSString).appendingPathComponent("judges"))
        } catch {
            problems += error.problems
        }
        var metadata: [ModelMetadata] = []
        let metadataFile = (data as NSString).appendingPathComponent("models.toml")
        if FileManager.default.fileExists(atPath: metadataFile) {
            do {
                metadata = try ModelMetadataReader.read(path: metadataFile)
            } catch {
                problems += error.problems
            }
        }
        var external: [ExternalMetrics] = []
        for file in externalFiles {
            do {
                external.append(try ExternalMetricsReader.read(path: file))
            } catch {
                problems += error.problems
            }
        }
        problems += metricCollisions(external)
        guard problems.isEmpty else { throw InputProblems(problems) }
        // Pages name files relative to the data folder: the same data gives the same site
        // wherever it lives, and a published site does not reveal the builder's folders.
        for r in runs.indices {
            for s in runs[r].sources.indices { runs[r].sources[s].path = relative(runs[r].sources[s].path, to: data) }
        }
        for p in published.indices { published[p].file = relative(published[p].file, to: data) }
        for e in external.indices { external[e].file = relative(external[e].file, to: data) }
        for j in judges.indices {
            for s in judges[j].sources.indices { judges[j].sources[s].path = relative(judges[j].sources[s].path, to: data) }
        }
        return SiteInputs(runs: runs, published: published, external: external, metadata: metadata, judges: judges)
    }

    /// Metric names become page sections and chart file names, so two that read the same
    /// (compared as slugs: ignoring case and punctuation) would overwrite each other.
    static func metricCollisions(_ tables: [ExternalMetrics]) -> [InputProblem] {
        var seen: [String: (file: String, name: String)] = [:]
        var problems: [InputProblem] = []
        for table in tables {
            for metric in table.metrics {
                let key = Escape.slug(metric.name)
                if let first = seen[key] {
                    problems.append(InputProblem(file: table.file, location: .file, message:
                        "metric \"\(metric.name)\" has the same name as \"\(first.name)\" in \(first.file) (names are compared ignoring case and punctuation); rename one of the two columns, e.g. after its benchmark"))
                } else {
                    seen[key] = (table.file, metric.name)
                }
            }
        }
        return problems
    }

    /// `path` without the `folder/` prefix it was found under.
    static func relative(_ path: String, to folder: String) -> String {
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}

/// One line per stage on stderr, unless quiet; stdout stays clean.
struct Progress: Sendable {
    let quiet: Bool
    func say(_ line: String) {
        if !quiet { printError(line) }
    }
}
