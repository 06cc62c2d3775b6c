import Foundation
import RMBenchCore
@testable import RMBenchLoad

/// Parses a document given as text; returns the run or the problems.
func parse(_ text: String, path: String = "results.json", options: ResultReadOptions = .init()) -> Result<ModelRun, InputProblems> {
    do throws(InputProblems) {
        return .success(try ResultReader.parse(Array(text.utf8), path: path, options: options))
    } catch {
        return .failure(error)
    }
}

func problems(_ text: String, path: String = "results.json", options: ResultReadOptions = .init()) -> [String] {
    switch parse(text, path: path, options: options) {
    case .success: return []
    case .failure(let failure): return failure.problems.map(\.description)
    }
}

func items(_ text: String, path: String = "results.json", options: ResultReadOptions = .init()) -> [ScoredItem] {
    switch parse(text, path: path, options: options) {
    case .success(let run): return run.items
    case .failure(let failure): Issue.record("unexpected problems: \(failure)"); return []
    }
}

import Testing
