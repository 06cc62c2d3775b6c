import Foundation
import RMBenchCache
import RMBenchCore
import RMBenchLoad
import RMBenchRender

/// Everything `build` reads from the data folder.
public struct SiteInputs: Sendable {
    public var runs: [ModelRun]
    public var published: [PublishedRow]
    public var external: [ExternalMetrics]
    public var metadata: [ModelMetadata]
    public var judges: [JudgeRun]
    /// Every model's one identity, resolved from every name the inputs use and the metadata.
    public let models: ModelDirectory

    public init(runs: [ModelRun] = [], published: [PublishedRow] = [], external: [ExternalMetrics] = [],
                metadata: [ModelMetadata] = [], judges: [JudgeRun] = []) {
        self.runs = runs
        self.published = published
        self.external = external
        self.metadata = metadata
        self.judges = judges
        models = ModelDirectory(metadata: metadata, names: runs.map(\.model) + judges.map(\.model) + published.map(\.model))
    }

    /// The identity of a name the inputs use. Every name of the inputs was resolved when they
    /// were read, so this never invents an identity.
    public func id(_ name: String) -> ModelID {
        models.id(name) ?? ModelID(name: name)
    }

    /// Two result folders (or a result folder and a judge) that resolve to one model — by case
    /// or through the metadata's aliases — would be two rows claiming one identity.
    func sharedIdentities() -> [InputProblem] {
        var first: [ModelID: (name: String, file: String)] = [:]
        var problems: [InputProblem] = []
        let named = runs.map { ($0.model, $0.sources.first?.path ?? $0.model) } + judges.map { ($0.model, $0.sources.first?.path ?? $0.model) }
        for (name, file) in named {
            let id = self.id(name)
            if let earlier = first[id] {
                problems.append(InputProblem(file: file, location: .file, message:
                    "results for \"\(name)\" and \"\(earlier.name)\" (\(earlier.file)) are the same model \"\(id.name)\" (names match ignoring case or through models.toml aliases); put them under one model folder or rename one"))
            } else {
                first[id] = (name, file)
            }
        }
        return problems
    }

    /// With `cache`, a result file whose SHA-256 the cache knows (``FileDigests``) is taken from
    /// it already parsed and measured; every file read is measured once per distinct text.
    public static func load(data: String, progress: Progress = .quiet, cache: BuildCache? = nil) async throws(InputProblems) -> SiteInputs {
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
            let measures = TextMeasures()
            let options = ResultReadOptions(measureResponses: true, textMeasures: measures)
            let shared = SharedFeatures()
            let buffers = ReadBufferPool()
            // What the cache knows of each file, looked up once: which files will be read (and
            // are read ahead), and which come by their digest alone.
            var known: [String: KnownFile] = [:]
            if let cache {
                for path in resultFiles {
                    guard let version = FileDigests.Version(path: path) else { continue }
                    known[path] = KnownFile(version: version, digest: FileDigests.known(path, version: version, cache: cache))
                }
            }
            let readAhead = ReadAhead(resultFiles.filter { known[$0]?.digest == nil })
            runs = try await ResultSet.load(paths: resultFiles, options: options) { [known] path, options throws(InputProblems) in
                readAhead.reading(path)
                return try readResult(path, known: known[path], options: options, cache: cache, shared: shared, buffers: buffers)
            }
            let measured = measures.statistics
            if measured.measured > 0 {
                progress.say("measured \(measured.measured) distinct response lists once each (\(measured.reused) repeats in other files reused)")
            }
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
        let inputs = SiteInputs(runs: runs, published: published, external: external, metadata: metadata, judges: judges)
        let shared = inputs.sharedIdentities()
        guard shared.isEmpty else { throw InputProblems(shared) }
        return inputs
    }

    /// A result file's version (status) when the build began, and its digest if the cache
    /// recorded one for that very version.
    struct KnownFile: Sendable {
        var version: FileDigests.Version
        var digest: String?
    }

    /// One result file, from the cache when it holds the run of a file with the same SHA-256.
    /// The digest comes without reading the file when the cache recorded it for this very file
    /// version (``FileDigests``, looked up in `known`); otherwise the file is read and hashed,
    /// and parsed only if the cache has no run for that digest. Runs from the cache share their
    /// feature arrays through `shared`.
    static func readResult(_ path: String, known file: KnownFile?, options: ResultReadOptions, cache: BuildCache?, shared: SharedFeatures,
                           buffers: ReadBufferPool) throws(InputProblems) -> ModelRun {
        guard let cache, let version = file?.version, version.bytes <= InputLimits.maxFileSize else {
            return try withFile(path, buffers) { (bytes) throws(InputProblems) in try ResultReader.parse(bytes, path: path, options: options) }
        }
        // The path is part of the key: the model's name and type come from it.
        let key = { (digest: String) in "\(digest) \(path) measured:\(options.measureResponses)" }
        let cached = { (digest: String) in cache.load(.run, key: key(digest)).flatMap { try? RunCoding.decode($0, shared: shared) } }
        let known = file?.digest
        if let known, let run = cached(known) { return run }
        return try withFile(path, buffers) { (bytes) throws(InputProblems) in
            let digest = SHA256.hex(of: bytes)
            FileDigests.record(path, version: version, digest: digest, cache: cache)
            if digest != known, let run = cached(digest) { return run }
            let run = try ResultReader.parse(bytes, digest: digest, path: path, options: options)
            cache.store(.run, key: key(digest), RunCoding.encode(run))
            return run
        }
    }

    /// `body` with the file's bytes, read into a buffer from `buffers` that goes back afterwards.
    private static func withFile(_ path: String, _ buffers: ReadBufferPool,
                                 _ body: (UnsafeBufferPointer<UInt8>) throws(InputProblems) -> ModelRun) throws(InputProblems) -> ModelRun {
        var buffer = buffers.take()
        defer { buffers.give(buffer) }
        let count: Int
        do {
            count = try FileBytes.read(path: path, reusing: &buffer)
        } catch {
            throw InputProblems([error])
        }
        return try buffer.withUnsafeBufferPointer { (all) throws(InputProblems) in try body(UnsafeBufferPointer(rebasing: all[0..<count])) }
    }

    /// Metric names become page sections and chart file names, so two that read the same
    /// (compared as slugs: ignoring case and punctuation) would overwrite each other.
    static func metricCollisions(_ tables: [ExternalMetrics]) -> [InputProblem] {
        var seen: [String: (file: String, name: String)] = [:]
        var problems: [InputProblem] = []
        for table in tables {
            for metric in table.metrics {
                let key = Slug.plain(metric.name)
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

