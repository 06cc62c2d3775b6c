import Foundation
import RMBenchCore
import RMBenchLoad

/// Generative-judge logs under `DATA/judges/`: one folder per judge holding either RM-R1's
/// three rotation files (`total_dataset_{1,2,3}_<model>.json`, plus optionally the dataset in
/// its original order as `reference*.json`, which lets the reader recognise each file's rotation
/// by its texts) or pairwise verdicts (`*.jsonl`); the folder's name is the model's.
public enum JudgeInputs {
    public static func load(folder: String) throws(InputProblems) -> [JudgeRun] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else { return [] }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        var runs: [JudgeRun] = []
        var problems: [InputProblem] = []
        for name in names {
            let judgeFolder = (folder as NSString).appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: judgeFolder, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
            do {
                let files = try InputFiles.find(under: judgeFolder, extensions: ["json", "jsonl"])
                let lines = files.filter { $0.lowercased().hasSuffix(".jsonl") }
                let json = files.filter { $0.lowercased().hasSuffix(".json") }
                let isReference = { (path: String) in (path as NSString).lastPathComponent.lowercased().hasPrefix("reference") }
                let rotations = json.filter { !isReference($0) }
                let references = json.filter(isReference)
                if !lines.isEmpty && !rotations.isEmpty {
                    problems.append(InputProblem(file: judgeFolder, location: .file,
                        message: "holds both pairwise verdicts (.jsonl) and rotation logs (.json); keep one format per judge"))
                } else if !lines.isEmpty {
                    var items: [JudgedItem] = []
                    var sources: [SourceFile] = []
                    for file in lines {
                        let run = try PairwiseVerdictReader.read(path: file, model: name)
                        items += run.items
                        sources += run.sources
                    }
                    runs.append(JudgeRun(model: name, sources: sources, items: items))
                } else if !rotations.isEmpty {
                    runs.append(try JudgeLogReader.readRotations(paths: rotations, model: name, references: references))
                } else {
                    problems.append(InputProblem(file: judgeFolder, location: .file, message: "holds no judge logs (.json rotation files or .jsonl verdicts)"))
                }
            } catch {
                problems += error.problems
            }
        }
        guard problems.isEmpty else { throw InputProblems(problems) }
        return runs
    }
}
