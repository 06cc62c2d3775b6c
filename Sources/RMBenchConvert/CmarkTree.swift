import CCmarkGFM

/// The nodes a conversion rewrites, gathered in one pass. Collected first and
/// mutated afterwards: editing the tree under a live cmark iterator is undefined.
struct CollectedNodes {
    struct Placeholder {
        let node: OpaquePointer
        let name: String
        let line: Int
    }
    var headings: [OpaquePointer] = []
    var placeholders: [Placeholder] = []
}

extension Cmark {
    /// Walks the tree once, in document order (which fixes the order of heading ids).
    static func collect(in document: OpaquePointer) throws -> CollectedNodes {
        guard let iterator = cmark_iter_new(document) else {
            throw ConvertError(.cmarkFailure(operation: "cmark_iter_new"))
        }
        defer { cmark_iter_free(iterator) }

        var found = CollectedNodes()
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_HEADING:
                found.headings.append(node)
            case CMARK_NODE_PARAGRAPH:
                if let name = placeholderName(ofParagraph: node) {
                    let line = Int(cmark_node_get_start_line(node))
                    found.placeholders.append(.init(node: node, name: name, line: line))
                }
            default:
                break
            }
        }
        return found
    }

    /// The placeholder name if the paragraph consists of text nodes only whose
    /// concatenation is exactly `@@NAME@@`. Concatenating is needed because cmark
    /// splits text at extension trigger characters (`@@chart:x@@` arrives as
    /// "@@chart" + ":x@@"); any other inline (code span, emphasis, link) disqualifies.
    private static func placeholderName(ofParagraph paragraph: OpaquePointer) -> String? {
        var text = ""
        var child = cmark_node_first_child(paragraph)
        while let node = child {
            guard cmark_node_get_type(node) == CMARK_NODE_TEXT else { return nil }
            text += literal(of: node)
            // Cheap early exit: huge ordinary paragraphs are not scanned to the end.
            if !text.hasPrefix("@@") && text.utf8.count >= 2 { return nil }
            child = cmark_node_next(node)
        }
        return FragmentPlaceholder.name(in: text)
    }

    /// Text of a heading for its slug: text and code-span literals; line breaks count
    /// as spaces so a two-line setext heading doesn't glue its words together.
    static func plainText(of root: OpaquePointer) throws -> String {
        guard let iterator = cmark_iter_new(root) else {
            throw ConvertError(.cmarkFailure(operation: "cmark_iter_new"))
        }
        defer { cmark_iter_free(iterator) }

        var text = ""
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                text += literal(of: node)
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                text += " "
            default:
                break
            }
        }
        return text
    }

    static func literal(of node: OpaquePointer) -> String {
        cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }

    /// Puts a CUSTOM_BLOCK printing `html` verbatim (even in SAFE mode) where `node`
    /// was, then frees `node` and its children: a replaced node is no longer owned by
    /// the document, so `cmark_node_free(document)` would leak it.
    static func replace(_ node: OpaquePointer, withTrustedHTML html: String) throws {
        guard let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else {
            throw ConvertError(.cmarkFailure(operation: "cmark_node_new"))
        }
        // set_on_enter copies the string, so the Swift buffer may go away afterwards.
        guard cmark_node_set_on_enter(block, html) == 1,
              cmark_node_replace(node, block) == 1
        else {
            cmark_node_free(block)
            throw ConvertError(.cmarkFailure(operation: "replace node with custom block"))
        }
        cmark_node_free(node)
    }
}
