import Foundation

/// Renders a template's nodes with one value on the context stack into one output string.
///
/// Values mean what they meant to swift-mustache 2.1.1:
/// - `{{name}}` prints a string as it is, a number or Bool as Swift prints it (`3`, `0.5`,
///   `1e+20`, `true`), an optional by its wrapped value (a nil stored in a dictionary prints
///   `nil`), anything else as `String(describing:)`; a missing name prints nothing.
/// - A section renders once per element of an array, set or reversed collection (nothing for
///   an empty one), once without a new context for `true`, not at all for `false` or a missing
///   name, and once with the value as the new context for anything else — an empty string,
///   `0` and a dictionary included.
/// - An inverted section renders for a missing name, `false` and an empty sequence (with the
///   sequence as the context), and for nothing else.
/// - `NSNull` counts as missing.
///
/// Lookups start with the exact types the page data uses (`String`, `Int`, `Double`, `Bool`,
/// `[String: Any]`, `[[String: Any]]`, `[Any]`) and fall back to protocol casts only for other
/// types; structs are reflected once per push (``ContextFrame``).
struct TemplateRenderer {
    private(set) var output = ""
    private var stack: [ContextFrame]

    init(data: Any, expectedLength: Int) {
        stack = [ContextFrame(data)]
        output.reserveCapacity(expectedLength)
    }

    /// Renders `nodes`; `escapesHTML` is the content type in force where they start.
    mutating func render(_ nodes: [TemplateNode], escapesHTML: Bool) {
        var escapesHTML = escapesHTML
        for node in nodes {
            switch node {
            case .text(let text):
                output.append(text)
            case .value(let name, let escaped):
                guard let value = lookUp(name) else { continue }
                append(value, escapingHTML: escaped && escapesHTML)
            case .section(let name, let children):
                renderSection(lookUp(name), children, escapesHTML: escapesHTML)
            case .invertedSection(let name, let children):
                renderInvertedSection(lookUp(name), children, escapesHTML: escapesHTML)
            case .contentType(let html):
                escapesHTML = html
            }
        }
    }

    private mutating func renderSection(_ value: Any?, _ children: [TemplateNode], escapesHTML: Bool) {
        guard let value else { return }
        let type = type(of: value)
        if type == Bool.self {
            if value as! Bool { render(children, escapesHTML: escapesHTML) }
        } else if type == [[String: Any]].self {
            for element in value as! [[String: Any]] { renderPushing(element, children, escapesHTML: escapesHTML) }
        } else if type == [Any].self {
            for element in value as! [Any] { renderPushing(element, children, escapesHTML: escapesHTML) }
        } else if ContextFrame.isScalar(type) || type == [String: Any].self {
            renderPushing(value, children, escapesHTML: escapesHTML)
        } else if let sequence = value as? any TemplateSequence {
            for element in sequence.templateElements { renderPushing(element, children, escapesHTML: escapesHTML) }
        } else if let bool = value as? Bool {
            if bool { render(children, escapesHTML: escapesHTML) }
        } else {
            renderPushing(value, children, escapesHTML: escapesHTML)
        }
    }

    private mutating func renderInvertedSection(_ value: Any?, _ children: [TemplateNode], escapesHTML: Bool) {
        guard let value else {
            render(children, escapesHTML: escapesHTML)
            return
        }
        let type = type(of: value)
        if type == Bool.self {
            if !(value as! Bool) { render(children, escapesHTML: escapesHTML) }
        } else if type == [[String: Any]].self {
            if (value as! [[String: Any]]).isEmpty { renderPushing(value, children, escapesHTML: escapesHTML) }
        } else if type == [Any].self {
            if (value as! [Any]).isEmpty { renderPushing(value, children, escapesHTML: escapesHTML) }
        } else if ContextFrame.isScalar(type) || type == [String: Any].self {
            return
        } else if let sequence = value as? any TemplateSequence {
            if sequence.isEmpty { renderPushing(sequence, children, escapesHTML: escapesHTML) }
        } else if let bool = value as? Bool {
            if !bool { render(children, escapesHTML: escapesHTML) }
        }
    }

    private mutating func renderPushing(_ value: Any, _ children: [TemplateNode], escapesHTML: Bool) {
        stack.append(ContextFrame(value))
        render(children, escapesHTML: escapesHTML)
        stack.removeLast()
    }

    private mutating func append(_ value: Any, escapingHTML: Bool) {
        let type = type(of: value)
        let text: String
        if type == String.self {
            text = value as! String
        } else if type == Int.self {
            text = (value as! Int).description
        } else if type == Double.self {
            text = (value as! Double).description
        } else if type == Bool.self {
            text = (value as! Bool).description
        } else if let optional = value as? any TemplateOptional {
            text = String(describing: optional.templateWrapped ?? value)
        } else {
            text = String(describing: value)
        }
        // The project's one HTML rule (by Unicode scalar: a `<` or `"` is escaped even where a
        // combining mark joins it into one character, which a browser still reads as markup).
        output.append(escapingHTML ? Escape.html(text) : text)
    }

    /// The value a name stands for here, or nil when it has none.
    private func lookUp(_ name: TemplateName) -> Any? {
        let top = stack[stack.count - 1]
        let found: Any?
        switch name {
        case .current:
            found = top.value
        case .anchored(let parts):
            if let first = parts.first {
                found = top.child(named: first).flatMap { Self.descend(from: $0, through: parts.dropFirst()) }
            } else {
                found = top.value
            }
        case .path(let first, let rest):
            found = lookUpOutwards(first).flatMap { Self.descend(from: $0, through: rest[...]) }
        }
        guard let found, !Self.isNull(found) else { return nil }
        return found
    }

    /// The first name of a path: in the current element, else in the enclosing ones.
    private func lookUpOutwards(_ name: String) -> Any? {
        for index in stack.indices.reversed() {
            if let value = stack[index].child(named: name) { return value }
        }
        return nil
    }

    /// The rest of a dotted name, inside the value its first part found (no outward lookup).
    private static func descend(from value: Any, through names: ArraySlice<String>) -> Any? {
        var current = value
        for name in names {
            guard let next = ContextFrame(current).child(named: name) else { return nil }
            current = next
        }
        return current
    }

    /// `NSNull`, or an optional holding one: a missing value. Only class instances are tested
    /// with a cast to `NSNull` (on an array that cast would first bridge it to an `NSArray`).
    private static func isNull(_ value: Any) -> Bool {
        let type = type(of: value)
        if ContextFrame.isScalar(type) || type == [String: Any].self || type == [[String: Any]].self {
            return false
        }
        if type is AnyObject.Type {
            return value is NSNull
        }
        if let optional = value as? any TemplateOptional, let wrapped = optional.templateWrapped {
            return isNull(wrapped)
        }
        return false
    }
}
