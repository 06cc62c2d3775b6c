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
    /// The file's bytes.
    public static func read(path: String) throws(InputProblem) -> [UInt8] {
        var bytes: [UInt8] = []
        let count = try read(path: path, reusing: &bytes)
        // A fresh buffer has the size fstat gave; the file may have shrunk since.
        if bytes.count > count { bytes.removeSubrange(count...) }
        return bytes
    }

    /// Reads the file into `buffer[0..<n]` and returns `n`. The buffer is kept when it is large
    /// enough (what lies past `n` is left over from earlier reads), so reading file after file
    /// into one buffer touches no fresh memory: the kernel zero-fills every new page, which was
    /// a tenth of reading a result file.
    public static func read(path: String, reusing buffer: inout [UInt8]) throws(InputProblem) -> Int {
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
        if buffer.count < size {
            // Uninitialized memory: zero-filling a buffer the read overwrites at once cost as
            // much as a sixth of scoring a file.
            buffer = [UInt8](unsafeUninitializedCapacity: size) { memory, initialized in
                adviseHugePages(memory)
                initialized = size
            }
        }
        var count = 0
        var failure: Int32 = 0
        buffer.withUnsafeMutableBufferPointer { memory in
            while count < size {
                let n = Glibc.read(fd, memory.baseAddress! + count, size - count)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                if n == 0 { return }  // the file shrank since fstat
                count += n
            }
        }
        if failure != 0 { throw problem(path, "cannot read the file: \(String(cString: strerror(failure)))") }
        if count == size {
            // Full at the size fstat gave: usually the end, which the first read here finds.
            // If the file grew since fstat, read on until end of file, within the limit.
            try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 1 << 16) { (chunk) throws(InputProblem) in
                while true {
                    let n = Glibc.read(fd, chunk.baseAddress!, chunk.count)
                    if n < 0 {
                        if errno == EINTR { continue }
                        throw problem(path, "cannot read the file: \(String(cString: strerror(errno)))")
                    }
                    if n == 0 { return }
                    guard count + n <= limit else { throw tooLarge(path, size: count + n, limit: limit) }
                    let piece = UnsafeBufferPointer(rebasing: chunk[0..<n])
                    if buffer.count < count + n {
                        buffer.removeSubrange(count...)
                        buffer.append(contentsOf: piece)
                    } else {
                        buffer.withUnsafeMutableBufferPointer { memory in
                            _ = UnsafeMutableBufferPointer(rebasing: memory[count..<(count + n)]).initialize(from: piece)
                        }
                    }
                    count += n
                }
            }
        }
        return count
    }

    /// Asks for 2 MB pages where a large buffer spans them, before the read fills it: a new
    /// 11 MB buffer otherwise takes 2,700 page faults, which cost more than copying the file
    /// into it. Only advice: without transparent huge pages nothing changes.
    private static func adviseHugePages(_ buffer: UnsafeMutableBufferPointer<UInt8>) {
        #if os(Linux)
        let hugePage = 2 << 20
        guard buffer.count >= 2 * hugePage, let base = buffer.baseAddress else { return }
        let start = (Int(bitPattern: base) + hugePage - 1) & ~(hugePage - 1)
        let end = (Int(bitPattern: base) + buffer.count) & ~(hugePage - 1)
        guard end > start else { return }
        _ = madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, MADV_HUGEPAGE)
        #endif
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
