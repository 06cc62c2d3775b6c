import Foundation
import RMBenchCore
import RMBenchLoad
import RMBenchScore

/// The reader's throughput (`rmbench-bench reader FILE [REPEATS]`): MB/s of SHA-256 alone,
/// and of reading + scoring with and without response measurement, best of REPEATS runs each.
enum ReaderBench {
    static func run(path: String, repeats: Int) throws {
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
            var best = Double.infinity
            var items = 0
            for _ in 0..<repeats {
                let start = DispatchTime.now().uptimeNanoseconds
                let run = try ResultReader.read(path: path, options: ResultReadOptions(measureResponses: measure))
                let score = Scorer.score(run)
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                best = min(best, seconds)
                items = score.samples
            }
            let label = measure ? "read+measure+score" : "read+score"
            print(String(format: "%@ (file read, parse, SHA-256 on a second core, score): %.1f MB, %d items, best %.2f ms, %.0f MB/s",
                         label, megabytes, items, best * 1000, megabytes / best))
        }
    }
}
