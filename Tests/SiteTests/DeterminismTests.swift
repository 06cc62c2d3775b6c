import Foundation
import Testing

/// The same inputs give a byte-identical site, whatever the process around the build:
/// working directory, time zone, locale and umask.
@Suite("Determinism")
struct DeterminismTests {
    struct Setting: CustomStringConvertible {
        var name: String
        var environment: [String: String]
        var umask: String

        var description: String { name }
    }

    static let settings: [Setting] = [
        Setting(name: "C, UTC, umask 022",
                environment: ["TZ": "UTC", "LANG": "C", "LC_ALL": "C"], umask: "022"),
        Setting(name: "de_DE, Pacific/Auckland, umask 077",
                environment: ["TZ": "Pacific/Auckland", "LANG": "de_DE.UTF-8", "LC_ALL": "de_DE.UTF-8",
                              "LC_NUMERIC": "de_DE.UTF-8", "LC_TIME": "de_DE.UTF-8"], umask: "077"),
        Setting(name: "fr_FR, America/St_Johns, umask 002",
                environment: ["TZ": "America/St_Johns", "LANG": "fr_FR.UTF-8", "LC_ALL": "fr_FR.UTF-8",
                              "LC_COLLATE": "fr_FR.UTF-8"], umask: "002"),
    ]

    /// Runs the builds at the same time, each in its own working directory with a relative
    /// `--output`, and the same absolute `--data` and `--templates`.
    static func buildAll(extra: [String] = []) throws -> [(setting: Setting, site: URL, status: Int32, stderr: String)] {
        var running: [(Setting, URL, Process, Pipe)] = []
        for setting in settings {
            let directory = temporaryDirectory().appendingPathComponent("work dir \(setting.umask)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let process = Process()
            // A shell sets the umask, then becomes the binary.
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "umask \(setting.umask) && exec \"$0\" \"$@\"", Tool.binary.path,
                                 "build", "--quiet",
                                 "--data", Tool.repository.appendingPathComponent("Data").path,
                                 "--templates", Tool.repository.appendingPathComponent("Templates").path,
                                 "--output", "out/Site"] + extra
            process.currentDirectoryURL = directory
            var environment = ProcessInfo.processInfo.environment
            for key in environment.keys where key.hasPrefix("LC_") { environment[key] = nil }
            environment.merge(setting.environment) { _, new in new }
            process.environment = environment
            let err = Pipe()
            process.standardError = err
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            running.append((setting, directory.appendingPathComponent("out/Site"), process, err))
        }
        return running.map { setting, site, process, err in
            let stderr = err.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (setting, site, process.terminationStatus, String(decoding: stderr, as: UTF8.self))
        }
    }

    static func permissions(_ root: URL) throws -> [String: Int] {
        var modes: [String: Int] = [:]
        let enumerator = FileManager.default.enumerator(atPath: root.path)!
        for case let path as String in enumerator {
            let attributes = try FileManager.default.attributesOfItem(atPath: root.appendingPathComponent(path).path)
            modes[path] = (attributes[.posixPermissions] as? NSNumber)?.intValue
        }
        modes["."] = (try FileManager.default.attributesOfItem(atPath: root.path)[.posixPermissions] as? NSNumber)?.intValue
        return modes
    }

    @Test func theSiteIsByteIdenticalAcrossWorkingDirectoriesTimeZonesLocalesAndUmasks() throws {
        let builds = try Self.buildAll()
        for build in builds {
            try #require(build.status == 0, "\(build.setting): status \(build.status): \(build.stderr)")
        }
        let reference = try tree(builds[0].site)
        #expect(reference.count > 50)
        #expect(reference["index.html"] != nil)
        let referenceModes = try Self.permissions(builds[0].site)
        #expect(Set(referenceModes.values).isSubset(of: [0o644, 0o755]), "modes other than 0644/0755: \(Set(referenceModes.values))")
        for build in builds.dropFirst() {
            let files = try tree(build.site)
            #expect(files.keys.sorted() == reference.keys.sorted(), "\(build.setting): different file list")
            let differing = reference.keys.filter { files[$0] != nil && files[$0] != reference[$0] }.sorted()
            for path in differing.prefix(10) {
                let a = String(decoding: reference[path]!, as: UTF8.self), b = String(decoding: files[path]!, as: UTF8.self)
                let at = zip(a, b).prefix { $0 == $1 }.count
                Issue.record("\(path) differs under \(build.setting) from \(builds[0].setting) at character \(at): \(a.dropFirst(max(0, at - 40)).prefix(80).debugDescription) vs \(b.dropFirst(max(0, at - 40)).prefix(80).debugDescription)")
            }
            #expect(differing.isEmpty, "\(differing.count) files differ under \(build.setting)")
            let modes = try Self.permissions(build.site)
            let modeDiff = modes.filter { referenceModes[$0.key] != $0.value }.keys.sorted()
            #expect(modeDiff.isEmpty, "\(build.setting): permissions differ for \(modeDiff.prefix(5))")
        }
        // Nothing about the environment leaks into the pages.
        let text = reference.filter { $0.key.hasSuffix(".html") || $0.key.hasSuffix(".md") || $0.key.hasSuffix(".json") }
            .map { String(decoding: $0.value, as: UTF8.self) }.joined()
        for leak in ["work dir", "Pacific/Auckland", "St_Johns", "de_DE", "fr_FR", NSTemporaryDirectory()] {
            #expect(!text.contains(leak), "the site contains \(leak.debugDescription)")
        }
    }
}
