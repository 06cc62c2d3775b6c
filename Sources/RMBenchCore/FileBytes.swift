#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import RMBenchCore

/// Reads whole files with POSIX calls, so that failures can say exactly why (errno).
public enum FileBytes {
    /// The file's bytes. With `terminated`, one NUL byte follows them (not part of the file),
    /// for parsers that read numbers in place with `strtod`.
    public static func read(path: String, terminated: Bool = false) throws(InputProblem) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw problem(path, "cannot open the file: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw problem(path, "cannot read the file: \(String(cString: strerror(errno)))") }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw problem(path, (info.st_mode & S_IFMT) == S_IFDIR ? "is a directory, expected a file" : "is not a regular file")
        }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size) + 1)
        var filled = 0
        while true {
            if filled == bytes.count - 1 {
                // Full at the size fstat gave: usually the end. Probe one byte before growing
                // the buffer, so a file read whole does not cost half its size again.
                var probe: UInt8 = 0
                let got = Glibc.read(fd, &probe, 1)
                if got < 0 {
                    if errno == EINTR { continue }
                    throw problem(path, "cannot read the file: \(String(cString: strerror(errno)))")
                }
                if got == 0 { break }
                // The file grew since fstat; read on until end of file.
                bytes[filled] = probe
                filled += 1
                bytes.append(contentsOf: [UInt8](repeating: 0, count: max(4096, bytes.count / 2)))
                continue
            }
            let n = bytes.withUnsafeMutableBytes { raw in
                Glibc.read(fd, raw.baseAddress! + filled, raw.count - 1 - filled)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw problem(path, "cannot read the file: \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            filled += n
        }
        bytes.removeSubrange((terminated ? filled + 1 : filled)...)
        return bytes
    }

    /// `read(path:)` for a reader that reports problems as `InputProblems`.
    public static func contents(path: String) throws(InputProblems) -> [UInt8] {
        do {
            return try read(path: path)
        } catch {
            throw InputProblems([error])
        }
    }

    private static func problem(_ path: String, _ message: String) -> InputProblem {
        InputProblem(file: path, location: .file, message: message)
    }
}
