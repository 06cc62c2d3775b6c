import Foundation
import RMBenchAnalyze
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

        public init(data: String = "Data", templates: String? = nil, output: String = "Site", baseURL: String? = nil,
                    title: String = "RM-Bench leaderboard", bootstrap: BootstrapSettings = BootstrapSettings(),
                    progress: Progress = .quiet, dataset: [String] = [], force: Bool = false) {
            self.data = data
            self.templates = templates
            self.output = output
            self.baseURL = baseURL
            self.title = title
            self.bootstrap = bootstrap
            self.progress = progress
            self.dataset = dataset
            self.force = force
        }

        /// Everything the build reads, which the output must stay clear of.
        public var inputs: [OutputGuard.Input] {
            [OutputGuard.Input(role: "data folder", path: data)] + (templates.map { [OutputGuard.Input(role: "templates folder", path: $0)] } ?? [])
                + dataset.map { OutputGuard.Input(role: "dataset", path: $0) }
        }
    }

    /// Files of the old output carried into the new one.
    public static let keptFiles = ["README.md"]

    @discardableResult
    public static func run(_ options: Options) async throws(PipelineFailure) -> (files: Int, seconds: Double) {
        let started = Date()
        let progress = options.progress
        let outputURL = URL(fileURLWithPath: options.output)
        // Before reading anything: an output that overlaps an input, or a folder that is not
        // ours, is refused now rather than after the whole build.
        do {
            try OutputGuard.refuseOverlap(output: options.output, role: "output folder", inputs: options.inputs)
        } catch {
            throw .input(InputProblems([InputProblem(file: options.output, location: .file, message: "\(error)")]))
        }
        do {
            try SitePublisher.checkOutput(outputURL, keep: keptFiles, force: options.force)
        } catch {
            throw PipelineFailure(publishing: error)
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
                throw .convert("\(options.templates ?? "built-in templates"): page \(page.path): \(error)")
            }
        }
        progress.say("writing \(files.count) files to \(options.output)")
        do {
            try SitePublisher.publish(files, to: outputURL, keep: keptFiles, force: options.force) {
                progress.say("waiting for another build publishing next to \(options.output) to finish")
            }
        } catch {
            throw PipelineFailure(publishing: error)
        }
        return (files.count, Date().timeIntervalSince(started))
    }
}

