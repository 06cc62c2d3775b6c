import Foundation
import RMBenchSite

/// The default site (the repository's Data/ with the built-in templates, no bootstrap) built by
/// the library into a temporary folder, for tests that read its pages and charts.
enum DefaultSite {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Builds the site, hands its folder to `body`, and removes it afterwards.
    static func with<T>(_ body: (URL) throws -> T) async throws -> T {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("rmbench-default-site-\(UUID().uuidString)/Site")
        defer { try? FileManager.default.removeItem(at: output.deletingLastPathComponent()) }
        let options = SiteBuild.Options(data: repository.appendingPathComponent("Data").path,
                                        output: output.path, bootstrap: BootstrapSettings(resamples: 0))
        _ = try await SiteBuild.run(options)
        return try body(output)
    }

    static func text(_ site: URL, _ path: String) throws -> String {
        try String(contentsOf: site.appendingPathComponent(path), encoding: .utf8)
    }
}
