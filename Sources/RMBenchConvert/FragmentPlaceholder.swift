/// Recognises the text of a fragment placeholder paragraph: `@@NAME@@`,
/// NAME = one or more of `[A-Za-z0-9_.:-]`.
///
/// The text checked is the paragraph's whole inline content, so `@@x@@` inside a
/// sentence never matches. Authors who want the literal text can write it in a
/// code span (`` `@@x@@` ``), which is a code node, not text.
enum FragmentPlaceholder {
    static func name(in text: String) -> String? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 5,
              bytes[0] == UInt8(ascii: "@"), bytes[1] == UInt8(ascii: "@"),
              bytes[bytes.count - 1] == UInt8(ascii: "@"), bytes[bytes.count - 2] == UInt8(ascii: "@")
        else { return nil }
        let name = bytes[2..<(bytes.count - 2)]
        guard name.allSatisfy(isNameByte) else { return nil }
        return String(decoding: name, as: UTF8.self)
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: ":"), UInt8(ascii: "-"):
            return true
        default:
            return false
        }
    }
}
