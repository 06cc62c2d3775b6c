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
    /// "-0.0" becomes "0.0" (the rule of ``format(_:_:)``).
    public static func fixed(_ value: Double, _ decimals: Int) -> String {
        format("%.\(max(decimals, 0))f", value)
    }
}
