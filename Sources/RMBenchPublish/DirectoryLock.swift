#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive `flock(2)` on a directory: one publish into a folder at a time.
///
/// Locking the output's parent directory itself, rather than a lock file beside the output,
/// leaves nothing on disk to clean up or to be mistaken for user data; the kernel drops the
/// lock when the process ends, however it ends.
struct DirectoryLock {
    private let fd: Int32

    /// Takes the lock, waiting for another holder; `waiting` is called once before waiting.
    init(_ directory: String, waiting: () -> Void) throws {
        fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw FileSystem.failure(directory, "open for locking", errno) }
        if flock(fd, LOCK_EX | LOCK_NB) == 0 { return }
        guard errno == EWOULDBLOCK else {
            let code = errno
            close(fd)
            throw FileSystem.failure(directory, "flock", code)
        }
        waiting()
        while flock(fd, LOCK_EX) != 0 {
            let code = errno
            guard code == EINTR else {
                close(fd)
                throw FileSystem.failure(directory, "flock", code)
            }
        }
    }

    func release() {
        close(fd)
    }
}
