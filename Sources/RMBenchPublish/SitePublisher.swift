import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The Publish stage: writes a complete site next to the output directory and
/// swaps it in with two `rename(2)` calls, so a reader sees either the whole
/// old site or the whole new one.
public enum SitePublisher {
    /// Publishes `files` as the complete contents of the directory `output`.
    ///
    /// Steps, in order (for `output` = `<parent>/<name>`):
    ///
    /// 1. **Validate** (nothing on disk is touched). `output` is refused if it is
    ///    `/`, the current working directory, a parent of it, a symbolic link, or
    ///    exists and is not a directory. Every path in `files` and `keep` must be
    ///    relative and '/'-separated with non-empty components, no backslash, no
    ///    NUL, and no component starting with `.` (this excludes `.`, `..` and
    ///    hidden files). Duplicate paths, and a path used both as a file and as a
    ///    directory (`"a"` and `"a/b"`), are errors. The first problem is thrown
    ///    as a ``PublishError`` naming the path.
    /// 2. **Lock**: `flock` on `<parent>` itself (created if missing), so one publish
    ///    into that folder runs at a time; a second one waits (`waiting` is called
    ///    once first) instead of deleting the first one's temporary tree. Nothing is
    ///    left on disk for the lock: it ends with the process or the call.
    /// 3. **Check ownership**: an existing `output` must be ours — it holds the
    ///    marker file ``markerName`` that every published site carries — or hold
    ///    nothing but `keep` entries (a fresh checkout's `Site/README.md`). Anything
    ///    else is refused (``PublishError/Kind/notOurs``) unless `force`.
    /// 4. **Recover** from an earlier run that was killed: if `output` is missing but
    ///    a backup `<parent>/.<name>.old-*` with the marker exists, rename the
    ///    (newest) one back to `output`; then delete the remaining marked
    ///    `.<name>.old-*` backups and marked `.<name>.tmp-*` directories. Siblings
    ///    without the marker are not ours and are left alone.
    /// 5. **Build** the new tree in a fresh sibling `<parent>/.<name>.tmp-<pid>-<random>`:
    ///    the marker first, then files in byte-wise sorted path order, directories
    ///    0755, files 0644 (independent of the umask), no timestamps set. Then every
    ///    `keep` entry (e.g. `"README.md"`) that exists in the old `output` and whose
    ///    path the new tree does not already have is copied in (regular files as
    ///    0644, directories recursively, symlinks as symlinks). If anything fails,
    ///    the temporary directory is removed and `output` is left untouched.
    /// 6. **Swap**: `rename(output, <parent>/.<name>.old-<pid>-<random>)`, then
    ///    `rename(temp, output)` (only the second if `output` did not exist). If the
    ///    second rename fails, the backup is renamed back and the error thrown.
    /// 7. **Clean up**: remove the backup. A failure here is not reported (the
    ///    new site is live); the leftover is removed by step 4 of the next run.
    ///
    /// If the process is SIGKILLed (or the machine stops; power loss durability
    /// is not attempted, nothing is fsynced):
    ///
    /// - during steps 1–5: `output` is the complete old site. A half-written
    ///   `.<name>.tmp-*` directory may remain; the next run deletes it.
    /// - after the first rename of step 6, before the second: `output` is
    ///   briefly missing; the old site is intact as `.<name>.old-*` and the
    ///   complete new tree as `.<name>.tmp-*`. The next run renames the backup
    ///   back to `output` (the old site returns) and deletes the temp directory.
    /// - after the second rename: `output` is the complete new site; the old
    ///   site lingers as `.<name>.old-*` (possibly half-deleted) and the next run
    ///   deletes it.
    ///
    /// Readers never see a mixture of old and new files. A reader that opened
    /// `output` by path before the swap keeps reading the old tree (now the
    /// backup) until it is deleted.
    ///
    /// - Parameters:
    ///   - files: the complete new site; order does not matter.
    ///   - output: the site directory (a file URL). Its parent is created if
    ///     missing. The swap relies on `output` and its siblings being on one
    ///     filesystem, which holds unless `output` is itself a mount point (then
    ///     the first rename fails and nothing changes).
    ///   - keep: site-relative paths to carry over from the old site if the new
    ///     site does not provide them.
    ///   - force: replace an existing `output` that is not ours.
    ///   - waiting: called once if another publish into the same parent holds the lock.
    /// - Throws: ``PublishError``.
    public static func publish(_ files: [SiteFile], to output: URL, keep: [String] = [], force: Bool = false,
                               waiting: () -> Void = {}) throws {
        try publish(files, to: output, keep: keep, force: force, waiting: waiting, hook: { _ in })
    }

    /// The same steps, with the files written by `produce` as they are made (from any number of
    /// threads, through the ``SiteWriter`` it is given) instead of held in memory first: each
    /// path is checked when written, and if `produce` throws, the temporary tree is removed
    /// and `output` stays as it was.
    public static func publish(to output: URL, keep: [String] = [], force: Bool = false, waiting: () -> Void = {},
                               produce: (SiteWriter) throws -> Void) throws {
        try publish(to: output, keep: keep, force: force, waiting: waiting, hook: { _ in }, produce: produce)
    }

    /// The file every published site, backup and temporary tree carries: what makes a folder ours
    /// to replace or delete.
    public static let markerName = ".rmbench-site"
    static let markerText = "This folder is written by rmbench-site and replaced as a whole on every build.\n"

    /// Step 1 and 3 without writing: whether `output` may be published to. Lets a caller refuse
    /// before hours of work rather than after.
    public static func checkOutput(_ output: URL, keep: [String] = [], force: Bool = false) throws {
        let lexical = try OutputLocation.lexical(output)
        try lexical.refuseUnsafe()
        guard FileSystem.realPath(lexical.parent) != nil else { return }
        let location = try OutputLocation.resolved(lexical)
        try location.refuseUnsafe()
        if !force { try refuseForeign(location, keep: keep) }
    }

    /// Points at which tests can inject a failure.
    enum Step: Equatable, Sendable {
        case wroteFile(String)
        case copiedKept(String)
        case beforeSwap
    }

    static func publish(
        _ files: [SiteFile], to output: URL, keep: [String], force: Bool = false, waiting: () -> Void = {},
        hook: @escaping (Step) throws -> Void
    ) throws {
        // 1. Validate, without touching the disk: the output first, then every path.
        try OutputLocation.lexical(output).refuseUnsafe()
        let plan = try PublishPlan(files: files, keep: keep)
        try publish(to: output, keep: keep, force: force, waiting: waiting, hook: hook) { writer in
            for file in plan.files { try writer.write(file.path, file.contents) }
        }
    }

    static func publish(
        to output: URL, keep: [String], force: Bool = false, waiting: () -> Void = {},
        hook: @escaping (Step) throws -> Void, produce: (SiteWriter) throws -> Void
    ) throws {
        let lexical = try OutputLocation.lexical(output)
        try lexical.refuseUnsafe()
        for path in keep { try PublishPlan.validate(path, what: "keep entry") }

        // 2. Lock the parent; 3. check ownership; 4. recover.
        if FileSystem.realPath(lexical.parent) == nil {
            try FileSystem.makeDirectories(lexical.parent)
        }
        let location = try OutputLocation.resolved(lexical)
        try location.refuseUnsafe()
        let lock = try DirectoryLock(location.parent, waiting: waiting)
        defer { lock.release() }
        if !force { try refuseForeign(location, keep: keep) }
        try recoverAndClean(location)
        let outputExists: Bool
        switch try FileSystem.kind(of: location.path) {
        case nil: outputExists = false
        case .directory: outputExists = true
        default:
            throw PublishError(kind: .unsafeOutput, path: location.path,
                               reason: "exists and is not a directory")
        }

        // 5. Build the new tree next to `output`, marked as ours before anything else.
        let temp = location.sibling(kind: "tmp")
        try FileSystem.makeDirectory(temp, display: temp)
        do {
            try FileSystem.writeNewFile(temp + "/" + markerName, Array(markerText.utf8), display: markerName)
            let writer = SiteWriter(root: temp, hook: hook)
            try produce(writer)
            let kept = try writer.keptEntries(keep)
            if outputExists {
                for path in kept {
                    if try writer.copyKept(path, fromSite: location.path) {
                        try hook(.copiedKept(path))
                    }
                }
            }
            try hook(.beforeSwap)
        } catch {
            try? removeOurs(temp)
            throw error
        }

        // 6. Swap: two renames.
        guard outputExists else {
            do {
                try FileSystem.rename(temp, to: location.path)
            } catch {
                try? removeOurs(temp)
                throw error
            }
            return
        }
        let backup = location.sibling(kind: "old")
        do {
            try FileSystem.rename(location.path, to: backup)
        } catch {
            try? removeOurs(temp)
            throw error
        }
        do {
            try FileSystem.rename(temp, to: location.path)
        } catch {
            try? FileSystem.rename(backup, to: location.path)
            try? removeOurs(temp)
            throw error
        }

        // 7. Clean up; a leftover backup is removed by the next run.
        try? removeOurs(backup)
    }

    /// Step 3: an existing output must carry the marker or hold nothing but `keep` entries.
    static func refuseForeign(_ location: OutputLocation, keep: [String]) throws {
        guard try FileSystem.kind(of: location.path) == .directory, !isMarked(location.path) else { return }
        let keptNames = Set(keep.compactMap { $0.split(separator: "/").first.map(String.init) })
        let foreign = try FileSystem.list(location.path).filter { !keptNames.contains($0) }
        guard let first = foreign.first else { return }
        let more = foreign.count > 1 ? " and \(foreign.count - 1) more" : ""
        throw PublishError(kind: .notOurs, path: location.path,
                           reason: "the folder holds files rmbench-site did not write (\"\(first)\"\(more)) and no \(markerName) marker; "
                               + "refusing to replace it. Pick an empty or new output folder, or pass --force to replace it anyway")
    }

    /// Deletes one of our trees with its marker last, so a deletion cut short by a kill leaves
    /// a tree that is still marked (or empty) and the next run finishes it.
    static func removeOurs(_ directory: String) throws {
        guard try FileSystem.kind(of: directory) == .directory else {
            try FileSystem.removeTree(directory)
            return
        }
        for name in try FileSystem.list(directory) where name != markerName {
            try FileSystem.removeTree(directory + "/" + name)
        }
        try FileSystem.removeTree(directory)
    }

    /// Whether `directory` holds our marker file (a regular file with our text).
    static func isMarked(_ directory: String) -> Bool {
        let path = directory + "/" + markerName
        guard (try? FileSystem.kind(of: path)) == .file,
              let bytes = try? FileSystem.readFile(path, display: markerName) else { return false }
        return bytes == Array(markerText.utf8)
    }

    /// Step 4: restore a backup left by a run killed between the two renames,
    /// then delete leftover backups and temporary directories — only those carrying our
    /// marker: a look-alike folder of the user's is never deleted or restored.
    static func recoverAndClean(_ location: OutputLocation) throws {
        let siblings = try FileSystem.list(location.parent)
        // An empty folder counts as ours too: a run killed between mkdir and writing the marker
        // leaves one, and deleting an empty folder loses nothing.
        func ours(_ name: String) -> Bool {
            let path = location.parent + "/" + name
            guard (try? FileSystem.kind(of: path)) == .directory else { return false }
            return isMarked(path) || (try? FileSystem.list(path))?.isEmpty == true
        }
        let backups = siblings.filter { $0.hasPrefix(location.siblingPrefix(kind: "old")) && ours($0) }
        let temps = siblings.filter { $0.hasPrefix(location.siblingPrefix(kind: "tmp")) && ours($0) }
        var restored: String?
        if try FileSystem.kind(of: location.path) == nil,
           let newest = backups.max(by: { a, b in
               let ta = FileSystem.changeTime(of: location.parent + "/" + a)
               let tb = FileSystem.changeTime(of: location.parent + "/" + b)
               return ta != tb ? ta < tb : a.utf8.lexicographicallyPrecedes(b.utf8)
           }) {
            try FileSystem.rename(location.parent + "/" + newest, to: location.path)
            restored = newest
        }
        for name in backups + temps where name != restored {
            try removeOurs(location.parent + "/" + name)
        }
    }
}

/// Where the site goes: `parent` + "/" + `name`.
struct OutputLocation {
    var parent: String
    var name: String

    var path: String { parent == "/" ? "/" + name : parent + "/" + name }

    func siblingPrefix(kind: String) -> String { ".\(name).\(kind)-" }

    /// A fresh sibling name, e.g. `.Site.tmp-4242-9f86d081884c7d65`.
    func sibling(kind: String) -> String {
        let random = String(UInt64.random(in: .min ... .max), radix: 16)
        let name = siblingPrefix(kind: kind) + "\(getpid())-\(random)"
        return parent == "/" ? "/" + name : parent + "/" + name
    }

    /// Absolute, with "." and ".." removed lexically; no filesystem access.
    static func lexical(_ url: URL) throws -> OutputLocation {
        guard url.isFileURL else {
            throw PublishError(kind: .unsafeOutput, path: url.absoluteString,
                               reason: "output must be a file URL")
        }
        var raw = url.path
        if !raw.hasPrefix("/") {
            raw = FileManager.default.currentDirectoryPath + "/" + raw
        }
        var components: [String] = []
        // Split on the byte '/', not the Character "/" (a combining mark after
        // a slash would otherwise glue it to the next component).
        for bytes in Array(raw.utf8).split(separator: UInt8(ascii: "/")) {
            let component = String(decoding: bytes, as: UTF8.self)
            switch component {
            case ".": continue
            case "..": _ = components.popLast()
            default: components.append(component)
            }
        }
        guard let name = components.popLast() else {
            throw PublishError(kind: .unsafeOutput, path: url.path,
                               reason: "output is the filesystem root \"/\"; refusing to replace it")
        }
        return OutputLocation(parent: "/" + components.joined(separator: "/"), name: name)
    }

    /// Same location with the parent's symlinks resolved (the parent must exist).
    static func resolved(_ lexical: OutputLocation) throws -> OutputLocation {
        guard let parent = FileSystem.realPath(lexical.parent) else {
            throw PublishError(kind: .fileSystem, path: lexical.parent,
                               reason: "cannot resolve the output's parent directory")
        }
        return OutputLocation(parent: parent, name: lexical.name)
    }

    /// Refuses outputs whose replacement would destroy the working directory
    /// (or the whole filesystem), and symlinks / non-directories.
    func refuseUnsafe() throws {
        // A parent that does not exist yet cannot contain the working directory.
        let resolvedParent = FileSystem.realPath(parent) ?? parent
        let full = resolvedParent == "/" ? "/" + name : resolvedParent + "/" + name
        if full == "/" {
            throw PublishError(kind: .unsafeOutput, path: path,
                               reason: "output is the filesystem root \"/\"; refusing to replace it")
        }
        let cwdRaw = FileManager.default.currentDirectoryPath
        let cwd = FileSystem.realPath(cwdRaw) ?? cwdRaw
        if cwd == full {
            throw PublishError(kind: .unsafeOutput, path: path,
                               reason: "output is the current working directory; replacing it would pull the directory out from under this process")
        }
        if cwd.hasPrefix(full + "/") {
            throw PublishError(kind: .unsafeOutput, path: path,
                               reason: "output is a parent of the current working directory (\(cwd)); replacing it would delete the working directory")
        }
        switch try FileSystem.kind(of: full) {
        case nil, .directory?:
            break
        case .symlink?:
            throw PublishError(kind: .unsafeOutput, path: path,
                               reason: "output is a symbolic link; pass the real directory (the swap would replace the link, not its target)")
        default:
            throw PublishError(kind: .unsafeOutput, path: path,
                               reason: "output exists and is not a directory")
        }
    }
}

/// Writes the new tree under `root`, creating parent directories on demand.
struct TreeWriter {
    let root: String
    /// Relative directories known to exist under `root` ("" is `root` itself).
    private var directories: Set<String> = [""]

    init(root: String) { self.root = root }

    mutating func writeFile(_ path: String, _ contents: [UInt8]) throws {
        try makeParents(of: path)
        try FileSystem.writeNewFile(root + "/" + path, contents, display: path)
    }

    /// Copies `path` from the old site into the tree. Returns false (and does
    /// nothing) if the old site does not have it, or reaches it only through
    /// a symlink or non-directory.
    mutating func copyKept(_ path: String, fromSite site: String) throws -> Bool {
        for prefix in PublishPlan.directoryPrefixes(of: path) {
            let ancestor = site + "/" + String(decoding: prefix, as: UTF8.self)
            guard try FileSystem.kind(of: ancestor) == .directory else { return false }
        }
        guard try FileSystem.kind(of: site + "/" + path) != nil else { return false }
        try makeParents(of: path)
        try copy(from: site + "/" + path, to: root + "/" + path, display: path)
        return true
    }

    private func copy(from source: String, to destination: String, display: String) throws {
        switch try FileSystem.kind(of: source) {
        case .file?:
            let bytes = try FileSystem.readFile(source, display: display)
            try FileSystem.writeNewFile(destination, bytes, display: display)
        case .directory?:
            try FileSystem.makeDirectory(destination, display: display)
            for name in try FileSystem.list(source) {
                try copy(from: source + "/" + name, to: destination + "/" + name,
                         display: display + "/" + name)
            }
        case .symlink?:
            let target = try FileSystem.readLink(source, display: display)
            try FileSystem.makeSymlink(target, at: destination, display: display)
        case .other?:
            throw PublishError(kind: .fileSystem, path: display,
                               reason: "kept entry is not a regular file, directory or symbolic link")
        case nil:
            throw PublishError(kind: .fileSystem, path: display,
                               reason: "kept entry disappeared while copying")
        }
    }

    mutating func makeParents(of path: String) throws {
        for prefix in PublishPlan.directoryPrefixes(of: path) {
            let relative = String(decoding: prefix, as: UTF8.self)
            if directories.insert(relative).inserted {
                try FileSystem.makeDirectory(root + "/" + relative, display: relative)
            }
        }
    }
}
