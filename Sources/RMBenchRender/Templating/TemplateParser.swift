/// Compiles Mustache source into ``TemplateNode``s: interpolation, sections, inverted
/// sections, comments, set delimiters and the `{{% CONTENT_TYPE: … }}` pragma, with the spec's
/// standalone-line rule. The whitespace rules are those of swift-mustache 2.1.1, the engine the
/// templates were written for, so existing templates render byte for byte as they did:
///
/// - A line's leading spaces and tabs are held back until the line shows whether it is
///   standalone. A section, inverted section or closing tag, comment, delimiter change or pragma
///   is standalone when nothing but them came before it on its line and only spaces and tabs
///   follow it up to a newline (or the end of the source right after the tag); a standalone
///   tag's line disappears, leading whitespace and newline included.
/// - After a section the line counts as fresh only if the section's opening tag was
///   standalone.
/// - Delimiters set inside a section hold until that section's end.
/// - A last line of only spaces and tabs, with no newline after it, is dropped.
///
/// Partials, template inheritance and swift-mustache's `name(…)` transforms are errors: a
/// template set has no partials to include, and an error says so where output would silently
/// lack them.
struct TemplateParser {
    private let source: [UInt8]
    private var position = 0

    init(_ text: String) {
        source = Array(text.utf8)
    }

    /// The template's nodes, or the first syntax error with its line and column.
    mutating func parse() throws(TemplateSyntaxError) -> [TemplateNode] {
        try parseNodes(closing: nil, startsLine: true, delimiters: (Array("{{".utf8), Array("}}".utf8)))
    }

    /// A section being parsed: its name and where its opening tag starts (for errors).
    private struct OpenSection {
        var name: String
        var tagStart: Int
        var tag: String
        /// How many sections hold this one, itself included.
        var depth: Int
    }

    /// Sections nest at most this deep: parsing and rendering descend once per level, and a
    /// template nested thousands deep would exhaust the stack instead of getting an error.
    static let maximumDepth = 100

    private typealias Delimiters = (start: [UInt8], end: [UInt8])

    /// Nodes up to the end of the source, or up to the closing tag of `section` (consumed).
    private mutating func parseNodes(closing section: OpenSection?, startsLine: Bool, delimiters: Delimiters) throws(TemplateSyntaxError) -> [TemplateNode] {
        var nodes = NodeList()
        var delimiters = delimiters
        var atLineStart = startsLine
        // Leading spaces and tabs of the current line, not yet written.
        var indentation = position..<position
        while position < source.count {
            if atLineStart {
                let start = position
                skipSpacesAndTabs()
                indentation = start..<position
            }
            let textStart = position
            let stop = readText(until: delimiters.start)
            switch stop {
            case .newline(let textEnd):
                nodes.append(source[indentation])
                nodes.append(source[textStart..<textEnd])
                atLineStart = true
                continue
            case .tag(let textEnd), .end(let textEnd):
                if textEnd > textStart {
                    nodes.append(source[indentation])
                    nodes.append(source[textStart..<textEnd])
                    indentation = position..<position
                    atLineStart = false
                }
            }
            guard case .tag(let tagStart) = stop else { break }
            guard position < source.count else { throw error(at: tagStart, "the tag is not closed (the template ends after \(text(delimiters.start)))") }
            var standalone = false
            let sigil = source[position]
            switch sigil {
            case UInt8(ascii: "#"), UInt8(ascii: "^"):
                position += 1
                let name = try readName(tagStart: tagStart, delimiters: delimiters)
                standalone = atLineStart && finishesLine()
                if !standalone {
                    nodes.append(source[indentation])
                    indentation = position..<position
                }
                let tag = text(delimiters.start) + (sigil == UInt8(ascii: "#") ? "#" : "^") + name + text(delimiters.end)
                let depth = (section?.depth ?? 0) + 1
                guard depth <= Self.maximumDepth else {
                    throw error(at: tagStart, "\(tag) opens a section inside \(Self.maximumDepth) others: sections nest at most \(Self.maximumDepth) deep")
                }
                let children = try parseNodes(closing: OpenSection(name: name, tagStart: tagStart, tag: tag, depth: depth),
                                              startsLine: standalone, delimiters: delimiters)
                nodes.append(sigil == UInt8(ascii: "#") ? .section(TemplateName(name), children) : .invertedSection(TemplateName(name), children))
            case UInt8(ascii: "/"):
                position += 1
                let name = try readName(tagStart: tagStart, delimiters: delimiters)
                let tag = text(delimiters.start) + "/" + name + text(delimiters.end)
                guard let section else { throw error(at: tagStart, "\(tag) closes no open section") }
                guard name == section.name else {
                    throw error(at: tagStart, "\(tag) does not close \(section.tag) (line \(lineAndColumn(of: section.tagStart).line))")
                }
                if !(atLineStart && finishesLine()) {
                    nodes.append(source[indentation])
                }
                return nodes.finish()
            case UInt8(ascii: "!"):
                position += 1
                guard let end = find(delimiters.end, from: position) else {
                    throw error(at: tagStart, "the comment is not closed by \(text(delimiters.end))")
                }
                position = end + delimiters.end.count
                standalone = atLineStart && finishesLine()
            case UInt8(ascii: "{"):
                nodes.append(source[indentation])
                indentation = position..<position
                position += 1
                let name = try readName(tagStart: tagStart, delimiters: delimiters)
                guard position < source.count, source[position] == UInt8(ascii: "}") else {
                    throw error(at: tagStart, "\(text(delimiters.start)){\(name)\(text(delimiters.end)) needs a third } to close it")
                }
                position += 1
                nodes.append(.value(TemplateName(name), escaped: false))
            case UInt8(ascii: "&"):
                nodes.append(source[indentation])
                indentation = position..<position
                position += 1
                let name = try readName(tagStart: tagStart, delimiters: delimiters)
                nodes.append(.value(TemplateName(name), escaped: false))
            case UInt8(ascii: "="):
                position += 1
                delimiters = try readDelimiters(tagStart: tagStart, closedBy: delimiters.end)
                standalone = atLineStart && finishesLine()
            case UInt8(ascii: "%"):
                position += 1
                nodes.append(try readPragma(tagStart: tagStart, delimiters: delimiters))
                standalone = atLineStart && finishesLine()
            case UInt8(ascii: ">"):
                throw error(at: tagStart, "partials (\(text(delimiters.start))> name\(text(delimiters.end))) are not supported: the templates include no other templates")
            case UInt8(ascii: "<"):
                throw error(at: tagStart, "template inheritance (\(text(delimiters.start))< name\(text(delimiters.end))) is not supported")
            case UInt8(ascii: "$"):
                throw error(at: tagStart, "blocks (\(text(delimiters.start))$ name\(text(delimiters.end))) are not supported")
            default:
                nodes.append(source[indentation])
                indentation = position..<position
                let name = try readName(tagStart: tagStart, delimiters: delimiters)
                nodes.append(.value(TemplateName(name), escaped: true))
            }
            atLineStart = standalone
        }
        if let section {
            throw error(at: section.tagStart, "\(section.tag) is never closed (no \(text(delimiters.start))/\(section.name)\(text(delimiters.end)))")
        }
        return nodes.finish()
    }

    /// Where a run of text ends: at a newline (the text includes it), at a tag (the position
    /// is after its start delimiter) or at the end of the source.
    private enum TextStop {
        case newline(textEnd: Int)
        case tag(textEnd: Int)
        case end(textEnd: Int)
    }

    /// Reads text up to and including a newline (`\n` or `\r\n`), up to a start delimiter
    /// (consumed), or to the end of the source.
    private mutating func readText(until startDelimiter: [UInt8]) -> TextStop {
        while position < source.count {
            let byte = source[position]
            if byte == UInt8(ascii: "\n") {
                position += 1
                return .newline(textEnd: position)
            }
            if byte == UInt8(ascii: "\r"), position + 1 < source.count, source[position + 1] == UInt8(ascii: "\n") {
                position += 2
                return .newline(textEnd: position)
            }
            if byte == startDelimiter[0], matches(startDelimiter, at: position) {
                let textEnd = position
                position += startDelimiter.count
                return .tag(textEnd: textEnd)
            }
            position += 1
        }
        return .end(textEnd: position)
    }

    /// A tag's name up to and including the end delimiter: optional whitespace, the name,
    /// optional whitespace.
    private mutating func readName(tagStart: Int, delimiters: Delimiters) throws(TemplateSyntaxError) -> String {
        skipWhitespace()
        let start = position
        while position < source.count, Self.isNameByte(source[position]) || source[position] == UInt8(ascii: "(") || source[position] == UInt8(ascii: ")") {
            position += 1
        }
        let name = String(decoding: source[start..<position], as: UTF8.self)
        skipWhitespace()
        guard matches(delimiters.end, at: position) else {
            throw error(at: tagStart, "the tag is not closed by \(text(delimiters.end)) (a name holds letters, digits and . - _ ? * only)")
        }
        position += delimiters.end.count
        guard !name.contains("("), !name.contains(")") else {
            throw error(at: tagStart, "\(name) is a transform, and transforms are not supported: give the value in the page data")
        }
        guard !name.isEmpty else { throw error(at: tagStart, "the tag has no name") }
        // `.` alone is the current element and a leading dot anchors the name; any other empty
        // part (`a.`, `a..b`, `..`) would be dropped silently.
        let parts = (name.hasPrefix(".") ? name.dropFirst() : Substring(name)).split(separator: ".", omittingEmptySubsequences: false)
        guard name == "." || !parts.contains(where: \.isEmpty) else {
            throw error(at: tagStart, "\(name) has an empty part between dots")
        }
        return name
    }

    /// `{{=<% %>=}}` after its `=`: two delimiters without whitespace or `=`, then `=` and the
    /// current end delimiter.
    private mutating func readDelimiters(tagStart: Int, closedBy end: [UInt8]) throws(TemplateSyntaxError) -> Delimiters {
        // Made only when thrown: it scans the source from its start for the line and column.
        func problem() -> TemplateSyntaxError {
            error(at: tagStart, "a delimiter change is written like {{=<% %>=}}: two delimiters without whitespace or =, separated by a space")
        }
        skipWhitespace()
        let start = position
        while position < source.count, !Self.isWhitespace(source[position]) { position += 1 }
        guard position < source.count else { throw problem() }
        let newStart = Array(source[start..<position])
        skipWhitespace()
        let endStart = position
        while position < source.count, !Self.isWhitespace(source[position]), source[position] != UInt8(ascii: "=") { position += 1 }
        guard position < source.count else { throw problem() }
        let newEnd = Array(source[endStart..<position])
        skipWhitespace()
        guard position < source.count, source[position] == UInt8(ascii: "=") else { throw problem() }
        position += 1
        guard matches(end, at: position) else { throw problem() }
        position += end.count
        guard !newStart.isEmpty, !newEnd.isEmpty else { throw problem() }
        return (newStart, newEnd)
    }

    /// `{{% CONTENT_TYPE: TEXT}}` or `HTML` after its `%`.
    private mutating func readPragma(tagStart: Int, delimiters: Delimiters) throws(TemplateSyntaxError) -> TemplateNode {
        let usage = "a pragma is written \(text(delimiters.start))% CONTENT_TYPE: TEXT\(text(delimiters.end)) (or HTML)"
        skipWhitespace()
        let variable = readWord()
        skipWhitespace()
        guard position < source.count, source[position] == UInt8(ascii: ":") else { throw error(at: tagStart, usage) }
        position += 1
        skipWhitespace()
        let value = readWord()
        skipWhitespace()
        guard matches(delimiters.end, at: position), !variable.isEmpty, !value.isEmpty else { throw error(at: tagStart, usage) }
        position += delimiters.end.count
        guard variable == "CONTENT_TYPE" else { throw error(at: tagStart, "unknown pragma \(variable): \(usage)") }
        switch value {
        case "TEXT": return .contentType(escapesHTML: false)
        case "HTML": return .contentType(escapesHTML: true)
        default: throw error(at: tagStart, "unknown content type \(value): \(usage)")
        }
    }

    private mutating func readWord() -> String {
        let start = position
        while position < source.count, Self.isNameByte(source[position]) { position += 1 }
        return String(decoding: source[start..<position], as: UTF8.self)
    }

    /// Whether only spaces and tabs are left on the line; if so the position moves past the
    /// line's newline. The end of the source right here also finishes the line.
    private mutating func finishesLine() -> Bool {
        guard position < source.count else { return true }
        var next = position
        while next < source.count, source[next] == UInt8(ascii: " ") || source[next] == UInt8(ascii: "\t") { next += 1 }
        guard let length = newlineLength(at: next) else { return false }
        position = next + length
        return true
    }

    /// The length in bytes of a line break at `offset` (what Swift's `Character.isNewline`
    /// accepts), or nil.
    private func newlineLength(at offset: Int) -> Int? {
        guard offset < source.count else { return nil }
        switch source[offset] {
        case UInt8(ascii: "\r"):
            return offset + 1 < source.count && source[offset + 1] == UInt8(ascii: "\n") ? 2 : 1
        case UInt8(ascii: "\n"), 0x0B, 0x0C:
            return 1
        case 0xC2 where offset + 1 < source.count && source[offset + 1] == 0x85:
            return 2
        case 0xE2 where offset + 2 < source.count && source[offset + 1] == 0x80 && (source[offset + 2] == 0xA8 || source[offset + 2] == 0xA9):
            return 3
        default:
            return nil
        }
    }

    private mutating func skipSpacesAndTabs() {
        while position < source.count, source[position] == UInt8(ascii: " ") || source[position] == UInt8(ascii: "\t") { position += 1 }
    }

    private mutating func skipWhitespace() {
        while position < source.count, Self.isWhitespace(source[position]) { position += 1 }
    }

    private func matches(_ bytes: [UInt8], at offset: Int) -> Bool {
        guard offset + bytes.count <= source.count else { return false }
        for index in bytes.indices where source[offset + index] != bytes[index] { return false }
        return true
    }

    private func find(_ bytes: [UInt8], from offset: Int) -> Int? {
        var start = offset
        while start + bytes.count <= source.count {
            if matches(bytes, at: start) { return start }
            start += 1
        }
        return nil
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || (0x09...0x0D).contains(byte)
    }

    /// Letters, digits and `.-_?*`: what a name is made of.
    private static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "?"), UInt8(ascii: "*"):
            true
        default:
            false
        }
    }

    private func text(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    private func error(at offset: Int, _ message: String) -> TemplateSyntaxError {
        let (line, column) = lineAndColumn(of: offset)
        return TemplateSyntaxError(line: line, column: column, message: message)
    }

    /// 1-based line and column (in Unicode scalars: UTF-8 continuation bytes do not count) of a byte offset.
    private func lineAndColumn(of offset: Int) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for byte in source[..<min(offset, source.count)] {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }

    /// Nodes with adjacent text merged into one node.
    private struct NodeList {
        private var nodes: [TemplateNode] = []
        private var pendingText: [UInt8] = []

        mutating func append(_ text: ArraySlice<UInt8>) {
            pendingText.append(contentsOf: text)
        }

        mutating func append(_ node: TemplateNode) {
            flush()
            nodes.append(node)
        }

        mutating func finish() -> [TemplateNode] {
            flush()
            return nodes
        }

        private mutating func flush() {
            guard !pendingText.isEmpty else { return }
            nodes.append(.text(String(decoding: pendingText, as: UTF8.self)))
            pendingText.removeAll(keepingCapacity: true)
        }
    }
}
