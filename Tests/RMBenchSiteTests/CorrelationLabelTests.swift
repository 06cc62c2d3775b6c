import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import RMBenchRender
import Testing

/// The labels of the default site's correlation scatter plots (built from the repository's
/// Data/ and Templates/), recomputed from the SVG with the charts' own width rule (`LabelBox`).
@Suite("Correlation plot labels")
struct CorrelationLabelTests {
    /// The default site's correlation charts: file name → SVG.
    static func charts() async throws -> [String: String] {
        try await DefaultSite.with { site in
            let folder = site.appendingPathComponent("charts/correlations")
            var charts: [String: String] = [:]
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".svg") {
                charts[name] = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            }
            return charts
        }
    }

    /// Label `<text>`s (class `…-label`) and marker circles (class `…-mk`) of one SVG.
    final class Probe: NSObject, XMLParserDelegate {
        var labels: [(text: String, box: LabelBox)] = []
        var markers: [(x: Double, y: Double, r: Double)] = []
        private var open: (x: Double, y: Double, anchor: LabelBox.Anchor, size: Double, text: String)?

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            let classes = (attributes["class"] ?? "").split(separator: " ")
            if name == "text", classes.contains(where: { $0.hasSuffix("-label") }) {
                open = (Double(attributes["x"] ?? "") ?? .nan, Double(attributes["y"] ?? "") ?? .nan,
                        LabelBox.Anchor(rawValue: attributes["text-anchor"] ?? "start") ?? .start,
                        Double(attributes["font-size"] ?? "") ?? .nan, "")
            }
            if name == "circle", classes.contains(where: { $0.hasSuffix("-mk") }) {
                markers.append((Double(attributes["cx"] ?? "") ?? .nan, Double(attributes["cy"] ?? "") ?? .nan,
                                Double(attributes["r"] ?? "") ?? .nan))
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { open?.text += string }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            guard name == "text", let label = open else { return }
            labels.append((label.text, LabelBox(text: label.text, x: label.x, y: label.y, anchor: label.anchor, size: label.size)))
            open = nil
        }

        static func parse(_ svg: String) -> Probe? {
            let probe = Probe()
            let parser = XMLParser(data: Data(svg.utf8))
            parser.delegate = probe
            return parser.parse() ? probe : nil
        }
    }

    @Test("the default correlations page: no two labels overlap and no label covers a marker")
    func defaultCorrelationCharts() async throws {
        let charts = try await Self.charts()
        // Data/external has three metrics: two charts each (Average, Hard), the two math ones also Math.
        #expect(charts.count == 8, "\(charts.keys.sorted())")
        var labelCount = 0
        for (name, svg) in charts.sorted(by: { $0.key < $1.key }) {
            let probe = try #require(Probe.parse(svg), "\(name) is not well-formed")
            #expect(!probe.markers.isEmpty, "\(name) has no markers")
            // Three baselines' reference lines and one label per model (4 or 5 models).
            #expect(probe.labels.count >= probe.markers.count, "\(name): \(probe.labels.map(\.text))")
            labelCount += probe.labels.count
            for i in probe.labels.indices {
                for j in probe.labels.indices where j > i {
                    #expect(!probe.labels[i].box.intersects(probe.labels[j].box),
                            "\(name): \"\(probe.labels[i].text)\" overlaps \"\(probe.labels[j].text)\"")
                }
                for marker in probe.markers {
                    // The marker's radius and half its 1 px stroke.
                    #expect(!probe.labels[i].box.intersects(circleAt: marker.x, marker.y, radius: marker.r + 0.5),
                            "\(name): \"\(probe.labels[i].text)\" covers the marker at (\(marker.x), \(marker.y))")
                }
            }
            #expect(!svg.contains("No room for the label"), "\(name) left a label out")
        }
        #expect(labelCount > 40)
    }
}
