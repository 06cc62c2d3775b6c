import CLibCrypto

/// SHA-256: of each source file (shown on the site so a reader can check which file a page
/// was built from), and of inline styles (Content-Security-Policy hashes). OpenSSL's libcrypto does it at ~1.7 GB/s (SHA extensions); a portable Swift
/// version ran at 270 MB/s, slower than parsing the file.
public enum SHA256 {
    public static func hex(of bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { hex(of: $0) }
    }

    public static func hex(of bytes: UnsafeBufferPointer<UInt8>) -> String {
        hex(digest: digest(of: bytes))
    }

    private static func hex(digest: [UInt8]) -> String {
        let table = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in digest {
            text.append(table[Int(byte >> 4)])
            text.append(table[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// SHA-256 of several texts taken in turn, without joining them first (a page's key covers
    /// its Markdown, fragments and layout: the size of the page itself).
    ///
    ///     var hasher = SHA256.Hasher()
    ///     hasher.update("a"); hasher.update("b")
    ///     hasher.hex() == SHA256.hex(of: Array("ab".utf8))
    public struct Hasher: ~Copyable {
        private let context: OpaquePointer

        public init() {
            guard let context = EVP_MD_CTX_new(), EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1 else {
                preconditionFailure("libcrypto's SHA-256 failed")
            }
            self.context = context
        }

        deinit { EVP_MD_CTX_free(context) }

        public mutating func update(_ text: String) {
            var text = text
            text.withUTF8 { update($0) }
        }

        public mutating func update(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard let base = bytes.baseAddress else { return }
            precondition(EVP_DigestUpdate(context, base, bytes.count) == 1, "libcrypto's SHA-256 failed")
        }

        public consuming func hex() -> String {
            var digest = [UInt8](repeating: 0, count: 32)
            var length: UInt32 = 0
            let ok = digest.withUnsafeMutableBufferPointer { EVP_DigestFinal_ex(context, $0.baseAddress, &length) }
            precondition(ok == 1 && length == 32, "libcrypto's SHA-256 failed")
            return SHA256.hex(digest: digest)
        }
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
