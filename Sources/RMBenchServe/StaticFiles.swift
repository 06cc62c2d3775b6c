#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a request for a static file resolves to: pure path logic, no sockets.
public enum StaticFiles {
    public enum Resolution: Equatable, Sendable {
        /// A regular file inside the root (its real path).
        case file(String)
        /// A folder asked for without its trailing slash: send the browser to `location`, so
        /// that the relative links of its index.html resolve inside it.
        case redirect(String)
        /// Malformed, or an attempt to leave the root (`..`, `%2e%2e`, backslash, NUL).
        case badRequest
        /// Missing, hidden, outside the root through a link, or a folder without index.html.
        case notFound
    }

    /// Maps a request target (`/models/x.html?y`) to a file under `root`.
    ///
    /// The path is percent-decoded once; dot segments, backslashes, NUL and invalid UTF-8 are
    /// refused rather than normalised, names starting with "." are not served, and the real
    /// path (symbolic links resolved) must lie inside the root's real path.
    public static func resolve(target: String, root: String) -> Resolution {
        guard target.hasPrefix("/") else { return .badRequest }
        let rawPath = target.prefix { $0 != "?" && $0 != "#" }
        guard let bytes = percentDecoded(rawPath.utf8), !bytes.contains(0), !bytes.contains(UInt8(ascii: "\\")),
              let path = String(validating: bytes, as: UTF8.self)
        else { return .badRequest }
        let segments = path.split(separator: "/").map(String.init)
        for segment in segments {
            if segment == "." || segment == ".." { return .badRequest }
            if segment.hasPrefix(".") { return .notFound }
        }
        guard let realRoot = realPath(root), kind(of: realRoot) == .directory else { return .notFound }
        let candidate = segments.isEmpty ? realRoot : realRoot + "/" + segments.joined(separator: "/")
        guard let real = realPath(candidate), isInside(real, realRoot) else { return .notFound }
        switch kind(of: real) {
        case .directory:
            guard path.hasSuffix("/") else {
                return .redirect("/" + segments.map(percentEncoded).joined(separator: "/") + "/")
            }
            guard let index = realPath(real + "/index.html"), isInside(index, realRoot),
                  kind(of: index) == .regular else { return .notFound }
            return .file(index)
        case .regular:
            return path.hasSuffix("/") ? .notFound : .file(real)
        case .other, nil:
            return .notFound
        }
    }

    /// The Content-Type for a file name, by its extension.
    public static func contentType(for path: String) -> String {
        let name = path.split(separator: "/").last ?? ""
        let ext = name.contains(".") ? String(name.split(separator: ".").last!).lowercased() : ""
        return contentTypes[ext] ?? "application/octet-stream"
    }

    static let contentTypes: [String: String] = [
        "html": "text/html; charset=utf-8",
        "htm": "text/html; charset=utf-8",
        "css": "text/css; charset=utf-8",
        "js": "text/javascript; charset=utf-8",
        "mjs": "text/javascript; charset=utf-8",
        "json": "application/json",
        "csv": "text/csv; charset=utf-8",
        "md": "text/markdown; charset=utf-8",
        "txt": "text/plain; charset=utf-8",
        "xml": "application/xml",
        "svg": "image/svg+xml",
        "png": "image/png",
        "jpg": "image/jpeg",
        "jpeg": "image/jpeg",
        "gif": "image/gif",
        "webp": "image/webp",
        "ico": "image/x-icon",
        "woff2": "font/woff2",
    ]

    /// `%XX` → byte; nil when a `%` is not followed by two hex digits.
    static func percentDecoded<S: Sequence<UInt8>>(_ input: S) -> [UInt8]? {
        var out: [UInt8] = []
        var iterator = input.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else { out.append(byte); continue }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else { return nil }
            out.append(high << 4 | low)
        }
        return out
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// Unreserved characters as they are, everything else as `%XX`.
    static func percentEncoded(_ segment: String) -> String {
        var out = ""
        for byte in segment.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }

    static func isInside(_ path: String, _ root: String) -> Bool {
        path == root || path.hasPrefix(root == "/" ? "/" : root + "/")
    }

    enum Kind { case regular, directory, other }

    static func kind(of path: String) -> Kind? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .regular
        case S_IFDIR: return .directory
        default: return .other
        }
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
