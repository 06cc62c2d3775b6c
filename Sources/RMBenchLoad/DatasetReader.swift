import Foundation
import RMBenchCore

/// One RM-Bench dataset item with its response texts.
public struct DatasetItem: Sendable {
    public var key: ItemKey
    public var subset: String?
    public var language: String?
    public var prompt: String
    /// Responses per style; the partial math split has only the concise one.
    public var chosen: [String]
    public var rejected: [String]
}

/// Reads RM-Bench dataset files (`chat_filtered.json`, `total_dataset.json`, …): lists of
/// items with `id`, `prompt`, `chosen`, `rejected`, and `domain` or a split file name.
public enum DatasetReader {
    /// `paths` may be files or folders; a folder contributes its `*.json` files, sorted.
    public static func read(paths: [String]) throws(InputProblems) -> [DatasetItem] {
        var files: [String] = []
        var problems: [InputProblem] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                let names = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [])
                    .filter { $0.hasSuffix(".json") }.sorted()
                if names.isEmpty {
                    problems.append(InputProblem(file: path, location: .file, message: "the folder holds no .json dataset files"))
                }
                files += names.map { (path as NSString).appendingPathComponent($0) }
            } else {
                files.append(path)
            }
        }
        var items: [DatasetItem] = []
        for file in files {
            do {
                items += try readFile(file)
            } catch {
                problems += error.problems
            }
        }
        guard problems.isEmpty else { throw InputProblems(problems) }
        return items
    }

    public static func readFile(_ path: String) throws(InputProblems) -> [DatasetItem] {
        let bytes = try FileBytes.contents(path: path)
        let raw: [RawItem]
        do {
            raw = try JSONDecoder().decode([RawItem].self, from: Data(bytes))
        } catch {
            throw InputProblems([InputProblem(file: path, location: .file, message: "not an RM-Bench dataset file: \(describe(error))")])
        }
        let fileDomain = ModelIdentity(path: path).splitDomain
        var problems: [InputProblem] = []
        var items: [DatasetItem] = []
        for (index, item) in raw.enumerated() {
            guard let label = item.domain ?? fileDomain, Domain(label: label) != nil else {
                problems.append(InputProblem(file: path, location: .file,
                    message: "item \(index) (id \(item.id.value)): no known domain; name the file after its split (chat_filtered.json…) or give items a \"domain\""))
                continue
            }
            items.append(DatasetItem(
                key: ItemKey(label: label, id: item.id.value), subset: item.subset, language: item.language,
                prompt: item.prompt.values.first ?? "", chosen: item.chosen.values, rejected: item.rejected.values))
        }
        guard problems.isEmpty else { throw InputProblems(problems) }
        return items
    }

    private static func describe(_ error: any Error) -> String {
        guard let decoding = error as? DecodingError else { return "\(error)" }
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "item \($0)" } ?? "\"\($0.stringValue)\"" }.joined(separator: ", ")
        }
        switch decoding {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "\(path(context)): \(context.debugDescription)"
        case .keyNotFound(let key, let context):
            return "\(path(context)): missing \"\(key.stringValue)\""
        @unknown default:
            return "\(error)"
        }
    }

    /// `prompt`, `chosen` and `rejected` are a string or a list of strings.
    private struct RawItem: Decodable {
        var id: RawID
        var domain: String?
        var subset: String?
        var language: String?
        var prompt: StringOrList
        var chosen: StringOrList
        var rejected: StringOrList
    }

    private struct RawID: Decodable {
        var value: ItemID
        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Int64.self) {
                value = .int(number)
            } else {
                value = .string(try container.decode(String.self))
            }
        }
    }
}

/// A string or a list of strings, read as a list.
private struct StringOrList: Decodable {
    var values: [String]
    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let one = try? container.decode(String.self) {
            values = [one]
        } else {
            values = try container.decode([String].self)
        }
    }
}
