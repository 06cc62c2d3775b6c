import CLibCrypto

/// SHA-256: of each source file (shown on the site so a reader can check which file a page
/// was built from), and of inline styles (Content-Security-Policy hashes). OpenSSL's libcrypto does it at ~1.7 GB/s (SHA extensions); a portable Swift
/// version ran at 270 MB/s, slower than parsing the file.
public enum SHA256 {
    public static func hex(of bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { hex(of: $0) }
    }

    public static func hex(of bytes: UnsafeBufferPointer<UInt8>) -> String {
        let table = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in digest(of: bytes) {
            text.append(table[Int(byte >> 4)])
            text.append(table[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    public static func digest(of bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBufferPointer { digest(of: $0) }
    }

    public static func digest(of bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        let ok = digest.withUnsafeMutableBufferPointer { out in
            EVP_Digest(bytes.baseAddress, bytes.count, out.baseAddress, &length, EVP_sha256(), nil)
        }
        precondition(ok == 1 && length == 32, "libcrypto's SHA-256 failed")
        return digest
    }
}
