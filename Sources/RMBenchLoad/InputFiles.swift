import Foundation
import RMBenchCore

/// Finds input files under a folder: recursively, sorted by path, hidden files and
/// `README.md` files (documentation of the folder) skipped, symbolic-link loops reported
/// instead of followed forever.
///
///     let results = try InputFiles.find(under: "Data/results", extensions: ["json", "jsonl"])
public enum InputFiles {
    public static func find(under directory: String, extensions: Set<String>) throws(InputProblems) -> [String] {
        var found: [String] = []
        var problems: [InputProblem] = []
        var visited: Set<String> = []
        walk(directory, extensions: extensions, found: &found, problems: &problems, visited: &visited)
        guard problems.isEmpty else { throw InputProblems(problems) }
        return found.sorted()
    }

    private static func walk(_ directory: String, extensions: Set<String>, found: inout [String],
                             problems: inout [InputProblem], visited: inout Set<String>) {
        let real = (directory as NSString).resolvingSymlinksInPath
        guard visited.insert(real).inserted else {
            problems.append(InputProblem(file: directory, location: .file,
                message: "symbolic-link loop: this folder was already visited as \(real)"))
            return
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            problems.append(InputProblem(file: directory, location: .file, message: "cannot list the folder: \((error as NSError).localizedDescription)"))
            return
        }
        for name in names.sorted() where !name.hasPrefix(".") && name.lowercased() != "readme.md" {
            let path = (directory as NSString).appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                // A dangling link, or a link loop the system refuses to resolve.
                problems.append(InputProblem(file: path, location: .file, message: "cannot be followed (a broken or looping symbolic link)"))
                continue
            }
            if isDirectory.boolValue {
                walk(path, extensions: extensions, found: &found, problems: &problems, visited: &visited)
            } else if extensions.contains((name as NSString).pathExtension.lowercased()) {
                found.append(path)
            }
        }
    }
}
