import Foundation
import Testing

/// The default site's strip charts print their medians with the digits of the tables beside them.
@Suite("Chart precision")
struct ChartPrecisionTests {
    /// The median labels (`<text class="…-median">`) of an SVG, in drawing order (group by
    /// group, series by series).
    static func medians(_ svg: String) throws -> [String] {
        let pattern = try Regex(#"<text [^>]*class="[^"]*-median"[^>]*>([^<]*)</text>"#)
        return svg.matches(of: pattern).compactMap { $0.output[1].substring.map(String.init) }
    }

    /// The cells of a Markdown table's body rows, for the table whose header starts with `first`.
    static func rows(_ markdown: String, headerStartingWith first: String) -> [[String]] {
        let lines = markdown.components(separatedBy: "\n")
        guard let start = lines.firstIndex(where: { $0.hasPrefix("| \(first) |") }) else { return [] }
        return lines[(start + 2)...].prefix { $0.hasPrefix("|") }.map { line in
            line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast()
                .map { $0.trimmingCharacters(in: .whitespaces) }
        }
    }

    @Test("types: the chart's Average medians are the table's Median Average, one decimal")
    func typesChart() async throws {
        let (svg, markdown) = try await DefaultSite.with { site in
            (try DefaultSite.text(site, "charts/types/types.svg"), try DefaultSite.text(site, "types.md"))
        }
        let medians = try Self.medians(svg)
        let table = Self.rows(markdown, headerStartingWith: "Type")
        // Data/ has all four types; each band has an Average and a Hard box.
        #expect(table.count == 4)
        #expect(medians.count == 2 * table.count)
        #expect(medians.allSatisfy { $0.wholeMatch(of: /\d+\.\d/) != nil }, "\(medians)")
        // Average is the first series of each band; the table's column 5 is Median Average.
        let averages = stride(from: 0, to: medians.count, by: 2).map { medians[$0] }
        #expect(averages == table.map { $0[4] })
    }

    @Test("lengths: the chart's medians are the table's median lengths, whole characters")
    func lengthsChart() async throws {
        let (svg, markdown) = try await DefaultSite.with { site in
            (try DefaultSite.text(site, "charts/lengths/lengths-chat.svg"), try DefaultSite.text(site, "lengths.md"))
        }
        let medians = try Self.medians(svg)
        // The first table is chat's: per style, correct then incorrect.
        let table = Self.rows(markdown, headerStartingWith: "Style")
        #expect(table.count == 3)
        #expect(medians == table.flatMap { [$0[2], $0[3]] })
        #expect(medians.allSatisfy { $0.wholeMatch(of: /\d+/) != nil }, "\(medians)")
    }
}
