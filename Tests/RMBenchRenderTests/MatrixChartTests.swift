import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import RMBenchScore
import Testing
@testable import RMBenchRender

/// Parses a document with Foundation's XMLParser (namespace aware) and records what the tests need.
private final class XMLProbe: NSObject, XMLParserDelegate {
    var rootName: String?
    var rootNamespace: String?
    var rootAttributes: [String: String] = [:]
    var ids: [String] = []
    var classes: [String] = []
    var elementNames: [String] = []
    var textContent = ""
    var error: Error?

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        if rootName == nil {
            rootName = elementName
            rootNamespace = namespaceURI
            rootAttributes = attributes
        }
        elementNames.append(elementName)
        if let id = attributes["id"] { ids.append(id) }
        if let cls = attributes["class"] { classes += cls.split(separator: " ").map(String.init) }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        textContent += string
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        error = parseError
    }

    static func parse(_ document: String) -> (ok: Bool, probe: XMLProbe) {
        let probe = XMLProbe()
        let parser = XMLParser(data: Data(document.utf8))
        parser.shouldProcessNamespaces = true
        parser.delegate = probe
        let ok = parser.parse()
        return (ok && probe.error == nil, probe)
    }
}

@Suite("StyleMatrixChart")
struct MatrixChartTests {
    /// RM-Bench paper, Fig. 2 (183 chat prompts).
    static let fig2 = StyleMatrixChart(
        id: "matrix-chat",
        title: "Chat — style-substance matrix",
        matrix: StyleMatrix(counts: [[153, 7, 4], [182, 121, 91], [183, 147, 122]], samples: 183))

    @Test func svgIsWellFormedXMLInTheSVGNamespace() {
        let svg = Self.fig2.svg()
        let (ok, probe) = XMLProbe.parse(svg)
        #expect(ok, "\(String(describing: probe.error))")
        #expect(probe.rootName == "svg")
        #expect(probe.rootNamespace == "http://www.w3.org/2000/svg")
        #expect(probe.rootAttributes["role"] == "img")
        #expect(probe.rootAttributes["viewBox"] == "0 0 440 360")
        #expect(probe.rootAttributes["width"] == "440")
        #expect(probe.rootAttributes["height"] == "360")
        #expect(probe.elementNames.contains("style"))
    }

    @Test func ariaLabelledByPointsToTitleAndDesc() {
        let svg = Self.fig2.svg()
        let (_, probe) = XMLProbe.parse(svg)
        let referenced = (probe.rootAttributes["aria-labelledby"] ?? "").split(separator: " ").map(String.init)
        #expect(referenced == ["matrix-chat-title", "matrix-chat-desc"])
        for id in referenced { #expect(probe.ids.contains(id)) }
        #expect(svg.contains("<title id=\"matrix-chat-title\">Chat — style-substance matrix</title>"))
    }

    @Test func fig2CellTexts() {
        let svg = Self.fig2.svg()
        for text in ["83.6", "3.8", "2.2", "99.5", "66.1", "49.7", "100.0", "80.3", "66.7"] {
            #expect(svg.contains(">\(text)<tspan"), "cell text \(text)")
        }
        for count in ["153/183", "7/183", "4/183", "182/183", "121/183", "91/183", "183/183", "147/183", "122/183"] {
            #expect(svg.contains(">\(count)</text>"), "count \(count)")
        }
    }

    @Test func fig2RegionLabels() {
        let svg = Self.fig2.svg()
        #expect(svg.contains(">Hard</text>"))
        #expect(svg.contains(">Easy</text>"))
        #expect(svg.contains(">Normal</text>"))
        #expect(svg.contains(">18.6 %</text>"))
        #expect(svg.contains(">93.3 %</text>"))
        #expect(svg.contains(">72.1 %</text>"))
        #expect(svg.components(separatedBy: "<polygon").count - 1 == 2)
        #expect(svg.contains("stroke-dasharray"))

        let chart = Self.fig2
        #expect(abs(chart.hard! - 102.0 / 549.0) < 1e-12)     // 18.58 %
        #expect(abs(chart.easy! - 512.0 / 549.0) < 1e-12)     // 93.26 %
        #expect(abs(chart.normal! - 396.0 / 549.0) < 1e-12)   // 72.13 %
    }

    @Test func descriptionListsAllCellsInWords() {
        let (_, probe) = XMLProbe.parse(Self.fig2.svg())
        let text = probe.textContent
        #expect(text.contains("chosen concise vs rejected concise: 83.6 % (153 of 183)"))
        #expect(text.contains("chosen concise vs rejected detailed markdown: 2.2 % (4 of 183)"))
        #expect(text.contains("chosen detailed markdown vs rejected concise: 100.0 % (183 of 183)"))
        #expect(text.contains("chosen detailed plain vs rejected detailed markdown: 49.7 % (91 of 183)"))
        #expect(text.contains("Hard (chosen plainer than rejected): 18.6 %"))
        #expect(text.contains("Normal (same style): 72.1 %"))
        #expect(text.contains("Easy (chosen richer than rejected): 93.3 %"))
        #expect(text.contains("rejected response style →"))
        #expect(text.contains("chosen response style ↓"))
        #expect(text.contains("concise") && text.contains("detailed") && text.contains("markdown"))
    }

    @Test func titleIsEscaped() {
        var chart = Self.fig2
        chart.title = "Evil <script>alert(1)</script> & \"quoted\" 'single'"
        let svg = chart.svg()
        #expect(!svg.contains("<script"))
        #expect(svg.contains("Evil &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot; &#39;single&#39;"))
        let (ok, probe) = XMLProbe.parse(svg)
        #expect(ok)
        #expect(!probe.elementNames.contains("script"))
        #expect(probe.textContent.contains("Evil <script>alert(1)</script> & \"quoted\""))
    }

    @Test func titleWithControlCharactersStaysWellFormed() {
        var chart = Self.fig2
        chart.title = "bad\u{0}\u{1}\u{FFFF} title\nsecond line"
        #expect(XMLProbe.parse(chart.svg()).ok)
    }

    @Test func zeroSamplesShowDashesNotNaN() {
        let chart = StyleMatrixChart(id: "empty", title: "No data", counts: [[0, 0, 0], [0, 0, 0], [0, 0, 0]], samples: 0)
        let svg = chart.svg()
        let lowered = svg.lowercased()
        #expect(!lowered.contains("nan"))
        #expect(!lowered.contains("inf"))
        #expect(svg.contains(">–</text>"))
        #expect(chart.hard == nil && chart.normal == nil && chart.easy == nil)
        #expect(XMLProbe.parse(svg).ok)
    }

    @Test func malformedCountsDoNotCrash() {
        let chart = StyleMatrixChart(id: "odd", title: "Odd", counts: [[1], []], samples: 5)
        let svg = chart.svg()
        #expect(XMLProbe.parse(svg).ok)
        #expect(svg.contains(">20.0<tspan"))
        #expect(chart.hard == nil)
        #expect(!svg.lowercased().contains("nan"))
    }

    @Test func everyIdAndClassIsPrefixedWithTheChartId() {
        let (_, probe) = XMLProbe.parse(Self.fig2.svg())
        #expect(!probe.ids.isEmpty)
        for id in probe.ids { #expect(id.hasPrefix("matrix-chat-"), "\(id)") }
        #expect(!probe.classes.isEmpty)
        for cls in probe.classes { #expect(cls == "matrix-chat" || cls.hasPrefix("matrix-chat-"), "\(cls)") }
        #expect(Set(probe.ids).count == probe.ids.count, "ids unique")
    }

    @Test func unsafeChartIdsAreSanitizedAndStayDistinct() {
        let a = StyleMatrixChart(id: "a b\"><x>", title: "t", counts: [], samples: 0)
        let b = StyleMatrixChart(id: "a-b-----", title: "t", counts: [], samples: 0)
        let c = StyleMatrixChart(id: "1st", title: "t", counts: [], samples: 0)
        for chart in [a, b, c] {
            let prefix = chart.idPrefix
            #expect(prefix.first?.isLetter == true)
            #expect(prefix.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
            })
            let (ok, probe) = XMLProbe.parse(chart.svg())
            #expect(ok)
            for id in probe.ids { #expect(id.hasPrefix(prefix + "-")) }
        }
        #expect(a.idPrefix != b.idPrefix)
        #expect(StyleMatrixChart(id: "matrix-chat", title: "", counts: [], samples: 0).idPrefix == "matrix-chat")
    }

    @Test func darkModeStyleIsScopedToTheChart() {
        let svg = Self.fig2.svg()
        #expect(svg.contains("@media (prefers-color-scheme: dark)"))
        #expect(svg.contains(".matrix-chat-fg{"))
        // Presentation attributes as fallback when the style sheet is ignored.
        #expect(svg.contains("fill=\"#767676\" class=\"matrix-chat-fg\""))
    }

    @Test func outputIsDeterministic() {
        #expect(Self.fig2.svg() == Self.fig2.svg())
    }

    @Test func numbersArePOSIXFormatted() {
        #expect(StyleMatrixChart.format1(83.60655) == "83.6")
        #expect(StyleMatrixChart.format1(100) == "100.0")
        #expect(StyleMatrixChart.format1(-0.01) == "0.0")
        #expect(StyleMatrixChart.format1(.nan) == "–")
        #expect(StyleMatrixChart.percentWithUnit(102.0 / 549.0) == "18.6 %")
    }

    @Test func colorScaleRunsFromLowToHighAndTextStaysReadable() {
        let low = ColorScale.color(at: 0)
        let high = ColorScale.color(at: 1)
        #expect(low == ColorScale.stops.first)
        #expect(high == ColorScale.stops.last)
        #expect(ColorScale.color(at: -1) == low)
        #expect(ColorScale.color(at: 2) == high)
        #expect(ColorScale.color(at: .nan) == low)
        var previous = 2.0
        for step in 0...100 {
            let fill = ColorScale.color(at: Double(step) / 100)
            // Lightness falls monotonically (readable in greyscale and for colour-blind readers).
            #expect(fill.luminance <= previous + 1e-3, "step \(step)")   // 8-bit rounding
            previous = fill.luminance
            // Text colour chosen by luminance has at least WCAG AA contrast for large text.
            let text = ColorScale.textColor(on: fill) == ColorScale.darkText.hex ? ColorScale.darkText : ColorScale.lightText
            #expect(RGB.contrast(fill, text) >= 4.5, "step \(step): \(fill.hex)")
        }
        #expect(ColorScale.textColor(on: low) == "#000000")
        #expect(ColorScale.textColor(on: high) == "#ffffff")
    }
}
