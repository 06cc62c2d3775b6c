#!/usr/bin/env python3
"""Reference values from scipy/numpy for the RMBenchAnalyze tests.

Usage: Tests/Tools/scipy_fixtures.py > Tests/RMBenchAnalyzeTests/ScipyFixtures.swift

Pinned: scipy==1.17.1, numpy==2.4.6 (`pip install scipy==1.17.1 numpy==2.4.6`); the script
stops if others are installed, since scipy's defaults (kendalltau's method, pearsonr's
interval) have changed between versions.

Prints a Swift source file. The generated file is committed, so the Swift tests need neither
Python nor scipy; rerun this script only to add cases. Every float is written with repr(),
the shortest text that reads back to the same double, so Swift sees exactly scipy's inputs
and outputs.

What each number is, in scipy's terms:
- Pearson: scipy.stats.pearsonr (statistic, pvalue) and its confidence_interval(0.95)
  (Fisher's z, the default; NaN below n = 4); line: scipy.stats.linregress.
- Spearman: scipy.stats.spearmanr (average ranks for ties; p from Student t, n - 2 df).
- Kendall: scipy.stats.kendalltau with its default method="auto" (tau-b): the exact p without
  ties for n <= 33, else the normal approximation with the tie-corrected variance. Which one
  scipy used is found by recomputing the p with method="exact" and "asymptotic".
- betainc: scipy.special.betainc(a, b, x) = I_x(a, b).
- t tail: 2 * scipy.stats.t.sf(|t|, df); normal: scipy.stats.norm.cdf(z), 2 * norm.sf(|z|).
- log-gamma: scipy.special.gammaln(x).
- percentiles: numpy.percentile(values, [2.5, 97.5]) (method 'linear', numpy's default).
- generator: SeededGenerator's stream (SplitMix64-seeded xoshiro256**, Lemire bounded
  integers), re-implemented here from the published algorithms, pinning it across platforms.
"""
import numpy as np
import scipy
import scipy.special as sp
import scipy.stats as st


def lit(v):
    """A Swift literal that reads back to the same double."""
    v = float(v)
    if np.isnan(v):
        return ".nan"
    if np.isinf(v):
        return ".infinity" if v > 0 else "-.infinity"
    return repr(v)


def array(values):
    return "[" + ", ".join(lit(v) for v in values) + "]"


def correlation_cases():
    rng = np.random.default_rng(20240611)
    cases = []
    for n in (3, 5, 12, 50):
        cases.append((f"normal n={n}", rng.normal(size=n), rng.normal(size=n)))
    x = rng.normal(size=50)
    cases.append(("correlated n=50", x, 0.6 * x + 0.8 * rng.normal(size=50)))
    x = rng.normal(size=20)
    cases.append(("negative n=20", x, -0.7 * x + 0.5 * rng.normal(size=20)))
    x = np.round(rng.normal(size=30), 1)
    cases.append(("ties in x n=30", x, x + rng.normal(size=30)))
    y = rng.integers(0, 6, size=25).astype(float)
    cases.append(("ties in y n=25", rng.normal(size=25) + 0.3 * y, y))
    x = rng.integers(0, 5, size=40).astype(float)
    cases.append(("ties in both n=40", x, np.clip(x + rng.integers(-1, 2, size=40), 0, 4).astype(float)))
    cases.append(("n=3 with a tie", np.array([1.0, 2.0, 2.0]), np.array([3.0, 1.0, 2.0])))
    x = np.arange(1, 11, dtype=float)
    cases.append(("monotone increasing exp n=10", x, np.exp(x)))
    x = np.linspace(-2, 3, 15)
    cases.append(("monotone decreasing cube n=15", x, -(x ** 3)))
    # Accuracies of reward models, the data the site correlates.
    x = rng.uniform(0.5, 0.8, size=8)
    cases.append(("accuracies n=8", x, x + rng.normal(scale=0.05, size=8)))
    cases.append(("weak n=200", rng.normal(size=200), rng.normal(size=200) + 0.1 * np.arange(200) / 200))
    x = rng.normal(size=60)
    cases.append(("strong n=60", x, x + 0.05 * rng.normal(size=60)))
    # Small samples, where scipy's default Kendall p is exact: n from 4 to 40, with and
    # without ties (a separate stream, so the cases above keep their data).
    rng = np.random.default_rng(20250301)
    cases.append(("perfect rank agreement n=4", np.array([55.0, 61.0, 70.0, 80.0]), np.array([60.1, 62.5, 71.0, 74.2])))
    cases.append(("perfect rank agreement n=5", np.arange(5, dtype=float), np.arange(5, dtype=float) ** 2))
    for n in (4, 6, 9, 15, 25, 33, 34, 40):
        x = rng.normal(size=n)
        cases.append((f"small n={n}", x, 0.5 * x + rng.normal(size=n)))
    x = np.arange(40, dtype=float)
    y = x.copy()
    y[[10, 11]] = y[[11, 10]]
    cases.append(("one swap n=40", x, y + 0.01 * rng.normal(size=40)))
    cases.append(("tie n=4", np.array([1.0, 2.0, 2.0, 4.0]), np.array([0.3, 0.1, 0.7, 0.9])))
    for n in (7, 12, 20, 33, 40):
        x = rng.integers(0, 4, size=n).astype(float)
        cases.append((f"small ties n={n}", x, x + rng.normal(size=n)))
    return cases


MASK = (1 << 64) - 1


class Xoshiro256StarStar:
    """xoshiro256** seeded by SplitMix64, and Lemire's unbiased bounded integers."""

    def __init__(self, seed):
        state = []
        for _ in range(4):
            seed = (seed + 0x9E3779B97F4A7C15) & MASK
            z = seed
            z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
            state.append(z ^ (z >> 31))
        self.s = state

    def next(self):
        s = self.s
        rotl = lambda x, k: ((x << k) | (x >> (64 - k))) & MASK
        result = (rotl((s[1] * 5) & MASK, 7) * 9) & MASK
        t = (s[1] << 17) & MASK
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
        return result

    def index_below(self, bound):
        product = self.next() * bound
        if product & MASK < bound:
            threshold = ((1 << 64) - bound) % bound  # 2^64 mod bound, as (0 &- s) % s in Swift
            while product & MASK < threshold:
                product = self.next() * bound
        return product >> 64


def kendall_method(x, y, p):
    """Which method scipy's default kendalltau used for p."""
    try:
        if st.kendalltau(x, y, method="exact").pvalue == p:
            return "exact"
    except ValueError:
        pass
    assert st.kendalltau(x, y, method="asymptotic").pvalue == p
    return "asymptotic"


def main():
    assert (scipy.__version__, np.__version__) == ("1.17.1", "2.4.6"), "install scipy==1.17.1 numpy==2.4.6"
    print("// Generated by Tests/Tools/scipy_fixtures.py — do not edit; rerun the script instead:")
    print("//     python3 Tests/Tools/scipy_fixtures.py > Tests/RMBenchAnalyzeTests/ScipyFixtures.swift")
    print(f"// scipy {scipy.__version__}, numpy {np.__version__}.")
    print()
    print("struct CorrelationFixture {")
    print("    var name: String")
    print("    var x: [Double]")
    print("    var y: [Double]")
    print("    var pearsonR, pearsonP, spearmanRho, spearmanP, kendallTau, kendallP, slope, intercept: Double")
    print("    /// `exact` or `asymptotic`: what scipy's default used.")
    print("    var kendallMethod: String")
    print("    /// Fisher-z 95 % interval of r; NaN below n = 4.")
    print("    var pearsonLow, pearsonHigh: Double")
    print("}")
    print()
    print("struct BetaFixture { var x, a, b, value: Double }")
    print("struct StudentTFixture { var t, df, twoSidedP: Double }")
    print("struct NormalFixture { var z, cdf, twoSidedP: Double }")
    print("struct LogGammaFixture { var x, value: Double }")
    print("struct PercentileFixture { var values: [Double]; var p2_5, p97_5: Double }")
    print("struct GeneratorFixture { var seed: UInt64; var next: [UInt64]; var bound: Int; var indices: [Int] }")
    print()
    print("enum ScipyFixtures {")

    print("    static let correlations: [CorrelationFixture] = [")
    for name, x, y in correlation_cases():
        pr = st.pearsonr(x, y)
        sr = st.spearmanr(x, y)
        kt = st.kendalltau(x, y)
        lr = st.linregress(x, y)
        low, high = pr.confidence_interval(0.95) if len(x) >= 4 else (float("nan"), float("nan"))
        print(f"        CorrelationFixture(")
        print(f'            name: "{name}",')
        print(f"            x: {array(x)},")
        print(f"            y: {array(y)},")
        print(f"            pearsonR: {lit(pr.statistic)}, pearsonP: {lit(pr.pvalue)},")
        print(f"            spearmanRho: {lit(sr.statistic)}, spearmanP: {lit(sr.pvalue)},")
        print(f"            kendallTau: {lit(kt.statistic)}, kendallP: {lit(kt.pvalue)},")
        print(f"            slope: {lit(lr.slope)}, intercept: {lit(lr.intercept)},")
        print(f'            kendallMethod: "{kendall_method(x, y, kt.pvalue)}", pearsonLow: {lit(low)}, pearsonHigh: {lit(high)}),')
    print("    ]")
    print()

    beta_points = [
        (0.5, 2.0, 3.0), (0.1, 0.5, 0.5), (0.9, 0.5, 0.5), (0.3, 10.0, 0.5), (0.999, 24.0, 0.5),
        (0.2, 1.0, 1.0), (0.05, 24.0, 24.0), (0.45, 24.0, 24.0), (0.7, 100.0, 40.0), (0.01, 0.1, 7.5),
        (0.99, 7.5, 0.1), (0.6, 3.5, 2.25), (1e-6, 2.0, 0.5), (0.5, 500.0, 500.0), (0.25, 1.5, 98.5),
    ]
    print("    static let betainc: [BetaFixture] = [")
    for x, a, b in beta_points:
        print(f"        BetaFixture(x: {lit(x)}, a: {lit(a)}, b: {lit(b)}, value: {lit(sp.betainc(a, b, x))}),")
    print("    ]")
    print()

    t_points = [
        (0.0, 1.0), (1.0, 1.0), (2.5, 3.0), (-2.5, 3.0), (0.3, 10.0), (2.0, 48.0), (5.0, 48.0),
        (12.0, 8.0), (40.0, 198.0), (1.96, 1000.0), (3.3, 2.5), (-0.7, 0.5), (8.0, 30.0),
    ]
    print("    static let studentT: [StudentTFixture] = [")
    for t, df in t_points:
        print(f"        StudentTFixture(t: {lit(t)}, df: {lit(df)}, twoSidedP: {lit(2 * st.t.sf(abs(t), df))}),")
    print("    ]")
    print()

    print("    static let normal: [NormalFixture] = [")
    for z in (0.0, 0.5, -0.5, 1.0, -1.959963984540054, 2.5758293035489, 4.0, -6.0, 9.5, 20.0):
        print(f"        NormalFixture(z: {lit(z)}, cdf: {lit(st.norm.cdf(z))}, twoSidedP: {lit(2 * st.norm.sf(abs(z)))}),")
    print("    ]")
    print()

    print("    static let logGamma: [LogGammaFixture] = [")
    for x in (0.001, 0.1, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 7.25, 10.0, 24.0, 24.5, 100.0, 1234.5, 1e5):
        print(f"        LogGammaFixture(x: {lit(x)}, value: {lit(sp.gammaln(x))}),")
    print("    ]")
    print()

    rng = np.random.default_rng(7)
    percentile_sets = [
        rng.normal(size=1000), rng.uniform(size=7), np.array([0.25]), np.array([1.0, 2.0]),
        np.round(rng.normal(size=41), 2), rng.normal(size=999) * 1e-3,
    ]
    print("    static let percentiles: [PercentileFixture] = [")
    for values in percentile_sets:
        lo, hi = np.percentile(values, [2.5, 97.5])
        print(f"        PercentileFixture(values: {array(values)}, p2_5: {lit(lo)}, p97_5: {lit(hi)}),")
    print("    ]")
    print()

    print("    static let generator: [GeneratorFixture] = [")
    for seed, bound in ((0, 1327), (42, 3), (0x524D42656E636821, 529), (2**64 - 1, 2**62 + 1)):
        g = Xoshiro256StarStar(seed)
        raw = [g.next() for _ in range(6)]
        g = Xoshiro256StarStar(seed)
        indices = [g.index_below(bound) for _ in range(12)]
        print(f"        GeneratorFixture(seed: {seed}, next: {raw}, bound: {bound}, indices: {indices}),")
    print("    ]")
    print("}")


if __name__ == "__main__":
    main()
