import Foundation
import RMBenchCore
import RMBenchScore

/// The RM-Bench style-substance matrix of one domain (or of all domains) as a standalone,
/// accessible SVG.
///
/// `counts[i][j]` is the number of prompts where the reward model scored the chosen response
/// in style `i` above the rejected response in style `j`; styles in RM-Bench order: concise
/// (y∅), detailed plain (yL), detailed markdown (yL,M). Rows are the chosen style, columns the
/// rejected style. Hard = mean of the upper triangle (chosen plainer than rejected), Normal =
/// mean of the diagonal, Easy = mean of the lower triangle.
///
/// The SVG is well-formed XML with the SVG namespace, so it works inline in HTML and as a
/// file behind `<img>`. Every id and class inside starts with ``idPrefix``, so several charts
/// can share one page. Label colours switch with `prefers-color-scheme`; the page embedding
/// it inline should switch its background the same way.
public struct StyleMatrixChart: Sendable {
    /// Unique per page; sanitized into ``idPrefix``.
    public var id: String
    /// Visible title and accessible name (data-derived; escaped on output).
    public var title: String
    /// 3×3 counts, `counts[chosen][rejected]`. Missing entries are shown as "–".
    public var counts: [[Int]]
    /// Number of prompts (the denominator). 0 (or less) → every cell shows "–".
    public var samples: Int
    /// Optional 95 % intervals per cell (fractions), shown in the cell's tooltip and <desc>.
    public var intervals: [[ClosedRange<Double>?]]?

    /// Hard, Normal and Easy as the Score stage computed them (``DifficultyMeans``), drawn on
    /// the triangles; nil shows "–". The chart never recomputes them.
    public var hard: Double?
    public var normal: Double?
    public var easy: Double?

    public init(id: String, title: String, counts: [[Int]], samples: Int, intervals: [[ClosedRange<Double>?]]? = nil,
                hard: Double? = nil, normal: Double? = nil, easy: Double? = nil) {
        self.id = id
        self.title = title
        self.counts = counts
        self.samples = samples
        self.intervals = intervals
        self.hard = hard
        self.normal = normal
        self.easy = easy
    }

    /// The chart of a Score-stage matrix, with its Hard, Normal and Easy.
    public init(id: String, title: String, matrix: StyleMatrix, intervals: [[ClosedRange<Double>?]]? = nil) {
        let known = matrix.samples > 0
        self.init(id: id, title: title, counts: matrix.counts, samples: matrix.samples, intervals: intervals,
                  hard: known ? matrix.hard : nil, normal: known ? matrix.normal : nil, easy: known ? matrix.easy : nil)
    }

    // MARK: Values

    /// The style symbols: base and subscript (y∅, yL, yL,M).
    static let styleSubscripts = ["∅", "L", "L,M"]

    /// Fraction of prompts for cell (chosen `i`, rejected `j`), or nil without data.
    public func fraction(chosen i: Int, rejected j: Int) -> Double? {
        guard samples > 0, let count = count(i, j) else { return nil }
        return Double(count) / Double(samples)
    }

    private func count(_ i: Int, _ j: Int) -> Int? {
        guard counts.indices.contains(i), counts[i].indices.contains(j) else { return nil }
        return counts[i][j]
    }

    /// `id` reduced to `[A-Za-z0-9_-]`, starting with a letter; if anything had to change,
    /// a hash of the original id is appended so distinct ids stay distinct.
    public var idPrefix: String { PlotSVG.idPrefix(id) }

    // MARK: Layout

    static let width = 440
    static let height = 360
    static let gridX = 158.0
    static let gridY = 88.0
    static let cellW = 76.0
    static let cellH = 70.0
    static let cellInset = 5.0

    // Label colours are the plots' (`PlotSVG.Theme`): a presentation-attribute fallback readable
    // on white and on black, refined by the <style> for light and dark mode.
    static let cellStroke = "#8c959f"

    // MARK: SVG

    public func svg() -> String {
        let p = idPrefix
        let gx = Self.gridX, gy = Self.gridY, cw = Self.cellW, ch = Self.cellH
        var s = ""

        let titleText = Self.visibleTitle(title)
        let height = Self.height + (Int(exactly: titleText.extraHeight.rounded(.up)) ?? 0)
        s += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Self.width)\" height=\"\(height)\""
        s += " viewBox=\"0 0 \(Self.width) \(height)\" role=\"img\""
        s += " aria-labelledby=\"\(p)-title \(p)-desc\" class=\"\(p)\""
        s += " font-family=\"\(PlotSVG.Theme.fontFamily)\">\n"
        s += "<title id=\"\(p)-title\">\(Escape.xml(title))</title>\n"
        s += "<desc id=\"\(p)-desc\">\(Escape.xml(description()))</desc>\n"
        s += "<style>\n"
        s += ".\(p){color-scheme:light dark}\n"
        s += ".\(p)-fg{fill:\(PlotSVG.Theme.lightText)}\n"
        s += ".\(p)-muted{fill:\(PlotSVG.Theme.lightMuted)}\n"
        s += ".\(p)-line{stroke:\(PlotSVG.Theme.lightText)}\n"
        s += "@media (prefers-color-scheme: dark){"
        s += ".\(p)-fg{fill:\(PlotSVG.Theme.darkText)}"
        s += ".\(p)-muted{fill:\(PlotSVG.Theme.darkMuted)}"
        s += ".\(p)-line{stroke:\(PlotSVG.Theme.darkText)}}\n"
        s += "</style>\n"

        // Visible title on up to two lines (never cut short), and everything under it moved
        // down by its second line.
        s += PlotSVG.lines(titleText, x: 8, y: 22, weight: "600", cls: "\(p)-fg")
        if titleText.extraHeight > 0 { s += "<g transform=\"translate(0 \(n(titleText.extraHeight)))\">\n" }

        // Axis captions in the top-left corner, next to the headers they explain.
        s += text("rejected response style →", x: gx - 8, y: 50, size: 11, anchor: "end", cls: "\(p)-muted")
        s += text("chosen response style ↓", x: gx - 8, y: 80, size: 11, anchor: "end", cls: "\(p)-muted")

        // Column headers (rejected style) and row headers (chosen style).
        for k in 0..<3 {
            let cx = gx + cw * (Double(k) + 0.5)
            let name = Style(rawValue: k)!.title
            s += symbol(k, x: cx, y: 50, anchor: "middle", cls: "\(p)-fg")
            // A column is 76 px wide: "detailed markdown" goes on two lines there.
            let words = name.split(separator: " ", maxSplits: 1).map(String.init)
            for (line, word) in words.enumerated() {
                s += text(word, x: cx, y: 63 + 11 * Double(line), size: 11, anchor: "middle", cls: "\(p)-muted")
            }
            let cy = gy + ch * (Double(k) + 0.5)
            s += symbol(k, x: gx - 8, y: cy - 3, anchor: "end", cls: "\(p)-fg")
            s += text(name, x: gx - 8, y: cy + 13, size: 11, anchor: "end", cls: "\(p)-muted")
        }

        // Cells.
        for i in 0..<3 {
            for j in 0..<3 {
                s += cell(i, j)
            }
        }

        // Normal: dashed outlines around the diagonal cells, in the gap between cell and grid line.
        s += "<g fill=\"none\" stroke=\"\(PlotSVG.Theme.fallbackText)\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\" class=\"\(p)-line\">"
        s += "<title>Normal (same style): \(Escape.xml(Self.percentWithUnit(normal)))</title>\n"
        for k in 0..<3 {
            let inset = 2.75
            s += "<rect x=\"\(n(gx + cw * Double(k) + inset))\" y=\"\(n(gy + ch * Double(k) + inset))\""
            s += " width=\"\(n(cw - 2 * inset))\" height=\"\(n(ch - 2 * inset))\" rx=\"4\"/>\n"
        }
        s += "</g>\n"

        // Hard (upper triangle) and Easy (lower triangle) regions, drawn on the grid lines.
        let hardPoints: [(Double, Double)] = [(1, 0), (3, 0), (3, 2), (2, 2), (2, 1), (1, 1)]
        let easyPoints: [(Double, Double)] = [(0, 1), (1, 1), (1, 2), (2, 2), (2, 3), (0, 3)]
        s += region(hardPoints, label: "Hard (chosen plainer than rejected)", value: hard)
        s += region(easyPoints, label: "Easy (chosen richer than rejected)", value: easy)

        // Region labels: Hard right of rows 0–1, Normal right of the last diagonal cell,
        // Easy below columns 0–1.
        let rightX = gx + 3 * cw + 28
        s += regionLabel("Hard", value: hard, x: rightX, y: gy + ch - 4)
        s += regionLabel("Normal", value: normal, x: rightX, y: gy + 2.5 * ch - 4)
        s += regionLabel("Easy", value: easy, x: gx + cw, y: gy + 3 * ch + 20)

        s += text("cell: % of prompts where the chosen response scores higher (count/total)",
                  x: Double(Self.width) / 2, y: Double(Self.height) - 8, size: 10, anchor: "middle", cls: "\(p)-muted")
        if titleText.extraHeight > 0 { s += "</g>\n" }
        s += "</svg>\n"
        return s
    }

    private func cell(_ i: Int, _ j: Int) -> String {
        let p = idPrefix
        let x = Self.gridX + Self.cellW * Double(j) + Self.cellInset
        let y = Self.gridY + Self.cellH * Double(i) + Self.cellInset
        let w = Self.cellW - 2 * Self.cellInset
        let h = Self.cellH - 2 * Self.cellInset
        let cx = x + w / 2
        let cy = y + h / 2
        let value = fraction(chosen: i, rejected: j)
        let fill = value.map { ColorScale.color(at: $0) } ?? ColorScale.noData
        let textColor = ColorScale.textColor(on: fill)
        let countText = "\(count(i, j).map(String.init) ?? "–")/\(max(samples, 0))"

        var s = "<g class=\"\(p)-cell\">"
        s += "<title>\(Escape.xml(cellSentence(i, j)))</title>\n"
        s += "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(w))\" height=\"\(n(h))\" rx=\"3\""
        s += " fill=\"\(fill.hex)\" stroke=\"\(Self.cellStroke)\" stroke-opacity=\"0.6\"/>\n"
        s += "<text x=\"\(n(cx))\" y=\"\(n(cy + 1))\" text-anchor=\"middle\" font-size=\"16\" font-weight=\"600\" fill=\"\(textColor)\">"
        if let value {
            s += "\(Escape.xml(Self.format1(value * 100)))<tspan font-size=\"10\" font-weight=\"400\">%</tspan>"
        } else {
            s += "–"
        }
        s += "</text>\n"
        s += text(countText, x: cx, y: cy + 17, size: 11, anchor: "middle", color: textColor)
        s += "</g>\n"
        return s
    }

    private func region(_ points: [(Double, Double)], label: String, value: Double?) -> String {
        let coords = points.map { "\(n(Self.gridX + Self.cellW * $0.0)),\(n(Self.gridY + Self.cellH * $0.1))" }
        var s = "<polygon points=\"\(coords.joined(separator: " "))\" fill=\"none\""
        s += " stroke=\"\(PlotSVG.Theme.fallbackText)\" stroke-width=\"2\" stroke-linejoin=\"round\" class=\"\(idPrefix)-line\">"
        s += "<title>\(Escape.xml(label + ": " + Self.percentWithUnit(value)))</title></polygon>\n"
        return s
    }

    private func regionLabel(_ name: String, value: Double?, x: Double, y: Double) -> String {
        let p = idPrefix
        return text(name, x: x, y: y, size: 12, weight: "700", anchor: "middle", cls: "\(p)-fg")
            + text(Self.percentWithUnit(value), x: x, y: y + 15, size: 12, anchor: "middle", cls: "\(p)-fg")
    }

    private func symbol(_ k: Int, x: Double, y: Double, anchor: String, cls: String) -> String {
        "<text x=\"\(n(x))\" y=\"\(n(y))\" text-anchor=\"\(anchor)\" font-size=\"13\" font-weight=\"600\""
            + " fill=\"\(PlotSVG.Theme.fallbackText)\" class=\"\(cls)\">y<tspan font-size=\"9\" dy=\"3\">"
            + "\(Self.styleSubscripts[k])</tspan></text>\n"
    }

    private func text(_ content: String, x: Double, y: Double, size: Int, weight: String? = nil,
                      anchor: String, cls: String? = nil, color: String? = nil) -> String {
        var s = "<text x=\"\(n(x))\" y=\"\(n(y))\" text-anchor=\"\(anchor)\" font-size=\"\(size)\""
        if let weight { s += " font-weight=\"\(weight)\"" }
        s += " fill=\"\(color ?? PlotSVG.Theme.fallbackText)\""
        if let cls { s += " class=\"\(cls)\"" }
        s += ">\(Escape.xml(content))</text>\n"
        return s
    }

    // MARK: Words

    private func cellSentence(_ i: Int, _ j: Int) -> String {
        let subject = "chosen \(Style(rawValue: i)!.title) vs rejected \(Style(rawValue: j)!.title)"
        guard let value = fraction(chosen: i, rejected: j), let count = count(i, j) else {
            return "\(subject): no data"
        }
        var sentence = "\(subject): \(Self.format1(value * 100)) % (\(count) of \(samples))"
        if let interval = intervals?[i][j] {
            sentence += ", 95 % CI \(Self.format1(interval.lowerBound * 100))–\(Self.format1(interval.upperBound * 100)) %"
        }
        return sentence
    }

    /// The <desc>: all nine cells and the three summary means in words.
    func description() -> String {
        var parts: [String] = []
        let prompts = samples == 1 ? "1 prompt" : "\(max(samples, 0)) prompts"
        parts.append("Style-substance matrix over \(prompts): share of prompts where the reward model "
                     + "scores the chosen response above the rejected one; rows are the chosen response's "
                     + "style, columns the rejected response's style.")
        var cells: [String] = []
        for i in 0..<3 { for j in 0..<3 { cells.append(cellSentence(i, j)) } }
        parts.append(cells.joined(separator: "; ") + ".")
        parts.append("Hard (chosen plainer than rejected): \(Self.percentWithUnit(hard)); "
                     + "Normal (same style): \(Self.percentWithUnit(normal)); "
                     + "Easy (chosen richer than rejected): \(Self.percentWithUnit(easy)).")
        return parts.joined(separator: " ")
    }

    // MARK: Formatting

    /// `%.1f` in the POSIX locale (no "-0.0": ``NumberText``'s rule); "–" for non-finite values.
    static func format1(_ value: Double) -> String {
        guard value.isFinite else { return "–" }
        return NumberText.fixed(value, 1)
    }

    static func percentWithUnit(_ fraction: Double?) -> String {
        guard let fraction else { return "–" }
        return format1(fraction * 100) + " %"
    }

    /// The title on up to two lines that fit the chart's width at 15 px bold (``WrappedText``).
    static func visibleTitle(_ title: String) -> WrappedText {
        WrappedText(title, width: Double(width) - 20, size: 15, bold: true)
    }

    private func n(_ value: Double) -> String { PlotSVG.n(value) }
}
