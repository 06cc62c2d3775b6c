import Testing
@testable import RMBenchRender

@Suite("p-value text")
struct PValueTextTests {
    /// A p that underflowed to 0 is stated as a bound, never as "p = 0".
    @Test func underflowIsABoundNotZero() {
        #expect(CorrelationsPage.pValue(0) == "≤ 1e-300")
        #expect(CorrelationsPage.pPhrase(0) == "p ≤ 1e-300")
        #expect(CorrelationsPage.pPhrase(0.0123) == "p = 0.012")
        #expect(CorrelationsPage.pPhrase(4.2e-7) == "p = 4.2e-07")
        #expect(CorrelationsPage.pValue(.nan) == "–")
    }
}
