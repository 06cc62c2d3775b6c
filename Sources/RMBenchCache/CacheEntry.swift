import RMBenchCore

/// One cache file: a short text header that says what the entry is, then the payload.
///
///     rmbench-cache 1
///     tool 0.1.0 commit 1a2b3c… executable 9f8e…
///     kind run
///     key 4d5c…            (the entry's name: SHA-256 of tool, kind and key material)
///     payload 381220 77aa… (length and SHA-256 of the payload)
///     <empty line>
///     <payload bytes>
///
/// An entry is used only if every header line matches what the reader expects and the payload
/// has that length and hash: a truncated file, flipped bytes, an entry of another tool version
/// or another kind, or a file copied under another entry's name is refused.
enum CacheEntry {
    static let format = "rmbench-cache 1"

    static func encode(tool: String, kind: String, name: String, payload: [UInt8]) -> [UInt8] {
        let header = "\(format)\ntool \(tool)\nkind \(kind)\nkey \(name)\npayload \(payload.count) \(SHA256.hex(of: payload))\n\n"
        return Array(header.utf8) + payload
    }

    /// The payload, or why the bytes are not a valid entry for (tool, kind, name).
    static func decode(_ bytes: [UInt8], tool: String, kind: String, name: String) -> Result<[UInt8], CacheEntryProblem> {
        // The header is six lines; its end is the first empty line.
        var lines: [Substring] = []
        var start = 0
        var index = 0
        while lines.count < 6, index < bytes.count, index < 4096 {
            if bytes[index] == 0x0A {
                lines.append(Substring(String(decoding: bytes[start..<index], as: UTF8.self)))
                start = index + 1
            }
            index += 1
        }
        guard lines.count == 6, lines[5].isEmpty else { return .failure(.init("has no complete header")) }
        guard lines[0] == format else { return .failure(.init("is of another cache format (\(lines[0].prefix(40)))")) }
        guard lines[1] == "tool \(tool)" else { return .failure(.init("was written by another build of the tool")) }
        guard lines[2] == "kind \(kind)", lines[3] == "key \(name)" else { return .failure(.init("belongs to another entry")) }
        let payloadFields = lines[4].split(separator: " ")
        guard payloadFields.count == 3, payloadFields[0] == "payload", let length = Int(payloadFields[1]) else {
            return .failure(.init("has a damaged header"))
        }
        let payload = Array(bytes[start...])
        guard payload.count == length else {
            return .failure(.init("is \(payload.count < length ? "truncated" : "longer than its header says") (\(payload.count) of \(length) payload bytes)"))
        }
        guard SHA256.hex(of: payload) == payloadFields[2] else { return .failure(.init("has damaged bytes (its checksum does not match)")) }
        return .success(payload)
    }
}

/// Why a cache file was not used.
struct CacheEntryProblem: Error {
    let reason: String
    init(_ reason: String) { self.reason = reason }
}
