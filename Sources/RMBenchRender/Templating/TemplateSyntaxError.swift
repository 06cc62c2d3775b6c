/// Why a template does not parse, and where: 1-based line and column (in Unicode scalars) of
/// the tag at fault.
struct TemplateSyntaxError: Error, Sendable, Equatable {
    var line: Int
    var column: Int
    var message: String
}
