/// Appends plain values to a byte buffer in a fixed little-endian layout: the payload of a
/// cache entry. Paired with ``ByteReader``, which checks every read against the buffer's end.
struct ByteWriter {
    private(set) var bytes: [UInt8] = []

    mutating func uint64(_ value: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    /// A variable-length integer (zigzag, then seven bits a byte, low first): counts, lengths
    /// and a response's features are small, and a run's entry has ~40,000 of them (8 bytes each
    /// made an entry twice as large, written on every cold build).
    mutating func int(_ value: Int) {
        let signed = Int64(value)
        var rest = UInt64(bitPattern: (signed << 1) ^ (signed >> 63))
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    mutating func double(_ value: Double) { uint64(value.bitPattern) }

    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func string(_ value: String) {
        int(value.utf8.count)
        bytes.append(contentsOf: value.utf8)
    }

    mutating func optional<Value>(_ value: Value?, _ write: (inout ByteWriter, Value) -> Void) {
        bool(value != nil)
        if let value { write(&self, value) }
    }

    mutating func array<Value>(_ values: [Value], _ write: (inout ByteWriter, Value) -> Void) {
        int(values.count)
        for value in values { write(&self, value) }
    }
}

/// The payload did not have the shape ``ByteWriter`` gives it: a truncated or foreign entry.
public struct MalformedPayload: Error, CustomStringConvertible {
    public let description: String
}

/// Reads what ``ByteWriter`` wrote; every read past the end, impossible count or invalid
/// UTF-8 throws, so a damaged entry is refused rather than half-read.
struct ByteReader {
    private let bytes: [UInt8]
    private var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { position == bytes.count }

    mutating func uint64() throws(MalformedPayload) -> UInt64 {
        guard position + 8 <= bytes.count else { throw MalformedPayload(description: "ends inside a number") }
        var value: UInt64 = 0
        for k in 0..<8 { value |= UInt64(bytes[position + k]) << UInt64(8 * k) }
        position += 8
        return value
    }

    mutating func int() throws(MalformedPayload) -> Int {
        var zigzag: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < bytes.count else { throw MalformedPayload(description: "ends inside a number") }
            let byte = bytes[position]
            position += 1
            guard shift < 63 || byte <= 1 else { throw MalformedPayload(description: "a number is longer than 64 bits") }
            zigzag |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { break }
            shift += 7
        }
        return Int(Int64(bitPattern: (zigzag >> 1) ^ (0 &- (zigzag & 1))))
    }

    mutating func double() throws(MalformedPayload) -> Double { Double(bitPattern: try uint64()) }

    mutating func bool() throws(MalformedPayload) -> Bool {
        guard position < bytes.count, bytes[position] <= 1 else { throw MalformedPayload(description: "a flag is neither 0 nor 1") }
        position += 1
        return bytes[position - 1] == 1
    }

    /// A count of items that each take at least `minimumSize` bytes: more than the rest of the
    /// buffer could hold means a damaged entry, not a request for gigabytes.
    mutating func count(minimumSize: Int = 1) throws(MalformedPayload) -> Int {
        let value = try int()
        guard value >= 0, value <= (bytes.count - position) / max(minimumSize, 1) else {
            throw MalformedPayload(description: "a count of \(value) does not fit the entry")
        }
        return value
    }

    mutating func string() throws(MalformedPayload) -> String {
        let length = try count()
        let slice = bytes[position..<(position + length)]
        position += length
        guard let text = String(validating: slice, as: UTF8.self) else { throw MalformedPayload(description: "a text is not UTF-8") }
        return text
    }

    mutating func optional<Value>(_ read: (inout ByteReader) throws(MalformedPayload) -> Value) throws(MalformedPayload) -> Value? {
        try bool() ? try read(&self) : nil
    }

    mutating func array<Value>(minimumSize: Int = 1, _ read: (inout ByteReader) throws(MalformedPayload) -> Value) throws(MalformedPayload) -> [Value] {
        let n = try count(minimumSize: minimumSize)
        var values: [Value] = []
        values.reserveCapacity(n)
        for _ in 0..<n { values.append(try read(&self)) }
        return values
    }
}
