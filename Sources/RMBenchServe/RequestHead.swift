/// What the server reads of a request head: the request line (`METHOD SP TARGET SP HTTP/1.x`)
/// and the `Host` fields. Every header line must be well formed (`name: value`, no space in or
/// before the name, no obsolete line folding), or the whole request is refused.
struct RequestHead {
    var method: String
    var target: String
    /// `HTTP/1.0`, `HTTP/1.1`, …
    var version: String
    /// The values of the `Host` fields, in order, without surrounding blanks.
    var hosts: [String]

    init?(_ head: [UInt8]) {
        var lines = head.split(separator: 10, omittingEmptySubsequences: false).map { line in
            line.last == 13 ? line.dropLast() : line
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        guard let requestLine = lines.first else { return nil }
        let parts = requestLine.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
        guard parts.count == 3,
              !parts[0].isEmpty, parts[0].allSatisfy({ (65...90).contains($0) }),
              !parts[1].isEmpty, parts[1].allSatisfy({ (0x21...0x7E).contains($0) }),
              parts[2].starts(with: Array("HTTP/1.".utf8))
        else { return nil }
        method = String(decoding: parts[0], as: UTF8.self)
        target = String(decoding: parts[1], as: UTF8.self)
        version = String(decoding: parts[2], as: UTF8.self)
        hosts = []
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return nil }
            let name = line[..<colon]
            guard !name.isEmpty, name.allSatisfy({ (0x21...0x7E).contains($0) }) else { return nil }
            guard String(decoding: name, as: UTF8.self).lowercased() == "host" else { continue }
            let value = line[line.index(after: colon)...].drop { $0 == 32 || $0 == 9 }
            hosts.append(String(decoding: value.reversed().drop { $0 == 32 || $0 == 9 }.reversed(), as: UTF8.self))
        }
    }

    enum HostCheck: Equatable {
        /// The request names this server.
        case ours
        /// The request names another host: answered 421, with no content.
        case elsewhere
        /// `Host` missing in HTTP/1.1, or given twice: answered 400, as HTTP requires.
        case invalid
    }

    /// Whether the request names this server: exactly one `Host` that is `127.0.0.1:PORT` or
    /// `localhost:PORT` (any case; without the port only when PORT is 80, HTTP's default).
    ///
    /// This is what stops DNS rebinding: a page on `evil.example` whose name later resolves to
    /// 127.0.0.1 can make the browser connect here, but its requests say `Host: evil.example`.
    /// An HTTP/1.0 request may omit `Host` (1.0 does not require it) and is served: browsers always
    /// send it, so a request without one is not a browser's and rebinding does not apply.
    func host(port: UInt16) -> HostCheck {
        guard let host = hosts.first else { return version == "HTTP/1.0" ? .ours : .invalid }
        guard hosts.count == 1 else { return .invalid }
        let value = host.lowercased()
        let named = ["127.0.0.1", "localhost"].contains { name in
            value == "\(name):\(port)" || (port == 80 && value == name)
        }
        return named ? .ours : .elsewhere
    }
}
