import Foundation
import Testing
@testable import RMBenchRender

/// What a scatter plot's SVG says about its labels and markers, recomputed from the elements:
/// each label `<text>` (class `…-label`) as a ``LabelBox`` from its x, y, anchor, font size and
/// text; each marker circle of a series.
struct DrawnLabels {
    var labels: [(text: String, box: LabelBox)] = []
    var markers: [(x: Double, y: Double, r: Double)] = []
    var leaders = 0

    init(svg: String) throws {
        let (ok, probe) = PlotXMLProbe.parse(svg)
        guard ok else { throw ParseFailure() }
        for element in probe.elements {
            let classes = (element.attributes["class"] ?? "").split(separator: " ")
            if element.name == "text", classes.contains(where: { $0.hasSuffix("-label") }) {
                let anchor = LabelBox.Anchor(rawValue: element.attributes["text-anchor"] ?? "start") ?? .start
                let box = LabelBox(text: element.text, x: Double(element.attributes["x"]!)!, y: Double(element.attributes["y"]!)!,
                                   anchor: anchor, size: Double(element.attributes["font-size"]!)!)
                labels.append((element.text, box))
            }
            if element.name == "circle", classes.contains(where: { $0.hasSuffix("-mk") }) {
                markers.append((Double(element.attributes["cx"]!)!, Double(element.attributes["cy"]!)!, Double(element.attributes["r"]!)!))
            }
            if element.name == "line", classes.contains(where: { $0.hasSuffix("-leader") }) { leaders += 1 }
        }
    }

    struct ParseFailure: Error {}

    /// The names the `<desc>` says found no room: "No room for the label(s) of: a; b (their
    /// points carry tooltips)." and "… of the reference line(s): c."
    static func leftOut(desc: String) -> [String] {
        var names: [String] = []
        for (start, end) in [(["No room for the labels of: ", "No room for the label of: "], " (their points carry tooltips)."),
                             (["No room for the labels of the reference lines: ", "No room for the label of the reference line: "], ".")] {
            for prefix in start {
                guard let from = desc.range(of: prefix), let to = desc.range(of: end, range: from.upperBound..<desc.endIndex) else { continue }
                names += desc[from.upperBound..<to.lowerBound].components(separatedBy: "; ")
            }
        }
        return names
    }

    /// Pairs of labels whose boxes overlap.
    var overlappingLabels: [(String, String)] {
        var pairs: [(String, String)] = []
        for i in labels.indices {
            for j in labels.indices where j > i && labels[i].box.intersects(labels[j].box) {
                pairs.append((labels[i].text, labels[j].text))
            }
        }
        return pairs
    }

    /// Labels whose box covers part of a marker (its radius and half its 1 px stroke).
    var labelsOnMarkers: [String] {
        labels.filter { label in markers.contains { label.box.intersects(circleAt: $0.x, $0.y, radius: $0.r + 0.5) } }.map(\.text)
    }
}

@Suite("Label placement")
struct LabelPlacementTests {
    @Test("a label box from its anchor: 0.65 em per character, 0.8 em above the baseline, 0.25 em below")
    func boxFromAnchor() {
        // "abcd" at 10 px: 4 × 6.5 = 26 px wide.
        #expect(LabelBox(text: "abcd", x: 100, y: 50, anchor: .start, size: 10) == LabelBox(x0: 100, y0: 42, x1: 126, y1: 52.5))
        #expect(LabelBox(text: "abcd", x: 100, y: 50, anchor: .middle, size: 10) == LabelBox(x0: 87, y0: 42, x1: 113, y1: 52.5))
        #expect(LabelBox(text: "abcd", x: 100, y: 50, anchor: .end, size: 10) == LabelBox(x0: 74, y0: 42, x1: 100, y1: 52.5))
        // A wide (CJK) character counts 1 em.
        #expect(LabelBox.width("a漢", size: 10) == 16.5)
    }

    @Test("intersections: boxes, discs, segments")
    func intersections() {
        let box = LabelBox(x0: 0, y0: 0, x1: 10, y1: 10)
        #expect(box.intersects(LabelBox(x0: 9, y0: 9, x1: 20, y1: 20)))
        #expect(!box.intersects(LabelBox(x0: 10, y0: 0, x1: 20, y1: 10)), "touching edges do not overlap")
        #expect(box.intersects(circleAt: 12, 5, radius: 2.5))
        #expect(!box.intersects(circleAt: 12, 5, radius: 2))
        // The disc near a corner: distance √(2² + 2²) ≈ 2.83.
        #expect(!box.intersects(circleAt: 12, 12, radius: 2.8))
        #expect(box.intersects(circleAt: 12, 12, radius: 2.9))
        #expect(box.intersects(segmentFrom: -5, 5, to: 15, 5))
        #expect(!box.intersects(segmentFrom: -5, 11, to: 15, 11))
        #expect(box.intersects(segmentFrom: -1, -1, to: 1, 1))
        #expect(!box.intersects(segmentFrom: 11, -5, to: 20, 5))
    }

    @Test("a lone point in the plot's corner: its label takes the first candidate inside the plot, the upper-right diagonal")
    func lonePoint() throws {
        let chart = ScatterChart(id: "one", title: "one", xLabel: "x", yLabel: "y",
                                 series: [.init(name: "s", points: [.init(x: 0, y: 0, label: "A"), .init(x: 10, y: 10)])],
                                 labelPoints: true)
        let drawn = try DrawnLabels(svg: chart.svg())
        // (0, 0) is pixel (70, 350), the plot's lower-left corner; labels must stay inside
        // x 72…556, y 50…350. The gap is 4.5 (radius) + 1.5 + 1.5 = 7.5 px. Right of the point
        // (x 77.5, baseline 350 + 0.275 × 10.5) the box reaches below 350; left, above (centred
        // on x 70) and below leave the plot; the upper-right diagonal fits: x = 70 + 0.75 × 7.5
        // = 75.625, baseline 350 − 5.625 − 0.25 × 10.5 = 341.75.
        let label = try #require(drawn.labels.first)
        #expect(label.text == "A")
        #expect(abs(label.box.x0 - 75.625) < 0.01)
        #expect(abs(label.box.y1 - (341.75 + 0.25 * 10.5)) < 0.01)
        #expect(drawn.leaders == 0)
    }

    /// Twelve models in a tight cluster with long names, and a baseline through it: the case
    /// of the correlations page (internlm2-20b-reward over ArmoRM, a baseline label over points).
    static func crowded() -> ScatterChart {
        let names = ["ArmoRM-Llama3-8B-v0.1", "internlm2-20b-reward", "internlm2-7b-reward", "Skywork-Reward-Llama-3.1-8B",
                     "Skywork-Reward-Gemma-2-27B", "Eurus-RM-7b", "GRM-Llama3-8B-sftreg", "INF-ORM-Llama3.1-70B",
                     "tulu-2-dpo-13b", "Starling-RM-7B-alpha", "Nemotron-4-340B-Reward", "URM-LLaMa-3.1-8B"]
        let points = names.enumerated().map { index, name in
            ScatterChart.Point(x: 60 + Double(index % 4) * 0.8, y: 45 + Double(index / 4) * 0.9, label: name, tooltip: "\(name) tip")
        } + [ScatterChart.Point(x: 40, y: 30, label: "far-away-model")]
        return ScatterChart(id: "crowded", title: "crowded", xLabel: "x (%)", yLabel: "y (%)",
                            series: [.init(name: "models", points: points, showTrend: true)],
                            referenceLines: [(label: "baseline-random 46.0", y: 46.0), (label: "baseline-length 45.3", y: 45.3)],
                            labelPoints: true)
    }

    @Test("a crowded cluster: no two labels overlap, no label covers a marker, unplaced labels are named in the desc")
    func crowdedCluster() throws {
        let svg = Self.crowded().svg()
        let drawn = try DrawnLabels(svg: svg)
        #expect(drawn.markers.count == 13)
        #expect(drawn.overlappingLabels.isEmpty, "\(drawn.overlappingLabels)")
        #expect(drawn.labelsOnMarkers.isEmpty, "\(drawn.labelsOnMarkers)")
        // The cluster is 2.4 units wide on a 40-unit axis: most labels need a leader line.
        #expect(drawn.leaders > 0)
        // Every label is drawn or named as left out; every marker keeps its tooltip.
        let (_, probe) = PlotXMLProbe.parse(svg)
        let names = Self.crowded().series[0].points.compactMap(\.label) + ["baseline-random 46.0", "baseline-length 45.3"]
        for name in names {
            let isDrawn = drawn.labels.contains { $0.text == name }
            #expect(isDrawn != DrawnLabels.leftOut(desc: probe.desc).contains(name), "\(name): drawn \(isDrawn), or named as left out")
        }
        #expect(probe.elements(named: "title").filter { $0.text.hasSuffix(" tip") }.count == 12)
        // Two builds of the same chart are the same bytes.
        #expect(Self.crowded().svg() == svg)
    }

    @Test("with no room at all, labels are left out rather than drawn over each other")
    func noRoom() throws {
        // 40 points on one spot: the first four labels take the places beside it (right, left,
        // above, below; 100 px wide, they block every leader line out of the pile), the other
        // 36 are left out.
        let points = (0..<40).map { ScatterChart.Point(x: 5, y: 5, label: "model-number-\($0)") } + [.init(x: 0, y: 0), .init(x: 10, y: 10)]
        let chart = ScatterChart(id: "pile", title: "pile", xLabel: "x", yLabel: "y",
                                 series: [.init(name: "s", points: points)], labelPoints: true)
        let svg = chart.svg()
        let drawn = try DrawnLabels(svg: svg)
        #expect(drawn.overlappingLabels.isEmpty, "\(drawn.overlappingLabels)")
        #expect(drawn.labelsOnMarkers.isEmpty)
        #expect(drawn.labels.map(\.text) == (0..<4).map { "model-number-\($0)" })
        let (x, y) = chart.project(x: 5, y: 5)
        let width = LabelBox.width("model-number-0", size: 10.5)
        #expect(abs(drawn.labels[0].box.x0 - (x + 7.5)) < 0.01)
        #expect(abs(drawn.labels[1].box.x1 - (x - 7.5)) < 0.01)
        #expect(abs(drawn.labels[2].box.y1 - (y - 7.5)) < 0.01 && abs(drawn.labels[2].box.x0 - (x - width / 2)) < 0.01)
        #expect(abs(drawn.labels[3].box.y0 - (y + 7.5)) < 0.01)
        let (_, probe) = PlotXMLProbe.parse(svg)
        // Exactly the labels not drawn are named, in input order.
        let notDrawn = (0..<40).map { "model-number-\($0)" }.filter { name in !drawn.labels.contains { $0.text == name } }
        #expect(DrawnLabels.leftOut(desc: probe.desc) == notDrawn)
    }
}

@Suite("Label placement limits")
struct LabelPlacementLimitTests {
    @Test("60 labelled points are placed without overlaps; 61 are not labelled")
    func limits() throws {
        // A 10 × 6 grid of labelled points.
        func chart(_ count: Int) -> ScatterChart {
            let points = (0..<count).map { ScatterChart.Point(x: Double($0 % 10), y: Double($0 / 10), label: "m\($0)") }
            return ScatterChart(id: "grid", title: "grid", xLabel: "x", yLabel: "y", series: [.init(name: "s", points: points)],
                                labelPoints: true)
        }
        let clock = ContinuousClock()
        var svg = ""
        let elapsed = clock.measure { svg = chart(60).svg() }
        // A debug build; an optimized one is about 20 times faster.
        #expect(elapsed < .seconds(20), "\(elapsed)")
        let drawn = try DrawnLabels(svg: svg)
        #expect(drawn.labels.count + DrawnLabels.leftOut(desc: PlotXMLProbe.parse(svg).probe.desc).count == 60)
        #expect(drawn.overlappingLabels.isEmpty)
        #expect(drawn.labelsOnMarkers.isEmpty)
        let over = chart(61).svg()
        #expect(try DrawnLabels(svg: over).labels.isEmpty)
        #expect(PlotXMLProbe.parse(over).probe.desc.contains("The 61 point labels are not drawn (more than 60)"))
    }
}
