/// The least-squares line y ≈ slope·x + intercept of paired data, with Pearson's r: the one fit
/// behind the correlations (as `scipy.stats.linregress`) and every trend line a chart draws.
///
/// Deviations are scaled by their largest magnitude before squaring (as scipy does), so huge
/// values cannot overflow; r is Sxy / √(Sxx·Syy), exactly ±1 for exactly (anti-)proportional
/// deviations.
///
///     LeastSquares(x: [1, 2, 3], y: [2, 4, 6])?.slope   // 2
public struct LeastSquares: Sendable {
    public var slope: Double
    public var intercept: Double
    /// Nil when y has no spread (the line is flat; r is undefined).
    public var r: Double?

    /// Nil for fewer than two points or no spread in x.
    public init?(x: [Double], y: [Double]) {
        precondition(x.count == y.count, "a fit needs paired samples of the same length")
        guard x.count >= 2 else { return nil }
        let n = Double(x.count)
        let meanX = x.reduce(0, +) / n
        let meanY = y.reduce(0, +) / n
        let scaleX = x.reduce(0) { max($0, abs($1 - meanX)) }
        let scaleY = y.reduce(0) { max($0, abs($1 - meanY)) }
        guard scaleX > 0 else { return nil }
        // With no spread in y every deviation is 0; dividing by 1 keeps the sums at 0.
        let divisorY = scaleY > 0 ? scaleY : 1
        var sxx = 0.0, syy = 0.0, sxy = 0.0
        for k in x.indices {
            let dx = (x[k] - meanX) / scaleX
            let dy = (y[k] - meanY) / divisorY
            sxx += dx * dx
            syy += dy * dy
            sxy += dx * dy
        }
        r = scaleY > 0 ? max(-1, min(1, sxy / (sxx * syy).squareRoot())) : nil
        slope = sxy / sxx * (divisorY / scaleX)
        intercept = meanY - slope * meanX
    }
}
