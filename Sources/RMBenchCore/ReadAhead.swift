import Foundation

/// Asks the kernel to start reading the next input files while the current ones are parsed, so
/// that a build whose files are not (or no longer all) in the page cache waits for the disk less:
/// as each file is about to be read, the `depth` files after it in `paths` are advised
/// (`posix_fadvise(WILLNEED)`), each once. A few files ahead, not all: page cache the system may
/// reclaim before the file's turn would be read twice.
///
///     let readAhead = ReadAhead(paths)
///     for path in paths { readAhead.reading(path); parse(try FileBytes.read(path: path)) }
public final class ReadAhead: @unchecked Sendable {
    private let paths: [String]
    private let positions: [String: Int]
    private let depth: Int
    private let advise: @Sendable (String) -> Void
    private let lock = NSLock()
    /// `paths[..<advised]` have been advised (or read).
    private var advised = 0

    public init(_ paths: [String], depth: Int = 2, advise: @escaping @Sendable (String) -> Void = ReadAhead.adviseWillRead) {
        self.paths = paths
        positions = Dictionary(paths.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        self.depth = depth
        self.advise = advise
    }

    /// `path` is about to be read: the files after it are advised, those not advised before.
    public func reading(_ path: String) {
        guard let position = positions[path] else { return }
        let next: Range<Int> = lock.withLock {
            let start = max(advised, position + 1), end = min(paths.count, position + 1 + depth)
            advised = max(advised, end)
            return start < end ? start..<end : start..<start
        }
        for index in next { advise(paths[index]) }
    }

    /// Starts the kernel reading a regular file into the page cache; anything else (a missing
    /// file, a FIFO) is left for the read to report.
    @Sendable public static func adviseWillRead(_ path: String) {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return }
        _ = posix_fadvise(fd, 0, 0, Int32(POSIX_FADV_WILLNEED))
    }
}
