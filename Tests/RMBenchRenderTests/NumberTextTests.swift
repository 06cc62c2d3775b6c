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
}
