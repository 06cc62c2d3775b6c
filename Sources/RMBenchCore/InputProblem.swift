/// Where in an input a problem is.
public enum InputLocation: Sendable, Equatable, CustomStringConvertible {
    /// The file as a whole (unreadable, empty, wrong kind).
    case file
    /// A position in a text file, 1-based; schema problems point at the offending value and
    /// name the item index in their message.
    case position(line: Int, column: Int)
    /// A row of a table-like file (CSV, Markdown), 1-based line number and column name.
    case row(line: Int, column: String?)

    public var description: String {
        switch self {
        case .file: ""
        case .position(let line, let column): "\(line):\(column)"
        case .row(let line, nil): "line \(line)"
        case .row(let line, let column?): "line \(line), column \"\(column)\""
        }
    }
}

/// One thing wrong with an input file, phrased for the person who has to fix it.
public struct InputProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var location: InputLocation
    public var message: String

    public init(file: String, location: InputLocation, message: String) {
        self.file = file
        self.location = location
        self.message = message
    }

    /// `path:12:5: expected ',' or ']' after an array element, found '}'` — the compiler-style
    /// shape that editors and CI log viewers turn into links.
    public var description: String {
        let place = location.description
        return place.isEmpty ? "\(file): \(message)" : "\(file):\(place): \(message)"
    }
}

/// Every problem found in one or more inputs. Thrown instead of the first problem alone.
public struct InputProblems: Error, Sendable, CustomStringConvertible {
    public var problems: [InputProblem]

    public init(_ problems: [InputProblem]) {
        self.problems = problems
    }

    public var description: String {
        problems.map(\.description).joined(separator: "\n")
    }
}
