import Foundation

/// The benchmarks behind `make bench`:
///
///     rmbench-bench reader FILE [REPEATS]    reader and scorer throughput on one result file
///     rmbench-bench reader FOLDER [REPEATS]  a build's reading of every result file under FOLDER
///     rmbench-bench ranks MODELS [REPEATS]   the rank bootstrap on MODELS generated runs
///
/// A first argument that is neither mode is a FILE for `reader` (the old calling form).
@main
struct Bench {
    static func main() async throws {
        var arguments = Array(CommandLine.arguments.dropFirst())
        let mode = arguments.first == "reader" || arguments.first == "ranks" ? arguments.removeFirst() : "reader"
        guard let first = arguments.first else { usage() }
        var repeats: Int?
        if arguments.count > 1 {
            guard let count = Int(arguments[1]), count > 0 else { usage() }
            repeats = count
        }
        switch mode {
        case "ranks":
            guard let models = Int(first), models > 1 else { usage() }
            RankBench.run(models: models, repeats: repeats ?? 5)
        default:
            try await ReaderBench.run(path: first, repeats: repeats ?? 20)
        }
    }

    static func usage() -> Never {
        FileHandle.standardError.write(Data("usage: rmbench-bench [reader] FILE|FOLDER [REPEATS] | rmbench-bench ranks MODELS [REPEATS]\n".utf8))
        exit(64)
    }
}
