import Foundation
import Testing
import RMBenchAnalyze
@testable import RMBenchRender

/// Charts on extreme, subnormal and special doubles (issue 10): they render well-formed SVG
/// with plain-number coordinates, draw values beyond the axes at the axis end and say so.
@Suite("Charts on extreme values")
struct ExtremeValueChartTests {
    /// 1e-320, a subnormal (written as text: the literal would warn that it loses precision).
    static let subnormal = Double("1e-320")!
    static let specials: [Double] = [
        0, -0.0, 1, -1, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .leastNonzeroMagnitude,
        -.leastNonzeroMagnitude, .leastNormalMagnitude, .nan, .infinity, -.infinity, 1e300, -1e300,
        1e300.nextUp, 1e-300, 1e-300.nextDown, 1.7e308, 1e308, subnormal, 1e15, 0.5, -0.04, 1e-12,
    ]

    /// A special value, a random bit pattern or an ordinary number, a third of the time each.
    static func double(_ rng: inout SeededGenerator) -> Double {
        switch rng.index(below: 3) {
        case 0: return specials[rng.index(below: specials.count)]
        case 1: return Double(bitPattern: rng.next())
        default: return Double(rng.index(below: 20_001)) / 100 - 50
        }
    }

    /// Attributes that hold numbers (or number lists: path data, points, viewBox).
    static let numeric: Set<String> = ["x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r", "rx", "width", "height",
                                       "font-size", "stroke-width", "dy", "d", "points", "viewBox"]
    static let plainNumberBytes = Set("0123456789.-, MLHVZlhz".utf8)

    /// The problems of `svg`: not well-formed, a numeric attribute that is not a plain number
    /// (nan, inf, empty), a data marker off the canvas; empty when there are none.
    static func problems(_ svg: String) -> [String] {
        let (ok, probe) = PlotXMLProbe.parse(svg)
        guard ok, probe.rootName == "svg" else { return ["not well-formed: \(String(describing: probe.error))"] }
        var problems: [String] = []
        for element in probe.elements {
            for (key, value) in element.attributes where numeric.contains(key) {
                if value.isEmpty || !value.utf8.allSatisfy(plainNumberBytes.contains) {
                    problems.append("\(element.name) \(key)=\"\(value)\"")
                }
            }
        }
        let width = Double(probe.rootAttributes["width"] ?? "") ?? 0, height = Double(probe.rootAttributes["height"] ?? "") ?? 0
        for circle in probe.elements(named: "circle") {
            let cx = Double(circle.attributes["cx"] ?? "") ?? -1, cy = Double(circle.attributes["cy"] ?? "") ?? -1
            if !(0...width).contains(cx) || !(0...height).contains(cy) { problems.append("circle at (\(cx), \(cy))") }
        }
        return problems
    }

    /// 200 seeded rounds of random and special values through every chart and both axis kinds.
    @Test func everyChartRendersWellFormedSVGWithPlainCoordinates() {
        var rng = SeededGenerator(seed: 10)
        for round in 0..<200 {
            func values(_ count: Int) -> [Double] { (0..<count).map { _ in Self.double(&rng) } }
            let points = (0..<(1 + rng.index(below: 12))).map { i in
                ScatterChart.Point(x: Self.double(&rng), y: Self.double(&rng), label: "p\(i)")
            }
            let scatter = ScatterChart(
                id: "s\(round)", title: "round \(round)", xLabel: "x", yLabel: "y",
                series: [.init(name: "a", points: points, showTrend: true),
                         .init(name: "b", points: Array(points.reversed().prefix(5)), marker: .triangle, showTrend: true)],
                referenceLines: [("ref", Self.double(&rng))], caption: "caption", labelPoints: round % 2 == 0,
                xLog: round % 3 == 0)
            let strip = StripChart(
                id: "b\(round)", title: "round \(round)", valueLabel: "v",
                groups: [.init(name: "g1", series: [("a", values(1 + rng.index(below: 9))), ("b", values(rng.index(below: 9)))]),
                         .init(name: "g2", series: [("a", values(1 + rng.index(below: 9)))])],
                valueLog: round % 2 == 1, showPoints: round % 4 < 2)
            let counts = (0..<3).map { _ in (0..<3).map { _ in rng.index(below: 21) - 5 } }
            let intervals = (0..<3).map { _ in
                (0..<3).map { _ -> ClosedRange<Double>? in
                    let a = Self.double(&rng), b = Self.double(&rng)
                    return a.isNaN || b.isNaN ? nil : min(a, b)...max(a, b)
                }
            }
            let matrix = StyleMatrixChart(id: "m\(round)", title: "round \(round)", counts: counts,
                                          samples: rng.index(below: 12) - 2, intervals: intervals)
            for (name, svg) in [("scatter", scatter.svg()), ("strip", strip.svg()), ("matrix", matrix.svg())] {
                let problems = Self.problems(svg)
                #expect(problems.isEmpty, "round \(round) \(name): \(problems.prefix(3))")
            }
            let (v, w) = (Self.double(&rng), Self.double(&rng))
            for axis in [AxisTicks.linear(v, w), AxisTicks.log(v, w)] {
                #expect((2...40).contains(axis.ticks.count) && axis.ticks.allSatisfy(\.isFinite),
                        "round \(round): \(axis) for \(v), \(w)")
                #expect([v, w, .nan, .infinity, -.infinity].allSatisfy { axis.fraction($0).isFinite })
            }
        }
    }

    /// Issue 10: one reward of 1.7e308 on the model page's reward-vs-length chart.
    @Test func scatterWithOneReward1e308DrawsItAtTheTopAndSaysSo() {
        let chart = ScatterChart(
            id: "reward-length", title: "reward vs length", xLabel: "Response length (characters)", yLabel: "Reward",
            series: [.init(name: "chosen", points: [.init(x: 300, y: 0.5), .init(x: 1200, y: 1.7e308), .init(x: 80, y: -1.25)],
                           showTrend: true)],
            xLog: true)
        let svg = chart.svg()
        #expect(Self.problems(svg).isEmpty)
        let (_, probe) = PlotXMLProbe.parse(svg)
        let note = "y axis: 1 value beyond ±1e300 is drawn at the axis end."
        #expect(probe.desc.hasSuffix(note))
        #expect(probe.elements(named: "text").filter { ($0.attributes["class"] ?? "").hasSuffix("-note") }.map(\.text) == [note])
        #expect(probe.rootAttributes["height"] == "436")
        // The y axis ends at 1e300, so the extreme point is on its top edge (and −1.25 is within
        // rounding noise of 0 at steps of 2e299).
        #expect(chart.axes(chart.cleaned()).y.ticks == [0, 2e299, 4e299, 6e299, 8e299, 1e300])
        #expect(chart.project(x: 1200, y: 1.7e308).1 == 56)
        // The tooltip keeps the value as given.
        #expect(probe.elements(named: "title").contains { $0.text == "chosen: (1,200, 1.7e+308)" })
    }

    /// Issue 10: external metrics of 1e-320 and 1e308 on the correlations page.
    @Test func scatterWithSubnormalAndHugeXValues() {
        let chart = ScatterChart(
            id: "corr", title: "Hard vs metric", xLabel: "metric (%)", yLabel: "Hard (%)",
            series: [.init(name: "models", points: [.init(x: Self.subnormal, y: 60, label: "a"), .init(x: 1e308, y: 70, label: "b"),
                                                    .init(x: 40, y: 65, label: "c")], showTrend: true)],
            labelPoints: true)
        let svg = chart.svg()
        #expect(Self.problems(svg).isEmpty)
        let (_, probe) = PlotXMLProbe.parse(svg)
        // 1e308 is beyond ±1e300 (1e-320 is within, at 0 on a linear axis). The fit is on the
        // drawn coordinates u = 0, 1e300, 40 against y = 60, 70, 65: Sxy ≈ 5e300, Sxx ≈ 6.67e599,
        // so slope 7.5e-300 and intercept 65 − 7.5e-300 · 3.33e299 = 62.5 (scaled sums: no overflow).
        #expect(probe.desc.contains("Trend for models (least squares, n = 3): y = 62.5 + 7.5e-300 · x."))
        #expect(probe.desc.hasSuffix("Points (x, y): a (1e-320, 60); b (1e+308, 70); c (40, 65). "
                                     + "x axis: 1 value beyond ±1e300 is drawn at the axis end."))
        #expect(chart.project(x: 1e308, y: 70).0 == 540)
    }

    /// Two x values whose unscaled least-squares sums would overflow (squares of 1e300): the
    /// scaled fit (Analyze's `LeastSquares`) still draws the line y = x, with no note.
    @Test func trendOfValuesWhoseSquaresOverflow() throws {
        let chart = ScatterChart(id: "t", title: "t", xLabel: "x", yLabel: "y",
                                 series: [.init(name: "models", points: [.init(x: -1e300, y: -1e300), .init(x: 1e300, y: 1e300)],
                                                showTrend: true)])
        let data = chart.cleaned()
        let fit = try #require(chart.trend(data.series[0]))
        #expect(fit.intercept == 0 && fit.slope == 1 && fit.uMin == -1e300 && fit.uMax == 1e300)
        let (x, y) = chart.axes(data)
        #expect(chart.notes(data, x, y) == [])
        let (_, probe) = PlotXMLProbe.parse(chart.svg())
        #expect(probe.elements(named: "line").filter { ($0.attributes["class"] ?? "").hasSuffix("-trend") }.count == 1)
    }

    /// Box plots on a log axis with zero, negative and subnormal values: the first two are left
    /// out (as before), the subnormal one is drawn at the axis end with a note (an outlier: its
    /// log10 is −320).
    @Test func logStripWithZeroNegativeAndSubnormalValues() {
        let chart = StripChart(id: "lengths", title: "lengths", valueLabel: "characters",
                               groups: [.init(name: "concise", series: [("chosen", [0, -5, Self.subnormal, 10, 100])])], valueLog: true)
        let svg = chart.svg()
        #expect(Self.problems(svg).isEmpty)
        let (_, probe) = PlotXMLProbe.parse(svg)
        let note = "Value axis: 1 value outside 1e-300 to 1e300 is drawn at the axis end."
        #expect(probe.desc.contains("concise, chosen: n = 3, median 10, quartiles 5 and 55, whiskers 10 to 100, 1 outlier (2 values left out: 2 ≤ 0 on the log scale)"))
        #expect(probe.desc.hasSuffix(note))
        #expect(probe.elements(named: "text").filter { ($0.attributes["class"] ?? "").hasSuffix("-note") }.map(\.text) == [note])
        // 58 (top) + 40 (one band) + 50 (axis) + 16 (the note).
        #expect(chart.height == 164)
        #expect(chart.position(Self.subnormal) == chart.plotLeft)
    }

    /// numpy's interpolation overflows between −2¹⁰²³ and 2¹⁰²³ (the difference is 2¹⁰²⁴); the
    /// weighted mean does not.
    @Test func quartilesOfValuesWhoseDifferenceOverflows() {
        let big = 0x1p1023
        let q = Percentile.quartiles([-big, big])
        #expect(q?.q1 == -0x1p1022 && q?.median == 0 && q?.q3 == 0x1p1022)
    }

    @Test func axesForExtremeRanges() {
        // Ends closer than the axis resolves: padded like one value, with a note.
        let tiny = AxisTicks.linear(Self.subnormal, 2 * Self.subnormal)
        #expect(tiny.ticks == [-1, -0.5, 0, 0.5, 1])
        #expect(tiny.note == "values that differ by less than the axis can resolve are drawn at one position")
        #expect(AxisTicks.linear(5, 5).note == nil)
        // Clamped to ±1e300.
        let huge = AxisTicks.linear(0, 1.7e308)
        #expect(huge.ticks == [0, 2e299, 4e299, 6e299, 8e299, 1e300])
        #expect(huge.labels == ["0", "2e+299", "4e+299", "6e+299", "8e+299", "1e+300"])
        let full = AxisTicks.linear(-.greatestFiniteMagnitude, .greatestFiniteMagnitude)
        #expect(full.lower == -1e300 && full.upper == 1e300 && full.ticks.count == 5)
        // 600 decades: a tick every 100 decades.
        let log = AxisTicks.log(Self.subnormal, 1e308)
        #expect(log.lower == -300 && log.upper == 300)
        #expect(log.labels == ["1e-300", "1e-200", "1e-100", "1", "1e+100", "1e+200", "1e+300"])
        // 14 decades: every 2nd.
        #expect(AxisTicks.log(1, 1e14).labels == ["1", "100", "10,000", "1,000,000", "100,000,000", "10,000,000,000",
                                                   "1,000,000,000,000", "100,000,000,000,000"])
    }

    /// Fuzz finding: a clamped 1e300 on an axis 0…4e-159 gave an infinite fraction.
    @Test func fractionsStayFinite() {
        let axis = AxisTicks.linear(0, 4e-159)
        #expect(axis.fraction(.infinity) == 1e6)
        #expect(axis.fraction(-.greatestFiniteMagnitude) == -1e6)
        #expect(axis.fraction(.nan) == 0.5)
    }

    /// Fuzz finding: ends 2·10⁹ steps from zero were snapped inwards by a window relative to
    /// the step count, leaving the upper value off the axis.
    @Test func narrowRangeFarFromZeroIsCovered() {
        let low = -1.0025205409043291e+120, high = -1.002520538956494e+120
        let axis = AxisTicks.linear(low, high)
        #expect(axis.ticks.first! <= low && axis.ticks.last! >= high)
        #expect(axis.ticks.count == 6)
    }
}
