import Foundation
import RMBenchAnalyze
import Testing
@testable import RMBenchRender

@Suite("StripChart")
struct StripChartTests {
    static func sample(showPoints: Bool = true, log: Bool = false) -> StripChart {
        StripChart(
            id: "lengths-chat", title: "Chat: response length, chosen vs rejected",
            valueLabel: "Response length (characters)",
            groups: [
                .init(name: "concise", series: [("chosen", [120, 340, 95, 410, 230, 180]),
                                                ("rejected", [150, 300, 88, 390, 260, 2000])]),
                .init(name: "detailed", series: [("chosen", [800, 1200, 950, 1600]),
                                                 ("rejected", [900, 1100, 1300, 700])]),
            ],
            valueLog: log, showPoints: showPoints, caption: "n = 6 and 4 prompts")
    }

    /// numpy.quantile([1, 3, 7, 15], [.25, .5, .75]) = [2.5, 5, 9]:
    /// h = 3·0.25 = 0.75 → 1 + 0.75·2; h = 1.5 → 3 + 0.5·4; h = 2.25 → 7 + 0.25·8.
    @Test func quartilesUseNumpyLinearInterpolation() {
        let q = Percentile.quartiles([7, 1, 15, 3])
        #expect(q?.q1 == 2.5)
        #expect(q?.median == 5)
        #expect(q?.q3 == 9)
        // 1…10: h = 2.25, 4.5, 6.75 → 3.25, 5.5, 7.75.
        let ten = Percentile.quartiles((1...10).map(Double.init))
        #expect(ten?.q1 == 3.25 && ten?.median == 5.5 && ten?.q3 == 7.75)
        let one = Percentile.quartiles([4])
        #expect(one?.q1 == 4 && one?.median == 4 && one?.q3 == 4)
        #expect(Percentile.quartiles([]) == nil)
        #expect(Percentile.quartiles([.nan, .infinity]) == nil)
        // Non-finite values are ignored: same as [1, 3, 7, 15].
        #expect(Percentile.quartiles([7, .nan, 1, 15, 3, -.infinity])?.median == 5)
    }

    /// [1, 2, 3, 4, 100]: Q1 2, Q3 4, IQR 2 → fences −1 and 7: whiskers 1…4, outlier 100.
    @Test func whiskersAtOnePointFiveIQR() {
        let box = StripChart.box([1, 2, 3, 4, 100], log: false)
        #expect(box.q1 == 2 && box.median == 3 && box.q3 == 4)
        #expect(box.lowerWhisker == 1 && box.upperWhisker == 4)
        #expect(box.outliers == [100])
        // On a log axis the fences are in log10: [10, 100, 1000, 10^4, 10^5]: Q1 100, Q3 10^4,
        // IQR 2 decades → fences 10^-1 and 10^7: no outliers.
        let log = StripChart.box([10, 100, 1000, 10_000, 100_000], log: true)
        #expect(log.outliers.isEmpty)
        #expect(log.lowerWhisker == 10 && log.upperWhisker == 100_000)
    }

    @Test func svgIsWellFormedAndAccessible() {
        let chart = Self.sample()
        let svg = chart.svg()
        let (ok, probe) = PlotXMLProbe.parse(svg)
        #expect(ok, "\(String(describing: probe.error))")
        #expect(probe.rootName == "svg")
        #expect(probe.rootNamespace == "http://www.w3.org/2000/svg")
        #expect(probe.rootAttributes["role"] == "img")
        #expect(probe.rootAttributes["viewBox"] == "0 0 560 \(chart.height)")
        #expect(probe.rootAttributes["aria-labelledby"] == "lengths-chat-title lengths-chat-desc")
        #expect(probe.ids.contains("lengths-chat-title") && probe.ids.contains("lengths-chat-desc"))
        for cls in probe.classes { #expect(cls.hasPrefix("lengths-chat")) }
        #expect(probe.hasNoStrayText)
        #expect(PlotXMLProbe.parse(Self.sample(showPoints: false, log: true).svg()).probe.hasNoStrayText)
        #expect(svg.contains("prefers-color-scheme: dark"))
        // Legend and group names.
        let texts = probe.elements(named: "text").map(\.text)
        for name in ["chosen", "rejected", "concise", "detailed"] { #expect(texts.contains(name)) }
    }

    @Test func descriptionStatesEveryBoxInWords() {
        let desc = PlotXMLProbe.parse(Self.sample().svg()).probe.desc
        // concise/chosen sorted: 95 120 180 230 340 410 → h = 1.25, 2.5, 3.75.
        #expect(desc.contains("concise, chosen: n = 6, median 205, quartiles 135 and 312.5"))
        #expect(desc.contains("detailed, rejected: n = 4, median 1,000, quartiles 850 and 1,150"))
        #expect(desc.contains("concise, rejected: n = 6, median 280, quartiles 177.5 and 367.5, whiskers 88 to 390, 1 outlier"))
        #expect(desc.contains("numpy's default linear interpolation"))
        #expect(desc.contains("1.5 × IQR"))
        #expect(desc.contains("chosen (blue, circles); rejected (vermillion, triangles)"))
    }

    @Test func medianLabelsAreDrawn() {
        let texts = PlotXMLProbe.parse(Self.sample().svg()).probe.elements(named: "text").map(\.text)
        for median in ["205", "280", "1,075", "1,000"] { #expect(texts.contains(median), "\(median)") }
    }

    @Test func dataDerivedTextIsEscaped() {
        let evil = "<script>&\""
        let chart = StripChart(id: "evil", title: evil, valueLabel: evil,
                               groups: [.init(name: evil, series: [(evil, [1, 2, 3]), (evil, [])])],
                               caption: evil)
        let svg = chart.svg()
        #expect(!svg.contains("<script"))
        #expect(svg.contains("&lt;script&gt;&amp;&quot;"))
        let (ok, probe) = PlotXMLProbe.parse(svg)
        #expect(ok, "\(String(describing: probe.error))")
        #expect(probe.elements(named: "title").first?.text == evil)
        #expect(probe.elements(named: "text").filter { $0.text == evil }.count >= 4)
    }

    @Test func emptyAndNonFiniteInput() {
        let empty = StripChart(id: "e", title: "empty", valueLabel: "v", groups: [])
        let (ok, probe) = PlotXMLProbe.parse(empty.svg())
        #expect(ok)
        #expect(probe.elements(named: "text").contains { $0.text == "no data" })
        #expect(probe.desc.contains("No data."))

        let nan = StripChart(id: "n", title: "nan", valueLabel: "v",
                             groups: [.init(name: "g", series: [("a", [1, .nan, 3, .infinity]), ("b", [])])])
        let svg = nan.svg()
        let parsed = PlotXMLProbe.parse(svg)
        #expect(parsed.ok)
        #expect(parsed.probe.desc.contains("g, a: n = 2, median 2, quartiles 1.5 and 2.5, whiskers 1 to 3 (2 values left out: 2 NaN or infinite)"))
        #expect(parsed.probe.desc.contains("g, b: no data"))
        #expect(parsed.probe.elements(named: "text").contains { $0.text == "b: no data" })
        #expect(!svg.lowercased().contains("nan\""))

        let log = StripChart(id: "l", title: "log", valueLabel: "v",
                             groups: [.init(name: "g", series: [("a", [0, -1, 10, 100])])], valueLog: true)
        #expect(PlotXMLProbe.parse(log.svg()).probe.desc.contains("(2 values left out: 2 ≤ 0 on the log scale)"))
    }

    @Test func jitterIsDeterministicAndBounded() {
        var seen = Set<Double>()
        for i in 0..<1000 {
            let j = StripChart.jitter(group: 1, series: 0, index: i)
            #expect(j >= -1 && j < 1)
            #expect(j == StripChart.jitter(group: 1, series: 0, index: i))
            seen.insert((j * 4).rounded(.down))
        }
        #expect(seen == [-4, -3, -2, -1, 0, 1, 2, 3])   // spread over the whole range
        #expect(Self.sample().svg() == Self.sample().svg())
        #expect(Self.sample(log: true).svg() == Self.sample(log: true).svg())
    }

    @Test func logAxisAndPositions() {
        let chart = Self.sample(log: true)
        let all = chart.boxes()
        let axis = chart.axis(all)
        #expect(axis.ticks == [10, 100, 1000, 10000])
        #expect(chart.position(10) == chart.plotLeft)
        #expect(chart.position(10_000) == StripChart.plotRight)
        let svg = chart.svg()
        #expect(PlotXMLProbe.parse(svg).ok)
        #expect(svg.contains("(log scale)"))
    }

    @Test func manyValuesStayReasonable() {
        let values = (0..<3000).map { Double(($0 * 7919) % 5000 + 1) }
        let chart = StripChart(id: "big", title: "big", valueLabel: "v",
                               groups: [.init(name: "g", series: [("a", values), ("b", values.map { $0 * 1.5 })])],
                               valueLog: true, showPoints: true)
        let svg = chart.svg()
        #expect(svg.utf8.count < 500_000)
        #expect(PlotXMLProbe.parse(svg).ok)
    }
}

/// Writes preview SVGs (and an HTML page showing them in light and dark mode) for visual checks
/// in a browser. Runs only when CHART_PREVIEW_DIR is set; RMBENCH_SHARED_DATA (optional) adds a
/// strip chart of the real RM-Bench chat response lengths.
@Suite("ChartPreviews", .enabled(if: ProcessInfo.processInfo.environment["CHART_PREVIEW_DIR"] != nil))
struct ChartPreviews {
    @Test func writePreviews() throws {
        let environment = ProcessInfo.processInfo.environment
        let directory = URL(fileURLWithPath: environment["CHART_PREVIEW_DIR"]!)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var charts: [(String, String)] = []

        // RM-Bench Math (leaderboard) against two math benchmarks (Data/external).
        let rows: [(String, Double, Double, Double)] = [
            ("ArmoRM-Llama3-8B-v0.1", 57.5, 20.50, 92.84), ("Eurus-RM-7b", 60.2, 16.98, 60.85),
            ("internlm2-20b-reward", 66.8, 33.95, 95.08), ("internlm2-7b-reward", 71.4, 37.27, 92.84),
            ("Skywork-Reward-Llama-3.1-8B", 60.6, 22.15, 96.87),
        ]
        let scatter = ScatterChart(
            id: "preview-scatter", title: "RM-Bench Math vs math reward benchmarks",
            xLabel: "RM-Bench Math (%)", yLabel: "Accuracy (%)",
            series: [
                .init(name: "RewardMATH", points: rows.map { .init(x: $0.1, y: $0.2, label: $0.0, tooltip: "\($0.0): RM-Bench Math \($0.1) %, RewardMATH \($0.2) %") },
                      marker: .circle, showTrend: true),
                .init(name: "RewardBench math-prm", points: rows.map { .init(x: $0.1, y: $0.3, label: $0.0, tooltip: "\($0.0): RM-Bench Math \($0.1) %, math-prm \($0.3) %") },
                      marker: .triangle, showTrend: true),
            ],
            referenceLines: [(label: "RewardMATH random baseline (10 %)", y: 10), (label: "math-prm random (50 %)", y: 50)],
            caption: "RewardMATH: r = 0.93, n = 5 · math-prm: r = 0.06, n = 5", labelPoints: true)
        charts.append(("scatter", scatter.svg()))

        let big = ScatterChart(
            id: "preview-big", title: "3,000 responses: length vs reward margin",
            xLabel: "Response length (characters)", yLabel: "Reward margin",
            series: [.init(name: "chosen", points: (0..<1500).map { i in
                        let x = 30 * pow(10, Double((i * 7919) % 1000) / 400)
                        return .init(x: x, y: log10(x) * 0.8 + Double((i * 104_729) % 997) / 300 - 2, tooltip: "chosen \(i)") },
                             marker: .circle, showTrend: true),
                     .init(name: "rejected", points: (0..<1500).map { i in
                        let x = 40 * pow(10, Double((i * 6007) % 1000) / 420)
                        return .init(x: x, y: -log10(x) * 0.5 + Double((i * 7727) % 991) / 300, tooltip: "rejected \(i)") },
                             marker: .triangle, showTrend: true)],
            xLog: true)
        charts.append(("scatter-big", big.svg()))

        charts.append(("scatter-empty", ScatterChart(id: "preview-empty", title: "No results yet", xLabel: "RM-Bench Hard (%)",
                                                     yLabel: "JudgeBench (%)", series: [.init(name: "models", points: [])]).svg()))
        charts.append(("scatter-one", ScatterChart(
            id: "preview-one", title: "One model, NaN and ∞ skipped", xLabel: "RM-Bench Hard (%)", yLabel: "JudgeBench (%)",
            series: [.init(name: "models", points: [.init(x: 46.6, y: 62.29, label: "Skywork-Reward-Llama-3.1-8B"),
                                                    .init(x: .nan, y: 1), .init(x: 3, y: .infinity)], showTrend: true)],
            caption: "n = 1", labelPoints: true).svg()))

        // Response lengths: the real chat split when available, else a synthetic stand-in.
        var groups: [StripChart.Group] = []
        if let shared = environment["RMBENCH_SHARED_DATA"],
           let data = FileManager.default.contents(atPath: shared + "/chat_filtered.json"),
           let items = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] {
            for (k, style) in ["concise", "detailed plain", "detailed markdown"].enumerated() {
                func lengths(_ key: String) -> [Double] {
                    items.compactMap { ($0[key] as? [String]).map { Double($0[k].count) } }
                }
                groups.append(.init(name: style, series: [("chosen", lengths("chosen")), ("rejected", lengths("rejected"))]))
            }
        } else {
            for (k, style) in ["concise", "detailed plain", "detailed markdown"].enumerated() {
                let base = [300.0, 1500, 1800][k]
                groups.append(.init(name: style, series: [
                    ("chosen", (0..<129).map { base * pow(10, Double(($0 * 7919) % 101) / 150 - 0.3) }),
                    ("rejected", (0..<129).map { base * 1.1 * pow(10, Double(($0 * 6007) % 103) / 150 - 0.3) }),
                ]))
            }
        }
        let strip = StripChart(id: "preview-strip", title: "Chat: response length by style, chosen vs rejected",
                               valueLabel: "Response length (characters)", groups: groups, valueLog: true,
                               showPoints: true, caption: "129 chat prompts; boxes: quartiles, whiskers: 1.5 IQR")
        charts.append(("strip", strip.svg()))
        let linear = StripChart(id: "preview-strip-linear", title: "Same data, linear axis, no points",
                                valueLabel: "Response length (characters)", groups: groups)
        charts.append(("strip-linear", linear.svg()))
        charts.append(("strip-empty", StripChart(id: "preview-strip-empty", title: "Empty and NaN", valueLabel: "Length",
                                                 groups: [.init(name: "concise", series: [("chosen", []), ("rejected", [.nan, 5, 7, 9])])]).svg()))

        var html = "<!doctype html><html><head><meta charset=\"utf-8\"><meta name=\"color-scheme\" content=\"light dark\">"
        html += "<style>body{margin:8px;font-family:sans-serif}@media (prefers-color-scheme: dark){body{background:#0d1117;color:#e6edf3}}</style></head><body>\n"
        for (name, svg) in charts {
            try svg.write(to: directory.appendingPathComponent("\(name).svg"), atomically: true, encoding: .utf8)
            html += svg
        }
        html += "</body></html>\n"
        try html.write(to: directory.appendingPathComponent("all.html"), atomically: true, encoding: .utf8)
    }
}
