import RMBenchBaselines
import RMBenchCore
import RMBenchLoad
import RMBenchPublish

/// `baseline`: a built-in scorer run over RM-Bench dataset files, written as a result file.
///
///     let written = try BaselineFile.write(datasets: ["../data"], scorer: .length, seed: 1, output: "length.json")
public enum BaselineFile {
    public struct Written: Sendable {
        /// Items scored and written.
        public var items: Int
        /// Items left out because they lack one of the three styles.
        public var leftOut: Int
    }

    public static func write(datasets: [String], scorer: BaselineScorer, seed: UInt64, output: String) throws(PipelineFailure) -> Written {
        try OutputFile.refuseOverlap(output, inputs: datasets.map { OutputGuard.Input(role: "dataset", path: $0) })
        let items: [DatasetItem]
        do {
            items = try DatasetReader.read(paths: datasets)
        } catch {
            throw .input(error)
        }
        try OutputFile.write(BaselineWriter.resultFile(items: items, scorer: scorer, seed: seed), to: output)
        let left = BaselineWriter.incompleteItems(items)
        return Written(items: items.count - left, leftOut: left)
    }
}
