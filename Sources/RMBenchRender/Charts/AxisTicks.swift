import Foundation
import RMBenchCore

/// Axis domains and tick positions for the plot charts (``ScatterChart``, ``StripChart``).
///
/// Linear axes use "nice" steps of 1, 2 or 5 × 10^k (the step nearest to a fifth of the data
/// range, as in d3's `ticks`), and the domain is widened to whole steps, so the first and the
/// last tick sit on the ends of the axis. Log axes (base 10) span whole decades; decades are
/// labelled, and when the axis spans at most two decades 2 × 10^k and 5 × 10^k are labelled too;
/// beyond ``maxLogIntervals`` decades only every 2nd, 5th, 10th, … decade gets a tick.
/// Tick values are built from integers (`i × m / 10^j`), so `0.3` is the same `Double` as the
/// literal `0.3` and the output is deterministic.
///
/// Extreme values: a linear axis shows at most ±``limit`` and a log axis ``logFloor`` to
/// ``limit``; values beyond are drawn at the end of the axis (``Axis/fraction(_:)`` clamps
/// them, and the charts say so in a note). The margin to Double's range (±1.8e308, and 1e-308
/// where subnormals begin) keeps every step, widened end and difference finite and normal.
/// Ends closer together than a chart can resolve count as one value (see ``resolution``).
enum AxisTicks {

    /// A finished axis: the domain in *axis coordinates* (data values for a linear axis,
    /// log10 of the data values for a log axis) and the ticks.
    struct Axis: Sendable, Equatable {
        /// Domain start and end in axis coordinates (for a log axis: exponents).
        var lower: Double
        var upper: Double
        /// Tick positions in data units (for a log axis: 10, 100, …), ascending.
        var ticks: [Double]
        /// The label of each tick ("" = a tick with a gridline but no label).
        var labels: [String]
        var isLog: Bool
        /// Why the axis does not show the data as given (distinct values drawn as one), as a
        /// phrase for the chart's note (no full stop); nil when it does.
        var note: String? = nil

        /// Position of `value` (data units) as a fraction of the axis, 0 at `lower`, 1 at `upper`.
        /// Values beyond what axes show are clamped to it first (``AxisTicks/clamped(_:log:)``),
        /// and the fraction to ±10⁶ (far off the plot, such as a trend line's end on a narrow
        /// axis: 1e300 on an axis 0…1e-159 would be ∞), so the result is always finite; NaN
        /// sits in the middle.
        func fraction(_ value: Double) -> Double {
            guard !value.isNaN else { return 0.5 }
            let clamped = AxisTicks.clamped(value, log: isLog)
            let v = isLog ? log10(clamped) : clamped
            let span = upper - lower
            guard span > 0 else { return 0.5 }
            return min(max((v - lower) / span, -1e6), 1e6)
        }
    }

    /// Default number of intervals a linear axis aims for.
    static let targetCount = 5
    /// The largest magnitude an axis shows.
    static let limit = 1e300
    /// The smallest value a log axis shows.
    static let logFloor = 1e-300
    /// Linear ends closer than this (relative to their magnitude, or absolutely below
    /// ``limit``⁻¹) count as equal: a 470 px axis cannot show the difference, and finer steps
    /// would run into Double's precision (ticks 2⁵³ steps from zero) or subnormal powers of ten.
    static let resolution = 1e-12
    /// At most this many decades between log ticks; wider log axes thin their ticks.
    static let maxLogIntervals = 10
    /// Decade strides for thinned log axes: each divides 300, so thinned ends stay within ±300.
    static let logStrides = [1, 2, 3, 5, 10, 20, 25, 50, 100]

    /// `value` within the range an axis shows: ±``limit`` (linear), or ``logFloor`` …
    /// ``limit`` (log; zero and negative values go to the floor). NaN stays NaN.
    static func clamped(_ value: Double, log: Bool) -> Double {
        guard !value.isNaN else { return value }
        return log ? min(max(value, logFloor), limit) : min(max(value, -limit), limit)
    }

    /// True when `value` (finite, and > 0 for a log axis) lies beyond the range an axis shows.
    static func isBeyond(_ value: Double, log: Bool) -> Bool {
        value.isFinite && clamped(value, log: log) != value
    }

    /// The note for `count` values drawn at the end of an axis, e.g. "2 values beyond ±1e300
    /// are drawn at the axis end" (no full stop: the chart adds the axis's name); nil for none.
    static func clampNote(_ count: Int, log: Bool) -> String? {
        guard count > 0 else { return nil }
        let range = log ? "outside 1e-300 to 1e300" : "beyond ±1e300"
        return "\(count) value\(count == 1 ? "" : "s") \(range) \(count == 1 ? "is" : "are") drawn at the axis end"
    }

    // MARK: Linear

    /// The nice step for `[lo, hi]` as mantissa (1, 2, 5 or 10) and power of ten.
    static func step(_ lo: Double, _ hi: Double, count: Int = targetCount) -> (mantissa: Int, power: Int) {
        let raw = (hi - lo) / Double(max(count, 1))
        guard raw > 0, raw.isFinite else { return (1, 0) }
        // log10 of a finite positive Double lies in [-324, 309): always an exact Int.
        var power = Int(exactly: log10(raw).rounded(.down)) ?? 0
        let error = raw / pow(10, Double(power))
        var mantissa: Int
        if error >= 50.0.squareRoot() { mantissa = 10 }
        else if error >= 10.0.squareRoot() { mantissa = 5 }
        else if error >= 2.0.squareRoot() { mantissa = 2 }
        else { mantissa = 1 }
        if mantissa == 10 { mantissa = 1; power += 1 }
        return (mantissa, power)
    }

    /// `i × mantissa × 10^power` computed so that decimal ticks are the nearest doubles. The
    /// product is taken in Double (exact below 2⁵³), so no Int can overflow.
    static func value(_ i: Int, _ mantissa: Int, _ power: Int) -> Double {
        let units = Double(i) * Double(mantissa)
        return power >= 0 ? units * pow(10, Double(power)) : units / pow(10, Double(-power))
    }

    /// A linear axis covering `[lo, hi]` (ends widened to whole steps). Equal ends (or ends
    /// closer than ``resolution``) are padded by 10 % of the value, at least 1; non-finite input
    /// gives the axis 0…1; ends beyond ±``limit`` are clamped to it.
    static func linear(_ lo: Double, _ hi: Double, count: Int = targetCount) -> Axis {
        var a = min(lo, hi), b = max(lo, hi)
        if !a.isFinite || !b.isFinite { a = 0; b = 1 }
        a = clamped(a, log: false)
        b = clamped(b, log: false)
        var note: String? = nil
        if b - a <= max(max(abs(a), abs(b)) * resolution, 1 / limit) {
            if a != b { note = "values that differ by less than the axis can resolve are drawn at one position" }
            let pad = max(abs(a) * 0.1, 1)
            a -= pad
            b += pad
        }
        // Widen to whole steps; widening can change the step, so repeat until stable (d3's nice).
        var (m, p) = step(a, b, count: count)
        for _ in 0..<10 {
            let s = value(1, m, p)
            let na = snapped(a / s, .down) * s
            let nb = snapped(b / s, .up) * s
            let next = step(na, nb, count: count)
            a = na
            b = nb
            if next == (m, p) { break }
            (m, p) = next
        }
        // The ends are whole steps and span about `count` of them (the resolution rule keeps a
        // step within 10¹³ of the ends' magnitude), so both indices are exact Ints; checked
        // all the same, so a miscomputed step can never trap or loop over millions of ticks.
        // Rounded outwards, so ends snapped with the previous step (when the step still changed
        // on the last round) stay covered.
        let s = value(1, m, p)
        guard let first = Int(exactly: snapped(a / s, .down)), let last = Int(exactly: snapped(b / s, .up)),
              last >= first, last - first <= 10 * max(count, 1)
        else {
            let decimals = max(0, -p)
            return Axis(lower: a, upper: b, ticks: [a, b], labels: [label(a, decimals: decimals), label(b, decimals: decimals)],
                        isLog: false, note: note)
        }
        let ticks = (first...last).map { value($0, m, p) }
        let decimals = max(0, -p)
        return Axis(lower: ticks.first ?? a, upper: ticks.last ?? b, ticks: ticks,
                    labels: ticks.map { label($0, decimals: decimals) }, isLog: false, note: note)
    }

    /// `q` rounded in `direction`, but snapped to the nearest integer when it is within
    /// floating-point noise of one (0.3 / 0.1 = 2.9999999999999996 counts as 3). The window is
    /// at most 10⁻⁶ of a step: for ends billions of steps from zero (a narrow range far from
    /// zero), a window relative to `q` would be whole steps wide and snap ends inwards, leaving
    /// data off the axis.
    static func snapped(_ q: Double, _ direction: FloatingPointRoundingRule) -> Double {
        let nearest = q.rounded()
        return abs(q - nearest) <= min(1e-9 * max(1, abs(q)), 1e-6) ? nearest : q.rounded(direction)
    }

    // MARK: Log

    /// A base-10 log axis covering `[lo, hi]` (both must be > 0; otherwise 1…10; clamped to
    /// ``logFloor`` … ``limit``): whole decades; when at most two decades are spanned,
    /// 2 × 10^k and 5 × 10^k are labelled ticks too; beyond ``maxLogIntervals`` decades, ticks
    /// every 2nd, 3rd, 5th, … decade (the first of ``logStrides`` that fits). A single value
    /// exactly on a decade is padded by one decade on each side.
    static func log(_ lo: Double, _ hi: Double) -> Axis {
        var a = min(lo, hi), b = max(lo, hi)
        if !(a > 0) || !b.isFinite { a = 1; b = 10 }
        a = clamped(a, log: true)
        b = clamped(b, log: true)
        // Clamped, log10 lies in [-300, 300]: exact Ints.
        var first = Int(exactly: log10(a).rounded(.down)) ?? 0
        var last = Int(exactly: log10(b).rounded(.up)) ?? 1
        // Guard against log10 rounding (log10(1000) may be 2.9999…).
        if value(1, 1, first + 1) <= a { first += 1 }
        if last > first, value(1, 1, last - 1) >= b { last -= 1 }
        if first >= last {
            first -= 1
            last += 1
        }
        let stride = logStrides.first { (last - first + $0 - 1) / $0 <= maxLogIntervals } ?? logStrides.last!
        // Whole strides, rounded outwards (in Int arithmetic, correct for negative exponents).
        first -= ((first % stride) + stride) % stride
        last += (stride - ((last % stride) + stride) % stride) % stride
        var ticks: [Double] = []
        var labels: [String] = []
        let withMinor = last - first <= 2
        for k in Swift.stride(from: first, through: last, by: stride) {
            ticks.append(value(1, 1, k))
            labels.append(label(value(1, 1, k), decimals: max(0, -k)))
            if withMinor && k < last {
                for m in [2, 5] {
                    ticks.append(value(m, 1, k))
                    labels.append(label(value(m, 1, k), decimals: max(0, -k)))
                }
            }
        }
        return Axis(lower: Double(first), upper: Double(last), ticks: ticks, labels: labels, isLog: true)
    }

    // MARK: Labels

    /// Fixed-point POSIX formatting with `decimals` digits; integers of 1,000 or more get
    /// comma thousands separators; `-0` prints as `0` (``NumberText``'s rule). Very large or
    /// small magnitudes (≥ 10^15 or a decimals count above 10) fall back to `%g`.
    static func label(_ v: Double, decimals: Int) -> String {
        guard v.isFinite else { return "–" }
        if abs(v) >= 1e15 || decimals > 10 {
            return NumberText.format("%g", v)
        }
        var s = NumberText.fixed(v, decimals)
        if decimals <= 0, abs(v) >= 1000 {
            let negative = s.hasPrefix("-")
            let digits = Array(negative ? s.dropFirst() : Substring(s))
            var grouped = ""
            for (i, d) in digits.enumerated() {
                if i > 0, (digits.count - i) % 3 == 0 { grouped.append(",") }
                grouped.append(d)
            }
            s = (negative ? "-" : "") + grouped
        }
        return s
    }
}

/// SVG helpers shared by the plot charts: id prefixes, number formatting, text, markers and the
/// colour theme.
enum PlotSVG {

    /// `id` reduced to `[A-Za-z0-9_-]`, starting with a letter; if anything had to change, a
    /// hash of the original id is appended so distinct ids stay distinct (the same rule as
    /// ``StyleMatrixChart/idPrefix``).
    static func idPrefix(_ id: String) -> String {
        var out = ""
        for scalar in id.unicodeScalars {
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "_", "-": out.unicodeScalars.append(scalar)
            default: out += "-"
            }
        }
        var changed = out != id
        if !(out.unicodeScalars.first.map { ("a"..."z").contains($0) || ("A"..."Z").contains($0) } ?? false) {
            out = "c" + out
            changed = true
        }
        if changed { out += "-" + Slug.hex8(Slug.fnv1a64(Array(id.utf8))) }
        return out
    }

    /// Coordinates: at most 2 decimals, no trailing zeros, POSIX; non-finite → 0. Written as
    /// bytes: a dense scatter plot prints 30,000 coordinates, and string interpolation was
    /// most of its time.
    static func n(_ value: Double) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: numberCapacity) { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[writeNumber(value, into: buffer)...]), as: UTF8.self)
        }
    }

    /// ``n(_:)`` appended to bytes, for drawings made as bytes.
    static func appendNumber(_ value: Double, to bytes: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: numberCapacity) { buffer in
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[writeNumber(value, into: buffer)...]))
        }
    }

    private static let numberCapacity = 16

    /// Writes ``n(_:)``'s digits at the end of `buffer` (16 bytes) and returns where they start.
    private static func writeNumber(_ value: Double, into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var start = buffer.count
        func put(_ byte: UInt8) { start -= 1; buffer[start] = byte }
        let zero = UInt8(ascii: "0")
        guard value.isFinite else { put(zero); return start }
        let clamped = min(max(value, -1e9), 1e9)
        // Finite and within ±1e11 after the clamp: always an exact Int.
        let hundredths = Int(exactly: (clamped * 100).rounded()) ?? 0
        let magnitude = abs(hundredths)
        var whole = magnitude / 100
        let fraction = magnitude % 100
        // At most "-1000000000.00": 14 bytes, written from the end.
        if fraction != 0 {
            if fraction % 10 == 0 {
                put(zero + UInt8(fraction / 10))
            } else {
                put(zero + UInt8(fraction % 10))
                put(zero + UInt8(fraction / 10))
            }
            put(UInt8(ascii: "."))
        }
        repeat {
            put(zero + UInt8(whole % 10))
            whole /= 10
        } while whole > 0
        if hundredths < 0 { put(UInt8(ascii: "-")) }
        return start
    }

    /// A data value in words and tooltips: integers as integers (with thousands separators),
    /// otherwise 4 significant digits at most, trailing zeros removed; POSIX.
    static func value(_ v: Double) -> String {
        guard v.isFinite else { return v.isNaN ? "NaN" : (v > 0 ? "∞" : "−∞") }
        if v == v.rounded(), abs(v) < 1e15 { return AxisTicks.label(v, decimals: 0) }
        let magnitude = abs(v)
        let decimals: Int
        if magnitude >= 1000 { decimals = 0 }
        else if magnitude >= 100 { decimals = 1 }
        else if magnitude >= 10 { decimals = 2 }
        else if magnitude >= 1 { decimals = 3 }
        else if magnitude >= 1e-4 {
            // log10 of [1e-4, 1) is in [-4, 0): an exact Int.
            decimals = min(10, 3 - (Int(exactly: log10(magnitude).rounded(.down)) ?? -4))
        }
        else { return NumberText.format("%.3g", v) }
        var s = AxisTicks.label(v, decimals: decimals)
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        // Trailing zeros removed, a rounded-away negative ("-0.0000") is "-0" again.
        return s == "-0" ? "0" : s
    }

    /// Estimated width in px of `text` at `size` px (sans-serif: 0.58 em average, wide East
    /// Asian characters and emoji 1 em).
    /// Bold text is taken as 12 % wider.
    static func textWidth(_ text: String, size: Double, bold: Bool = false) -> Double {
        text.reduce(0) { $0 + em($1) } * size * (bold ? 1.12 : 1)
    }

    static func em(_ c: Character) -> Double {
        guard let v = c.unicodeScalars.first?.value else { return 0 }
        let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v)
            || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v)
            || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1FAFF).contains(v)
            || (0x20000...0x3FFFD).contains(v)
        return wide ? 1.0 : 0.58
    }

    /// `text` on one line (line breaks → spaces), shortened with "…" to fit `width` px at `size`.
    static func fit(_ text: String, width: Double, size: Double, bold: Bool = false) -> String {
        // Foundation's replacing is slow, and nearly every label has no line break to replace.
        let breaks = text.utf8.contains { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }
        let flat = !breaks ? text : text.replacingOccurrences(of: "\r\n", with: " ")
            .replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ")
        guard textWidth(flat, size: size, bold: bold) > width else { return flat }
        let scale = size * (bold ? 1.12 : 1)
        var out = ""
        var used = em("…") * scale
        for c in flat {
            used += em(c) * scale
            if used > width { break }
            out.append(c)
        }
        return out.trimmingCharacters(in: .whitespaces) + "…"
    }

    /// One `<text>` per line of `wrapped` (escaped), the first at `y`, the next 1.2 em lower each.
    static func lines(_ wrapped: WrappedText, x: Double, y: Double, anchor: String = "start", weight: String? = nil,
                      cls: String? = nil) -> String {
        wrapped.lines.enumerated().map { k, line in
            text(line, x: x, y: y + Double(k) * wrapped.size * WrappedText.lineSpacing, size: wrapped.size,
                 anchor: anchor, weight: weight, cls: cls)
        }.joined()
    }

    /// A `<text>` element; `content` is escaped here.
    static func text(_ content: String, x: Double, y: Double, size: Double, anchor: String = "start",
                     weight: String? = nil, cls: String? = nil, fill: String = Theme.fallbackText,
                     extra: String = "") -> String {
        var s = "<text x=\"\(n(x))\" y=\"\(n(y))\" font-size=\"\(n(size))\""
        if anchor != "start" { s += " text-anchor=\"\(anchor)\"" }
        if let weight { s += " font-weight=\"\(weight)\"" }
        s += " fill=\"\(fill)\""
        if let cls { s += " class=\"\(cls)\"" }
        s += extra
        s += ">\(Escape.xml(content))</text>\n"
        return s
    }

    // MARK: Markers

    /// The marker shapes that tell series apart together with their colour.
    enum Shape: Sendable, Equatable { case circle, triangle, square }

    /// An SVG element for a marker centred on (`x`, `y`) with "radius" `r`; `attributes`
    /// (fill, class, …) and an optional `<title>` (already escaped) go inside.
    static func marker(_ shape: Shape, x: Double, y: Double, r: Double, attributes: String,
                       title: String? = nil) -> String {
        var bytes: [UInt8] = []
        appendMarker(shape, x: x, y: y, r: r, attributes: attributes, title: title, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// ``marker(_:x:y:r:attributes:title:)`` appended as bytes, without a String per marker or
    /// per number: a dense scatter plot draws 8,000.
    static func appendMarker(_ shape: Shape, x: Double, y: Double, r: Double, attributes: String,
                             title: String? = nil, to bytes: inout [UInt8]) {
        func put(_ text: StaticString) {
            text.withUTF8Buffer { bytes.append(contentsOf: $0) }
        }
        func number(_ value: Double) { appendNumber(value, to: &bytes) }
        let name: StaticString
        switch shape {
        case .circle:
            name = "circle"
            put("<circle cx=\"")
            number(x)
            put("\" cy=\"")
            number(y)
            put("\" r=\"")
            number(r)
            put("\"")
        case .square:
            name = "rect"
            let side = r * 1.7
            put("<rect x=\"")
            number(x - side / 2)
            put("\" y=\"")
            number(y - side / 2)
            put("\" width=\"")
            number(side)
            put("\" height=\"")
            number(side)
            put("\"")
        case .triangle:
            // Equilateral, pointing up, with the same area as the circle (side ≈ 2.69 r): the
            // apex, then relative steps to the right corner and the left (a third shorter than
            // three absolute points, in a chart of thousands).
            name = "path"
            let side = r * 2.69
            let h = side * 0.866
            put("<path d=\"M")
            number(x)
            put(" ")
            number(y - h * 2 / 3)
            put("l")
            number(side / 2)
            put(" ")
            number(h)
            put("h")
            number(-side)
            put("z\"")
        }
        if !attributes.isEmpty {
            put(" ")
            bytes += attributes.utf8
        }
        if let title {
            put("><title>")
            bytes += title.utf8
            put("</title></")
            put(name)
            put(">\n")
        } else {
            put("/>\n")
        }
    }

    // MARK: Theme

    /// Colours. Series colours are the Okabe–Ito palette (distinguishable with the common
    /// colour-vision deficiencies); the first two are blue and vermillion. Dark mode uses
    /// lighter variants of the same hues, set by the chart's `<style>`.
    enum Theme {
        static let fallbackText = "#767676"   // ≥ 4.5 : 1 on white and ≥ 4.6 : 1 on black
        static let lightText = "#1f2328"
        static let lightMuted = "#59636e"
        static let darkText = "#e6edf3"
        static let darkMuted = "#9198a1"
        static let lightGrid = "#d1d9e0"
        static let darkGrid = "#3d444d"
        static let fallbackGrid = "#8c959f"
        static let lightBackground = "#ffffff"
        static let darkBackground = "#0d1117"
        static let fontFamily = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"

        /// (light, dark) per series index (cycled).
        static let series: [(light: String, dark: String)] = [
            ("#0072B2", "#56B4E9"),   // blue / sky blue
            ("#D55E00", "#F0834D"),   // vermillion
            ("#009E73", "#3CC79C"),   // bluish green
            ("#CC79A7", "#E19BC4"),   // reddish purple
            ("#E69F00", "#F2B84B"),   // orange
        ]

        static func color(_ index: Int) -> (light: String, dark: String) {
            series[((index % series.count) + series.count) % series.count]
        }

        static let shapes: [Shape] = [.circle, .triangle, .square]

        /// The shared `<style>`: text, muted text, axis and grid colours, and per-series fill
        /// and stroke classes (`<p>-s<i>f`, `<p>-s<i>s`) for `seriesCount` series, in light and
        /// dark mode. Everything also has presentation-attribute fallbacks on the elements.
        static func style(prefix p: String, seriesCount: Int) -> String {
            var light = ".\(p){color-scheme:light dark}\n"
            light += ".\(p)-fg{fill:\(lightText)}.\(p)-muted{fill:\(lightMuted)}"
            light += ".\(p)-axis{stroke:\(lightMuted)}.\(p)-grid{stroke:\(lightGrid);stroke-opacity:1}"
            light += ".\(p)-mk,.\(p)-halo{stroke:\(lightBackground)}.\(p)-fgs{stroke:\(lightText)}\n"
            var dark = "@media (prefers-color-scheme: dark){"
            dark += ".\(p)-fg{fill:\(darkText)}.\(p)-muted{fill:\(darkMuted)}"
            dark += ".\(p)-axis{stroke:\(darkMuted)}.\(p)-grid{stroke:\(darkGrid)}"
            dark += ".\(p)-mk,.\(p)-halo{stroke:\(darkBackground)}.\(p)-fgs{stroke:\(darkText)}"
            for i in 0..<max(seriesCount, 0) {
                let c = color(i)
                light += ".\(p)-s\(i)f{fill:\(c.light)}.\(p)-s\(i)s{stroke:\(c.light)}"
                dark += ".\(p)-s\(i)f{fill:\(c.dark)}.\(p)-s\(i)s{stroke:\(c.dark)}"
            }
            return "<style>\n" + light + "\n" + dark + "}\n</style>\n"
        }
    }

    /// The opening `<svg>` tag with namespace, size, viewBox, role and aria-labelledby, then
    /// `<title>` and `<desc>` (escaped here).
    static func header(prefix p: String, width: Int, height: Int, title: String, desc: String) -> String {
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\""
        s += " viewBox=\"0 0 \(width) \(height)\" role=\"img\""
        s += " aria-labelledby=\"\(p)-title \(p)-desc\" class=\"\(p)\""
        s += " font-family=\"\(Theme.fontFamily)\">\n"
        s += "<title id=\"\(p)-title\">\(Escape.xml(title))</title>\n"
        s += "<desc id=\"\(p)-desc\">\(Escape.xml(desc))</desc>\n"
        return s
    }
}
