import RMBenchCore

/// Reads `Data/external/*.csv`: other benchmarks' or downstream numbers per model.
///
///     model,rewardbench_math_prm,rewardmath
///     #description,"RewardBench math-prm accuracy (%), kimsh0507/RewardMATH_official","RewardMATH one-to-many accuracy (%)"
///     ArmoRM-Llama3-8B-v0.1,91.72,27.33
///
/// The first column is the model (matched to RM-Bench rows by name or by an alias from the
/// model metadata); every other column is a metric. The optional second row starting with
/// `#description` describes each metric and its source. Values are numbers in any unit; `-`
/// or empty means not available. Every problem of the file is reported.
public enum ExternalMetricsReader {
    public static func read(path: String) throws(InputProblems) -> ExternalMetrics {
        try parse(try FileBytes.contents(path: path), path: path)
    }

    public static func parse(_ bytes: [UInt8], path: String) throws(InputProblems) -> ExternalMetrics {
        var problems: [InputProblem] = []
        func problem(_ line: Int, _ column: String?, _ message: String) {
            problems.append(InputProblem(file: path, location: .row(line: line, column: column), message: message))
        }
        if let bad = firstInvalidUTF8(bytes) {
            throw InputProblems([InputProblem(file: path, location: .file, message: "not valid UTF-8 at byte \(bad)")])
        }
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let parsed = CSVParser.parse(bytes, from: start)
        for syntax in parsed.problems { problem(syntax.line, nil, syntax.message) }
        var records = parsed.records.filter { !$0.isBlank }
        guard !records.isEmpty else {
            throw InputProblems(problems + [InputProblem(file: path, location: .file, message: "empty file; expected a header row `model,<metric>,…`")])
        }
        let header = records.removeFirst()
        // Metric names head sections and chart titles as model names do: the same rule.
        var refused: Set<Int> = []
        let names = header.fields.enumerated().map { index, field -> String in
            do throws(NameRule.Refusal) {
                return try NameRule.cleaned(String(decoding: field.bytes, as: UTF8.self)).trimmingSpaces
            } catch {
                problem(header.line, nil, "the name of column \(index + 1) \(error)")
                refused.insert(index)
                return ""
            }
        }
        guard names.count >= 2, names[0].lowercased() == "model" || refused.contains(0) else {
            throw InputProblems(problems + [InputProblem(file: path, location: .row(line: header.line, column: nil),
                message: "the header must be `model,<metric>,…` with at least one metric; found \"\(names.joined(separator: ","))\"")])
        }
        var metrics = names.dropFirst().map { ExternalMetrics.Metric(name: $0) }
        var seen: Set<String> = []  // not names[..<index].contains: quadratic in a wide header
        for (index, name) in names.enumerated() where !refused.contains(index) && (name.isEmpty || !seen.insert(name).inserted) {
            problem(header.line, name, name.isEmpty ? "empty column name" : "column named twice")
        }
        if let first = records.first, let cell = first.fields.first,
           String(decoding: cell.bytes, as: UTF8.self).trimmingSpaces.lowercased() == "#description" {
            records.removeFirst()
            for (index, field) in first.fields.dropFirst().enumerated() where index < metrics.count {
                let text = String(decoding: field.bytes, as: UTF8.self).trimmingSpaces
                metrics[index].description = text.isEmpty ? nil : text
            }
        }
        var values: [String: [String: Double]] = [:]
        var models: [String] = []
        var lineOfModel: [String: Int] = [:]
        for record in records {
            guard record.fields.count == names.count else {
                problem(record.line, nil, "expected \(names.count) values like the header, found \(record.fields.count)")
                continue
            }
            let model: String
            do throws(NameRule.Refusal) {
                model = try NameRule.cleaned(String(decoding: record.fields[0].bytes, as: UTF8.self)).trimmingSpaces
            } catch {
                problem(record.line, "model", "the model name \(error)")
                continue
            }
            guard !model.isEmpty else {
                problem(record.line, "model", "empty model name")
                continue
            }
            if let first = lineOfModel[model.lowercased()] {
                problem(record.line, "model", "model \"\(model)\" already has a row at line \(first)")
                continue
            }
            lineOfModel[model.lowercased()] = record.line
            models.append(model)
            var row: [String: Double] = [:]
            for (index, field) in record.fields.enumerated().dropFirst() {
                let text = String(decoding: field.bytes, as: UTF8.self).trimmingSpaces
                if text.isEmpty || text == "-" || text == "–" || text.lowercased() == "n/a" { continue }
                guard let value = Double(text), value.isFinite else {
                    problem(record.line, names[index], "expected a number or \"-\" for not available, found \"\(text)\"")
                    continue
                }
                row[names[index]] = value
            }
            values[model] = row
        }
        guard problems.isEmpty else { throw InputProblems(problems) }
        return ExternalMetrics(file: path, metrics: metrics, values: values, models: models)
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}
