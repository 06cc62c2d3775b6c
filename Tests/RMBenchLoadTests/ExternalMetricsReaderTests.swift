import RMBenchCore
import Testing
@testable import RMBenchLoad

@Suite("External metrics reader")
struct ExternalMetricsReaderTests {
    func parse(_ text: String) throws(InputProblems) -> ExternalMetrics {
        try ExternalMetricsReader.parse(Array(text.utf8), path: "ext.csv")
    }

    @Test func readsValuesAndDescriptions() throws {
        let table = try parse("""
            model,bench_a,bench_b
            #description,"A accuracy (%), from x",
            m1,91.5,-
            "m, two",12,3e1

            """)
        #expect(table.metrics == [.init(name: "bench_a", description: "A accuracy (%), from x"), .init(name: "bench_b")])
        #expect(table.models == ["m1", "m, two"])
        #expect(table.values["m1"] == ["bench_a": 91.5])
        #expect(table.values["m, two"] == ["bench_a": 12, "bench_b": 30])
    }

    @Test func problemsNameLineAndColumn() {
        do {
            _ = try parse("model,a\nm1,x\nm1,2\nm2,1,3\n")
            Issue.record("accepted a bad file")
        } catch {
            #expect(error.problems.map(\.description) == [
                #"ext.csv:line 2, column "a": expected a number or "-" for not available, found "x""#,
                #"ext.csv:line 3, column "model": model "m1" already has a row at line 2"#,
                "ext.csv:line 4: expected 2 values like the header, found 3",
            ])
        }
        do {
            _ = try parse("name,a\n")
            Issue.record("accepted a bad header")
        } catch {
            #expect(error.problems.map(\.description) == ["ext.csv:line 1: the header must be `model,<metric>,…` with at least one metric; found \"name,a\""])
        }
    }
}
