import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The output folder is replaced atomically (Sources/RMBenchPublish/SitePublisher.swift):
/// a failed or killed build leaves the complete old site or the complete new one, never a mix,
/// and a build killed between the two renames is repaired by the next build.
@Suite("Atomic build", .serialized)
struct AtomicBuildTests {
    static let templates = Tool.repository.appendingPathComponent("Templates")
    static let readme = Data("# Kept by every build\n".utf8)

    // MARK: failures before the swap

    @Test func aTemplateWithASyntaxErrorKeepsTheOldSite() throws {
        let (site, first) = try Tool.build()
        #expect(first.status == 0, "\(first.stderr)")
        try Self.readme.write(to: site.appendingPathComponent("README.md"))
        let before = try tree(site)

        let broken = temporaryDirectory().appendingPathComponent("Templates")
        try FileManager.default.copyItem(at: Self.templates, to: broken)
        let page = broken.appendingPathComponent("leaderboard.md.mustache")
        var text = try String(contentsOf: page, encoding: .utf8)
        text += "\n{{#rows}} a section that is never closed\n"
        try text.write(to: page, atomically: true, encoding: .utf8)

        let output = try Tool.run(["build", "--data", Tool.repository.appendingPathComponent("Data").path,
                                   "--templates", broken.path, "--output", site.path, "--title", "NEW"])
        #expect(output.status == 2, "status \(output.status): \(output.stderr)")
        #expect(output.stderr.contains("leaderboard.md.mustache"), "the error should name the template: \(output.stderr)")
        #expect(output.stdout.isEmpty)
        #expect(try tree(site) == before, "the previous site changed")
        let leftovers = try siblings(of: site)
        #expect(leftovers.isEmpty, "leftovers next to the site: \(leftovers)")
    }

    /// Overrides replace built-in templates file by file: an override folder without
    /// `assets/site.js` builds with the built-in one, but an override that names no template
    /// (a typo) is bad input and keeps the old site.
    @Test func anUnknownTemplateOverrideKeepsTheOldSite() throws {
        let (site, first) = try Tool.build()
        #expect(first.status == 0, "\(first.stderr)")
        let partial = temporaryDirectory().appendingPathComponent("Templates")
        try FileManager.default.createDirectory(at: partial.appendingPathComponent("assets"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.templates.appendingPathComponent("assets/style.css"), to: partial.appendingPathComponent("assets/style.css"))
        let withoutScript = try Tool.run(["build", "--quiet", "--data", Tool.repository.appendingPathComponent("Data").path,
                                          "--templates", partial.path, "--output", site.path])
        #expect(withoutScript.status == 0, "\(withoutScript.stderr)")
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("assets/site.js").path))
        let before = try tree(site)

        try Data("{{% CONTENT_TYPE: TEXT}}\n# typo\n".utf8).write(to: partial.appendingPathComponent("leaderbaord.md.mustache"))
        let output = try Tool.run(["build", "--data", Tool.repository.appendingPathComponent("Data").path,
                                   "--templates", partial.path, "--output", site.path])
        #expect(output.status == 2, "status \(output.status): \(output.stderr)")
        #expect(output.stderr.contains("leaderbaord.md.mustache"), "\(output.stderr)")
        #expect(try tree(site) == before, "the previous site changed")
        #expect(try siblings(of: site).isEmpty)
    }

    @Test func anOutputWhoseParentIsAFileFailsWithoutTouchingAnything() throws {
        let (site, first) = try Tool.build()
        #expect(first.status == 0, "\(first.stderr)")
        let before = try tree(site)
        let outside = try FileManager.default.contentsOfDirectory(atPath: site.deletingLastPathComponent().path).sorted()
        // The parent of the requested output is a regular file inside the old site.
        let output = try Tool.run(["build", "--quiet", "--data", Tool.repository.appendingPathComponent("Data").path,
                                   "--templates", Self.templates.path,
                                   "--output", site.appendingPathComponent("index.html/Site").path])
        #expect(output.status == 1, "status \(output.status): \(output.stderr)")
        #expect(output.stderr.contains("index.html"), "\(output.stderr)")
        #expect(output.stdout.isEmpty)
        #expect(try tree(site) == before, "the old site changed")
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.deletingLastPathComponent().path).sorted() == outside)
    }

    // MARK: SIGKILL

    /// A build killed between the two renames leaves no `Site`; the next build renames the
    /// backup back before building, so what the old site kept (README.md) survives.
    @Test func theNextBuildRestoresASiteMissingAfterAKillBetweenTheRenames() throws {
        let data = try Self.syntheticData(models: 3)
        let root = temporaryDirectory()
        let site = root.appendingPathComponent("Site")
        let old = try Self.runToEnd(data: data, title: "OLD", output: site)
        #expect(old.status == 0, "\(old.stderr)")
        try Self.readme.write(to: site.appendingPathComponent("README.md"))

        // The state SitePublisher documents after a kill between step 4's renames:
        // the old site as `.Site.old-*`, the complete new tree as `.Site.tmp-*`, no `Site`.
        let backup = root.appendingPathComponent(".Site.old-4242-0123456789abcdef")
        try FileManager.default.moveItem(at: site, to: backup)
        let temp = root.appendingPathComponent(".Site.tmp-4242-fedcba9876543210")
        try FileManager.default.createDirectory(at: temp.appendingPathComponent("models"), withIntermediateDirectories: true)
        // A temporary tree carries the marker from its first moment; only marked ones are deleted.
        try FileManager.default.copyItem(at: backup.appendingPathComponent(".rmbench-site"), to: temp.appendingPathComponent(".rmbench-site"))
        try Data("half".utf8).write(to: temp.appendingPathComponent("models/half.html"))
        #expect(!FileManager.default.fileExists(atPath: site.path))

        let next = try Self.runToEnd(data: data, title: "NEW", output: site)
        #expect(next.status == 0, "\(next.stderr)")
        let files = try tree(site)
        #expect(files["README.md"] == Self.readme, "README.md of the restored old site was not kept: the backup was not renamed back")
        let reference = try Self.referenceTree(data: data, title: "NEW")
        #expect(files.filter { $0.key != "README.md" } == reference, "the site is not the complete new site")
        let leftovers = try siblings(of: site)
        #expect(leftovers.isEmpty, "backup or temp left behind: \(leftovers)")
    }

    /// Kills builds at many moments (spread over the whole build, then densely over the
    /// write-and-swap phase) and checks that the output folder is always one complete site.
    @Test func aKilledBuildLeavesTheOldOrTheNewSiteNeverAMix() throws {
        let data = try Self.syntheticData(models: 8)
        let root = temporaryDirectory()
        let site = root.appendingPathComponent("Site")

        // References, built separately (at the same time as the first build of the site).
        let references = ["OLD", "NEW"].map { title in
            (title, temporaryDirectory().appendingPathComponent("Site"))
        }
        let launched = try references.map { title, folder in
            try Self.start(Self.arguments(data: data, title: title, output: folder) + ["--quiet"])
        }
        let first = try Self.runToEnd(data: data, title: "OLD", output: site)
        #expect(first.status == 0, "\(first.stderr)")
        var reference: [String: [String: Data]] = [:]
        for ((title, folder), (process, err)) in zip(references, launched) {
            let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            try #require(process.terminationStatus == 0, "reference \(title): \(stderr)")
            reference[title] = try tree(folder)
        }
        try #require(reference["OLD"] != reference["NEW"])
        #expect(try tree(site) == reference["OLD"], "the first build is not the reference OLD site")
        try Self.readme.write(to: site.appendingPathComponent("README.md"))
        // Timed over an existing site, so the publish phase includes the swap and the backup's removal.
        let second = try Self.runToEnd(data: data, title: "NEW", output: site)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(try tree(site).filter { $0.key != "README.md" } == reference["NEW"], "a complete build did not give the new site")
        let total = second.seconds
        let publish = max(second.secondsAfterWriting ?? 0.05, 0.005)
        #expect(total > 1, "the synthetic build should take more than 1 s (took \(total) s)")

        var state = "NEW"
        var outcomes: [String] = []
        var plans: [(label: String, afterWriting: Bool, delay: Double)] = []
        for i in 0..<10 { plans.append(("\(i + 1)/10 of the build", false, total * (Double(i) + 0.5) / 10)) }
        // 0 to 1.4 × the publish phase, measured from the "writing N files" line.
        for i in 0..<8 { plans.append(("\(i)/5 of the publish phase", true, publish * Double(i) / 5)) }

        for plan in plans {
            let target = state == "OLD" ? "NEW" : "OLD"
            let run = try Self.runAndKill(data: data, title: target, output: site,
                                          afterWriting: plan.afterWriting, delay: plan.delay)
            let context = "kill at \(plan.label) (\(String(format: "%.3f", plan.delay)) s\(plan.afterWriting ? " after \"writing\"" : "")), building \(target) over \(state)"
            if FileManager.default.fileExists(atPath: site.path) {
                let files = try tree(site)
                #expect(files["README.md"] == Self.readme, "\(context): README.md lost")
                let rest = files.filter { $0.key != "README.md" }
                if rest == reference[state] {
                    outcomes.append("\(plan.label): \(run.killed ? "killed" : "finished"), old")
                } else if rest == reference[target] {
                    outcomes.append("\(plan.label): \(run.killed ? "killed" : "finished"), new")
                    state = target
                } else {
                    let wrong = rest.keys.filter { rest[$0] != reference[state]?[$0] && rest[$0] != reference[target]?[$0] }
                    Issue.record("\(context): the site is neither the old nor the new one (\(rest.count) files; mismatching: \(wrong.sorted().prefix(5)), missing: \(Set(reference[target]!.keys).subtracting(rest.keys).sorted().prefix(5)))")
                    return
                }
            } else {
                // Killed between the two renames: the old site waits as a backup, complete.
                outcomes.append("\(plan.label): killed between the renames, Site missing")
                let names = try siblings(of: site)
                let backups = names.filter { $0.hasPrefix(".Site.old-") }
                #expect(backups.count == 1, "\(context): Site is missing and backups are \(names)")
                if let backup = backups.first {
                    let saved = try tree(root.appendingPathComponent(backup))
                    #expect(saved.filter { $0.key != "README.md" } == reference[state], "\(context): the backup is not the complete old site")
                }
                // The next build must bring it back (and keep its README.md).
                let repair = try Self.runToEnd(data: data, title: state, output: site)
                #expect(repair.status == 0, "\(repair.stderr)")
                let files = try tree(site)
                #expect(files["README.md"] == Self.readme, "\(context): the next build did not restore the backup (README.md lost)")
                #expect(files.filter { $0.key != "README.md" } == reference[state])
            }
        }
        // Whatever the kills left next to the site, one complete build removes it.
        let last = try Self.runToEnd(data: data, title: state == "OLD" ? "NEW" : "OLD", output: site)
        #expect(last.status == 0, "\(last.stderr)")
        let leftovers = try siblings(of: site)
        #expect(leftovers.isEmpty, "leftovers after a complete build: \(leftovers)")
        #expect(try tree(site).filter { $0.key != "README.md" } == reference[state == "OLD" ? "NEW" : "OLD"])
        print("atomic build: build \(String(format: "%.2f", total)) s, publish \(String(format: "%.3f", publish)) s; " + outcomes.joined(separator: "; "))
    }

    // MARK: helpers

    /// `models` copies of the repository's baseline result files under distinct model folders.
    static func syntheticData(models: Int) throws -> URL {
        let data = temporaryDirectory().appendingPathComponent("Data")
        let source = Tool.repository.appendingPathComponent("Data/results/Baseline")
        let baselines = try FileManager.default.contentsOfDirectory(atPath: source.path).filter { !$0.hasPrefix(".") }.sorted()
        try #require(!baselines.isEmpty)
        for index in 0..<models {
            let baseline = baselines[index % baselines.count]
            let files = try FileManager.default.contentsOfDirectory(atPath: source.appendingPathComponent(baseline).path)
                .filter { $0.hasSuffix(".json") || $0.hasSuffix(".jsonl") }
            let name = String(format: "synthetic-%02d", index + 1)
            let folder = data.appendingPathComponent("results/Baseline/\(name)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for file in files {
                try FileManager.default.copyItem(at: source.appendingPathComponent(baseline).appendingPathComponent(file),
                                                 to: folder.appendingPathComponent(file.replacingOccurrences(of: baseline, with: name)))
            }
        }
        return data
    }

    static func arguments(data: URL, title: String, output: URL) -> [String] {
        ["build", "--data", data.path, "--templates", templates.path, "--output", output.path,
         "--title", title, "--bootstrap", "0"]
    }

    static func start(_ arguments: [String]) throws -> (Process, Pipe) {
        let process = Process()
        process.executableURL = Tool.binary
        process.arguments = arguments
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        return (process, err)
    }

    static func referenceTree(data: URL, title: String) throws -> [String: Data] {
        let site = temporaryDirectory().appendingPathComponent("Site")
        let output = try Tool.run(arguments(data: data, title: title, output: site) + ["--quiet"])
        try #require(output.status == 0, "\(output.stderr)")
        return try tree(site)
    }

    struct Timed {
        var status: Int32
        var stderr: String
        var seconds: Double
        /// From the "writing N files" progress line to the exit.
        var secondsAfterWriting: Double?
        var killed: Bool
    }

    static func runToEnd(data: URL, title: String, output: URL) throws -> Timed {
        try runAndKill(data: data, title: title, output: output, afterWriting: false, delay: nil)
    }

    /// Runs a build and sends SIGKILL `delay` seconds after the start, or after the "writing"
    /// progress line if `afterWriting`; `delay` nil lets it finish.
    static func runAndKill(data: URL, title: String, output: URL, afterWriting: Bool, delay: Double?) throws -> Timed {
        let process = Process()
        process.executableURL = Tool.binary
        process.arguments = arguments(data: data, title: title, output: output)
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        let start = Date()
        try process.run()
        var text = ""
        var wroteAt: Date?
        var killed = false
        func kill9() {
            if process.isRunning { killed = kill(process.processIdentifier, SIGKILL) == 0 }
        }
        if let delay, !afterWriting {
            let remaining = delay - Date().timeIntervalSince(start)
            if remaining > 0 { usleep(useconds_t(remaining * 1_000_000)) }
            kill9()
        }
        let handle = err.fileHandleForReading
        while true {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
            if wroteAt == nil, text.contains("writing ") {
                wroteAt = Date()
                if let delay, afterWriting {
                    if delay > 0 { usleep(useconds_t(delay * 1_000_000)) }
                    kill9()
                }
            }
        }
        process.waitUntilExit()
        let end = Date()
        return Timed(status: process.terminationStatus, stderr: text, seconds: end.timeIntervalSince(start),
                     secondsAfterWriting: wroteAt.map { end.timeIntervalSince($0) },
                     killed: killed && process.terminationReason == .uncaughtSignal)
    }
}

/// Hidden entries next to `site` (the publisher's `.Site.tmp-*` and `.Site.old-*`).
private func siblings(of site: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: site.deletingLastPathComponent().path)
        .filter { $0.hasPrefix(".\(site.lastPathComponent).") }.sorted()
}
