/// A dictionary with `String` keys, of any value type: its keys are the names a template reads.
protocol TemplateKeyed {
    /// The value for `name` as stored (an optional value is not unwrapped).
    func templateValue(named name: String) -> Any?
}

extension Dictionary: TemplateKeyed where Key == String {
    func templateValue(named name: String) -> Any? {
        self[name]
    }
}
