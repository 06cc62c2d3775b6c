import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import RMBenchRender

/// Parses an SVG with Foundation's namespace-aware XMLParser and records what the tests need.
final class PlotXMLProbe: NSObject, XMLParserDelegate {
    struct Element {
        var name: String
        var attributes: [String: String]
        var text = ""
    }
    var rootName: String?
    var rootNamespace: String?
    var rootAttributes: [String: String] = [:]
    var elements: [Element] = []
    var ids: [String] = []
    var classes: [String] = []
    var textContent = ""
    var error: Error?
    private var openText: [Int] = []   // indices of open <text> / <title> / <desc> elements

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        if rootName == nil {
            rootName = elementName
            rootNamespace = namespaceURI
            rootAttributes = attributes
        }
        elements.append(Element(name: elementName, attributes: attributes))
        if ["text", "title", "desc", "style"].contains(elementName) { openText.append(elements.count - 1) }
        if let id = attributes["id"] { ids.append(id) }
        if let cls = attributes["class"] { classes += cls.split(separator: " ").map(String.init) }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                qualifiedName: String?) {
        if ["text", "title", "desc", "style"].contains(elementName) { openText.removeLast() }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        textContent += string
        if let last = openText.last { elements[last].text += string }
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        error = parseError
    }

    static func parse(_ document: String) -> (ok: Bool, probe: PlotXMLProbe) {
        let probe = PlotXMLProbe()
        let parser = XMLParser(data: Data(document.utf8))
        parser.shouldProcessNamespaces = true
        parser.delegate = probe
        let ok = parser.parse()
        return (ok && probe.error == nil, probe)
    }

    func elements(named name: String) -> [Element] { elements.filter { $0.name == name } }

    var desc: String { elements(named: "desc").first?.text ?? "" }

    /// True when all character data sits in <text>, <title>, <desc> or <style> (no stray text
    /// between elements).
    var hasNoStrayText: Bool {
        textContent.filter { !$0.isWhitespace }
            == elements.filter { ["text", "title", "desc", "style"].contains($0.name) }.map(\.text).joined()
                .filter { !$0.isWhitespace }
    }

    /// Every `<text>`'s estimated horizontal extent (from its x, anchor and estimated width).
    func textExtents() -> [(text: String, x0: Double, x1: Double)] {
        elements(named: "text").compactMap { element in
            guard element.attributes["transform"] == nil,
                  let x = Double(element.attributes["x"] ?? ""),
                  let size = Double(element.attributes["font-size"] ?? "") else { return nil }
            let width = PlotSVG.textWidth(element.text, size: size)
            switch element.attributes["text-anchor"] ?? "start" {
            case "end": return (element.text, x - width, x)
            case "middle": return (element.text, x - width / 2, x + width / 2)
            default: return (element.text, x, x + width)
            }
        }
    }
}

@Suite("ScatterChart")
struct ScatterChartTests {
    static let models: [(String, Double, Double)] = [
        ("ArmoRM-Llama3-8B-v0.1", 49.8, 20.5), ("Eurus-RM-7b", 40.2, 16.98),
        ("internlm2-7b-reward", 45.1, 37.27), ("internlm2-20b-reward", 50.7, 33.95),
        ("Skywork-Reward-Llama-3.1-8B", 46.6, 22.15),
    ]

    static func sample(labelPoints: Bool = true) -> ScatterChart {
        ScatterChart(
            id: "corr-rewardmath", title: "RM-Bench Hard vs RewardMATH",
            xLabel: "RM-Bench Hard (%)", yLabel: "RewardMATH accuracy (%)",
            series: [ScatterChart.Series(
                name: "reward models",
                points: models.map { ScatterChart.Point(x: $0.1, y: $0.2, label: $0.0, tooltip: "\($0.0): \($0.1), \($0.2)") },
                marker: .circle, showTrend: true)],
            referenceLines: [(label: "random (10 %)", y: 10)],
            caption: "r = 0.55 (p = 0.07), n = 5", labelPoints: labelPoints)
    }

    @Test func svgIsWellFormedXMLInTheSVGNamespace() {
        let svg = Self.sample().svg()
        let (ok, probe) = PlotXMLProbe.parse(svg)
        #expect(ok, "\(String(describing: probe.error))")
        #expect(probe.rootName == "svg")
        #expect(probe.rootNamespace == "http://www.w3.org/2000/svg")
        #expect(probe.rootAttributes["role"] == "img")
        #expect(probe.rootAttributes["viewBox"] == "0 0 560 420")
        #expect(probe.rootAttributes["width"] == "560")
        #expect(probe.rootAttributes["height"] == "420")
        let referenced = (probe.rootAttributes["aria-labelledby"] ?? "").split(separator: " ").map(String.init)
        #expect(referenced == ["corr-rewardmath-title", "corr-rewardmath-desc"])
        for id in referenced { #expect(probe.ids.contains(id)) }
        #expect(probe.elements.contains { $0.name == "style" })
        #expect(svg.contains("prefers-color-scheme: dark"))
        #expect(probe.hasNoStrayText)
    }

    @Test func idsAndClassesArePrefixed() {
        let chart = ScatterChart(id: "x y/1", title: "t", xLabel: "x", yLabel: "y",
                                 series: [.init(name: "a", points: [.init(x: 1, y: 2)]),
                                          .init(name: "b", points: [.init(x: 2, y: 1)], marker: .triangle)])
        let prefix = chart.idPrefix
        #expect(prefix.hasPrefix("x-y-1-"))
        let (ok, probe) = PlotXMLProbe.parse(chart.svg())
        #expect(ok)
        for id in probe.ids { #expect(id.hasPrefix(prefix)) }
        for cls in probe.classes { #expect(cls.hasPrefix(prefix)) }
    }

    @Test func dataDerivedTextIsEscaped() {
        let evil = "<script>&\""
        let chart = ScatterChart(
            id: "evil", title: evil, xLabel: evil, yLabel: evil,
            series: [.init(name: evil, points: [.init(x: 1, y: 2, label: evil, tooltip: evil),
                                                 .init(x: 2, y: 3, label: evil, tooltip: "")],
                           showTrend: true),
                     .init(name: evil, points: [.init(x: 3, y: 1, label: evil, tooltip: evil)], marker: .square)],
            referenceLines: [(label: evil, y: 2.5)], caption: evil, labelPoints: true)
        let svg = chart.svg()
        #expect(!svg.contains("<script"))
        #expect(!svg.contains("&\""))
        #expect(svg.contains("&lt;script&gt;&amp;&quot;"))
        let (ok, probe) = PlotXMLProbe.parse(svg)
        #expect(ok, "\(String(describing: probe.error))")
        #expect(probe.elements(named: "title").first?.text == evil)
        // The tooltip, the label, the legend, the axis titles and the caption come back verbatim.
        #expect(probe.elements(named: "title").filter { $0.text == evil }.count >= 3)
        #expect(probe.elements(named: "text").filter { $0.text == evil }.count >= 5)
        #expect(!probe.elements.contains { $0.name == "script" })
    }

    @Test func linearTicksForHandComputedRanges() {
        #expect(AxisTicks.linear(0, 100).ticks == [0, 20, 40, 60, 80, 100])
        #expect(AxisTicks.linear(0, 100).labels == ["0", "20", "40", "60", "80", "100"])
        // 0.6 / 5 = 0.12 → step 0.1; the ticks are the same doubles as the decimal literals.
        let a = AxisTicks.linear(0.3, 0.9)
        #expect(a.ticks == [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9])
        #expect(a.labels == ["0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9"])
        // 2 / 5 = 0.4 → step 0.5.
        #expect(AxisTicks.linear(0, 2).ticks == [0, 0.5, 1, 1.5, 2])
        // 4 / 5 = 0.8 → step 1; 16.98…37.27 → step 5, widened to 15…40.
        #expect(AxisTicks.linear(1, 5).ticks == [1, 2, 3, 4, 5])
        #expect(AxisTicks.linear(16.98, 37.27).ticks == [15, 20, 25, 30, 35, 40])
        // Equal ends are padded: 50 ± 5 → step 2, widened to 44…56.
        #expect(AxisTicks.linear(50, 50).ticks == [44, 46, 48, 50, 52, 54, 56])
        #expect(AxisTicks.linear(0, 0).ticks == [-1, -0.5, 0, 0.5, 1])
        // 0.3 / 5 = 0.06 → step 0.05; labels share the step's decimals.
        #expect(AxisTicks.linear(-0.25, 0.05).labels == ["-0.25", "-0.20", "-0.15", "-0.10", "-0.05", "0.00", "0.05"])
        #expect(AxisTicks.linear(0, 12_000).labels == ["0", "2,000", "4,000", "6,000", "8,000", "10,000", "12,000"])
    }

    @Test func logTicksForHandComputedRanges() {
        let wide = AxisTicks.log(10, 10_000)
        #expect(wide.ticks == [10, 100, 1000, 10000])
        #expect(wide.labels == ["10", "100", "1,000", "10,000"])
        #expect(wide.lower == 1 && wide.upper == 4)
        // Small range: 2 and 5 × 10^k too.
        #expect(AxisTicks.log(20, 80).ticks == [10, 20, 50, 100])
        #expect(AxisTicks.log(150, 4000).ticks == [100, 200, 500, 1000, 2000, 5000, 10000])
        // Exactly a decade: padded one decade each way.
        #expect(AxisTicks.log(100, 100).ticks == [10, 20, 50, 100, 200, 500, 1000])
        #expect(AxisTicks.log(0.05, 0.5).labels == ["0.01", "0.02", "0.05", "0.1", "0.2", "0.5", "1"])
    }

    /// Points (0, 1), (1, 3), (2, 5): slope 2, intercept 1. Axes 0…2 (step 0.5) and 1…5
    /// (step 1), so the fitted line runs from data (0, 1) to (2, 5) = pixels (70, 350) to (540, 56).
    @Test func trendLineEndpointsForAnExactFit() {
        let chart = ScatterChart(id: "t", title: "t", xLabel: "x", yLabel: "y",
                                 series: [.init(name: "s", points: [.init(x: 0, y: 1), .init(x: 1, y: 3), .init(x: 2, y: 5)],
                                                showTrend: true)])
        let fit = chart.trend(chart.cleaned().series[0])
        #expect(fit?.slope == 2)
        #expect(fit?.intercept == 1)
        #expect(chart.project(x: 0, y: 1) == (70, 350))
        #expect(chart.project(x: 2, y: 5) == (540, 56))
        #expect(chart.svg().contains("<line x1=\"70\" y1=\"350\" x2=\"540\" y2=\"56\""))
    }

    /// Points (0, 0), (1, 2), (2, 1): x̄ = 1, ȳ = 1, Sxy = 1, Sxx = 2 → slope 0.5, intercept 0.5.
    /// Axes 0…2 both (step 0.5). Line from (0, 0.5) to (2, 1.5): x 70 and 540;
    /// y = 350 − 0.25 · 294 = 276.5 and 350 − 0.75 · 294 = 129.5.
    @Test func trendLineEndpointsForAHandComputedLeastSquaresFit() {
        let chart = ScatterChart(id: "t", title: "t", xLabel: "x", yLabel: "y",
                                 series: [.init(name: "s", points: [.init(x: 0, y: 0), .init(x: 1, y: 2), .init(x: 2, y: 1)],
                                                showTrend: true)])
        let fit = chart.trend(chart.cleaned().series[0])
        #expect(fit?.slope == 0.5)
        #expect(fit?.intercept == 0.5)
        #expect(chart.project(x: 0, y: 0.5) == (70, 276.5))
        #expect(chart.project(x: 2, y: 1.5) == (540, 129.5))
        let svg = chart.svg()
        #expect(svg.contains("<line x1=\"70\" y1=\"276.5\" x2=\"540\" y2=\"129.5\""))
        #expect(PlotXMLProbe.parse(svg).probe.desc.contains("y = 0.5 + 0.5 · x"))
    }

    /// On a log x axis the fit uses log10(x): (10, 1), (100, 2), (1000, 3) → y = 0 + 1 · log10(x),
    /// axis 10…1000 (two decades) → pixels 70…540.
    @Test func trendOnALogAxisFitsLog10OfX() {
        let chart = ScatterChart(id: "t", title: "t", xLabel: "length", yLabel: "y",
                                 series: [.init(name: "s", points: [.init(x: 10, y: 1), .init(x: 100, y: 2), .init(x: 1000, y: 3)],
                                                showTrend: true)],
                                 xLog: true)
        let fit = chart.trend(chart.cleaned().series[0])
        #expect(abs((fit?.slope ?? 0) - 1) < 1e-12)
        #expect(abs(fit?.intercept ?? 1) < 1e-12)
        #expect(chart.project(x: 10, y: 1).0 == 70)
        #expect(chart.project(x: 100, y: 1).0 == 305)
        #expect(chart.project(x: 1000, y: 1).0 == 540)
        #expect(chart.svg().contains("(log scale)"))
    }

    @Test func noDataDrawsEmptyAxes() {
        for series in [[], [ScatterChart.Series(name: "empty", points: [])]] {
            let chart = ScatterChart(id: "e", title: "empty", xLabel: "x", yLabel: "y", series: series)
            let svg = chart.svg()
            let (ok, probe) = PlotXMLProbe.parse(svg)
            #expect(ok)
            #expect(probe.elements(named: "text").contains { $0.text == "no data" })
            #expect(probe.desc.contains("No data."))
            #expect(probe.elements(named: "line").count >= 2)   // axes
            #expect(!svg.contains("<circle"))
        }
    }

    @Test func onePointAndEqualCoordinatesArePadded() {
        let one = ScatterChart(id: "o", title: "one", xLabel: "x", yLabel: "y",
                               series: [.init(name: "s", points: [.init(x: 3, y: 70)], showTrend: true)])
        let (ok, probe) = PlotXMLProbe.parse(one.svg())
        #expect(ok)
        #expect(probe.elements(named: "circle").count == 1)
        #expect(!probe.desc.contains("Trend"))   // no fit through one point
        let (x, y) = one.project(x: 3, y: 70)
        #expect(x > 70 && x < 540 && y > 56 && y < 350)

        let column = ScatterChart(id: "c", title: "same x", xLabel: "x", yLabel: "y",
                                  series: [.init(name: "s", points: [.init(x: 5, y: 1), .init(x: 5, y: 2)], showTrend: true)])
        #expect(column.trend(column.cleaned().series[0]) == nil)
        #expect(PlotXMLProbe.parse(column.svg()).ok)
    }

    @Test func nonFinitePointsAreSkippedAndCounted() {
        let chart = ScatterChart(id: "n", title: "nan", xLabel: "x", yLabel: "y",
                                 series: [.init(name: "s", points: [.init(x: 1, y: 1), .init(x: .nan, y: 2),
                                                                    .init(x: 2, y: .infinity), .init(x: 3, y: 2)],
                                                showTrend: true)])
        let svg = chart.svg()
        let (ok, probe) = PlotXMLProbe.parse(svg)
        #expect(ok)
        #expect(probe.elements(named: "circle").count == 2)
        #expect(probe.desc.contains("2 points were left out: 2 with a missing (NaN) or infinite coordinate."))
        #expect(!svg.lowercased().contains("nan\""))
        #expect(!svg.contains("inf\""))

        let log = ScatterChart(id: "l", title: "log", xLabel: "x", yLabel: "y",
                               series: [.init(name: "s", points: [.init(x: 0, y: 1), .init(x: -3, y: 2), .init(x: 30, y: 2)])],
                               xLog: true)
        #expect(PlotXMLProbe.parse(log.svg()).probe.desc
            .contains("2 points were left out: 2 with x ≤ 0, which a log scale cannot show."))
    }

    @Test func twoSeriesDifferInShapeAndColourAndHaveALegend() {
        let chart = ScatterChart(id: "two", title: "two", xLabel: "x", yLabel: "y",
                                 series: [.init(name: "first", points: [.init(x: 1, y: 1)], marker: .circle),
                                          .init(name: "second", points: [.init(x: 2, y: 2)], marker: .triangle)])
        let (ok, probe) = PlotXMLProbe.parse(chart.svg())
        #expect(ok)
        #expect(probe.elements.contains { $0.name == "circle" && $0.attributes["fill"] == "#0072B2" })
        #expect(probe.elements.contains { $0.name == "path" && $0.attributes["fill"] == "#D55E00" })
        #expect(probe.elements(named: "text").contains { $0.text == "first" })
        #expect(probe.elements(named: "text").contains { $0.text == "second" })
        #expect(probe.desc.contains("first (blue circles, 1 point); second (vermillion triangles, 1 point)"))
    }

    @Test func secondSeriesTrendIsDashed() {
        let chart = ScatterChart(id: "d", title: "t", xLabel: "x", yLabel: "y",
                                 series: [.init(name: "a", points: [.init(x: 0, y: 0), .init(x: 1, y: 1)], showTrend: true),
                                          .init(name: "b", points: [.init(x: 0, y: 1), .init(x: 1, y: 0)], marker: .square,
                                                showTrend: true)])
        let (ok, probe) = PlotXMLProbe.parse(chart.svg())
        #expect(ok)
        let trends = probe.elements(named: "line").filter { ($0.attributes["class"] ?? "").hasSuffix("-trend") }
        #expect(trends.count == 2)
        #expect(trends.first?.attributes["stroke-dasharray"] == nil)
        #expect(trends.last?.attributes["stroke-dasharray"] == "7 4")
        #expect(trends.last?.attributes["stroke"] == "#D55E00")
        #expect(probe.elements(named: "title").contains { $0.text == "Trend for b (least squares, n = 2): y = 1 − 1 · x" })
        #expect(probe.hasNoStrayText)
    }

    @Test func labelsStayOnTheCanvas() {
        let long = "a-very-long-reward-model-name-that-would-run-off"
        let points = (0..<12).map { i in
            ScatterChart.Point(x: Double(i), y: Double(i % 4), label: "\(long)-\(i)", tooltip: "")
        }
        let chart = ScatterChart(id: "edge", title: "edge", xLabel: "x", yLabel: "y",
                                 series: [.init(name: "s", points: points)], labelPoints: true)
        let (ok, probe) = PlotXMLProbe.parse(chart.svg())
        #expect(ok)
        let labels = probe.textExtents().filter { $0.text.hasPrefix("a-very-long") }
        // Twelve 200 px labels on a 470 px plot: the ones that fit nowhere are named in the
        // <desc> instead of running off the canvas or over each other.
        let leftOut = DrawnLabels.leftOut(desc: probe.desc)
        #expect(labels.count + leftOut.count == 12)
        #expect(labels.count >= 10)
        for label in labels {
            #expect(label.x0 >= 0 && label.x1 <= 560, "\(label)")
        }
    }

    @Test func manyPointsUseSmallMarkersAndNoLabels() {
        let points = (0..<3000).map { i -> ScatterChart.Point in
            let x = Double((i * 7919) % 1000) + 1
            return ScatterChart.Point(x: x, y: Double((i * 104_729) % 997) / 10, label: "m\(i)", tooltip: "m\(i)")
        }
        let chart = ScatterChart(id: "big", title: "big", xLabel: "length", yLabel: "score",
                                 series: [.init(name: "s", points: points, showTrend: true)], labelPoints: true, xLog: true)
        let svg = chart.svg()
        #expect(svg.utf8.count < 600_000)
        let (ok, probe) = PlotXMLProbe.parse(svg)
        #expect(ok)
        #expect(probe.elements(named: "circle").count == 3000)
        #expect(!probe.classes.contains("big-labels"))
        #expect(probe.elements(named: "circle").allSatisfy { $0.attributes["r"] == "2.4" })
    }

    @Test func renderingIsDeterministic() {
        #expect(Self.sample().svg() == Self.sample().svg())
        let svg = Self.sample().svg()
        #expect(svg.contains(">random (10 %)</text>"))
        #expect(svg.contains("stroke-dasharray=\"5 4\""))
        #expect(svg.contains(">r = 0.55 (p = 0.07), n = 5</text>"))
    }
}
