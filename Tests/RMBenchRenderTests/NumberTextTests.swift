import Testing
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
}
