import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Watches folders by polling: every `interval` it takes a snapshot of every file under them
/// (modification time, size, inode), and once changes have settled for `quiet` it reports the
/// changed paths. Simple and portable; a few hundred files cost well under a millisecond a poll.
public struct ChangeWatcher: Sendable {
    public var folders: [String]
    /// Paths (and everything under them) that are never reported, such as the output folder.
    public var excluding: [String]
    public var interval: Duration
    public var quiet: Duration

    public init(folders: [String], excluding: [String] = [], interval: Duration = .milliseconds(300),
                quiet: Duration = .milliseconds(500)) {
        self.folders = folders
        self.excluding = excluding
        self.interval = interval
        self.quiet = quiet
    }

    /// Polls until the task is cancelled, calling `onChange` with the changed paths (sorted)
    /// after each burst of changes. Changes made while `onChange` runs are reported afterwards.
    public func run(_ onChange: ([String]) async -> Void) async {
        let clock = ContinuousClock()
        var previous = snapshot()
        var debouncer = Debouncer(quiet: quiet)
        while !Task.isCancelled {
            do {
                try await Task.sleep(for: interval)
            } catch {
                return
            }
            let current = snapshot()
            debouncer.record(current.changes(since: previous), at: clock.now)
            previous = current
            if let changed = debouncer.take(at: clock.now) {
                await onChange(changed)
            }
        }
    }

    public func snapshot() -> FolderSnapshot {
        FolderSnapshot.take(folders, excluding: excluding)
    }
}

/// Collects changes and releases them once none has come for `quiet`.
public struct Debouncer: Sendable {
    public let quiet: Duration
    private var pending: Set<String> = []
    private var lastChange: ContinuousClock.Instant?

    public init(quiet: Duration) {
        self.quiet = quiet
    }

    public var hasPending: Bool { !pending.isEmpty }

    public mutating func record(_ changed: [String], at now: ContinuousClock.Instant) {
        guard !changed.isEmpty else { return }
        pending.formUnion(changed)
        lastChange = now
    }

    /// The changed paths, sorted, when changes are pending and the last one is at least
    /// `quiet` old; then starts afresh. Nil otherwise.
    public mutating func take(at now: ContinuousClock.Instant) -> [String]? {
        guard let lastChange, !pending.isEmpty, now - lastChange >= quiet else { return nil }
        defer {
            pending = []
            self.lastChange = nil
        }
        return pending.sorted()
    }
}

/// Every regular file under some folders, with what tells a change.
public struct FolderSnapshot: Equatable, Sendable {
    public struct Stamp: Equatable, Sendable {
        var seconds: Int
        var nanoseconds: Int
        var size: Int64
        var inode: UInt64
    }

    public var files: [String: Stamp]

    /// Walks each folder (a missing one holds nothing), following symbolic links but visiting
    /// each real folder once; names starting with "." (editor swap files, .DS_Store) are skipped.
    public static func take(_ folders: [String], excluding: [String] = []) -> FolderSnapshot {
        var files: [String: Stamp] = [:]
        var visited: Set<[UInt64]> = []
        let excluded = Set(excluding.map(Self.standardized))
        for folder in folders {
            walk(folder, into: &files, visited: &visited, excluded: excluded)
        }
        return FolderSnapshot(files: files)
    }

    /// Paths added, removed or modified since `old`, sorted.
    public func changes(since old: FolderSnapshot) -> [String] {
        var changed: [String] = []
        for (path, stamp) in files where old.files[path] != stamp { changed.append(path) }
        for path in old.files.keys where files[path] == nil { changed.append(path) }
        return changed.sorted()
    }

    private static func walk(_ folder: String, into files: inout [String: Stamp], visited: inout Set<[UInt64]>,
                             excluded: Set<String>) {
        guard excluded.isEmpty || !excluded.contains(standardized(folder)) else { return }
        var info = stat()
        guard stat(folder, &info) == 0, info.st_mode & S_IFMT == S_IFDIR,
              visited.insert([UInt64(info.st_dev), UInt64(info.st_ino)]).inserted,
              let names = try? FileManager.default.contentsOfDirectory(atPath: folder)
        else { return }
        for name in names where !name.hasPrefix(".") {
            let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
            guard stat(path, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                walk(path, into: &files, visited: &visited, excluded: excluded)
            case S_IFREG where excluded.isEmpty || !excluded.contains(standardized(path)):
                #if os(Linux)
                let modified = info.st_mtim
                #else
                let modified = info.st_mtimespec
                #endif
                files[path] = Stamp(seconds: Int(modified.tv_sec), nanoseconds: Int(modified.tv_nsec),
                                    size: Int64(info.st_size), inode: UInt64(info.st_ino))
            default:
                continue
            }
        }
    }

    private static func standardized(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }
}
