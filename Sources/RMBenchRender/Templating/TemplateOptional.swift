/// Opens an `Optional` held in an `Any` by one level (a cast to a concrete type would unwrap
/// every level, and nested optionals print as they did under swift-mustache).
protocol TemplateOptional {
    var templateWrapped: Any? { get }
}

extension Optional: TemplateOptional {
    var templateWrapped: Any? {
        switch self {
        case .some(let wrapped): wrapped
        case .none: nil
        }
    }
}
