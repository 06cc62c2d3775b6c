#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads whole input files with POSIX calls, so that failures can say exactly why (errno).
///
/// Every reader of every input (result files, published tables, metadata, datasets, templates)
/// goes through here, so these rules hold for all of them:
/// - only regular files are read: a FIFO, socket or device is refused without waiting for a
///   writer (the file is opened non-blocking and checked with `fstat` before any read);
/// - a file larger than ``InputLimits/maxFileSize`` is refused before a byte is read, and so is
///   one that grows past it while being read.
///
///     let bytes = try FileBytes.read(path: "Data/models.toml")
public enum FileBytes {
    /// The file's bytes. With `terminated`, one NUL byte follows them (not part of the file),
    /// for parsers that read numbers in place with `strtod`.
    public static func read(path: String, terminated: Bool = false) throws(InputProblem) -> [UInt8] {
        // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw problem(path, "cannot open the file: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw problem(path, "cannot read the file: \(String(cString: strerror(errno)))") }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw problem(path, "is a directory, expected a file")
        default: throw problem(path, "is not a regular file (a FIFO, socket or device); expected a file")
        }
        let limit = InputLimits.maxFileSize
        let size = Int(info.st_size)
        guard size <= limit else { throw tooLarge(path, size: size, limit: limit) }
        var bytes = [UInt8](repeating: 0, count: size + 1)
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
                // The file grew since fstat; read on until end of file, within the limit.
                guard filled + 1 <= limit else { throw tooLarge(path, size: filled + 1, limit: limit) }
                bytes[filled] = probe
                filled += 1
                bytes.append(contentsOf: [UInt8](repeating: 0, count: min(max(4096, bytes.count / 2), limit - filled + 1)))
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

    private static func tooLarge(_ path: String, size: Int, limit: Int) -> InputProblem {
        problem(path, "is \(InputLimits.describe(size)), larger than the limit of \(InputLimits.describe(limit)) (--max-file-size)")
    }

    private static func problem(_ path: String, _ message: String) -> InputProblem {
        InputProblem(file: path, location: .file, message: message)
    }
}
