// libFuzzer entry for the input readers. Compiled into the RMBenchLoad module itself (see
// scripts/fuzz.sh), so it calls the readers exactly as the site does, without SwiftPM.
//
// Input layout: the first byte chooses how the rest is read, the rest is the file.
//   bit 0: path ends in .jsonl (1) or .json (0): JSON Lines vs JSON list handling
//   bit 1: measureResponses on (1) or off (0): the response-measuring scanner paths
//   bit 2: the file is a split file (chat_filtered.…), so items without "domain" are accepted
// The remaining bytes are also read as a published-numbers CSV and an external-metrics CSV.
// Any crash, trap, sanitizer report, leak or hang is a finding; rejecting input is not.
// One more oracle: a JSON list the result reader accepts must be JSON that Foundation's strict
// parser accepts too (unless it holds Python's NaN/Infinity tokens or nests deeper than
// Foundation allows), so the reader cannot let broken text (bad UTF-8, lone surrogates, bad
// escapes inside skipped responses) through.
import Foundation
import RMBenchCore

@_cdecl("LLVMFuzzerTestOneInput")
public func rmbenchFuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let control = data[0]
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let stem = control & 4 != 0 ? "chat_filtered" : "x"
    let path = "fuzz/" + stem + (control & 1 != 0 ? ".jsonl" : ".json")
    let options = ResultReadOptions(measureResponses: control & 2 != 0)
    var lines = 0
    do {
        let items = try ResultReader.parseItems(bytes, path: path, options: options)
        lines += items.count
        if control & 1 == 0 { checkAgainstFoundation(bytes) }
    } catch {
        // Every problem must render as `file:place: message` naming the file.
        for problem in error.problems {
            precondition(problem.description.hasPrefix(problem.file), "problem without the file name")
            lines += 1
        }
        precondition(!error.problems.isEmpty, "rejected without a problem")
    }
    do {
        lines += try PublishedReader.parse(bytes, path: "fuzz/published.csv").count
    } catch {
        precondition(!error.problems.isEmpty, "rejected without a problem")
        lines += error.problems.map(\.description).count
    }
    do {
        lines += try ExternalMetricsReader.parse(bytes, path: "fuzz/external.csv").models.count
    } catch {
        precondition(!error.problems.isEmpty, "rejected without a problem")
        lines += error.problems.map(\.description).count
    }
    return lines < 0 ? 1 : 0
}

/// Traps when Foundation rejects a plain JSON list the reader accepted.
func checkAgainstFoundation(_ bytes: [UInt8]) {
    guard bytes.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) == UInt8(ascii: "[") else { return }
    // Python's tokens are ours only; Foundation refuses them (and numbers beyond Double's range).
    for token in ["NaN", "Infinity"] where bytes.firstRange(of: Array(token.utf8)) != nil { return }
    var depth = 0
    var deepest = 0
    for byte in bytes {
        if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{") { depth += 1; deepest = max(deepest, depth) }
        if byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}") { depth -= 1 }
    }
    guard deepest < 400 else { return }
    do {
        _ = try JSONSerialization.jsonObject(with: Data(bytes))
    } catch {
        let text = "\(error)"
        if text.contains("not representable") || text.contains("Number") { return }
        fatalError("the reader accepted what Foundation rejects: \(error)")
    }
}
