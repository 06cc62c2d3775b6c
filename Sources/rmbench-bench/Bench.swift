import Foundation
import RMBenchCore
import RMBenchLoad
import RMBenchScore

/// Measures the reader's throughput: `swift run -c release rmbench-bench FILE [REPEATS]`.
/// Prints MB/s of SHA-256 alone, and of reading + scoring with and without response
/// measurement, best of REPEATS runs each.
@main
struct Bench {
    static func main() throws {
        let arguments = CommandLine.arguments.dropFirst()
        guard let path = arguments.first else {
            FileHandle.standardError.write(Data("usage: rmbench-bench FILE [REPEATS]\n".utf8))
            exit(64)
        }
        let repeats = arguments.dropFirst().first.flatMap { Int($0) } ?? 20
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
