import Foundation
import RMBenchCore
import RMBenchLoad
import RMBenchScore

/// The reader's throughput (`rmbench-bench reader FILE [REPEATS]`): MB/s of SHA-256 alone,
/// and of reading + scoring with and without response measurement, best of REPEATS runs each;
/// then a file read as a build reads its later files (every text already measured by an earlier
/// file, `TextMeasures`).
///
/// With a FOLDER instead (`rmbench-bench reader FOLDER [REPEATS]`): a build's reading phase, every
/// result file under it read and measured at once as `build` reads them (`ResultSet.load`, one
/// `TextMeasures` shared by all files); the median wall and CPU seconds of REPEATS runs.
enum ReaderBench {
    static func run(path: String, repeats: Int) async throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            try await runFolder(path, repeats: repeats)
        } else {
            try runFile(path, repeats: repeats)
        }
    }

    static func runFile(_ path: String, repeats: Int) throws {
        let bytes = try FileBytes.read(path: path)
        let megabytes = Double(bytes.count) / 1_000_000
        var bestDigest = Double.infinity
        for _ in 0..<repeats {
            let start = DispatchTime.now().uptimeNanoseconds
            _ = SHA256.hex(of: bytes)
            bestDigest = min(bestDigest, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        print(String(format: "sha256: %.1f MB, best %.2f ms, %.0f MB/s", megabytes, bestDigest * 1000, megabytes / bestDigest))
        for measure in [false, true] {
            var bestParse = Double.infinity
            for _ in 0..<repeats {
                let start = DispatchTime.now().uptimeNanoseconds
                _ = try ResultReader.parseItems(bytes, path: path, options: ResultReadOptions(measureResponses: measure))
                bestParse = min(bestParse, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            }
            print(String(format: "parse%@ (bytes in memory → items): best %.2f ms, %.0f MB/s",
                         measure ? "+measure" : "", bestParse * 1000, megabytes / bestParse))
            let label = measure ? "read+measure+score" : "read+score"
            try readAndScore(path, label: label, options: ResultReadOptions(measureResponses: measure), megabytes: megabytes, repeats: repeats)
        }
        let measures = TextMeasures()
        let shared = ResultReadOptions(measureResponses: true, textMeasures: measures)
        _ = try ResultReader.read(path: path, options: shared)
        try readAndScore(path, label: "read+measure+score, texts measured before", options: shared, megabytes: megabytes, repeats: repeats)
    }

    private static func readAndScore(_ path: String, label: String, options: ResultReadOptions, megabytes: Double, repeats: Int) throws {
        var best = Double.infinity
        var items = 0
        for _ in 0..<repeats {
            let start = DispatchTime.now().uptimeNanoseconds
            let run = try ResultReader.read(path: path, options: options)
            let score = Scorer.score(run)
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            items = score.samples
        }
        print(String(format: "%@ (file read, parse, SHA-256 on a second core, score): %.1f MB, %d items, best %.2f ms, %.0f MB/s",
                     label, megabytes, items, best * 1000, megabytes / best))
    }

    static func runFolder(_ folder: String, repeats: Int) async throws {
        let paths = try InputFiles.find(under: folder, extensions: ["json", "jsonl"])
        var wall: [Double] = []
        var cpu: [Double] = []
        for _ in 0..<repeats {
            let measures = TextMeasures()
            let options = ResultReadOptions(measureResponses: true, textMeasures: measures)
            let startCPU = cpuSeconds()
            let start = DispatchTime.now().uptimeNanoseconds
            _ = try await ResultSet.load(paths: paths, options: options)
            wall.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            cpu.append(cpuSeconds() - startCPU)
        }
        let bytes = paths.reduce(0) { total, path in
            total + ((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0)
        }
        let megabytes = Double(bytes) / 1_000_000
        wall.sort()
        cpu.sort()
        print(String(format: "read phase of a build: %d files, %.1f MB, median of %d: %.3f s wall, %.3f s CPU (best %.3f s wall, %.3f s CPU)",
                     paths.count, megabytes, repeats, wall[wall.count / 2], cpu[cpu.count / 2], wall[0], cpu[0]))
    }

    /// CPU seconds of this process, all threads, user and system.
    private static func cpuSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
