import Foundation
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

    public init(runs: [ModelRun] = [], published: [PublishedRow] = [], external: [ExternalMetrics] = [],
                metadata: [ModelMetadata] = [], judges: [JudgeRun] = []) {
        self.runs = runs
        self.published = published
        self.external = external
        self.metadata = metadata
        self.judges = judges
    }

    public static func load(data: String, progress: Progress = .quiet) async throws(InputProblems) -> SiteInputs {
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

