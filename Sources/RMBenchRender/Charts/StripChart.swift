import Foundation
import RMBenchAnalyze
import RMBenchCore

/// Distributions of values per group as horizontal box plots, one band per group and one box
/// per series inside the band (e.g. chosen vs rejected response lengths per style), as a
/// standalone, accessible SVG.
///
/// - Boxes span the first to the third quartile with the median marked; quartiles use numpy's
///   default ("linear", type 7) interpolation: for sorted values v₀…vₙ₋₁ and p ∈ {¼, ½, ¾},
///   h = (n − 1)·p and q = v⌊h⌋ + (h − ⌊h⌋)(v⌊h⌋₊₁ − v⌊h⌋).
/// - Whiskers (Tukey): to the most extreme values within 1.5 × IQR of the box, measured in the
///   displayed coordinates (log10 of the values on a log axis); values beyond are drawn as
///   outlier markers (or are visible in the strip when `showPoints`).
/// - The median value is written next to each box. With `showPoints`, every value is also drawn
///   as a light dot, jittered vertically by a hash of its position (deterministic, never random).
/// - Series are told apart by colour and marker shape (Okabe–Ito blue circles, vermillion
///   triangles, …; the shape sits on the median line and in the legend).
/// - NaN and infinite values (and values ≤ 0 on a log axis) are left out and counted in the
///   `<desc>`, which states every box's n, median and quartiles in words.
/// - Extreme finite values (beyond ±1e300, or outside 1e-300…1e300 on the log axis, such as
///   subnormals) keep their statistics but are drawn at the end of the axis (``AxisTicks``);
///   a note under the axis says so (one line each, also in the `<desc>`).
public struct StripChart: Sendable {

    public struct Group: Sendable {
        /// e.g. "concise".
        public var name: String
        /// e.g. `[("chosen", […]), ("rejected", […])]`; series i has the same colour in every group.
        public var series: [(name: String, values: [Double])]

        public init(name: String, series: [(name: String, values: [Double])]) {
            self.name = name
            self.series = series
        }
    }

    /// Unique per page; sanitized into ``idPrefix``.
    public var id: String
    public var title: String
    /// Value axis title including units, e.g. "Response length (characters)".
    public var valueLabel: String
    public var groups: [Group]
    /// Base-10 log value axis (values ≤ 0 are left out).
    public var valueLog: Bool
    /// Draw every value as a light jittered dot under the boxes.
    public var showPoints: Bool
    public var caption: String?
    /// How the chart prints a value (median labels, the `<desc>`): the formatting of the table
    /// beside it, so chart and table show the same digits. Default: ``PlotSVG/value(_:)``.
    public var valueText: @Sendable (Double) -> String

    public init(id: String, title: String, valueLabel: String, groups: [Group], valueLog: Bool = false,
                showPoints: Bool = false, caption: String? = nil,
                valueText: (@Sendable (Double) -> String)? = nil) {
        self.id = id
        self.title = title
        self.valueLabel = valueLabel
        self.groups = groups
        self.valueLog = valueLog
        self.showPoints = showPoints
        self.caption = caption
        self.valueText = valueText ?? { PlotSVG.value($0) }
    }

    public var idPrefix: String { PlotSVG.idPrefix(id) }

    // MARK: Statistics

    /// Everything drawn for one box.
    struct Box: Sendable, Equatable {
        var values: [Double]          // kept values, sorted
        var nonFinite = 0
        var nonPositive = 0
        var q1 = 0.0, median = 0.0, q3 = 0.0
        var lowerWhisker = 0.0, upperWhisker = 0.0
        var outliers: [Double] = []
        var n: Int { values.count }
    }

    static func box(_ raw: [Double], log: Bool) -> Box {
        var kept: [Double] = []
        var box = Box(values: [])
        for value in raw {
            if !value.isFinite { box.nonFinite += 1 }
            else if log && value <= 0 { box.nonPositive += 1 }
            else { kept.append(value) }
        }
        kept.sort()
        box.values = kept
        guard !kept.isEmpty else { return box }
        // Quartiles are the Analyze stage's (numpy's default interpolation).
        box.q1 = Percentile.linear(sorted: kept, 0.25)
        box.median = Percentile.linear(sorted: kept, 0.5)
        box.q3 = Percentile.linear(sorted: kept, 0.75)
        let t: (Double) -> Double = log ? { log10($0) } : { $0 }
        let iqr = t(box.q3) - t(box.q1)
        let low = t(box.q1) - 1.5 * iqr, high = t(box.q3) + 1.5 * iqr
        let inside = kept.filter { t($0) >= low && t($0) <= high }
        box.lowerWhisker = inside.first ?? box.q1
        box.upperWhisker = inside.last ?? box.q3
        box.outliers = kept.filter { t($0) < low || t($0) > high }
        return box
    }

    func boxes() -> [[Box]] {
        groups.map { group in group.series.map { Self.box($0.values, log: valueLog) } }
    }

    // MARK: Layout

    static let width = 560
    static let plotRight = 528.0
    static let plotTop = 58.0
    static let subBand = 26.0
    static let bandPadding = 14.0

    var seriesCount: Int { groups.map(\.series.count).max() ?? 0 }
    var bandHeight: Double { Self.bandPadding + Self.subBand * Double(max(seriesCount, 1)) }
    var plotLeft: Double {
        let widest = groups.map {
            PlotSVG.textWidth(PlotSVG.fit($0.name, width: 150, size: 12, bold: true), size: 12, bold: true)
        }.max() ?? 0
        return min(max(widest + 22, 70), 176)
    }
    var plotBottom: Double { Self.plotTop + bandHeight * Double(max(groups.count, 1)) }
    var height: Int {
        let all = boxes()
        return height(noteCount: notes(all, axis(all)).count)
    }

    /// Height of one note line under the axis.
    static let noteLine = 16.0

    /// The title on up to two lines (15 px, never cut short, see ``WrappedText``).
    var titleText: WrappedText { WrappedText(title, width: Double(Self.width) - 24, size: 15, bold: true) }

    /// The caption on up to two lines (11 px), nil without one.
    var captionText: WrappedText? {
        guard let caption, !caption.isEmpty else { return nil }
        return WrappedText(caption, width: Double(Self.width) - 24, size: 11)
    }

    func height(noteCount: Int) -> Int {
        let total = plotBottom + ((caption ?? "").isEmpty ? 50 : 68) + Self.noteLine * Double(noteCount)
            + titleText.extraHeight + (captionText?.extraHeight ?? 0)
        // Layout constants times the group and note counts: finite and far inside Int.
        return Int(exactly: total.rounded(.up)) ?? 0
    }

    /// The notes under the axis: values drawn at the axis end, an axis that merges distinct values.
    func notes(_ boxes: [[Box]], _ axis: AxisTicks.Axis) -> [String] {
        let beyond = boxes.joined().reduce(0) { $0 + $1.values.filter { AxisTicks.isBeyond($0, log: valueLog) }.count }
        var notes: [String] = []
        if let clamp = AxisTicks.clampNote(beyond, log: valueLog) { notes.append("Value axis: \(clamp).") }
        if let note = axis.note { notes.append("Value axis: \(note).") }
        return notes
    }

    func axis(_ boxes: [[Box]]) -> AxisTicks.Axis {
        let all = boxes.flatMap { $0 }.flatMap(\.values)
        guard let lo = all.min(), let hi = all.max() else {
            return valueLog ? AxisTicks.log(1, 10) : AxisTicks.linear(0, 1)
        }
        return valueLog ? AxisTicks.log(lo, hi) : AxisTicks.linear(lo, hi)
    }

    /// Horizontal pixel position of `value` on this chart's value axis.
    func position(_ value: Double) -> Double {
        ValueScale(axis: axis(boxes()), left: plotLeft).x(value)
    }

    /// The value axis and the plot's left edge, worked out once per drawing: the left edge
    /// measures every group name, which once per drawn value was a third of the lengths page.
    struct ValueScale {
        var axis: AxisTicks.Axis
        var left: Double

        func x(_ value: Double) -> Double {
            left + axis.fraction(value) * (StripChart.plotRight - left)
        }
    }

    /// Vertical centre of series `s` in group `g`.
    func center(group g: Int, series s: Int) -> Double {
        let count = Double(max(groups[g].series.count, 1))
        let bandTop = Self.plotTop + bandHeight * Double(g)
        let used = Self.subBand * count
        return bandTop + (bandHeight - used) / 2 + Self.subBand * (Double(s) + 0.5)
    }

    /// Deterministic jitter in [-1, 1) from a hash of the value's position.
    static func jitter(group g: Int, series s: Int, index i: Int) -> Double {
        var bytes: [UInt8] = []
        for v in [g, s, i] {
            var u = UInt32(truncatingIfNeeded: v)
            for _ in 0..<4 { bytes.append(UInt8(u & 0xFF)); u >>= 8 }
        }
        let hash = Slug.fnv1a64(bytes)
        // Mix the high bits down (FNV's low bits vary little for nearby inputs).
        let mixed = (hash ^ (hash >> 29)) &* 0xBF58_476D_1CE4_E5B9
        return Double((mixed ^ (mixed >> 32)) >> 11) / Double(1 << 53) * 2 - 1
    }

    // MARK: SVG

    public func svg() -> String {
        let p = idPrefix
        let all = boxes()
        let axis = axis(all)
        let notes = notes(all, axis)
        let height = height(noteCount: notes.count)
        let left = plotLeft, right = Self.plotRight, top = Self.plotTop, bottom = plotBottom
        let scale = ValueScale(axis: axis, left: left)
        let w = Double(Self.width), h = Double(height)
        let count = seriesCount
        let totalValues = all.flatMap { $0 }.reduce(0) { $0 + $1.n }

        var s = PlotSVG.header(prefix: p, width: Self.width, height: height, title: title,
                               desc: description(all, notes: notes))
        s += PlotSVG.Theme.style(prefix: p, seriesCount: count)
        // The title, and everything under it moved down by its second line.
        let titleText = titleText
        s += PlotSVG.lines(titleText, x: 12, y: 24, weight: "600", cls: "\(p)-fg")
        if titleText.extraHeight > 0 { s += "<g transform=\"translate(0 \(PlotSVG.n(titleText.extraHeight)))\">\n" }

        // Grid: value ticks and band separators.
        s += "<g class=\"\(p)-grid\" stroke=\"\(PlotSVG.Theme.fallbackGrid)\" stroke-opacity=\"0.4\" stroke-width=\"1\">\n"
        for tick in axis.ticks {
            let x = scale.x(tick)
            s += "<line x1=\"\(PlotSVG.n(x))\" y1=\"\(PlotSVG.n(top))\" x2=\"\(PlotSVG.n(x))\" y2=\"\(PlotSVG.n(bottom))\"/>\n"
        }
        for g in 1..<max(groups.count, 1) {
            let y = top + bandHeight * Double(g)
            s += "<line x1=\"8\" y1=\"\(PlotSVG.n(y))\" x2=\"\(PlotSVG.n(right))\" y2=\"\(PlotSVG.n(y))\"/>\n"
        }
        s += "</g>\n"

        s += "<g class=\"\(p)-axis\" stroke=\"\(PlotSVG.Theme.fallbackText)\" stroke-width=\"1\">\n"
        s += "<line x1=\"\(PlotSVG.n(left))\" y1=\"\(PlotSVG.n(bottom))\" x2=\"\(PlotSVG.n(right))\" y2=\"\(PlotSVG.n(bottom))\"/>\n"
        for tick in axis.ticks {
            let x = scale.x(tick)
            s += "<line x1=\"\(PlotSVG.n(x))\" y1=\"\(PlotSVG.n(bottom))\" x2=\"\(PlotSVG.n(x))\" y2=\"\(PlotSVG.n(bottom + 4))\"/>\n"
        }
        s += "</g>\n"
        s += "<g class=\"\(p)-ticks\">\n"
        for (tick, label) in zip(axis.ticks, axis.labels) where !label.isEmpty {
            s += PlotSVG.text(label, x: scale.x(tick), y: bottom + 17, size: 11, anchor: "middle", cls: "\(p)-muted")
        }
        s += "</g>\n"
        let axisTitle = valueLabel + (valueLog ? " (log scale)" : "")
        // On one line, smaller rather than cut when long (WrappedText with one line).
        let axisText = WrappedText(axisTitle, width: right - left, size: 12, maxLines: 1)
        s += PlotSVG.text(axisText.lines[0], x: (left + right) / 2,
                          y: bottom + 37, size: axisText.size, anchor: "middle", cls: "\(p)-fg")
        for (k, note) in notes.enumerated() {
            s += PlotSVG.text(PlotSVG.fit(note, width: w - 24, size: 11), x: 12, y: bottom + 37 + Self.noteLine * Double(k + 1),
                              size: 11, cls: "\(p)-muted \(p)-note")
        }

        // Group names.
        for (g, group) in groups.enumerated() {
            let y = top + bandHeight * (Double(g) + 0.5) + 4
            s += PlotSVG.text(PlotSVG.fit(group.name, width: 150, size: 12, bold: true), x: left - 10, y: y, size: 12,
                              anchor: "end", weight: "600", cls: "\(p)-fg")
        }

        // Strips.
        if showPoints {
            let many = totalValues > 2000
            for (g, row) in all.enumerated() {
                for (i, box) in row.enumerated() where box.n > 0 {
                    let c = PlotSVG.Theme.color(i)
                    let cy = center(group: g, series: i)
                    s += "<g class=\"\(p)-s\(i)f \(p)-strip\" fill=\"\(c.light)\" fill-opacity=\"\(many ? "0.22" : "0.35")\">\n"
                    // Jitter by the value's position in the original (unsorted) input.
                    let original = groups[g].series[i].values
                    for (index, value) in original.enumerated() where value.isFinite && (!valueLog || value > 0) {
                        let x = scale.x(value)
                        let y = cy + Self.jitter(group: g, series: i, index: index) * (Self.subBand / 2 - 3)
                        s += "<circle cx=\"\(PlotSVG.n(x))\" cy=\"\(PlotSVG.n(y))\" r=\"\(many ? "1.4" : "1.8")\"/>\n"
                    }
                    s += "</g>\n"
                }
            }
        }

        // Boxes.
        for (g, row) in all.enumerated() {
            for (i, box) in row.enumerated() {
                s += boxSVG(box, group: g, series: i, scale: scale)
            }
        }

        if totalValues == 0 {
            s += PlotSVG.text("no data", x: (left + right) / 2, y: (top + bottom) / 2 + 5, size: 14,
                              anchor: "middle", cls: "\(p)-muted")
        }

        // Legend.
        if count > 0 {
            var x = 12.0
            for i in 0..<count {
                let c = PlotSVG.Theme.color(i)
                let name = PlotSVG.fit(seriesName(i), width: (w - 24) / Double(count) - 30, size: 12)
                s += "<g class=\"\(p)-legend\">"
                s += "<rect x=\"\(PlotSVG.n(x))\" y=\"35\" width=\"20\" height=\"12\" rx=\"2\" fill=\"\(c.light)\""
                s += " fill-opacity=\"0.25\" stroke=\"\(c.light)\" stroke-width=\"1.5\" class=\"\(p)-s\(i)f \(p)-s\(i)s\"/>"
                s += PlotSVG.marker(PlotSVG.Theme.shapes[i % 3], x: x + 10, y: 41, r: 3.6,
                                    attributes: "fill=\"\(c.light)\" stroke-width=\"1\" class=\"\(p)-s\(i)f \(p)-mk\"")
                s += PlotSVG.text(name, x: x + 26, y: 45, size: 12, cls: "\(p)-fg")
                s += "</g>\n"
                x += 26 + PlotSVG.textWidth(name, size: 12) + 22
            }
            let note = "numbers: medians"
            if x + PlotSVG.textWidth(note, size: 11) <= w - 12 {
                s += PlotSVG.text(note, x: w - 12, y: 45, size: 11, anchor: "end", cls: "\(p)-muted")
            }
        }

        if titleText.extraHeight > 0 { s += "</g>\n" }
        if let captionText {
            s += PlotSVG.lines(captionText, x: w / 2, y: h - 10 - captionText.extraHeight, anchor: "middle", cls: "\(p)-muted")
        }
        s += "</svg>\n"
        return s
    }

    /// The name of series `i`: from the first group that has it.
    func seriesName(_ i: Int) -> String {
        groups.first { $0.series.count > i }?.series[i].name ?? "series \(i + 1)"
    }

    private func boxSVG(_ box: Box, group g: Int, series i: Int, scale: ValueScale) -> String {
        let p = idPrefix
        let c = PlotSVG.Theme.color(i)
        let cy = center(group: g, series: i)
        let half = 7.0
        var s = "<g class=\"\(p)-box\"><title>\(Escape.xml(boxSentence(box, group: g, series: i)))</title>\n"
        guard box.n > 0 else {
            s += PlotSVG.text("\(groups[g].series[i].name): no data", x: scale.left + 6, y: cy + 4, size: 11,
                              cls: "\(p)-muted")
            return s + "</g>\n"
        }
        let x1 = scale.x(box.q1), x3 = scale.x(box.q3), xm = scale.x(box.median)
        let xl = scale.x(box.lowerWhisker), xu = scale.x(box.upperWhisker)
        let stroke = "stroke=\"\(c.light)\" class=\"\(p)-s\(i)s\""
        // Whiskers with end caps.
        s += "<path d=\"M\(PlotSVG.n(xl)) \(PlotSVG.n(cy))H\(PlotSVG.n(x1))M\(PlotSVG.n(x3)) \(PlotSVG.n(cy))H\(PlotSVG.n(xu))"
        s += "M\(PlotSVG.n(xl)) \(PlotSVG.n(cy - 4))V\(PlotSVG.n(cy + 4))M\(PlotSVG.n(xu)) \(PlotSVG.n(cy - 4))V\(PlotSVG.n(cy + 4))\""
        s += " fill=\"none\" stroke-width=\"1.5\" \(stroke)/>\n"
        // Box.
        s += "<rect x=\"\(PlotSVG.n(x1))\" y=\"\(PlotSVG.n(cy - half))\" width=\"\(PlotSVG.n(max(x3 - x1, 0)))\""
        s += " height=\"\(PlotSVG.n(2 * half))\" fill=\"\(c.light)\" fill-opacity=\"0.22\" stroke-width=\"1.5\""
        s += " stroke=\"\(c.light)\" class=\"\(p)-s\(i)f \(p)-s\(i)s\"/>\n"
        // Median line and the series' marker on it.
        s += "<line x1=\"\(PlotSVG.n(xm))\" y1=\"\(PlotSVG.n(cy - half))\" x2=\"\(PlotSVG.n(xm))\" y2=\"\(PlotSVG.n(cy + half))\""
        s += " stroke-width=\"2.5\" \(stroke)/>\n"
        s += PlotSVG.marker(PlotSVG.Theme.shapes[i % 3], x: xm, y: cy, r: 3.6,
                            attributes: "fill=\"\(c.light)\" stroke-width=\"1\" class=\"\(p)-s\(i)f \(p)-mk\"")
        // Outliers (hollow markers) unless the strip shows every value already.
        if !showPoints && !box.outliers.isEmpty {
            s += "<g fill=\"none\" stroke-width=\"1\" \(stroke)>"
            for value in box.outliers {
                s += "<circle cx=\"\(PlotSVG.n(scale.x(value)))\" cy=\"\(PlotSVG.n(cy))\" r=\"2.5\"/>"
            }
            s += "</g>\n"
        }
        // Median label: right of the upper whisker, else left of the lower one, else above the box.
        let label = valueText(box.median)
        let tw = PlotSVG.textWidth(label, size: 10.5)
        let rightEnd = max(xu, box.outliers.last.map { scale.x($0) } ?? xu)
        let leftEnd = min(xl, box.outliers.first.map { scale.x($0) } ?? xl)
        if rightEnd + 6 + tw <= Double(Self.width) - 4 {
            s += PlotSVG.text(label, x: rightEnd + 6, y: cy + 4, size: 10.5, cls: "\(p)-fg \(p)-median")
        } else if leftEnd - 6 - tw >= scale.left {
            s += PlotSVG.text(label, x: leftEnd - 6, y: cy + 4, size: 10.5, anchor: "end", cls: "\(p)-fg \(p)-median")
        } else {
            let x = min(max(xm, scale.left + tw / 2), Double(Self.width) - 4 - tw / 2)
            s += PlotSVG.text(label, x: x, y: cy - half - 3, size: 10.5, anchor: "middle", cls: "\(p)-fg \(p)-median")
        }
        return s + "</g>\n"
    }

    // MARK: Words

    private func boxSentence(_ box: Box, group g: Int, series i: Int) -> String {
        let subject = "\(groups[g].name), \(groups[g].series[i].name)"
        var sentence: String
        if box.n == 0 {
            sentence = "\(subject): no data"
        } else {
            sentence = "\(subject): n = \(box.n), median \(valueText(box.median)), "
                + "quartiles \(valueText(box.q1)) and \(valueText(box.q3)), "
                + "whiskers \(valueText(box.lowerWhisker)) to \(valueText(box.upperWhisker))"
            if !box.outliers.isEmpty {
                sentence += ", \(box.outliers.count) outlier\(box.outliers.count == 1 ? "" : "s")"
            }
        }
        let skipped = box.nonFinite + box.nonPositive
        if skipped > 0 {
            var why: [String] = []
            if box.nonFinite > 0 { why.append("\(box.nonFinite) NaN or infinite") }
            if box.nonPositive > 0 { why.append("\(box.nonPositive) ≤ 0 on the log scale") }
            sentence += " (\(skipped) value\(skipped == 1 ? "" : "s") left out: " + why.joined(separator: ", ") + ")"
        }
        return sentence
    }

    /// The `<desc>`: what is plotted, how boxes and whiskers are defined, every box's n,
    /// median and quartiles, and the notes.
    func description(_ boxes: [[Box]], notes: [String]) -> String {
        var parts: [String] = []
        parts.append("Box plots of \(valueLabel)\(valueLog ? " (log scale)" : "") in \(groups.count) group\(groups.count == 1 ? "" : "s").")
        let count = seriesCount
        if count > 0 {
            let names = (0..<count).map { i in
                "\(seriesName(i)) (\(ScatterChart.colorNames[i % ScatterChart.colorNames.count]), "
                    + "\(["circles", "triangles", "squares"][i % 3]))"
            }
            parts.append("Series: " + names.joined(separator: "; ") + ".")
        }
        parts.append("Boxes span the first to the third quartile (numpy's default linear interpolation); "
                     + "whiskers reach the most extreme values within 1.5 × IQR of the box"
                     + (valueLog ? " (measured in log10)" : "") + "; values beyond are outliers.")
        var sentences: [String] = []
        for (g, row) in boxes.enumerated() {
            for (i, box) in row.enumerated() { sentences.append(boxSentence(box, group: g, series: i)) }
        }
        if sentences.isEmpty {
            parts.append("No data.")
        } else {
            parts.append(sentences.joined(separator: "; ") + ".")
        }
        if let caption, !caption.isEmpty { parts.append(caption) }
        parts += notes
        return parts.joined(separator: " ")
    }
}
