/// A value on the renderer's context stack with its names ready to look up: a dictionary
/// through its keys, anything else (a struct above all) reflected once, when it is pushed,
/// into its stored properties' labels and values — not by a `Mirror` per lookup.
///
/// Lookups answer as swift-mustache 2.1.1 did: a dictionary's value as stored (an optional
/// stays an optional); a property's value with one level of `Optional` opened, `nil` when the
/// property is nil, so the lookup goes on outwards. `String`, `Int`, `Double` and `Bool` have
/// no names.
struct ContextFrame {
    /// The pushed value itself, for `{{.}}`.
    let value: Any
    private let names: Names

    private enum Names {
        case none
        case dictionary([String: Any])
        case keyed(any TemplateKeyed)
        case properties([(label: String, value: Any)])
    }

    init(_ value: Any) {
        self.value = value
        let type = type(of: value)
        if type == [String: Any].self {
            names = .dictionary(value as! [String: Any])
        } else if Self.isScalar(type) {
            names = .none
        } else if let keyed = value as? any TemplateKeyed {
            names = .keyed(keyed)
        } else {
            names = .properties(Mirror(reflecting: value).children.compactMap { child in child.label.map { ($0, child.value) } })
        }
    }

    /// The value for one name (one part of a dotted name), or nil when there is none.
    func child(named name: String) -> Any? {
        switch names {
        case .none:
            return nil
        case .dictionary(let dictionary):
            return dictionary[name]
        case .keyed(let keyed):
            return keyed.templateValue(named: name)
        case .properties(let properties):
            guard let property = properties.first(where: { $0.label == name }) else { return nil }
            return Self.openingOptional(property.value)
        }
    }

    /// A property's value with one level of `Optional` opened (nil for none).
    private static func openingOptional(_ value: Any) -> Any? {
        if Self.isScalar(type(of: value)) {
            return value
        }
        if let optional = value as? any TemplateOptional {
            return optional.templateWrapped
        }
        return value
    }

    /// `String`, `Int`, `Double` and `Bool`: values with no names, printed and tested directly.
    static func isScalar(_ type: Any.Type) -> Bool {
        type == String.self || type == Int.self || type == Double.self || type == Bool.self
    }
}
