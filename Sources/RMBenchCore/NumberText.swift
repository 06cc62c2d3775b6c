#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// printf-style number formatting in the C locale, for pages and charts.
///
///     NumberText.format("%.1f", 83.6066)   // "83.6"
///
/// Foundation's `String(format:)` goes through CFString and ICU and took 40 % of a 50-model
/// site build; C's `vsnprintf` is exact (correctly rounded, like Python's `%` formatting) and
/// fast. The C locale is set for the calling thread during the call, so a decimal comma from
/// the environment can never leak into a page.
public enum NumberText {
    /// Numbers only need LC_NUMERIC (the decimal point); `LC_NUMERIC_MASK` is a C macro Swift
    /// does not import.
    nonisolated(unsafe) private static let cLocale = newlocale(Int32(1) << LC_NUMERIC, "C", nil)

    public static func format(_ format: String, _ value: Double) -> String {
        let previous = uselocale(cLocale)
        defer { uselocale(previous) }
        return withVaList([value]) { arguments in
            var buffer = [CChar](repeating: 0, count: 64)
            let length = Int(vsnprintf(&buffer, buffer.count, format, arguments))
            if length >= buffer.count {
                buffer = [CChar](repeating: 0, count: length + 1)
                return withVaList([value]) { again in
                    _ = vsnprintf(&buffer, buffer.count, format, again)
                    return text(buffer)
                }
            }
            return text(buffer)
        }
    }

    private static func text(_ buffer: [CChar]) -> String {
        buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }

    /// Fixed notation with `decimals` digits after the point; "-0.0" becomes "0.0".
    public static func fixed(_ value: Double, _ decimals: Int) -> String {
        let text = format("%.\(decimals)f", value)
        if text.hasPrefix("-"), text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) { return String(text.dropFirst()) }
        return text
    }
}
