import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes files into a folder without ever replacing one: what `init` and `templates export`
/// share. A folder that holds anything is refused unless `force`; then only the files that are
/// not there yet are written, and the others are kept as they are.
public enum NewFiles {
    public struct File: Sendable {
        public var path: String
        public var contents: [UInt8]
        public var executable: Bool

        public init(path: String, contents: [UInt8], executable: Bool = false) {
            self.path = path
            self.contents = contents
            self.executable = executable
        }
    }

    public struct Outcome: Sendable {
        /// Relative paths written, and those that existed and were left alone.
        public var written: [String] = []
        public var kept: [String] = []
    }

    public struct Refusal: Error, CustomStringConvertible {
        public var description: String
    }

    public static func write(_ files: [File], into folder: String, force: Bool) throws(Refusal) -> Outcome {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: folder, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw Refusal(description: "\(folder): exists and is not a folder") }
            let entries = (try? manager.contentsOfDirectory(atPath: folder)) ?? []
            if !entries.isEmpty && !force {
                throw Refusal(description: "\(folder): not empty (\(entries.count) entries); give --force to add the missing files (no file is ever overwritten)")
            }
        }
        var outcome = Outcome()
        for file in files {
            let path = (folder as NSString).appendingPathComponent(file.path)
            do {
                try manager.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            } catch {
                throw Refusal(description: "\(path): cannot create its folder: \(error.localizedDescription)")
            }
            // O_EXCL: an existing file, or a symbolic link of any kind, is never written through.
            let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, file.executable ? 0o755 : 0o644)
            if descriptor < 0 {
                if errno == EEXIST {
                    outcome.kept.append(file.path)
                    continue
                }
                throw Refusal(description: "\(path): cannot create: \(String(cString: strerror(errno)))")
            }
            let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
            do {
                try handle.write(contentsOf: Data(file.contents))
                try handle.close()
            } catch {
                throw Refusal(description: "\(path): cannot write: \(error.localizedDescription)")
            }
            outcome.written.append(file.path)
        }
        return outcome
    }
}
