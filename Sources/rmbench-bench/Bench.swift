import Foundation
import RMBenchCore
import RMBenchLoad
import RMBenchScore

/// Measures the reader's throughput: `swift run -c release rmbench-bench FILE [REPEATS]`.
/// Prints MB/s for scores only and with response measurement, best of REPEATS runs.
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
        for measure in [false, true] {
            var best = Double.infinity
            var items = 0
            for _ in 0..<repeats {
                let start = DispatchTime.now().uptimeNanoseconds
                let run = try ResultReader.parse(bytes, path: path, options: ResultReadOptions(measureResponses: measure))
                let score = Scorer.score(run)
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                best = min(best, seconds)
                items = score.samples
            }
            let label = measure ? "parse+measure+score" : "parse+score"
            print(String(format: "%@: %.1f MB, %d items, best %.2f ms, %.0f MB/s", label, megabytes, items, best * 1000, megabytes / best))
        }
    }
}
