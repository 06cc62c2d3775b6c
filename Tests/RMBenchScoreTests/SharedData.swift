import Foundation

/// The real public data in `../shared/data`, found through `RMBENCH_SHARED_DATA` (set by
/// `make test` and `.ci/run`). Tests that need it are skipped, with this reason shown, when
/// it is absent (a fresh machine without the data).
enum SharedData {
    static let directory: URL? = {
        guard let path = ProcessInfo.processInfo.environment["RMBENCH_SHARED_DATA"], !path.isEmpty else { return nil }
        let url = URL(fileURLWithPath: path)
        return FileManager.default.fileExists(atPath: url.appendingPathComponent("README.md").path) ? url : nil
    }()

    static var available: Bool { directory != nil }

    static let skipReason: Comment = "RMBENCH_SHARED_DATA does not point at ../shared/data: real-data test skipped"

    static func url(_ relative: String) -> URL {
        directory!.appendingPathComponent(relative)
    }
}

import Testing
