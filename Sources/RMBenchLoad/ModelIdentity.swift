import RMBenchCore

/// What a result file's path says about the model and the split.
///
///     ModelIdentity(path: "results/DPO/tulu-2-dpo-13b/total_dataset_tulu_x.json").model  // "tulu-2-dpo-13b"
///     ModelIdentity(path: "total_dataset_my-rm_REWORD_MODEL_20241010_120000.json").model  // "my-rm"
///     ModelIdentity(path: "chat_filtered.json").splitDomain  // "chat"
public struct ModelIdentity: Sendable, Equatable {
    public var model: String
    public var type: ModelType
    /// `YYYYmmdd_HHMMSS` from run_rm.py's file name, when present.
    public var timestamp: String?
    /// The domain label a split's file name starts with (`safety-refuse_filtered.json`).
    public var splitDomain: String?

    public init(path: String) {
        let components = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        let fileName = components.last ?? path
        var stem = fileName
        for suffix in [".jsonl", ".json"] where stem.lowercased().hasSuffix(suffix) {
            stem = String(stem.dropLast(suffix.count))
        }
        timestamp = Self.trailingTimestamp(stem)
        let prefix = String(stem.prefix(while: { $0 != "_" }))
        splitDomain = Domain(label: prefix) != nil ? prefix : nil

        // results/<Seq_Classifier|DPO>/<model>/<file>
        if components.count >= 3 {
            let typeDirectory = components[components.count - 3]
            let modelDirectory = components[components.count - 2]
            switch typeDirectory {
            case "Seq_Classifier":
                model = modelDirectory
                type = .sequenceClassifier
                return
            case "Baseline":
                model = modelDirectory
                type = .baseline
                return
            case "DPO":
                model = modelDirectory
                type = .dpo
                return
            default: break
            }
        }
        type = .unknown
        // total_dataset_<model>_REWORD_MODEL_<YYYYmmdd_HHMMSS>
        if stem.hasPrefix("total_dataset_") {
            var name = Substring(stem.dropFirst("total_dataset_".count))
            if let timestamp { name = name.dropLast(timestamp.count + 1) }
            if name.hasSuffix("_REWORD_MODEL") { name = name.dropLast("_REWORD_MODEL".count) }
            if !name.isEmpty {
                model = String(name)
                return
            }
        }
        model = stem.isEmpty ? fileName : stem
    }

    /// `_20241010_120000` at the end of a stem, without the leading underscore.
    private static func trailingTimestamp(_ stem: String) -> String? {
        let utf8 = Array(stem.utf8)
        guard utf8.count >= 16 else { return nil }
        let tail = utf8[(utf8.count - 16)...]
        let pattern = Array("_dddddddd_dddddd".utf8)
        for (byte, want) in zip(tail, pattern) {
            if want == UInt8(ascii: "d") {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            } else if byte != want {
                return nil
            }
        }
        return String(decoding: tail.dropFirst(), as: UTF8.self)
    }
}

extension ModelIdentity {
    /// A result file's model name under ``NameRule``: `given` (passed by the caller) or else
    /// `inferred` (what the path says), cleaned; or the problem, which names `path` and where
    /// the name came from.
    static func checkedModel(given: String?, inferred: @autoclosure () -> String, path: String) -> Result<String, InputProblem> {
        let name = given ?? inferred()
        let source = given == nil ? "the model name taken from the path" : "the model name given for this file"
        let fix = given == nil ? "; rename the file or folder, or give the model name" : ""
        do throws(NameRule.Refusal) {
            let cleaned = try NameRule.cleaned(name)
            guard !cleaned.isEmpty else {
                return .failure(InputProblem(file: path, location: .file,
                    message: "\(source) is empty once its invisible characters (zero-width, bidi controls) are removed\(fix)"))
            }
            return .success(cleaned)
        } catch {
            return .failure(InputProblem(file: path, location: .file, message: "\(source) \(error)\(fix)"))
        }
    }
}
