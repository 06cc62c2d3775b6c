import Foundation
import Testing

/// `make dist` and its check (`scripts/check-dist.sh`: ldd lists no libswift*, cmark-gfm or
/// libcrypto; the binary runs alone in an empty folder). A static release build takes minutes,
/// so this runs only with RMBENCH_DIST_TEST=1; `make dist` runs the same check itself.
@Suite("Dist")
struct DistTests {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["RMBENCH_DIST_TEST"] == "1", "RMBENCH_DIST_TEST=1 runs the static release build"))
    func distTarballIsSelfContained() throws {
        let folder = temporaryDirectory()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["make", "-C", Tool.repository.path, "dist", "DIST_DIR=\(folder.path)"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let log = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(log.suffix(4000))")
        #expect(log.contains("check-dist: ok"))
        #expect(!log.contains("libswift"), "ldd output names a Swift library")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(files.contains { $0.hasPrefix("rmbench-site-") && $0.hasSuffix("-linux-x86_64.tar.gz") })
        #expect(files.contains { $0.hasSuffix("-linux-x86_64.tar.gz.sha256") })
    }
}
