/// What a section repeats over: arrays, sets and reversed collections of any element type (the
/// sequences swift-mustache iterated; any other value, a dictionary included, is one element).
protocol TemplateSequence {
    var templateElements: [Any] { get }
    var isEmpty: Bool { get }
}

extension Array: TemplateSequence {
    var templateElements: [Any] { map { $0 } }
}

extension Set: TemplateSequence {
    var templateElements: [Any] { map { $0 } }
}

extension ReversedCollection: TemplateSequence {
    var templateElements: [Any] { map { $0 } }
}
