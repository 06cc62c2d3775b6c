import RMBenchCore

extension GroupScore {
    /// One difficulty of this group's matrix (a fraction).
    public func value(_ difficulty: Difficulty) -> Double {
        switch difficulty {
        case .easy: easy
        case .normal: normal
        case .hard: hard
        case .average: average
        }
    }
}

extension ModelScore {
    /// Any metric of the vocabulary for this model on all its prompts (a fraction); nil for a
    /// domain it has no prompts in.
    ///
    ///     score.value(.domain(.math, .hard))
    public func value(_ metric: Metric) -> Double? {
        switch metric {
        case .overall(.easy): easy
        case .overall(.normal): normal
        case .overall(.hard): hard
        case .overall(.average): average
        case .domain(let domain, let difficulty): self[domain].map { $0.score.value(difficulty) }
        case .cell(let domain, let row, let column):
            self[domain].flatMap { group in
                (0..<3).contains(row) && (0..<3).contains(column) ? group.score.matrix.fraction(row, column) : nil
            }
        }
    }
}
