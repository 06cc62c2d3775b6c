import Foundation

/// A chart title or caption broken into lines that fit a width, so that it is never cut short.
///
/// Words (split at spaces) go on the first line while they fit, then on the next, up to
/// `maxLines`; a single word wider than a line is broken after a hyphen or an underscore, or
/// anywhere when it has none. When the text still needs more lines, the font size shrinks in
/// steps of 0.5 px down to `minimumSize`; only a text that does not fit even then ends in "…"
/// (the full text stays in the chart's `<title>` / `<desc>`). Widths use ``LabelBox``'s
/// conservative rule (bold text 8 % wider), so a line that fits here fits on screen.
struct WrappedText: Sendable, Equatable {
    var lines: [String]
    var size: Double

    /// Line height as a multiple of the font size.
    static let lineSpacing = 1.2

    init(lines: [String], size: Double) {
        self.lines = lines
        self.size = size
    }

    init(_ text: String, width: Double, size: Double, maxLines: Int = 2, bold: Bool = false, minimumSize: Double = 9) {
        let flat = text.replacingOccurrences(of: "\r\n", with: " ")
            .replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ")
        var trial = size
        while true {
            if let lines = Self.lines(flat, width: width, size: trial, maxLines: maxLines, bold: bold) {
                self.lines = lines
                self.size = trial
                return
            }
            if trial - 0.5 < minimumSize { break }
            trial -= 0.5
        }
        // Even the smallest size needs more lines: keep maxLines and end the last with "…".
        let all = Self.lines(flat, width: width, size: minimumSize, maxLines: .max, bold: bold) ?? [flat]
        var kept = Array(all.prefix(max(maxLines, 1)))
        var last = kept.removeLast()
        while !last.isEmpty && Self.width(last + "…", size: minimumSize, bold: bold) > width { last.removeLast() }
        kept.append(last.trimmingCharacters(in: .whitespaces) + "…")
        self.lines = kept
        self.size = minimumSize
    }

    /// The height the lines take beyond one line.
    var extraHeight: Double { Double(max(lines.count - 1, 0)) * size * Self.lineSpacing }

    static func width(_ text: String, size: Double, bold: Bool) -> Double {
        LabelBox.width(text, size: size) * (bold ? 1.08 : 1)
    }

    /// Greedy line breaking; nil when the text needs more than `maxLines` lines.
    static func lines(_ text: String, width: Double, size: Double, maxLines: Int, bold: Bool) -> [String]? {
        // Pieces of one word join without a space.
        var pieces: [(text: String, joinsPrevious: Bool)] = []
        for word in text.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
            for (index, part) in breakWord(word, width: width, size: size, bold: bold).enumerated() {
                pieces.append((part, index > 0))
            }
        }
        var lines: [String] = []
        var current = ""
        for piece in pieces {
            let candidate = current.isEmpty ? piece.text : current + (piece.joinsPrevious ? "" : " ") + piece.text
            if current.isEmpty || self.width(candidate, size: size, bold: bold) <= width {
                current = candidate
            } else {
                lines.append(current)
                current = piece.text
                if lines.count >= maxLines { return nil }
            }
        }
        lines.append(current)
        return lines.count <= maxLines ? lines : nil
    }

    /// A word that fits as it is, or its parts: each chunk as long as fits, cut after its last
    /// `-` or `_` when it has one.
    static func breakWord(_ word: String, width: Double, size: Double, bold: Bool) -> [String] {
        guard self.width(word, size: size, bold: bold) > width else { return [word] }
        var parts: [String] = []
        var current = ""
        for c in word {
            if !current.isEmpty && self.width(current + String(c), size: size, bold: bold) > width {
                if let cut = current.lastIndex(where: { $0 == "-" || $0 == "_" }), current.index(after: cut) != current.endIndex {
                    parts.append(String(current[...cut]))
                    current = String(current[current.index(after: cut)...])
                } else {
                    parts.append(current)
                    current = ""
                }
            }
            current.append(c)
        }
        if !current.isEmpty { parts.append(current) }
        return parts
    }
}
