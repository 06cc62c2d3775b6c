import Foundation

/// An sRGB colour with 8-bit channels.
struct RGB: Sendable, Equatable {
    var r: Int
    var g: Int
    var b: Int

    init(_ r: Int, _ g: Int, _ b: Int) {
        self.r = r
        self.g = g
        self.b = b
    }

    init(hex: UInt32) {
        self.init(Int((hex >> 16) & 0xFF), Int((hex >> 8) & 0xFF), Int(hex & 0xFF))
    }

    /// `#rrggbb`, lowercase.
    var hex: String {
        let digits = Array("0123456789abcdef")
        var s = "#"
        for channel in [r, g, b] {
            let c = min(max(channel, 0), 255)
            s.append(digits[c >> 4])
            s.append(digits[c & 0xF])
        }
        return s
    }

    /// WCAG relative luminance.
    var luminance: Double {
        func linear(_ c: Int) -> Double {
            let v = Double(c) / 255
            return v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
    }

    /// WCAG contrast ratio between two colours.
    static func contrast(_ a: RGB, _ b: RGB) -> Double {
        let (la, lb) = (a.luminance, b.luminance)
        return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
    }
}

/// Sequential colour scale for fractions in [0, 1]: pale apricot (low) through light green and
/// teal to dark blue (high). Every channel falls monotonically, so lightness does too: the scale
/// reads in greyscale and for the common colour-vision deficiencies (ColorBrewer YlGnBu with a
/// warm first stop).
enum ColorScale {
    static let stops: [RGB] = [
        RGB(hex: 0xFDE9C4), RGB(hex: 0xC7E9B4), RGB(hex: 0x7FCDBB), RGB(hex: 0x41B6C4),
        RGB(hex: 0x1D91C0), RGB(hex: 0x225EA8), RGB(hex: 0x253494), RGB(hex: 0x081D58),
    ]

    /// Fill of cells without data.
    static let noData = RGB(hex: 0xB8BCC2)

    static let darkText = RGB(hex: 0x000000)
    static let lightText = RGB(hex: 0xFFFFFF)

    /// The colour for `fraction` (clamped to [0, 1], so ±∞ are the ends; NaN counts as 0).
    static func color(at fraction: Double) -> RGB {
        let t = fraction.isNaN ? 0 : min(max(fraction, 0), 1)
        let position = t * Double(stops.count - 1)
        // t is in [0, 1], so position is in [0, 7] and each mixed channel in [0, 255]: the
        // conversions are exact; the fallbacks only keep them total.
        let lower = min(Int(exactly: position.rounded(.down)) ?? 0, stops.count - 2)
        let local = position - Double(lower)
        let a = stops[lower], b = stops[lower + 1]
        func mix(_ x: Int, _ y: Int) -> Int { Int(exactly: (Double(x) + (Double(y) - Double(x)) * local).rounded()) ?? x }
        return RGB(mix(a.r, b.r), mix(a.g, b.g), mix(a.b, b.b))
    }

    /// Black or white text, whichever contrasts more with `fill` (always at least 4.58 : 1).
    static func textColor(on fill: RGB) -> String {
        RGB.contrast(fill, darkText) >= RGB.contrast(fill, lightText) ? darkText.hex : lightText.hex
    }
}
