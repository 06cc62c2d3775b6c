#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
import RMBenchAnalyze
import RMBenchCore
@testable import RMBenchRender

/// One rule for printed numbers (issue 10): a number that rounds to zero has no minus sign.
@Suite("NumberText")
struct NumberTextTests {
    @Test func negativeZeroPrintsWithoutASign() {
        #expect(NumberText.format("%.1f", -0.0) == "0.0")
        #expect(NumberText.format("%.0f", -0.0) == "0")
        #expect(NumberText.format("%.2f", -0.0) == "0.00")
        #expect(NumberText.format("%.1f", -0.04) == "0.0")
        #expect(NumberText.format("%.1f %%", -0.0) == "0.0 %")
        #expect(NumberText.format("%+.1f", -0.0) == "0.0")
        #expect(NumberText.format("%+.1f", 0.0) == "+0.0")
        #expect(NumberText.format("%g", -0.0) == "0")
        #expect(NumberText.format("%.2e", -0.0) == "0.00e+00")
        #expect(NumberText.format("%.3g", -Double("1e-320")!) == "-1e-320")
        #expect(NumberText.fixed(-0.0, 3) == "0.000")
        #expect(NumberText.fixed(-0.0004, 3) == "0.000")
        #expect(NumberText.fixed(-0.0005, 3) == "-0.001")
    }

    @Test func otherNumbersKeepTheirSign() {
        #expect(NumberText.format("%.1f", -0.06) == "-0.1")
        #expect(NumberText.format("%.0f", -1) == "-1")
        #expect(NumberText.format("%.1f", -100) == "-100.0")
        #expect(NumberText.format("%.2e", -Double("1e-320")!) == "-1.00e-320")
        #expect(NumberText.format("%a", -1) == "-0x1p+0")
        #expect(NumberText.format("%f", -.nan) == "-nan")
        #expect(NumberText.format("%f", -.infinity) == "-inf")
    }

    /// The charts' and matrices' own formatting follows the same rule.
    @Test func chartNumbersFollowTheRule() {
        #expect(PlotSVG.value(-0.0) == "0")
        #expect(PlotSVG.value(-0.00001) == "-1e-05")
        #expect(AxisTicks.label(-0.0, decimals: 2) == "0.00")
        #expect(AxisTicks.label(-0.001, decimals: 1) == "0.0")
        #expect(StyleMatrixChart.format1(-0.0) == "0.0")
        #expect(PlotSVG.n(-0.001) == "0")
    }

    /// Chart coordinates: at most two decimals, no trailing zero, clamped to ±1e9, 0 for NaN.
    @Test func coordinatesByHand() {
        #expect(PlotSVG.n(12) == "12")
        #expect(PlotSVG.n(12.5) == "12.5")
        #expect(PlotSVG.n(12.50) == "12.5")
        #expect(PlotSVG.n(-3.05) == "-3.05")
        #expect(PlotSVG.n(0.004) == "0")
        #expect(PlotSVG.n(0.006) == "0.01")
        #expect(PlotSVG.n(-0.5) == "-0.5")
        #expect(PlotSVG.n(328.0249) == "328.02")
        #expect(PlotSVG.n(5e12) == "1000000000")
        #expect(PlotSVG.n(-5e12) == "-1000000000")
        #expect(PlotSVG.n(.nan) == "0")
        #expect(PlotSVG.n(.infinity) == "0")
    }

    @Test func longFormattedNumbersArePrintedWhole() {
        // Longer than the 64-byte stack buffer: printed again into one of the full length.
        let text = NumberText.format("%.70f", 1.5)
        #expect(text.count == 72 && text.hasPrefix("1.5000") && text.hasSuffix("0"))
        #expect(NumberText.format("%.1f", 83.6066) == "83.6")
    }

    /// Fixed notation is made without printf for short numbers: ties go to the even neighbour
    /// of the exact binary value, as printf rounds (worked out by hand: 0.125 and 2.5 are exact
    /// binary ties; 1.005, 0.045 and 0.015 are stored just below their halves, 2.0005 just above).
    @Test func fixedNotationRoundsTheExactValue() {
        #expect(NumberText.fixed(0.125, 2) == "0.12")
        #expect(NumberText.fixed(0.375, 2) == "0.38")
        #expect(NumberText.fixed(2.5, 0) == "2")
        #expect(NumberText.fixed(3.5, 0) == "4")
        #expect(NumberText.fixed(-2.5, 0) == "-2")
        #expect(NumberText.fixed(1.005, 2) == "1.00")
        #expect(NumberText.fixed(0.045, 2) == "0.04")
        #expect(NumberText.fixed(0.015, 2) == "0.01")
        #expect(NumberText.fixed(99.96, 1) == "100.0")
        #expect(NumberText.fixed(0.0005, 6) == "0.000500")
        #expect(NumberText.fixed(7, 0) == "7")
        #expect(NumberText.fixed(-0.4, 0) == "0")
        #expect(NumberText.fixed(1e20, 2) == "100000000000000000000.00")
        #expect(NumberText.format("%.3f", 2.0005) == "2.001")
        #expect(NumberText.format("%.3f", -.infinity) == "-inf")
    }

    /// Against C's printf over 400,000 values: random magnitudes from 1e-12 to 1e16, exact
    /// binary ties, and the neighbours of every decimal half near them.
    @Test func fixedNotationMatchesPrintf() {
        func printf(_ value: Double, _ decimals: Int) -> String {
            var buffer = [CChar](repeating: 0, count: 512)
            let count = withVaList([value]) { vsnprintf(&buffer, buffer.count, "%.\(decimals)f", $0) }
            var text = String(decoding: buffer[..<Int(count)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if text.hasPrefix("-"), text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) { text.removeFirst() }
            return text
        }
        var generator = SeededGenerator(seed: 15)
        func next() -> UInt64 { generator.next() }
        var mismatches: [String] = []
        for _ in 0..<100_000 {
            let decimals = Int(next() % 10)
            let exponent = Double(Int(next() % 29)) - 12
            let mantissa = Double(next() >> 11) / Double(1 << 53)
            let sign: Double = next() % 2 == 0 ? 1 : -1
            let value = sign * mantissa * pow(10, exponent)
            // A decimal half near the value, and the doubles either side of it.
            let scale = pow(10, Double(decimals))
            let half = ((value * scale).rounded(.down) + 0.5) / scale
            // A binary tie: k / 2^j.
            let tie = sign * Double(next() % 100_000) / Double(1 << Int(next() % 12))
            for candidate in [value, half, half.nextUp, half.nextDown, tie] {
                let expected = printf(candidate, decimals)
                let actual = NumberText.fixed(candidate, decimals)
                if actual != expected, mismatches.count < 10 { mismatches.append("\(candidate) %.\(decimals)f: \(actual) vs \(expected)") }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches)")
    }
}
