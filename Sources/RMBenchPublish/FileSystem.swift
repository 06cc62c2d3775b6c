import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Thin POSIX layer used by the publisher. Every failure becomes a
/// ``PublishError`` of kind `.fileSystem` naming `display` (the path the user
/// will recognise) and the operating-system reason.
enum FileSystem {
    enum EntryKind: Equatable {
        case file, directory, symlink, other
    }

    static let directoryMode: mode_t = 0o755
    static let fileMode: mode_t = 0o644

    static func failure(_ display: String, _ operation: String, _ code: Int32) -> PublishError {
        PublishError(kind: .fileSystem, path: display,
                     reason: "\(operation) failed: \(String(cString: strerror(code))) (errno \(code))")
    }

    /// `lstat` without following a final symlink; `nil` if nothing is there.
    static func kind(of path: String) throws -> EntryKind? {
        var st = stat()
        guard lstat(path, &st) == 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR { return nil }
            throw failure(path, "lstat", code)
        }
        switch st.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        case S_IFLNK: return .symlink
        default: return .other
        }
    }

    /// Status-change time (rename updates it), used to pick the newest backup.
    static func changeTime(of path: String) -> (Int, Int) {
        var st = stat()
        guard lstat(path, &st) == 0 else { return (0, 0) }
        #if canImport(Darwin)
        let ts = st.st_ctimespec
        #else
        let ts = st.st_ctim
        #endif
        return (Int(ts.tv_sec), Int(ts.tv_nsec))
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Creates one directory with mode 0755 (independent of the umask).
    static func makeDirectory(_ path: String, display: String) throws {
        guard mkdir(path, directoryMode) == 0 else { throw failure(display, "mkdir", errno) }
        guard chmod(path, directoryMode) == 0 else { throw failure(display, "chmod", errno) }
    }

    /// Creates a new regular file (it must not exist yet) with mode 0644 and
    /// exactly `bytes` as contents.
    static func writeNewFile(_ path: String, _ bytes: [UInt8], display: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, fileMode)
        guard fd >= 0 else { throw failure(display, "create", errno) }
        var closed = false
        defer { if !closed { _ = close(fd) } }
        guard fchmod(fd, fileMode) == 0 else { throw failure(display, "chmod", errno) }
        try bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    let code = errno
                    if code == EINTR { continue }
                    throw failure(display, "write", code)
                }
                offset += n
            }
        }
        closed = true
        guard close(fd) == 0 else { throw failure(display, "close", errno) }
    }

    /// A hard link to `source` at `target` (which must not exist); false if it cannot be made.
    static func hardLink(_ source: String, at target: String) -> Bool {
        link(source, target) == 0
    }

    /// Whether `path` is a regular file with the mode ``writeNewFile(_:_:display:)`` gives and
    /// exactly two links: a file of the last output just linked into the new tree, which no
    /// other path shares and nobody has re-permissioned.
    static func isPrivateWrittenFile(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG && info.st_mode & 0o7777 == fileMode && info.st_nlink == 2
    }

    /// Reads a regular file without following a final symlink.
    static func readFile(_ path: String, display: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { throw failure(display, "open", errno) }
        defer { _ = close(fd) }
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if n < 0 {
                let code = errno
                if code == EINTR { continue }
                throw failure(display, "read", code)
            }
            if n == 0 { return result }
            result.append(contentsOf: chunk[0..<n])
        }
    }

    static func readLink(_ path: String, display: String) throws -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink(path, &buffer, buffer.count - 1)
        guard n >= 0 else { throw failure(display, "readlink", errno) }
        return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func makeSymlink(_ target: String, at path: String, display: String) throws {
        guard symlink(target, path) == 0 else { throw failure(display, "symlink", errno) }
    }

    /// rename(2): atomic replacement within one filesystem.
    static func rename(_ from: String, to: String) throws {
        #if canImport(Glibc)
        let result = Glibc.rename(from, to)
        #elseif canImport(Musl)
        let result = Musl.rename(from, to)
        #else
        let result = Darwin.rename(from, to)
        #endif
        guard result == 0 else { throw failure(from, "rename to \"\(to)\"", errno) }
    }

    /// Entry names of a directory (no "." / ".."), sorted by UTF-8 bytes.
    static func list(_ path: String) throws -> [String] {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw PublishError(kind: .fileSystem, path: path, reason: "is a file, not a directory")
        }
        do {
            return try FileManager.default.contentsOfDirectory(atPath: path)
                .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        } catch {
            throw PublishError(kind: .fileSystem, path: path, reason: "cannot list directory: \(reason(error))")
        }
    }

    /// Removes a file, symlink or whole directory tree (never follows symlinks).
    static func removeTree(_ path: String) throws {
        guard try kind(of: path) != nil else { return }
        do {
            try FileManager.default.removeItem(atPath: path)
        } catch {
            throw PublishError(kind: .fileSystem, path: path, reason: "cannot remove: \(reason(error))")
        }
    }

    static func makeDirectories(_ path: String) throws {
        // Name the culprit when a component of the path is a file: the system error only says
        // the directory could not be created.
        var ancestor = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/").dropLast() {
            ancestor += "/" + component
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: ancestor, isDirectory: &isDirectory), !isDirectory.boolValue {
                throw PublishError(kind: .fileSystem, path: path, reason: "cannot create directory: \"\(ancestor)\" is a file, not a directory")
            }
        }
        do {
            try FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: true,
                attributes: [.posixPermissions: Int(directoryMode)])
        } catch {
            throw PublishError(kind: .fileSystem, path: path, reason: "cannot create directory: \(reason(error))")
        }
    }

    /// A Foundation error in words: the POSIX reason when there is one, never an NSError dump.
    static func reason(_ error: any Error) -> String {
        let ns = error as NSError
        if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))) }
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return ns.localizedDescription
    }
}
