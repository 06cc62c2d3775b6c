import Foundation
import RMBenchCore
import RMBenchPublish

/// Where `compare`, `report` and `baseline` put what they make: a file, written atomically, or
/// stdout; never one of the command's inputs.
///
///     try OutputFile.refuseOverlap("report.html", inputs: [.init(role: "result file", path: "run.json")])
public enum OutputFile {
    /// Refuses an output file that is, contains, or lies inside one of `inputs` (nil or "-" is stdout).
    public static func refuseOverlap(_ output: String?, inputs: [OutputGuard.Input]) throws(PipelineFailure) {
        guard let output, output != "-" else { return }
        do {
            try OutputGuard.refuseOverlap(output: output, role: "output file", inputs: inputs)
        } catch {
            throw .input(InputProblems([InputProblem(file: output, location: .file, message: "\(error)")]))
        }
    }

    /// Writes `text` to `path`, or to stdout when `path` is nil or "-".
    public static func write(_ text: String, to path: String?) throws(PipelineFailure) {
        guard let path, path != "-" else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw .publish("\(path): cannot write: \(error.localizedDescription)")
        }
    }
}
