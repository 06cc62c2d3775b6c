import Dispatch
import Foundation
import RMBenchAnalyze
import RMBenchBuiltIn
import RMBenchCache
import RMBenchConvert
import RMBenchCore
import RMBenchLoad
import RMBenchPublish
import RMBenchRender
import RMBenchScore

/// The whole `build`: read, score, analyze, render, convert, publish. Also what `serve` runs
/// on every change.
public enum SiteBuild {
    public struct Options: Sendable {
        public var data: String
        /// A folder of templates overriding the built-in ones file by file; nil: the built-in set.
        public var templates: String?
        public var output: String
        public var baseURL: String?
        public var title: String
        public var bootstrap: BootstrapSettings
        public var progress: Progress
        /// Dataset files or folders for prompt texts; none by default.
        public var dataset: [String] = []
        /// Replace an output folder without our marker.
        public var force = false
        /// The build cache folder; nil: no cache.
        public var cache: String?

        public init(data: String = "Data", templates: String? = nil, output: String = "Site", baseURL: String? = nil,
                    title: String = "RM-Bench leaderboard", bootstrap: BootstrapSettings = BootstrapSettings(),
                    progress: Progress = .quiet, dataset: [String] = [], force: Bool = false, cache: String? = nil) {
            self.data = data
            self.templates = templates
            self.output = output
            self.baseURL = baseURL
            self.title = title
            self.bootstrap = bootstrap
            self.progress = progress
            self.dataset = dataset
            self.force = force
            self.cache = cache
        }

        /// The default cache folder: `.rmbench-cache/` beside the data folder.
        public static func defaultCache(data: String) -> String {
            let parent = ((data as NSString).standardizingPath as NSString).deletingLastPathComponent
            return ((parent.isEmpty ? "." : parent) as NSString).appendingPathComponent(".rmbench-cache")
        }

        /// Everything the build reads, which the output must stay clear of.
        public var inputs: [OutputGuard.Input] {
            [OutputGuard.Input(role: "data folder", path: data)] + (templates.map { [OutputGuard.Input(role: "templates folder", path: $0)] } ?? [])
                + dataset.map { OutputGuard.Input(role: "dataset", path: $0) }
        }
    }

    /// Files of the old output carried into the new one.
    public static let keptFiles = ["README.md"]

    /// What a build did: files in the output, seconds, and what the cache let it skip.
    public struct Summary: Sendable {
        public var files: Int
        public var seconds: Double
        /// Nothing had changed: the output was left as it was.
        public var unchanged = false
        /// Pages converted with libcmark-gfm, and pages kept from the last build of the same
        /// output (made from the same Markdown, fragments and layout; see ``OutputReuse``).
        public var pagesConverted = 0
        public var pagesReused = 0
        /// Files of any kind kept from the last build of the same output instead of written.
        public var filesKept = 0
        /// Result files read, and result files taken parsed and measured from the cache.
        public var resultFilesRead = 0
        public var resultFilesReused = 0
    }

    @discardableResult
    public static func run(_ options: Options) async throws(PipelineFailure) -> Summary {
        let started = Date()
        let progress = options.progress
        let outputURL = URL(fileURLWithPath: options.output)
        // Before reading anything: an output that overlaps an input, or a folder that is not
        // ours, is refused now rather than after the whole build.
        do {
            try OutputGuard.refuseOverlap(output: options.output, role: "output folder", inputs: options.inputs)
            if let cache = options.cache {
                try OutputGuard.refuseOverlap(output: cache, role: "cache folder",
                                              inputs: options.inputs + [OutputGuard.Input(role: "output folder", path: options.output)])
            }
        } catch {
            throw .input(InputProblems([InputProblem(file: options.output, location: .file, message: "\(error)")]))
        }
        do {
            try SitePublisher.checkOutput(outputURL, keep: keptFiles, force: options.force)
        } catch {
            throw PipelineFailure(publishing: error)
        }
        let cache = options.cache.map { BuildCache(folder: $0, tool: ToolFingerprint.make(version: ToolVersion.current, commit: BuiltIn.commit, cache: $0)) }
        defer { if let cache { for problem in cache.takeProblems() { progress.warn(problem) } } }
        // The key of everything this build reads, taken before reading (a file changed meanwhile
        // makes the next build's key differ). The templates' digest needs no parsing: with nothing
        // changed they are the last build's, which parsed.
        let inputKey = cache.flatMap { cache in
            TemplateSet.digest(directory: options.templates).flatMap { SiteRecord.inputKey(options, templates: $0, cache: cache) }
        }
        if let cache, let inputKey, SiteRecord.isCurrent(options.output, key: inputKey, cache: cache) {
            progress.say("nothing changed since the last build (inputs, templates, options and tool are the same): \(options.output) left as it is")
            return Summary(files: 0, seconds: Date().timeIntervalSince(started), unchanged: true)
        }
        let templateSet: TemplateSet
        do {
            templateSet = try TemplateSet.load(directory: options.templates)
        } catch {
            throw .input(error)
        }
        var input: SiteInput
        var summary = Summary(files: 0, seconds: 0)
        do {
            let inputs = try await SiteInputs.load(data: options.data, progress: progress, cache: cache)
            if let cache {
                let runs = cache.statistics(.run)
                summary.resultFilesReused = runs.reused
                summary.resultFilesRead = runs.missed
                progress.say("cache: \(runs.reused) result file(s) reused parsed and measured, \(runs.missed) read")
            }
            let texts = try ComparisonInputs.texts(options.dataset)
            input = await offload {
                SitePipeline.assemble(inputs, title: options.title, baseURL: options.baseURL,
                                      bootstrap: options.bootstrap, texts: texts, progress: progress)
            }
        } catch {
            throw .input(error)
        }
        let jobs = SiteRenderer.jobs(input, templates: templateSet)
        progress.say("rendering and converting \(input.rows.count) leaderboard rows' pages on \(ProcessInfo.processInfo.activeProcessorCount) cores")
        let reuse = OutputReuse(output: options.output, cache: cache)
        progress.say("writing \(options.output) as its pages are made")
        let published: Result<Int, PipelineFailure> = await offload {
            do {
                var files = 0
                try SitePublisher.publish(to: outputURL, keep: keptFiles, force: options.force, waiting: {
                    progress.say("waiting for another build publishing next to \(options.output) to finish")
                }) { writer in
                    let failure = FirstFailure()
                    // Jobs run on all cores; each writes its files into the new tree as soon as it
                    // has made them, so no more than a job per core is held in memory.
                    DispatchQueue.concurrentPerform(iterations: jobs.count) { index in
                        guard !failure.happened else { return }
                        do {
                            try write(jobs[index](), to: writer, reuse: reuse, templates: options.templates)
                        } catch {
                            failure.record(error)
                        }
                    }
                    if let error = failure.error { throw error }
                    files = writer.count
                }
                return .success(files)
            } catch let failure as PipelineFailure {
                return .failure(failure)
            } catch {
                return .failure(PipelineFailure(publishing: error))
            }
        }
        summary.files = try published.get()
        summary.pagesConverted = reuse.pagesConverted
        summary.pagesReused = reuse.pagesReused
        summary.filesKept = reuse.filesKept
        if cache != nil {
            progress.say("pages: \(reuse.pagesConverted) converted, \(reuse.pagesReused) unchanged since the last build; \(reuse.filesKept) file(s) kept as they were")
        }
        progress.say("wrote \(summary.files) files to \(options.output)")
        // A large result file's digest is known only once this build has read it.
        if let cache, let key = inputKey ?? SiteRecord.inputKey(options, templates: templateSet.digest, cache: cache) {
            SiteRecord.store(options.output, key: key, made: reuse.made, cache: cache)
        }
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }

    /// Runs blocking work (all cores busy in `concurrentPerform`) on a thread of its own, so the
    /// caller's thread of the cooperative pool is not held for seconds: a build inside a server
    /// or a test process must not starve the other tasks there.
    private static func offload<Value: Sendable>(_ work: @escaping @Sendable () -> Value) async -> Value {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: work()) }
        }
    }

    /// Converts one job's pages (in parallel when there are many, as the prompt pages) and writes
    /// them with the job's files.
    private static func write(_ part: RenderedSite, to writer: SiteWriter, reuse: OutputReuse, templates: String?) throws {
        for file in part.files { try reuse.write(file.path, file.contents, to: writer) }
        let failure = FirstFailure()
        let converter = MarkdownConverter()
        let convert: @Sendable (RenderedPage) -> Void = { page in
            do {
                try reuse.writePage(page, converter: converter, to: writer)
                if page.exportsMarkdown { try reuse.write(page.path + ".md", page.exportMarkdownBytes, to: writer) }
            } catch let error as PublishError {
                failure.record(error)
            } catch {
                failure.record(PipelineFailure.convert("\(templates ?? "built-in templates"): page \(page.path): \(error)"))
            }
        }
        if part.pages.count > 8 {
            DispatchQueue.concurrentPerform(iterations: part.pages.count) { convert(part.pages[$0]) }
        } else {
            part.pages.forEach(convert)
        }
        if let error = failure.error { throw error }
    }
}

/// The first error of work running on several cores; the rest stop early.
final class FirstFailure: @unchecked Sendable {
    private let lock = NSLock()
    private var first: Error?

    func record(_ error: Error) {
        lock.withLock { if first == nil { first = error } }
    }

    var happened: Bool { lock.withLock { first != nil } }
    var error: Error? { lock.withLock { first } }
}
