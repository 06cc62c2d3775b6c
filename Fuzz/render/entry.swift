// libFuzzer entry for the render layer: the chart builders (ScatterChart, StripChart,
// StyleMatrixChart), their axes and colours (AxisTicks, ColorScale), and the number formatting
// every page uses (NumberText, PlotSVG). Compiled into one module with the chart sources and
// Escape (see scripts/fuzz.sh), so it reaches their internals without SwiftPM or Mustache.
//
// Input layout: the first byte picks the mode (low two bits: 0 scatter, 1 strip, 2 matrix,
// 3 numbers) and flags (bits 2…7, per mode below); the rest is read as a stream of doubles,
// counts and strings by `FuzzBytes` (an exhausted stream reads as zeros). A double starts with
// a tag byte: 0–31 picks a special value (±0, ±greatestFiniteMagnitude, ±leastNonzero, NaN,
// ±∞, 1e300's neighbours, …), 32–63 a small integer, 64–95 a decimal with two digits, 96–127
// a mantissa × 10^(−330…330) (so subnormals and overflows come easily), and 128–255 takes the
// next 8 bytes as the bit pattern.
//
// Oracles, besides any crash, trap (Double→Int conversions, overflow), sanitizer report or
// hang: every SVG is well-formed XML (Foundation's XMLParser) with an <svg> root; its numeric
// attributes hold plain numbers (never nan/inf); every <circle> (data points, outliers) lies on
// the canvas; numbers print without a minus sign when they round to zero, parse back within
// half a unit of their last digit, and axes have a few finite, ascending ticks.
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import RMBenchCore

@_cdecl("LLVMFuzzerTestOneInput")
public func rmbenchRenderFuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    var input = FuzzBytes(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let control = data[0]
    let flags = control >> 2
    switch control & 3 {
    case 0: checkSVG(scatter(&input, flags: flags).svg())
    case 1: checkSVG(strip(&input, flags: flags).svg())
    case 2: checkSVG(matrix(&input, flags: flags).svg())
    default: checkNumbers(&input)
    }
    return 0
}

/// The input as a stream of values; reading past the end gives zeros.
struct FuzzBytes {
    let bytes: UnsafeBufferPointer<UInt8>
    var at = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var isEmpty: Bool { at >= bytes.count }

    mutating func byte() -> UInt8 {
        guard at < bytes.count else { return 0 }
        defer { at += 1 }
        return bytes[at]
    }

    mutating func word(_ count: Int) -> UInt64 {
        var value: UInt64 = 0
        for _ in 0..<count { value = value << 8 | UInt64(byte()) }
        return value
    }

    static let specials: [Double] = [
        0, -0.0, 1, -1, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
        .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .leastNormalMagnitude, -.leastNormalMagnitude,
        .nan, -.nan, .infinity, -.infinity, 1e300, -1e300, 1e300.nextUp, 1e300.nextDown, 1e-300, 1e-300.nextDown,
        1.7e308, 1e308, subnormal, 1e15, 0x1p53, 0.5, 0.05, -0.04, 1e-12, .ulpOfOne, 100, 83.6066,
    ]
    /// 1e-320, from text: the literal would warn that it loses precision.
    static let subnormal = Double("1e-320")!

    mutating func double() -> Double {
        let tag = byte()
        switch tag {
        case 0..<32: return Self.specials[Int(tag)]
        case 32..<64: return Double(Int8(bitPattern: byte()))
        case 64..<96: return Double(Int16(bitPattern: UInt16(word(2)))) / 100
        case 96..<128:
            let mantissa = Double(Int16(bitPattern: UInt16(word(2))))
            let exponent = Int(Int16(bitPattern: UInt16(word(2))) % 331)
            return mantissa * pow(10, Double(exponent))
        default: return Double(bitPattern: word(8))
        }
    }

    /// Up to 31 bytes as UTF-8 (invalid sequences become U+FFFD), so markup and control
    /// characters reach the escaping.
    mutating func string() -> String {
        let count = Int(byte() % 32)
        return String(decoding: (0..<count).map { _ in byte() }, as: UTF8.self)
    }

    /// 0…255.
    mutating func count() -> Int { Int(byte()) }
}

// MARK: Charts

/// flags: bit 0 xLog, 1 labelPoints, 2 trends, 3 caption, 4 reference lines, 5 tooltips.
func scatter(_ input: inout FuzzBytes, flags: UInt8) -> ScatterChart {
    let id = input.string(), title = input.string(), xLabel = input.string(), yLabel = input.string()
    var series: [ScatterChart.Series] = []
    for _ in 0..<(input.count() % 4) {
        let name = input.string()
        let marker: ScatterChart.Marker = [.circle, .triangle, .square][input.count() % 3]
        var points: [ScatterChart.Point] = []
        for _ in 0..<input.count() {
            let x = input.double(), y = input.double()
            let label = input.byte() & 1 == 1 ? input.string() : nil
            points.append(.init(x: x, y: y, label: label, tooltip: flags & 32 != 0 ? input.string() : ""))
        }
        series.append(.init(name: name, points: points, marker: marker, showTrend: flags & 4 != 0))
    }
    var references: [(label: String, y: Double)] = []
    if flags & 16 != 0 {
        for _ in 0..<(input.count() % 4) { references.append((input.string(), input.double())) }
    }
    return ScatterChart(id: id, title: title, xLabel: xLabel, yLabel: yLabel, series: series,
                        referenceLines: references, caption: flags & 8 != 0 ? input.string() : nil,
                        labelPoints: flags & 2 != 0, xLog: flags & 1 != 0)
}

/// flags: bit 0 valueLog, 1 showPoints, 2 caption.
func strip(_ input: inout FuzzBytes, flags: UInt8) -> StripChart {
    let id = input.string(), title = input.string(), label = input.string()
    var groups: [StripChart.Group] = []
    for _ in 0..<(input.count() % 5) {
        let name = input.string()
        var series: [(name: String, values: [Double])] = []
        for _ in 0..<(input.count() % 4) {
            let seriesName = input.string()
            series.append((seriesName, (0..<input.count()).map { _ in input.double() }))
        }
        groups.append(.init(name: name, series: series))
    }
    return StripChart(id: id, title: title, valueLabel: label, groups: groups, valueLog: flags & 1 != 0,
                      showPoints: flags & 2 != 0, caption: flags & 4 != 0 ? input.string() : nil)
}

/// flags: bit 0 intervals, bit 1 raw 64-bit counts (else small ones).
func matrix(_ input: inout FuzzBytes, flags: UInt8) -> StyleMatrixChart {
    func integer() -> Int {
        flags & 2 != 0 ? Int(Int64(bitPattern: input.word(8))) : Int(Int8(bitPattern: input.byte()))
    }
    let id = input.string(), title = input.string()
    // Rows may be short or missing: such cells show "–".
    let counts = (0..<(input.count() % 4)).map { _ in (0..<(input.count() % 4)).map { _ in integer() } }
    let samples = integer()
    var intervals: [[ClosedRange<Double>?]]? = nil
    if flags & 1 != 0 {
        intervals = (0..<3).map { _ in
            (0..<3).map { _ -> ClosedRange<Double>? in
                let a = input.double(), b = input.double()
                // A bootstrap interval is never NaN; a ClosedRange of NaN cannot be formed.
                guard !a.isNaN, !b.isNaN else { return nil }
                return min(a, b)...max(a, b)
            }
        }
    }
    return StyleMatrixChart(id: id, title: title, counts: counts, samples: samples, intervals: intervals)
}

// MARK: SVG oracle

/// Attributes whose value is a number or a list of numbers (path data, points, viewBox).
let numericAttributes: Set<String> = ["x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r", "rx", "width", "height",
                                      "font-size", "stroke-width", "dy", "d", "points", "viewBox"]

let plainNumberBytes = Set("0123456789.-, MLHVZ".utf8)

final class SVGProbe: NSObject, XMLParserDelegate {
    var root: String?
    var width = 0.0, height = 0.0
    var circles: [(Double, Double)] = []
    var problem: String?

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if root == nil {
            root = name
            width = Double(attributes["width"] ?? "") ?? -1
            height = Double(attributes["height"] ?? "") ?? -1
        }
        // Only digits, points, minus signs, separators and path commands: no room for nan or inf.
        for (key, value) in attributes where numericAttributes.contains(key) {
            if value.isEmpty || !value.utf8.allSatisfy(plainNumberBytes.contains) {
                problem = "\(name) \(key)=\"\(value)\" is not a plain number"
            }
        }
        if let transform = attributes["transform"],
           !transform.hasPrefix("rotate(-90 ") || !transform.utf8.dropFirst(11).dropLast().allSatisfy(plainNumberBytes.contains) {
            problem = "\(name) transform=\"\(transform)\""
        }
        if name == "circle", let cx = attributes["cx"].flatMap(Double.init), let cy = attributes["cy"].flatMap(Double.init) {
            circles.append((cx, cy))
        }
    }
}

func checkSVG(_ svg: String) {
    let probe = SVGProbe()
    let parser = XMLParser(data: Data(svg.utf8))
    parser.delegate = probe
    guard parser.parse() else { fatalError("not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "?")\n\(svg)") }
    guard probe.root == "svg" else { fatalError("root is \(probe.root ?? "nothing")") }
    if let problem = probe.problem { fatalError(problem + "\n" + svg) }
    guard probe.width > 0, probe.height > 0 else { fatalError("canvas \(probe.width) × \(probe.height)") }
    for (cx, cy) in probe.circles where !(0...probe.width).contains(cx) || !(0...probe.height).contains(cy) {
        fatalError("circle at (\(cx), \(cy)) is off the \(probe.width) × \(probe.height) canvas\n\(svg)")
    }
}

/// `precondition`, but with its message in -O builds too (the finding should say what broke).
func check(_ condition: Bool, _ message: @autoclosure () -> String = "") {
    if !condition { fatalError(message()) }
}

// MARK: Number oracle

/// Numbers read in pairs; each is formatted every way the site does and the axes for the
/// pair are built.
func checkNumbers(_ input: inout FuzzBytes) {
    repeat {
        let v = input.double(), w = input.double()
        let decimals = input.count() % 24
        checkFixed(NumberText.fixed(v, decimals), v, decimals: decimals)
        checkFixed(NumberText.format("%.1f", v), v, decimals: 1)
        checkFixed(NumberText.format("%.1f %%", v).replacingOccurrences(of: " %", with: ""), v, decimals: 1)
        checkSign(NumberText.format("%g", v), v)
        checkSign(NumberText.format("%.2e", v), v)
        checkSign(NumberText.format("%.3g", v), v)
        checkSign(PlotSVG.value(v).replacingOccurrences(of: ",", with: ""), v)
        checkSign(AxisTicks.label(v, decimals: decimals).replacingOccurrences(of: ",", with: ""), v)
        let coordinate = PlotSVG.n(v)
        guard let position = Double(coordinate), abs(position) <= 1e9 else { fatalError("coordinate \(coordinate) for \(v)") }
        check(coordinate.hasPrefix("-") == (position < 0), "coordinate \(coordinate) for \(v)")
        check(ColorScale.color(at: v).hex.count == 7)
        checkAxis(AxisTicks.linear(v, w), v, w)
        checkAxis(AxisTicks.log(v, w), v, w)
    } while !input.isEmpty
}

/// `text` printed `v` with `decimals` digits: no "-0", and it reads back as `v` rounded.
func checkFixed(_ text: String, _ v: Double, decimals: Int) {
    guard v.isFinite else { return }
    checkSign(text, v)
    guard let back = Double(text) else { fatalError("\(text) does not parse (for \(v))") }
    let tolerance = 0.5 * pow(10, -Double(decimals)) * (1 + 1e-9) + v.ulp
    check(abs(back - v) <= tolerance, "\(text) is not \(v) to \(decimals) decimals")
}

/// A printed number has a minus sign exactly when it is below zero as printed; no nan/inf for
/// finite values.
func checkSign(_ text: String, _ v: Double) {
    guard v.isFinite else { return }
    check(!text.utf8.contains { $0 == UInt8(ascii: "n") || $0 == UInt8(ascii: "N") }, "\(text) for \(v)")
    guard let back = Double(text) else { fatalError("\(text) does not parse (for \(v))") }
    check(text.hasPrefix("-") == (back < 0), "\(text): the sign does not match the value printed (\(v))")
}

func checkAxis(_ axis: AxisTicks.Axis, _ v: Double, _ w: Double) {
    check(axis.lower.isFinite && axis.upper.isFinite && axis.lower <= axis.upper, "axis \(axis) for \(v), \(w)")
    check((2...40).contains(axis.ticks.count), "\(axis.ticks.count) ticks for \(v), \(w)")
    check(axis.ticks.count == axis.labels.count)
    check(axis.ticks.allSatisfy { $0.isFinite && (!axis.isLog || $0 > 0) }, "ticks \(axis.ticks) for \(v), \(w)")
    check(zip(axis.ticks, axis.ticks.dropFirst()).allSatisfy { $0 < $1 }, "ticks \(axis.ticks) not ascending")
    // The data the axis was built for, and its ticks, are on it (with a little rounding slack);
    // anything else still has a finite position.
    let data = [v, w].allSatisfy { $0.isFinite && (!axis.isLog || $0 > 0) } ? [v, w] : []
    for value in data + axis.ticks {
        let fraction = axis.fraction(value)
        check(fraction >= -1e-9 && fraction <= 1 + 1e-9, "\(value) at \(fraction) of \(axis) (for \(v), \(w))")
    }
    for value in [v, w, -v, .nan, .infinity, -.infinity, 0] {
        check(axis.fraction(value).isFinite, "fraction of \(value) on \(axis)")
    }
    for label in axis.labels where !label.isEmpty {
        checkSign(label.replacingOccurrences(of: ",", with: ""), Double(label.replacingOccurrences(of: ",", with: "")) ?? 1)
    }
}
