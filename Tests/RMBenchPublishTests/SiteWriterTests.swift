import Dispatch
import Foundation
import Testing
@testable import RMBenchPublish

@Suite("Publishing files as they are made")
struct SiteWriterTests {
    @Test("files written from many threads all land in the new site, and only they")
    func concurrentWrites() throws {
        try withSandbox { box in
            try SitePublisher.publish([SiteFile(path: "old.html", text: "old")], to: box.output)
            try SitePublisher.publish(to: box.output) { writer in
                DispatchQueue.concurrentPerform(iterations: 300) { k in
                    try? writer.write("pages/\(k % 7)/p\(k).html", Array("page \(k)".utf8))
                }
                #expect(writer.count == 300)
            }
            for k in [0, 1, 150, 299] {
                #expect(try String(contentsOf: box.output.appendingPathComponent("pages/\(k % 7)/p\(k).html"), encoding: .utf8) == "page \(k)")
            }
            #expect(!FileManager.default.fileExists(atPath: box.output.appendingPathComponent("old.html").path))
            #expect(try box.leftovers().isEmpty)
        }
    }

    @Test("a path written twice, a file where a folder is needed (either order) or a hidden path fail the publish and leave the old site")
    func refusedPaths() throws {
        let cases: [[String]] = [["a.html", "a.html"], ["a", "a/b.html"], ["a/b.html", "a"], ["ok.html", ".hidden"]]
        for paths in cases {
            try withSandbox { box in
                try SitePublisher.publish([SiteFile(path: "index.html", text: "old")], to: box.output)
                #expect(throws: PublishError.self) {
                    try SitePublisher.publish(to: box.output) { writer in
                        for path in paths { try writer.write(path, [1]) }
                    }
                }
                #expect(try String(contentsOf: box.output.appendingPathComponent("index.html"), encoding: .utf8) == "old")
                #expect(try box.leftovers().isEmpty)
            }
        }
    }

    @Test("an error thrown while producing removes the new tree and keeps README.md rules")
    func producerFails() throws {
        struct Stop: Error {}
        try withSandbox { box in
            try box.write("README.md", "mine")
            #expect(throws: Stop.self) {
                try SitePublisher.publish(to: box.output, keep: ["README.md"]) { writer in
                    try writer.write("index.html", [1])
                    throw Stop()
                }
            }
            #expect(try box.leftovers().isEmpty)
            try SitePublisher.publish(to: box.output, keep: ["README.md"]) { writer in try writer.write("index.html", [1]) }
            #expect(try String(contentsOf: box.output.appendingPathComponent("README.md"), encoding: .utf8) == "mine")
        }
    }
}
