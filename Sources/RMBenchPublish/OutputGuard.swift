#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An output is never an input: checked by every command before it reads or writes anything.
///
/// Paths are compared as the filesystem sees them — absolute, with every symbolic link of the
/// part that exists followed (the rest, not created yet, taken as written) — and an existing
/// output file is also compared by device and inode, so a hard link to an input is caught.
///
///     try OutputGuard.refuseOverlap(output: "Site", role: "output folder",
///                                   inputs: [.init(role: "data folder", path: "Data")])
public enum OutputGuard {
    /// A path the command reads.
    public struct Input: Sendable {
        public var role: String
        public var path: String

        public init(role: String, path: String) {
            self.role = role
            self.path = path
        }
    }

    /// Why an output was refused; the message names both paths.
    public struct Overlap: Error, Sendable, CustomStringConvertible {
        public var output: String
        public var input: Input
        public var relation: String

        public var description: String {
            "the \(relation) the \(input.role) \"\(input.path)\"; refusing to write there, since it would destroy an input. Choose an output outside every input"
        }
    }

    /// Throws the first overlap of `output` with any of `inputs`: the output is an input,
    /// contains one, or lies inside one.
    public static func refuseOverlap(output: String, role: String, inputs: [Input]) throws(Overlap) {
        let out = resolve(output)
        for input in inputs {
            let resolved = resolve(input.path)
            let relation: String?
            if out == resolved || sameFile(out, resolved) {
                relation = "\(role) is"
            } else if isInside(resolved, out) {
                relation = "\(role) contains"
            } else if isInside(out, resolved) {
                relation = "\(role) lies inside"
            } else {
                relation = nil
            }
            if let relation { throw Overlap(output: output, input: input, relation: relation) }
        }
    }

    /// Whether `path` lies strictly inside `folder` (both resolved).
    static func isInside(_ path: String, _ folder: String) -> Bool {
        folder == "/" ? path != "/" : path.hasPrefix(folder + "/")
    }

    static func sameFile(_ a: String, _ b: String) -> Bool {
        var sa = stat(), sb = stat()
        guard stat(a, &sa) == 0, stat(b, &sb) == 0 else { return false }
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino
    }

    /// Absolute; symlinks resolved component by component while the path exists, so `..` after
    /// a link goes where the filesystem goes; the part that does not exist yet is taken as written.
    static func resolve(_ path: String) -> String {
        var current = "/"
        var rest = path
        if !path.hasPrefix("/") {
            current = FileSystem.realPath(".") ?? "/"
        }
        if rest.isEmpty { rest = "." }
        var exists = true
        for component in rest.split(separator: "/", omittingEmptySubsequences: true).map(String.init) {
            switch component {
            case ".":
                continue
            case "..":
                if current != "/" {
                    let parent = current.split(separator: "/").dropLast().joined(separator: "/")
                    current = "/" + parent
                }
            default:
                let candidate = current == "/" ? "/" + component : current + "/" + component
                if exists, let real = FileSystem.realPath(candidate) {
                    current = real
                } else {
                    exists = false
                    current = candidate
                }
            }
        }
        return current
    }
}
