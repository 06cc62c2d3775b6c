import Foundation
import RMBenchAnalyze

/// A scatter plot of one or more series as a standalone, accessible SVG (e.g. RM-Bench Hard
/// against another benchmark, one point per reward model).
///
/// - Axes: "nice" linear ticks (steps of 1, 2 or 5 × 10^k, see ``AxisTicks``), or a base-10 log
///   x axis (`xLog`, e.g. for lengths) with ticks at decades (and at 2 and 5 × 10^k when at most
///   two decades are shown). Both domains cover every drawn point and every reference line.
/// - Plot area (the mapping ``project(x:y:)`` implements): the x domain maps linearly (for a
///   log axis: log10(x) maps linearly) onto pixels 70…540, the y domain onto pixels 350…56
///   (upwards), in a 560 × 420 canvas (taller by the notes).
/// - Series are told apart by marker shape **and** colour (Okabe–Ito blue, vermillion, …;
///   lighter variants in dark mode); a legend is drawn when there is more than one series.
/// - Trend lines (`showTrend`): ordinary least squares of y on x in the displayed coordinates
///   (on log10(x) when `xLog`), drawn over the series' own x range and clipped to the plot;
///   series 2 and later use dashed lines. Needs two distinct x values.
/// - Points with a NaN or infinite coordinate (and, on a log axis, x ≤ 0) are left out; the
///   `<desc>` says how many. With more than ``manyPoints`` points the markers are small and
///   translucent and no point labels are drawn.
/// - Point labels (`labelPoints`, at most ``maxLabels``) and reference-line labels never overlap
///   each other or a marker: ``LabelPlacer`` puts each beside its point, else further out with a
///   leader line; a label that fits nowhere is left out and named in the `<desc>`.
/// - The title and the caption wrap onto a second line (or shrink) rather than being cut
///   (``WrappedText``); the canvas grows by the extra lines.
/// - Values print through `valueText` (the formatting of the page's tables).
/// - Extreme finite values (beyond ±1e300, or outside 1e-300…1e300 on the log axis) are drawn
///   at the end of the axis (``AxisTicks``), a trend whose least-squares sums overflow is not
///   drawn, and either is said in a note under the plot (one line each, also in the `<desc>`;
///   the canvas grows by 16 px per line). Tooltips and the `<desc>` keep the values as given.
///
/// Every data-derived text is XML-escaped; ids and classes start with ``idPrefix``; the output
/// depends only on the input (no randomness, POSIX number formatting).
public struct ScatterChart: Sendable {

    /// Marker shape of a series.
    public enum Marker: Sendable, Equatable {
        case circle, triangle, square
    }

    public struct Point: Sendable, Equatable {
        public var x: Double
        public var y: Double
        /// Drawn next to the point when the chart's `labelPoints` is true.
        public var label: String?
        /// Shown on hover (the marker's `<title>`); empty → "series: (x, y)".
        public var tooltip: String

        public init(x: Double, y: Double, label: String? = nil, tooltip: String = "") {
            self.x = x
            self.y = y
            self.label = label
            self.tooltip = tooltip
        }
    }

    public struct Series: Sendable, Equatable {
        public var name: String
        public var points: [Point]
        public var marker: Marker
        public var showTrend: Bool

        public init(name: String, points: [Point], marker: Marker = .circle, showTrend: Bool = false) {
            self.name = name
            self.points = points
            self.marker = marker
            self.showTrend = showTrend
        }
    }

    /// Unique per page; sanitized into ``idPrefix``.
    public var id: String
    public var title: String
    /// Axis titles including units, e.g. "RM-Bench Hard (%)".
    public var xLabel: String
    public var yLabel: String
    public var series: [Series]
    /// Horizontal dashed lines, e.g. baselines.
    public var referenceLines: [(label: String, y: Double)]
    /// Drawn under the plot, e.g. "r = 0.55 (p = 0.07), ρ = 0.49, n = 12".
    public var caption: String?
    public var labelPoints: Bool
    public var xLog: Bool
    /// How the chart prints a data value (default tooltips, reference lines, the `<desc>`'s
    /// points): the formatting of the page's tables, so chart and table show the same digits.
    /// Default: ``PlotSVG/value(_:)``. Trend coefficients keep ``PlotSVG/value(_:)``.
    public var valueText: @Sendable (Double) -> String

    public init(id: String, title: String, xLabel: String, yLabel: String, series: [Series],
                referenceLines: [(label: String, y: Double)] = [], caption: String? = nil,
                labelPoints: Bool = false, xLog: Bool = false,
                valueText: (@Sendable (Double) -> String)? = nil) {
        self.id = id
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.series = series
        self.referenceLines = referenceLines
        self.caption = caption
        self.labelPoints = labelPoints
        self.xLog = xLog
        self.valueText = valueText ?? { PlotSVG.value($0) }
    }

    public var idPrefix: String { PlotSVG.idPrefix(id) }

    // MARK: Layout

    static let width = 560
    static let height = 420
    static let plotLeft = 70.0
    static let plotRight = 540.0
    static let plotTop = 56.0
    static let plotBottom = 350.0
    /// Above this many drawn points: small translucent markers, no point labels.
    public static let manyPoints = 400

    /// Height in px of one note line under the plot.
    static let noteLine = 16

    /// Whether the points get hover titles (their `tooltip`): only when few enough are drawn.
    /// A caller with thousands of points asks first and skips making tooltips no one sees.
    public var drawsPointTitles: Bool { cleaned().total <= Self.manyPoints }

    /// The points that are drawn, per series, and how many were left out and why; how many
    /// coordinates lie beyond what the axes show (drawn at the axis end).
    struct Cleaned {
        var series: [[Point]]
        var nonFinite = 0
        var nonPositive = 0
        var xBeyond = 0
        var yBeyond = 0
        var total: Int { series.reduce(0) { $0 + $1.count } }
        var skipped: Int { nonFinite + nonPositive }
    }

    func cleaned() -> Cleaned {
        var out = Cleaned(series: [])
        for s in series {
            var kept: [Point] = []
            for point in s.points {
                if !point.x.isFinite || !point.y.isFinite {
                    out.nonFinite += 1
                } else if xLog && point.x <= 0 {
                    out.nonPositive += 1
                } else {
                    kept.append(point)
                    if AxisTicks.isBeyond(point.x, log: xLog) { out.xBeyond += 1 }
                    if AxisTicks.isBeyond(point.y, log: false) { out.yBeyond += 1 }
                }
            }
            out.series.append(kept)
        }
        out.yBeyond += referenceLines.filter { AxisTicks.isBeyond($0.y, log: false) }.count
        return out
    }

    /// The x and y axes for the drawn points and the reference lines.
    func axes(_ data: Cleaned) -> (x: AxisTicks.Axis, y: AxisTicks.Axis) {
        let points = data.series.flatMap { $0 }
        let xs = points.map(\.x)
        var ys = points.map(\.y)
        ys += referenceLines.map(\.y).filter(\.isFinite)
        let xAxis: AxisTicks.Axis
        if xs.isEmpty {
            xAxis = xLog ? AxisTicks.log(1, 10) : AxisTicks.linear(0, 1)
        } else {
            xAxis = xLog ? AxisTicks.log(xs.min()!, xs.max()!) : AxisTicks.linear(xs.min()!, xs.max()!)
        }
        let yAxis = ys.isEmpty ? AxisTicks.linear(0, 1) : AxisTicks.linear(ys.min()!, ys.max()!)
        return (xAxis, yAxis)
    }

    /// Pixel coordinates of the data point (`x`, `y`) in this chart: x domain → 70…540,
    /// y domain → 350…56 (log10 for a log x axis).
    func project(x: Double, y: Double) -> (Double, Double) {
        let (xAxis, yAxis) = axes(cleaned())
        return Self.project(x: x, y: y, xAxis, yAxis)
    }

    static func project(x: Double, y: Double, _ xAxis: AxisTicks.Axis, _ yAxis: AxisTicks.Axis) -> (Double, Double) {
        (plotLeft + xAxis.fraction(x) * (plotRight - plotLeft),
         plotBottom - yAxis.fraction(y) * (plotBottom - plotTop))
    }

    /// The displayed coordinate u of `x`: x, or log10 x when `xLog`, within what the axis shows.
    func u(_ x: Double) -> Double {
        let clamped = AxisTicks.clamped(x, log: xLog)
        return xLog ? log10(clamped) : clamped
    }

    /// Least-squares fit y = intercept + slope · u with u = x (or log10 x when `xLog`), and
    /// the u range of the points, on the coordinates as drawn (clamped to the axes); nil for
    /// fewer than two distinct u values, or when the sums overflow (see ``trendTooExtreme(_:)``).
    func trend(_ points: [Point]) -> (intercept: Double, slope: Double, uMin: Double, uMax: Double)? {
        let us = points.map { u($0.x) }
        let ys = points.map { AxisTicks.clamped($0.y, log: false) }
        guard us.count >= 2, let uMin = us.min(), let uMax = us.max(), uMax > uMin,
              let fit = LeastSquares(x: us, y: ys) else { return nil }
        let ends = [fit.intercept + fit.slope * uMin, fit.intercept + fit.slope * uMax]
        guard fit.slope.isFinite, fit.intercept.isFinite, ends.allSatisfy(\.isFinite) else { return nil }
        return (fit.intercept, fit.slope, uMin, uMax)
    }

    /// True when the points have two distinct u values but ``trend(_:)`` found no finite fit.
    func trendTooExtreme(_ points: [Point]) -> Bool {
        let us = points.map { u($0.x) }
        guard let uMin = us.min(), let uMax = us.max(), uMax > uMin else { return false }
        return trend(points) == nil
    }

    /// The notes under the plot: coordinates drawn at an axis end, axes that merge distinct
    /// values, trends not drawn.
    func notes(_ data: Cleaned, _ xAxis: AxisTicks.Axis, _ yAxis: AxisTicks.Axis) -> [String] {
        var notes: [String] = []
        if let clamp = AxisTicks.clampNote(data.xBeyond, log: xLog) { notes.append("x axis: \(clamp).") }
        if let note = xAxis.note { notes.append("x axis: \(note).") }
        if let clamp = AxisTicks.clampNote(data.yBeyond, log: false) { notes.append("y axis: \(clamp).") }
        if let note = yAxis.note { notes.append("y axis: \(note).") }
        for (index, points) in data.series.enumerated() where series[index].showTrend && trendTooExtreme(points) {
            notes.append("No trend line for \(series[index].name): the values are too extreme to fit.")
        }
        return notes
    }

    /// The canvas height: 420 px, one line per note, and the title's and caption's second lines.
    func height(noteCount: Int) -> Int {
        let extra = titleText.extraHeight + (captionText?.extraHeight ?? 0)
        // Layout constants: finite and far inside Int.
        return Self.height + Self.noteLine * noteCount + (Int(exactly: extra.rounded(.up)) ?? 0)
    }

    /// The title on up to two lines (15 px, never cut short, see ``WrappedText``).
    var titleText: WrappedText { WrappedText(title, width: Double(Self.width) - 24, size: 15, bold: true) }

    /// The caption on up to two lines (11 px), nil without one.
    var captionText: WrappedText? {
        guard let caption, !caption.isEmpty else { return nil }
        return WrappedText(caption, width: Double(Self.width) - 24, size: 11)
    }

    static func shape(_ marker: Marker) -> PlotSVG.Shape {
        switch marker {
        case .circle: return .circle
        case .triangle: return .triangle
        case .square: return .square
        }
    }

    static let colorNames = ["blue", "vermillion", "green", "purple", "orange"]
    static let dashes = ["", "7 4", "2 3", "9 3 2 3", "4 2"]

    static func markerName(_ marker: Marker) -> String {
        switch marker {
        case .circle: return "circles"
        case .triangle: return "triangles"
        case .square: return "squares"
        }
    }

    // MARK: SVG

    /// A drawn chart with what a page needs to show it as an image file instead of inline:
    /// its size and the text its `<title>` and `<desc>` hold (the image's alternative text).
    public struct Drawing: Sendable {
        public var svg: String
        public var width: Int
        public var height: Int
        public var title: String
        public var description: String
    }

    public func svg() -> String { draw().svg }

    public func draw() -> Drawing {
        let p = idPrefix
        let data = cleaned()
        let (xAxis, yAxis) = axes(data)
        let notes = notes(data, xAxis, yAxis)
        let height = height(noteCount: notes.count)
        let w = Double(Self.width), h = Double(height)
        let left = Self.plotLeft, right = Self.plotRight, top = Self.plotTop, bottom = Self.plotBottom
        let many = data.total > Self.manyPoints
        func proj(_ x: Double, _ y: Double) -> (Double, Double) { Self.project(x: x, y: y, xAxis, yAxis) }
        // Labels are laid out before anything is drawn (markers, reference lines and trends are
        // their obstacles), so the <desc> can name the labels that found no room.
        let radius = many ? 2.4 : 4.5
        let layout = labelLayout(data, xAxis, yAxis, radius: radius)

        let desc = description(data, notes: notes, layout: layout)
        var s = PlotSVG.header(prefix: p, width: Self.width, height: height, title: title, desc: desc)
        s += PlotSVG.Theme.style(prefix: p, seriesCount: series.count)
        s += "<defs><clipPath id=\"\(p)-clip\"><rect x=\"\(PlotSVG.n(left))\" y=\"\(PlotSVG.n(top))\""
        s += " width=\"\(PlotSVG.n(right - left))\" height=\"\(PlotSVG.n(bottom - top))\"/></clipPath></defs>\n"

        // The title, and everything under it moved down by its second line.
        let titleText = titleText
        s += PlotSVG.lines(titleText, x: 12, y: 24, weight: "600", cls: "\(p)-fg")
        if titleText.extraHeight > 0 { s += "<g transform=\"translate(0 \(PlotSVG.n(titleText.extraHeight)))\">\n" }

        // Gridlines and ticks.
        s += "<g class=\"\(p)-grid\" stroke=\"\(PlotSVG.Theme.fallbackGrid)\" stroke-opacity=\"0.4\" stroke-width=\"1\">\n"
        for tick in xAxis.ticks {
            let (x, _) = proj(tick, yAxis.ticks.first ?? 0)
            s += "<line x1=\"\(PlotSVG.n(x))\" y1=\"\(PlotSVG.n(top))\" x2=\"\(PlotSVG.n(x))\" y2=\"\(PlotSVG.n(bottom))\"/>\n"
        }
        for tick in yAxis.ticks {
            let (_, y) = proj(xAxis.ticks.first ?? 1, tick)
            s += "<line x1=\"\(PlotSVG.n(left))\" y1=\"\(PlotSVG.n(y))\" x2=\"\(PlotSVG.n(right))\" y2=\"\(PlotSVG.n(y))\"/>\n"
        }
        s += "</g>\n"

        s += "<g class=\"\(p)-axis\" stroke=\"\(PlotSVG.Theme.fallbackText)\" stroke-width=\"1\">\n"
        s += "<line x1=\"\(PlotSVG.n(left))\" y1=\"\(PlotSVG.n(bottom))\" x2=\"\(PlotSVG.n(right))\" y2=\"\(PlotSVG.n(bottom))\"/>\n"
        s += "<line x1=\"\(PlotSVG.n(left))\" y1=\"\(PlotSVG.n(top))\" x2=\"\(PlotSVG.n(left))\" y2=\"\(PlotSVG.n(bottom))\"/>\n"
        for tick in xAxis.ticks {
            let (x, _) = proj(tick, yAxis.ticks.first ?? 0)
            s += "<line x1=\"\(PlotSVG.n(x))\" y1=\"\(PlotSVG.n(bottom))\" x2=\"\(PlotSVG.n(x))\" y2=\"\(PlotSVG.n(bottom + 4))\"/>\n"
        }
        for tick in yAxis.ticks {
            let (_, y) = proj(xAxis.ticks.first ?? 1, tick)
            s += "<line x1=\"\(PlotSVG.n(left - 4))\" y1=\"\(PlotSVG.n(y))\" x2=\"\(PlotSVG.n(left))\" y2=\"\(PlotSVG.n(y))\"/>\n"
        }
        s += "</g>\n"

        s += "<g class=\"\(p)-ticks\">\n"
        for (tick, label) in zip(xAxis.ticks, xAxis.labels) where !label.isEmpty {
            let (x, _) = proj(tick, yAxis.ticks.first ?? 0)
            s += PlotSVG.text(label, x: x, y: bottom + 17, size: 11, anchor: "middle", cls: "\(p)-muted")
        }
        for (tick, label) in zip(yAxis.ticks, yAxis.labels) where !label.isEmpty {
            let (_, y) = proj(xAxis.ticks.first ?? 1, tick)
            s += PlotSVG.text(label, x: left - 7, y: y + 4, size: 11, anchor: "end", cls: "\(p)-muted")
        }
        s += "</g>\n"

        // Axis titles.
        let xTitle = xLabel + (xLog ? " (log scale)" : "")
        // On one line each, smaller rather than cut when long (WrappedText with one line).
        let xText = WrappedText(xTitle, width: right - left, size: 12, maxLines: 1)
        s += PlotSVG.text(xText.lines[0], x: (left + right) / 2,
                          y: bottom + 37, size: xText.size, anchor: "middle", cls: "\(p)-fg")
        let yMid = (top + bottom) / 2
        let yText = WrappedText(yLabel, width: bottom - top + 40, size: 12, maxLines: 1)
        s += PlotSVG.text(yText.lines[0], x: 18, y: yMid, size: yText.size,
                          anchor: "middle", cls: "\(p)-fg",
                          extra: " transform=\"rotate(-90 18 \(PlotSVG.n(yMid)))\"")

        // Reference lines.
        for (index, line) in referenceLines.enumerated() where line.y.isFinite {
            let (_, y) = proj(xAxis.ticks.first ?? 1, line.y)
            s += "<g class=\"\(p)-ref\"><title>\(Escape.xml("\(line.label): \(valueText(line.y))"))</title>\n"
            s += "<line x1=\"\(PlotSVG.n(left))\" y1=\"\(PlotSVG.n(y))\" x2=\"\(PlotSVG.n(right))\" y2=\"\(PlotSVG.n(y))\""
            s += " stroke=\"\(PlotSVG.Theme.fallbackText)\" stroke-width=\"1.5\" stroke-dasharray=\"5 4\" class=\"\(p)-axis\"/>\n"
            if let placed = layout.references[index] {
                s += PlotSVG.text(placed.text, x: placed.placement.x, y: placed.placement.y, size: Self.referenceLabelSize,
                                  anchor: placed.placement.anchor.rawValue, cls: "\(p)-muted \(p)-halo \(p)-label", extra: Self.halo)
            }
            s += "</g>\n"
        }

        // Trend lines, clipped to the plot area: under the markers, or over them when there are
        // many (with a halo in the background colour, so they stay visible).
        var trendLines = ""
        for (index, points) in data.series.enumerated() where series[index].showTrend {
            guard let fit = trend(points) else { continue }
            let c = PlotSVG.Theme.color(index)
            let x0 = xLog ? pow(10, fit.uMin) : fit.uMin
            let x1 = xLog ? pow(10, fit.uMax) : fit.uMax
            let (px0, py0) = proj(x0, fit.intercept + fit.slope * fit.uMin)
            let (px1, py1) = proj(x1, fit.intercept + fit.slope * fit.uMax)
            let dash = Self.dashes[index % Self.dashes.count]
            trendLines += "<line x1=\"\(PlotSVG.n(px0))\" y1=\"\(PlotSVG.n(py0))\" x2=\"\(PlotSVG.n(px1))\" y2=\"\(PlotSVG.n(py1))\""
            trendLines += " stroke=\"none\" stroke-width=\"5\" stroke-opacity=\"0.8\" stroke-linecap=\"round\""
            trendLines += " clip-path=\"url(#\(p)-clip)\" class=\"\(p)-halo\"/>\n"
            trendLines += "<line x1=\"\(PlotSVG.n(px0))\" y1=\"\(PlotSVG.n(py0))\" x2=\"\(PlotSVG.n(px1))\" y2=\"\(PlotSVG.n(py1))\""
            trendLines += " stroke=\"\(c.light)\" stroke-width=\"2.25\""
            if !dash.isEmpty { trendLines += " stroke-dasharray=\"\(dash)\"" }
            trendLines += " clip-path=\"url(#\(p)-clip)\" class=\"\(p)-s\(index)s \(p)-trend\">"
            trendLines += "<title>\(Escape.xml(trendSentence(series[index].name, fit: fit, n: points.count)))</title></line>\n"
        }

        if !many { s += trendLines }

        // Markers.
        for (index, points) in data.series.enumerated() where !points.isEmpty {
            let c = PlotSVG.Theme.color(index)
            let shape = Self.shape(series[index].marker)
            if many {
                // Dense series carry their paint on the group, so each marker is only its position.
                s += "<g class=\"\(p)-series \(p)-s\(index)f\" fill=\"\(c.light)\" fill-opacity=\"0.45\">\n"
            } else {
                s += "<g class=\"\(p)-series\">\n"
            }
            let attributes = "fill=\"\(c.light)\" fill-opacity=\"0.9\" stroke-width=\"1\" class=\"\(p)-s\(index)f \(p)-mk\""
            // The markers are made as bytes: a dense series has thousands.
            var markers: [UInt8] = []
            markers.reserveCapacity(points.count * 48)
            for point in points {
                let (x, y) = proj(point.x, point.y)
                // Thousands of hover titles would make the page heavy and no one hovers them
                // one by one; dense charts describe their points in <desc> only.
                guard !many else {
                    PlotSVG.appendMarker(shape, x: x, y: y, r: radius, attributes: "", to: &markers)
                    continue
                }
                let tip = point.tooltip.isEmpty
                    ? "\(series[index].name): (\(valueText(point.x)), \(valueText(point.y)))"
                    : point.tooltip
                PlotSVG.appendMarker(shape, x: x, y: y, r: radius, attributes: attributes, title: Escape.xml(tip), to: &markers)
            }
            s += String(decoding: markers, as: UTF8.self)
            s += "</g>\n"
        }

        if many { s += trendLines }

        // Point labels (and their leader lines).
        if !layout.points.isEmpty {
            s += "<g class=\"\(p)-labels\">\n"
            for (text, placement) in layout.points {
                if let leader = placement.leader {
                    s += "<line x1=\"\(PlotSVG.n(leader.x1))\" y1=\"\(PlotSVG.n(leader.y1))\" x2=\"\(PlotSVG.n(leader.x2))\" y2=\"\(PlotSVG.n(leader.y2))\""
                    s += " stroke=\"\(PlotSVG.Theme.fallbackText)\" stroke-width=\"0.75\" class=\"\(p)-axis \(p)-leader\"/>\n"
                }
                s += PlotSVG.text(text, x: placement.x, y: placement.y, size: Self.pointLabelSize,
                                  anchor: placement.anchor.rawValue, cls: "\(p)-fg \(p)-halo \(p)-label", extra: Self.halo)
            }
            s += "</g>\n"
        }

        if data.total == 0 {
            s += PlotSVG.text("no data", x: (left + right) / 2, y: yMid + 5, size: 14, anchor: "middle", cls: "\(p)-muted")
        }

        // Legend.
        if series.count > 1 {
            let budget = (w - 2 * left) / Double(series.count) - 26
            var x = left
            for (index, one) in series.enumerated() {
                let c = PlotSVG.Theme.color(index)
                let name = PlotSVG.fit(one.name, width: max(budget, 40), size: 12)
                s += "<g class=\"\(p)-legend\">"
                s += PlotSVG.marker(Self.shape(one.marker), x: x + 5, y: 41, r: 5,
                                    attributes: "fill=\"\(c.light)\" class=\"\(p)-s\(index)f\"")
                s += PlotSVG.text(name, x: x + 15, y: 45, size: 12, cls: "\(p)-fg")
                s += "</g>\n"
                x += 15 + PlotSVG.textWidth(name, size: 12) + 22
            }
        }

        for (k, note) in notes.enumerated() {
            s += PlotSVG.text(PlotSVG.fit(note, width: w - 24, size: 11), x: 12, y: Double(Self.height - 10 + Self.noteLine * k),
                              size: 11, cls: "\(p)-muted \(p)-note")
        }
        if titleText.extraHeight > 0 { s += "</g>\n" }
        if let captionText {
            s += PlotSVG.lines(captionText, x: w / 2, y: h - 10 - captionText.extraHeight, anchor: "middle", cls: "\(p)-muted")
        }
        s += "</svg>\n"
        return Drawing(svg: s, width: Self.width, height: height, title: title, description: desc)
    }

    /// Font sizes of point labels and reference-line labels.
    static let pointLabelSize = 10.5
    static let referenceLabelSize = 11.0
    /// A halo in the background colour (the `-halo` class sets it per colour scheme), so a line
    /// passing behind a label does not strike through it.
    static let halo = " stroke=\"\(PlotSVG.Theme.lightBackground)\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\""

    /// Where the labels go: the reference lines' labels first (along their line), then the
    /// points' labels, most crowded point first (most other markers within 60 px; ties in input
    /// order), each at the first place ``LabelPlacer`` finds free. Labels that fit nowhere are
    /// not drawn; their names are in `dropped` (the `<desc>` lists them; the markers keep their
    /// tooltips).
    struct LabelLayout {
        var references: [Int: (text: String, placement: LabelPlacer.Placement)] = [:]
        var points: [(text: String, placement: LabelPlacer.Placement)] = []
        var dropped: [String] = []
        var droppedReferences: [String] = []
        /// Set (to the count) when more than ``ScatterChart/maxLabels`` points have labels: none is drawn.
        var tooManyLabels: Int?
    }

    /// At most this many point labels are placed (more are not drawn at all, and the `<desc>`
    /// says so); up to ``retriedLabels`` of them, other placing orders are tried when one is left out.
    public static let maxLabels = 60
    static let retriedLabels = 40

    func labelLayout(_ data: Cleaned, _ xAxis: AxisTicks.Axis, _ yAxis: AxisTicks.Axis, radius: Double) -> LabelLayout {
        var layout = LabelLayout()
        let many = data.total > Self.manyPoints
        func proj(_ x: Double, _ y: Double) -> (Double, Double) { Self.project(x: x, y: y, xAxis, yAxis) }
        let left = Self.plotLeft, right = Self.plotRight
        // A dense chart's markers are no obstacles (no label could avoid 8,000 of them).
        let markers = many ? [] : data.series.joined().map { point -> LabelPlacer.Marker in
            let (x, y) = proj(point.x, point.y)
            return .init(x: x, y: y, radius: radius)
        }
        var lines: [LabelPlacer.Segment] = []
        var lineYs: [Int: Double] = [:]
        for (index, line) in referenceLines.enumerated() where line.y.isFinite {
            let (_, y) = proj(xAxis.ticks.first ?? 1, line.y)
            lineYs[index] = y
            lines.append(.init(x1: left, y1: y, x2: right, y2: y))
        }
        for (index, points) in data.series.enumerated() where series[index].showTrend {
            guard let fit = trend(points) else { continue }
            let (x0, y0) = proj(xLog ? pow(10, fit.uMin) : fit.uMin, fit.intercept + fit.slope * fit.uMin)
            let (x1, y1) = proj(xLog ? pow(10, fit.uMax) : fit.uMax, fit.intercept + fit.slope * fit.uMax)
            lines.append(.init(x1: x0, y1: y0, x2: x1, y2: y1))
        }
        // Labels stay over the plot (not over the tick labels or the legend) and on the canvas.
        let bounds = LabelBox(x0: left + 2, y0: Self.plotTop - 6, x1: Double(Self.width) - 4, y1: Self.plotBottom)
        var placer = LabelPlacer(bounds: bounds, markers: markers, softLines: lines)
        let referenceSize = Self.referenceLabelSize
        for (index, line) in referenceLines.enumerated() {
            guard let y = lineYs[index] else { continue }
            let text = PlotSVG.fit(line.label, width: (right - left) * 0.6, size: referenceSize)
            // Its own line is not in its way: the candidates sit 4 px off it.
            let candidates = LabelPlacer.lineCandidates(y: y, left: left, right: right,
                                                        width: LabelBox.width(text, size: referenceSize), size: referenceSize)
            if let placement = placer.place(text, size: referenceSize, tiers: [candidates]) {
                layout.references[index] = (text, placement)
            } else {
                layout.droppedReferences.append(line.label)
            }
        }
        guard labelPoints && !many else { return layout }
        let labelled = data.series.joined().filter { !($0.label ?? "").isEmpty }.count
        // Placing is quadratic in the labels; past this many a plot has no room for them anyway.
        guard labelled <= Self.maxLabels else {
            layout.tooManyLabels = labelled
            return layout
        }
        var items: [(marker: LabelPlacer.Marker, label: String, crowd: Int, order: Int)] = []
        for (order, (point, marker)) in zip(data.series.joined(), markers).enumerated() {
            guard let label = point.label, !label.isEmpty else { continue }
            let crowd = markers.filter { other in
                let dx = other.x - marker.x, dy = other.y - marker.y
                return dx * dx + dy * dy < 60 * 60
            }.count
            items.append((marker, label, crowd, order))
        }
        // The most crowded first usually fits everyone; when it does not, a few other fixed
        // orders are tried and the first with the fewest labels left out wins.
        let orders: [[Int]] = [
            items.indices.sorted { items[$0].crowd != items[$1].crowd ? items[$0].crowd > items[$1].crowd : $0 < $1 },
            Array(items.indices),
            items.indices.sorted { items[$0].marker.y != items[$1].marker.y ? items[$0].marker.y < items[$1].marker.y : $0 < $1 },
            items.indices.sorted { items[$0].marker.x != items[$1].marker.x ? items[$0].marker.x > items[$1].marker.x : $0 < $1 },
            Array(items.indices.reversed()),
        ]
        var best: (placed: [(order: Int, text: String, placement: LabelPlacer.Placement)], dropped: [String])?
        for order in items.count <= Self.retriedLabels ? orders : [orders[0]] {
            var trial = placer
            var placed: [(order: Int, text: String, placement: LabelPlacer.Placement)] = []
            var dropped: [String] = []
            for index in order {
                let item = items[index]
                let text = PlotSVG.fit(item.label, width: 200, size: Self.pointLabelSize)
                if let placement = trial.place(text, size: Self.pointLabelSize,
                                               tiers: LabelPlacer.pointCandidates(item.marker, size: Self.pointLabelSize)) {
                    placed.append((item.order, text, placement))
                } else {
                    dropped.append(item.label)
                }
            }
            if best == nil || dropped.count < best!.dropped.count { best = (placed, dropped) }
            if dropped.isEmpty { break }
        }
        let placed = best?.placed ?? []
        // In input order, like the data.
        layout.dropped = items.map(\.label).filter { label in best?.dropped.contains(label) ?? false }
        // Drawn in input order, so the SVG reads like the data.
        layout.points = placed.sorted { $0.order < $1.order }.map { ($0.text, $0.placement) }
        return layout
    }

    // MARK: Words

    private func trendSentence(_ name: String, fit: (intercept: Double, slope: Double, uMin: Double, uMax: Double), n: Int) -> String {
        let u = xLog ? "log10(x)" : "x"
        let sign = fit.slope < 0 ? "−" : "+"
        return "Trend for \(name) (least squares, n = \(n)): y = \(PlotSVG.value(fit.intercept)) \(sign) "
            + "\(PlotSVG.value(abs(fit.slope))) · \(u)"
    }

    /// The `<desc>`: what is plotted, the series, trends, reference lines, the caption, the
    /// points (for up to 60 points), how many points were left out, and the notes.
    func description(_ data: Cleaned, notes: [String], layout: LabelLayout = LabelLayout()) -> String {
        var parts: [String] = []
        parts.append("Scatter plot of \(yLabel) (y axis) against \(xLabel) (x axis\(xLog ? ", log scale" : "")).")
        if series.isEmpty || data.total == 0 {
            parts.append("No data.")
        }
        let seriesWords = series.enumerated().map { index, one -> String in
            let color = Self.colorNames[index % Self.colorNames.count]
            let count = data.series[index].count
            return "\(one.name) (\(color) \(Self.markerName(one.marker)), \(count) point\(count == 1 ? "" : "s"))"
        }
        if !series.isEmpty {
            parts.append("\(series.count) series: " + seriesWords.joined(separator: "; ") + ".")
        }
        for (index, points) in data.series.enumerated() where series[index].showTrend {
            if let fit = trend(points) {
                parts.append(trendSentence(series[index].name, fit: fit, n: points.count) + ".")
            }
        }
        let refs = referenceLines.filter(\.y.isFinite)
        if !refs.isEmpty {
            parts.append("Reference lines: " + refs.map { "\($0.label) at y = \(valueText($0.y))" }
                .joined(separator: "; ") + ".")
        }
        if let caption, !caption.isEmpty { parts.append(caption) }
        if data.total > 0 && data.total <= 60 {
            var points: [String] = []
            for (index, list) in data.series.enumerated() {
                for point in list {
                    let name = point.label ?? (point.tooltip.isEmpty ? series[index].name : point.tooltip)
                    points.append("\(name) (\(valueText(point.x)), \(valueText(point.y)))")
                }
            }
            parts.append("Points (x, y): " + points.joined(separator: "; ") + ".")
        }
        if !layout.dropped.isEmpty {
            parts.append("No room for the label\(layout.dropped.count == 1 ? "" : "s") of: "
                         + layout.dropped.joined(separator: "; ") + " (their points carry tooltips).")
        }
        if let count = layout.tooManyLabels {
            parts.append("The \(count) point labels are not drawn (more than \(Self.maxLabels)); the points carry tooltips.")
        }
        if !layout.droppedReferences.isEmpty {
            parts.append("No room for the label\(layout.droppedReferences.count == 1 ? "" : "s") of the reference line\(layout.droppedReferences.count == 1 ? "" : "s"): "
                         + layout.droppedReferences.joined(separator: "; ") + ".")
        }
        if data.skipped > 0 {
            var why: [String] = []
            if data.nonFinite > 0 { why.append("\(data.nonFinite) with a missing (NaN) or infinite coordinate") }
            if data.nonPositive > 0 { why.append("\(data.nonPositive) with x ≤ 0, which a log scale cannot show") }
            parts.append("\(data.skipped) point\(data.skipped == 1 ? " was" : "s were") left out: "
                         + why.joined(separator: ", ") + ".")
        }
        parts += notes
        return parts.joined(separator: " ")
    }
}
