#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// printf-style number formatting in the C locale, for pages and charts.
///
///     NumberText.format("%.1f", 83.6066)   // "83.6"
///     NumberText.format("%.1f", -0.04)     // "0.0", not "-0.0"
///
/// Foundation's `String(format:)` goes through CFString and ICU and took 40 % of a 50-model
/// site build; C's `vsnprintf` is exact (correctly rounded, like Python's `%` formatting) and
/// fast. The C locale is set for the calling thread during the call, so a decimal comma from
/// the environment can never leak into a page.
///
/// One rule for every number the site prints: a number whose printed digits are all zero
/// (`-0`, `-0.0`, `-0.00`, `-0e+00`, …: a negative zero, or a tiny negative value rounded away)
/// carries no minus sign, so a published `-0` reads `0.0` and a table never shows a "negative
/// nothing". The rule looks at the number that starts the text, which is how every caller
/// formats (`"%.1f"`, `"%.1f %%"`, `"%+.2f"`, …); an explicit `+` (from `%+`) is left alone.
public enum NumberText {
    /// Numbers only need LC_NUMERIC (the decimal point); `LC_NUMERIC_MASK` is a C macro Swift
    /// does not import.
    nonisolated(unsafe) private static let cLocale = newlocale(Int32(1) << LC_NUMERIC, "C", nil)

    public static func format(_ format: String, _ value: Double) -> String {
        if let decimals = fixedDecimals(format), let text = shortFixed(value, decimals) { return text }
        let previous = uselocale(cLocale)
        defer { uselocale(previous) }
        // A stack buffer: pages print hundreds of thousands of numbers, and nearly all fit.
        // vsnprintf returns the full length (a CInt; widening it to Int cannot fail), so a
        // longer text is printed once more into a buffer of that size. A negative result (an
        // encoding error, impossible for a number) prints as nothing.
        var length = 0
        let short = withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buffer -> String? in
            length = Int(withVaList([value]) { vsnprintf(buffer.baseAddress!, buffer.count, format, $0) })
            guard length >= 0 else { return "" }
            guard length < buffer.count else { return nil }
            return text(UnsafeBufferPointer(rebasing: buffer[..<length]))
        }
        if let short { return short }
        var buffer = [CChar](repeating: 0, count: length + 1)
        _ = withVaList([value]) { vsnprintf(&buffer, buffer.count, format, $0) }
        return buffer.withUnsafeBufferPointer { text(UnsafeBufferPointer(rebasing: $0[..<length])) }
    }

    /// The printed characters, without the minus sign of a number that printed as zero.
    private static func text(_ chars: UnsafeBufferPointer<CChar>) -> String {
        let start = isSignedZero(chars) ? 1 : 0
        return String(decoding: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(chars)[start...]), as: UTF8.self)
    }

    /// True when the text starts with `-` and the number after it has only zero digits: the
    /// run of digits and points up to an exponent, a space, `%` or the end (not a hex float's
    /// `0x…`, whose digits follow the `x`; not `-nan`, which has no digits).
    static func isSignedZero(_ chars: UnsafeBufferPointer<CChar>) -> Bool {
        guard chars.first == CChar(UInt8(ascii: "-")) else { return false }
        var digits = 0
        for char in chars.dropFirst() {
            switch UInt8(bitPattern: char) {
            case UInt8(ascii: "0"): digits += 1
            case UInt8(ascii: "."): continue
            case UInt8(ascii: "1")...UInt8(ascii: "9"), UInt8(ascii: "x"), UInt8(ascii: "X"): return false
            default: return digits > 0
            }
        }
        return digits > 0
    }

    /// Fixed notation with `decimals` digits after the point (a negative count counts as 0);
    /// "-0.0" becomes "0.0" (the rule of ``format(_:_:)``). The same text as `"%.Nf"`: for up to
    /// nine decimals and values below 2⁵² in the last decimal it is made here without printf
    /// (prompt pages print hundreds of thousands of scores), otherwise by ``format(_:_:)``.
    public static func fixed(_ value: Double, _ decimals: Int) -> String {
        let decimals = max(decimals, 0)
        return shortFixed(value, decimals) ?? format("%.\(decimals)f", value)
    }

    /// N of a format that is exactly `%.Nf` with one digit N, else nil.
    private static func fixedDecimals(_ format: String) -> Int? {
        var bytes = format.utf8.makeIterator()
        guard bytes.next() == UInt8(ascii: "%"), bytes.next() == UInt8(ascii: "."),
              let digit = bytes.next(), (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(digit),
              bytes.next() == UInt8(ascii: "f"), bytes.next() == nil else { return nil }
        return Int(digit - UInt8(ascii: "0"))
    }

    /// Powers of ten up to 10⁹, each an exact Double.
    private static let powersOfTen: [Double] = (0...9).map { pow(10, Double($0)) }

    /// `value` × 10^`decimals` rounded as printf rounds it, or nil outside the fast range.
    ///
    /// printf rounds the exact binary value to the nearest multiple of 10^-decimals, a tie
    /// (exactly halfway, as 0.125 to two decimals) to the even neighbour. With p = 10^decimals
    /// exact, `(-c).addingProduct(m, p)` is m·p − c computed exactly and rounded once, so its sign
    /// is the exact sign: nonzero differences are at least m's last bit, never rounded to zero.
    /// That places m·p between two integers f ≤ m·p < f + 1 and then against f + ½ (exact below
    /// 2⁵²), with no rounding of the product on the way.
    private static func roundedScaled(_ magnitude: Double, _ decimals: Int) -> UInt64? {
        guard decimals < powersOfTen.count, magnitude.isFinite, magnitude >= 0 else { return nil }
        let p = powersOfTen[decimals]
        let limit = 4_503_599_627_370_496.0  // 2⁵²
        guard magnitude * p < limit - 2 else { return nil }
        var floor = (magnitude * p).rounded(.down)
        if (-floor).addingProduct(magnitude, p) < 0 {
            floor -= 1
        } else if (-(floor + 1)).addingProduct(magnitude, p) >= 0 {
            floor += 1
        }
        let aboveHalf = (-(floor + 0.5)).addingProduct(magnitude, p)
        let whole = UInt64(floor)
        if aboveHalf > 0 { return whole + 1 }
        if aboveHalf < 0 { return whole }
        return whole % 2 == 0 ? whole : whole + 1
    }

    private static func shortFixed(_ value: Double, _ decimals: Int) -> String? {
        guard let scaled = roundedScaled(abs(value), decimals) else { return nil }
        // At most 16 digits, a point and a sign.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { buffer in
            var start = buffer.count
            var rest = scaled
            var written = 0
            repeat {
                start -= 1
                buffer[start] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                written += 1
                if written == decimals {
                    start -= 1
                    buffer[start] = UInt8(ascii: ".")
                }
            } while rest > 0 || written <= decimals
            // The rule of format(_:_:): a number printed as zero has no minus sign.
            if value.sign == .minus && scaled != 0 {
                start -= 1
                buffer[start] = UInt8(ascii: "-")
            }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[start...]), as: UTF8.self)
        }
    }
}
