import Foundation

/// The rectangle a one-line chart label covers, in SVG pixels, estimated from its characters.
///
/// The one width rule for labels that must not collide: ``ScatterChart`` places its point and
/// reference-line labels with it, and the tests recompute each emitted `<text>`'s box with it
/// (from its x, y, `text-anchor`, `font-size` and content) to check that no two labels and no
/// label and marker overlap. The estimate is deliberately generous: 0.65 em per character
/// (DejaVu Sans, the widest common fallback of `system-ui`, averages about 0.62 em over model
/// names, capitals included), 1 em for wide East Asian characters and emoji; 0.8 em above the
/// baseline and 0.25 em below it.
public struct LabelBox: Sendable, Equatable {
    public var x0: Double
    public var y0: Double
    public var x1: Double
    public var y1: Double

    /// Where a `<text>`'s x lies on its box (`text-anchor`).
    public enum Anchor: String, Sendable {
        case start, middle, end
    }

    public static let characterWidth = 0.65
    public static let wideCharacterWidth = 1.0
    public static let ascent = 0.8
    public static let descent = 0.25

    public init(x0: Double, y0: Double, x1: Double, y1: Double) {
        self.x0 = x0
        self.y0 = y0
        self.x1 = x1
        self.y1 = y1
    }

    /// The box of `text` drawn at (`x`, `y`) (y is the baseline) with `anchor`, at `size` px.
    public init(text: String, x: Double, y: Double, anchor: Anchor, size: Double) {
        let width = Self.width(text, size: size)
        let left: Double
        switch anchor {
        case .start: left = x
        case .middle: left = x - width / 2
        case .end: left = x - width
        }
        self.init(x0: left, y0: y - Self.ascent * size, x1: left + width, y1: y + Self.descent * size)
    }

    /// Estimated width in px of `text` at `size` px.
    public static func width(_ text: String, size: Double) -> Double {
        text.reduce(0) { $0 + (isWide($1) ? wideCharacterWidth : characterWidth) } * size
    }

    /// Wide East Asian characters and emoji (about 1 em each).
    static func isWide(_ c: Character) -> Bool {
        guard let v = c.unicodeScalars.first?.value else { return false }
        return (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v)
            || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v)
            || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1FAFF).contains(v)
            || (0x20000...0x3FFFD).contains(v)
    }

    public var width: Double { x1 - x0 }
    public var height: Double { y1 - y0 }

    /// The box grown by `margin` on every side.
    public func expanded(by margin: Double) -> LabelBox {
        LabelBox(x0: x0 - margin, y0: y0 - margin, x1: x1 + margin, y1: y1 + margin)
    }

    /// True when the two boxes share interior area (touching edges do not count).
    public func intersects(_ other: LabelBox) -> Bool {
        x0 < other.x1 && other.x0 < x1 && y0 < other.y1 && other.y0 < y1
    }

    /// True when `other` lies entirely inside this box.
    public func contains(_ other: LabelBox) -> Bool {
        other.x0 >= x0 && other.x1 <= x1 && other.y0 >= y0 && other.y1 <= y1
    }

    /// The point of the box nearest to (`x`, `y`).
    public func nearestPoint(to x: Double, _ y: Double) -> (x: Double, y: Double) {
        (min(max(x, x0), x1), min(max(y, y0), y1))
    }

    /// True when the box and the disc of `radius` around (`x`, `y`) overlap.
    public func intersects(circleAt x: Double, _ y: Double, radius: Double) -> Bool {
        let (nx, ny) = nearestPoint(to: x, y)
        let dx = nx - x, dy = ny - y
        return dx * dx + dy * dy < radius * radius
    }

    /// True when the segment from (`ax`, `ay`) to (`bx`, `by`) passes through the box's interior
    /// (Liang–Barsky clipping).
    public func intersects(segmentFrom ax: Double, _ ay: Double, to bx: Double, _ by: Double) -> Bool {
        var t0 = 0.0, t1 = 1.0
        let dx = bx - ax, dy = by - ay
        for (p, q) in [(-dx, ax - x0), (dx, x1 - ax), (-dy, ay - y0), (dy, y1 - ay)] {
            if p == 0 {
                if q <= 0 { return false }
            } else {
                let r = q / p
                if p < 0 { t0 = max(t0, r) } else { t1 = min(t1, r) }
                if t0 >= t1 { return false }
            }
        }
        return true
    }
}
