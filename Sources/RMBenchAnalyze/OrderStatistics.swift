/// Puts the few lowest and highest values of a buffer, sorted, at its two ends.
///
/// Why: the tie-group ranks need the 2.5th and 97.5th percentiles of 1,000 paired
/// differences for every pair of models (and the bootstrap intervals those of every metric),
/// which read only the 26 lowest and 26 highest of them; sorting all 1,000 for each pair made
/// that step cost as much as all the resampling.
/// One pass that keeps the lowest and highest few in two small sorted buffers is several
/// times cheaper (in a random order almost every value is rejected by one comparison) and
/// gives the same values: the k-th smallest of some numbers does not depend on how it is
/// found.
enum OrderStatistics {
    /// Afterwards positions 0..<lowest hold the `lowest` smallest values and positions
    /// count − highest..<count the `highest` largest, where an ascending sort would put them;
    /// the positions between hold unspecified values. `values` must hold no NaN; `scratch`
    /// must hold at least lowest + highest values. When lowest + highest > count the whole
    /// buffer is sorted.
    static func placeExtremes(
        _ values: UnsafeMutableBufferPointer<Double>, lowest: Int, highest: Int,
        scratch: UnsafeMutableBufferPointer<Double>
    ) {
        precondition(lowest >= 0 && highest >= 0 && scratch.count >= lowest + highest, "scratch too small")
        let n = values.count
        guard lowest + highest <= n else {
            var all = values  // the same memory; `sort` is declared mutating
            all.sort()
            return
        }
        // low[0..<lowCount] ascending: the smallest values so far; high[0..<highCount]
        // ascending: the largest values so far.
        let low = UnsafeMutableBufferPointer(rebasing: scratch[0..<lowest])
        let high = UnsafeMutableBufferPointer(rebasing: scratch[lowest..<(lowest + highest)])
        var lowCount = 0, highCount = 0
        for x in values {
            if lowCount < lowest {
                insert(x, into: low, count: lowCount)
                lowCount += 1
            } else if lowest > 0 && x < low[lowest - 1] {
                insert(x, into: low, count: lowest - 1)
            }
            if highCount < highest {
                insert(x, into: high, count: highCount)
                highCount += 1
            } else if highest > 0 && x > high[0] {
                // Drop the smallest of the highest, then insert x in order.
                var j = 0
                while j + 1 < highest && high[j + 1] < x {
                    high[j] = high[j + 1]
                    j += 1
                }
                high[j] = x
            }
        }
        for k in 0..<lowest { values[k] = low[k] }
        for k in 0..<highest { values[n - highest + k] = high[k] }
    }

    /// Inserts `x` into the ascending `buffer[0..<count]`, making it `buffer[0...count]`.
    @inline(__always)
    private static func insert(_ x: Double, into buffer: UnsafeMutableBufferPointer<Double>, count: Int) {
        var j = count
        while j > 0 && buffer[j - 1] > x {
            buffer[j] = buffer[j - 1]
            j -= 1
        }
        buffer[j] = x
    }
}
