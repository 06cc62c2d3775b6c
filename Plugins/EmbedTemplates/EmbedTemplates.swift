import Foundation
import PackagePlugin

/// Compiles `Templates/`, `Scaffold/` (what `init` writes), the official leaderboard and the
/// commit being built into the target as Swift source, so the binary carries its templates and
/// assets: a copied or installed binary needs no `Templates/`
/// beside it, and nothing is looked up through `Bundle.module`, which on Linux only finds
/// resources next to the build folder it was built in.
///
/// The file lists are passed as arguments as well as inputs: adding, removing or editing a file
/// changes the command, so the next build regenerates the source.
@main
struct EmbedTemplates: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let package = context.package.directoryURL
        let tool = try context.tool(named: "embed-templates").url
        let work = context.pluginWorkDirectoryURL
        // Each group: a Swift constant, the folder it comes from and its files.
        let templates = package.appending(path: "Templates")
        let scaffold = package.appending(path: "Scaffold")
        let published = package.appending(path: "Data/published")
        let groups: [(constant: String, root: URL, files: [String])] = [
            ("embeddedTemplateFiles", templates, Self.regularFiles(under: templates, hidden: false)),
            // `rmbench-site init`'s repository, `.github/workflows/` included.
            ("embeddedScaffoldFiles", scaffold, Self.regularFiles(under: scaffold, hidden: true)),
            // The official leaderboard, the starting point `init` offers.
            ("embeddedPublishedFiles", published, Self.regularFiles(under: published, hidden: false)
                .filter { $0.hasPrefix("rm-bench-leaderboard-") && $0.hasSuffix(".csv") }),
        ]
        var commands = groups.map { group in
            let source = work.appending(path: group.constant + ".swift")
            return Command.buildCommand(displayName: "Embedding \(group.constant) (\(group.files.count) files)", executable: tool,
                                        arguments: ["files", source.path, group.constant, group.root.path] + group.files,
                                        inputFiles: group.files.map { group.root.appending(path: $0) }, outputFiles: [source])
        }
        let commitSource = work.appending(path: "embeddedCommit.swift")
        commands.append(.buildCommand(displayName: "Embedding the commit", executable: tool,
                                      arguments: ["commit", commitSource.path, package.appending(path: ".git").path],
                                      inputFiles: Self.gitFiles(package: package), outputFiles: [commitSource]))
        return commands
    }

    /// Paths relative to `root`, sorted; hidden files and folders only when `hidden`.
    static func regularFiles(under root: URL, hidden: Bool) -> [String] {
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey],
                                                             options: hidden ? [] : [.skipsHiddenFiles]) else { return [] }
        var paths: [String] = []
        let prefix = root.standardizedFileURL.path + "/"
        for case let url as URL in enumerator {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let path = url.standardizedFileURL.path
            if path.hasPrefix(prefix) { paths.append(String(path.dropFirst(prefix.count))) }
        }
        return paths.sorted()
    }

    /// The files that change when HEAD moves: HEAD itself, the branch it names and packed-refs.
    /// Without a `.git` folder (a source tarball) there are none and the commit is "unknown".
    static func gitFiles(package: URL) -> [URL] {
        let git = package.appending(path: ".git")
        let head = git.appending(path: "HEAD")
        guard let text = try? String(contentsOf: head, encoding: .utf8) else { return [] }
        var files = [head]
        let packed = git.appending(path: "packed-refs")
        if FileManager.default.fileExists(atPath: packed.path) { files.append(packed) }
        if text.hasPrefix("ref: ") {
            let ref = git.appending(path: text.dropFirst(5).trimmingCharacters(in: .whitespacesAndNewlines))
            if FileManager.default.fileExists(atPath: ref.path) { files.append(ref) }
        }
        return files
    }
}
