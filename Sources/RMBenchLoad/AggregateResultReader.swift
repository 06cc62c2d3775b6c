import RMBenchCore

/// Reads an aggregate RM-Bench result: the dictionary RM-Bench's `compute_accuracy` prints
/// and RM-R1 saves as `eval/result/<model>/RM-Bench/final_result.json`:
///
///     {"chat": 0.7416, "math": 0.9181, "code": 0.7412, "safety": 0.9544,
///      "hard_acc": 0.7670, "normal_acc": 0.8545, "easy_acc": 0.8949, "total_avg_acc": 0.8388}
///
///     let row = try AggregateResultReader.read(path: "eval/result/RM-R1-DeepSeek-Distilled-Qwen-32B/RM-Bench/final_result.json")
///     row.model   // "RM-R1-DeepSeek-Distilled-Qwen-32B"
///     row.chat    // 74.16020671834626 (percent: the fraction × 100)
///
/// - Values are fractions in [0, 1]; the row holds them × 100. A value above 1 is refused
///   (it is a percent already), as is NaN (numpy's mean of an empty domain).
/// - Any subset of the eight keys may be present (at least one); any other key is an error.
/// - When all four domains and `total_avg_acc` are present, `total_avg_acc` must be their
///   mean (within 1e-9), as compute_accuracy computes it.
/// - The model is `model`, else the folder above `RM-Bench/` in RM-R1's layout; another
///   path without `model` is an error.
public enum AggregateResultReader {
    public static func read(path: String, model: String? = nil) throws(InputProblems) -> PublishedRow {
        try parse(try FileBytes.contents(path: path), path: path, model: model)
    }

    static let keys = ["chat", "math", "code", "safety", "hard_acc", "normal_acc", "easy_acc", "total_avg_acc"]

    /// The model RM-R1's layout gives: `…/<model>/RM-Bench/final_result.json`.
    public static func model(path: String) -> String? {
        let components = path.split(separator: "/").map(String.init)
        guard components.count >= 3, components[components.count - 2] == "RM-Bench" else { return nil }
        return components[components.count - 3]
    }

    public static func parse(_ bytes: [UInt8], path: String, model: String? = nil) throws(InputProblems) -> PublishedRow {
        var problems: [InputProblem] = []
        var name = model ?? Self.model(path: path)
        if let found = name {
            switch ModelIdentity.checkedModel(given: model, inferred: found, path: path) {
            case .success(let checked): name = checked
            case .failure(let problem):
                problems.append(problem)
                name = nil
            }
        } else {
            problems.append(InputProblem(file: path, location: .file,
                message: "cannot tell the model from the path: expected RM-R1's layout …/<model>/RM-Bench/final_result.json, or pass the model name"))
        }
        var values: [String: Double] = [:]
        JSONScanner.scanning(bytes) { scanner in
            var scanner = scanner
            func problem(_ offset: Int, _ message: String) {
                let (line, column) = scanner.lineColumn(of: offset)
                problems.append(InputProblem(file: path, location: .position(line: line, column: column), message: message))
            }
            if bytes.isEmpty {
                problems.append(InputProblem(file: path, location: .file,
                    message: "the file is empty; expected a JSON object of fractions such as {\"chat\": 0.74, …, \"total_avg_acc\": 0.84}"))
                return
            }
            let node: ParsedJSON
            do throws(JSONSyntaxError) {
                node = try scanner.readParsedJSON()
                if scanner.peek() != nil {
                    throw scanner.error("unexpected \(scanner.found()) after the end of the object; the file holds one object")
                }
            } catch {
                problem(error.offset, error.message)
                return
            }
            guard case .object(let members) = node.value else {
                problem(node.offset, "expected an object of fractions (chat, math, code, safety, hard_acc, normal_acc, easy_acc, total_avg_acc), found \(node.kind)")
                return
            }
            var seen: Set<String> = []
            for member in members {
                guard keys.contains(member.key) else {
                    problem(member.offset, "unknown key \"\(member.key)\"\(NameSuggestion.hint(member.key, keys)); the keys are \(keys.joined(separator: ", "))")
                    continue
                }
                guard seen.insert(member.key).inserted else {
                    problem(member.offset, "the key \"\(member.key)\" is given twice")
                    continue
                }
                guard case .number(let value, let text) = member.value.value else {
                    problem(member.value.offset, "\"\(member.key)\" must be a fraction between 0 and 1, found \(member.value.kind)")
                    continue
                }
                if value.isNaN {
                    problem(member.value.offset, "\"\(member.key)\" is NaN: compute_accuracy writes NaN for a domain without items, so this result has no \(member.key)")
                } else if value > 1 && value <= 100 {
                    problem(member.value.offset, "\"\(member.key)\" is \(text), above 1: expected a fraction (0.742, as compute_accuracy writes it), not a percent")
                } else if !(0...1).contains(value) {
                    problem(member.value.offset, "\"\(member.key)\" must be a fraction between 0 and 1, found \(text)")
                } else {
                    values[member.key] = value
                }
            }
            if members.isEmpty {
                problem(node.offset, "the object is empty; expected fractions for chat, math, code, safety, hard_acc, normal_acc, easy_acc, total_avg_acc")
            }
            let domains = ["chat", "math", "code", "safety"].compactMap { values[$0] }
            if domains.count == 4, let total = values["total_avg_acc"] {
                let mean = (((domains[0] + domains[1]) + domains[2]) + domains[3]) / 4
                if abs(mean - total) > 1e-9 {
                    let offset = members.first { $0.key == "total_avg_acc" }!.value.offset
                    problem(offset, "\"total_avg_acc\" is \(total), but the mean of chat, math, code and safety is \(mean); compute_accuracy makes it their mean, so the file is inconsistent")
                }
            }
        }
        guard problems.isEmpty, let name else { throw InputProblems(problems) }
        func percent(_ key: String) -> Double? { values[key].map { $0 * 100 } }
        return PublishedRow(
            model: name, source: "RM-Bench compute_accuracy result (\(path.split(separator: "/").last.map(String.init) ?? path))",
            chat: percent("chat"), math: percent("math"), code: percent("code"), safety: percent("safety"),
            easy: percent("easy_acc"), normal: percent("normal_acc"), hard: percent("hard_acc"),
            average: percent("total_avg_acc"), file: path, line: 1)
    }
}
