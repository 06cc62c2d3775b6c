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
        // realpath, not NSString.resolvingSymlinksInPath: on Linux the latter turns a link to
        // ".." into "/", so a loop through such a link was followed until paths grew too long.
        let real = realpath(directory, nil).map { resolved in
            defer { free(resolved) }
            return String(cString: resolved)
        } ?? directory
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
                // Opening a FIFO waits for a writer forever; devices and sockets are no files either.
                var info = stat()
                guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
                    problems.append(InputProblem(file: path, location: .file, message: "is not a regular file (a FIFO, socket or device); expected a file"))
                    continue
                }
                found.append(path)
            }
        }
    }
}
