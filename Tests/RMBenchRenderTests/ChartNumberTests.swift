import Foundation
import RMBenchCore
import Testing
@testable import RMBenchRender

/// Charts print numbers through the formatting the tables beside them use.
@Suite("Chart numbers")
struct ChartNumberTests {
    static func medians(_ svg: String) -> [String] {
        PlotXMLProbe.parse(svg).probe.elements(named: "text")
            .filter { ($0.attributes["class"] ?? "").hasSuffix("-median") }.map(\.text)
    }

    @Test("a strip chart's medians: 4 significant digits by default, the table's digits when given")
    func stripMedians() {
        // Medians 45.26 and 12.666…
        let groups = [StripChart.Group(name: "g", series: [("a", [40, 45.26, 50.5]), ("b", [10, 12 + 2.0 / 3, 13])])]
        let plain = StripChart(id: "p", title: "t", valueLabel: "Percent", groups: groups)
        #expect(Self.medians(plain.svg()) == ["45.26", "12.67"])
        let table = StripChart(id: "t", title: "t", valueLabel: "Percent", groups: groups,
                               valueText: { NumberText.format("%.1f", $0) })
        #expect(Self.medians(table.svg()) == ["45.3", "12.7"])
        // The <desc> states the same digits.
        let desc = PlotXMLProbe.parse(table.svg()).probe.desc
        #expect(desc.contains("g, a: n = 3, median 45.3, quartiles 42.6 and 47.9"))
    }

    @Test("a scatter plot's tooltips, reference lines and <desc> use the given formatting")
    func scatterValues() {
        let chart = ScatterChart(id: "s", title: "t", xLabel: "x", yLabel: "y",
                                 series: [.init(name: "m", points: [.init(x: 63.44, y: 68.333), .init(x: 59.4, y: 67.06)])],
                                 referenceLines: [(label: "baseline", y: 45.25)],
                                 valueText: { NumberText.format("%.1f", $0) })
        let probe = PlotXMLProbe.parse(chart.svg()).probe
        let titles = probe.elements(named: "title").map(\.text)
        #expect(titles.contains("m: (63.4, 68.3)") && titles.contains("m: (59.4, 67.1)"))
        #expect(titles.contains("baseline: 45.2"))
        #expect(probe.desc.contains("Points (x, y): m (63.4, 68.3); m (59.4, 67.1)."))
    }
}
