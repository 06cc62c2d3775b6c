/// A tag's name, split at its dots when the template is parsed.
enum TemplateName: Sendable, Equatable {
    /// `{{.}}`: the current element itself.
    case current
    /// `{{a.b}}`: `a` looked up from the current element outwards, then `b` inside what was found.
    case path(first: String, rest: [String])
    /// `{{.a.b}}`: `a` in the current element only (no outward lookup), then `b` inside it.
    case anchored([String])

    /// The name as written between the delimiters (letters, digits and `.-_?*`, not empty).
    init(_ text: String) {
        let parts = text.split(separator: ".").map(String.init)
        if text == "." {
            self = .current
        } else if text.hasPrefix(".") {
            self = .anchored(parts)
        } else {
            self = .path(first: parts[0], rest: Array(parts.dropFirst()))
        }
    }
}
