// RFC 8785 (JCS) canonical JSON for integer-only values, byte-identical to Python's
// json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).

/// Writes a `JSONValue` as canonical JSON: sorted keys, no whitespace, minimal escaping.
/// Works on UTF-8 bytes: it sits on every business write, so it avoids String appends.
public enum CanonicalJSON {
    /// The canonical UTF-8 bytes of `value`. Throws when an integer lies outside ±2^53.
    public static func bytes(_ value: JSONValue) throws -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(512)
        try write(value, into: &out)
        return out
    }

    /// The canonical text of `value`.
    public static func string(_ value: JSONValue) throws -> String {
        String(decoding: try bytes(value), as: UTF8.self)
    }

    /// Appends the canonical form of `value` to `out`.
    public static func write(_ value: JSONValue, into out: inout [UInt8]) throws {
        switch value {
        case .null: out.append(contentsOf: nullBytes)
        case .bool(let b): out.append(contentsOf: b ? trueBytes : falseBytes)
        case .int(let i): try writeInteger(i, into: &out)
        case .string(let s): writeString(s, into: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (n, item) in items.enumerated() {
                if n > 0 { out.append(UInt8(ascii: ",")) }
                try write(item, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            // UTF-8 byte order is code point order, which is what Python's sort_keys uses.
            let keys = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (n, key) in keys.enumerated() {
                if n > 0 { out.append(UInt8(ascii: ",")) }
                writeString(key, into: &out)
                out.append(UInt8(ascii: ":"))
                try write(members[key]!, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Appends a ledger integer; refuses anything outside ±2^53.
    public static func writeInteger(_ i: Int64, into out: inout [UInt8]) throws {
        guard i >= -JSONValue.maxSafeInteger && i <= JSONValue.maxSafeInteger else {
            throw JSONValueError.integerOutOfRange(i)
        }
        out.append(contentsOf: String(i).utf8)
    }

    /// Appends a quoted string. Escapes only `"`, `\` and U+0000–U+001F; every other byte is
    /// copied, which is safe because UTF-8 continuation bytes are never below 0x80.
    public static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Most strings (ids, hashes, names) need no escape: copied whole, not byte by byte.
        let copiedWhole = s.utf8.withContiguousStorageIfAvailable { utf8 -> Bool in
            guard !utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else { return false }
            out.append(contentsOf: utf8)
            return true
        } ?? false
        if copiedWhole {
            out.append(UInt8(ascii: "\""))
            return
        }
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(UInt8(ascii: "\\")); out.append(byte)
            case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\")); out.append(byte)
            case 0x08: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "b"))
            case 0x0C: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "f"))
            case 0x0A: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "r"))
            case 0x09: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "t"))
            case 0x00..<0x20:
                out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0x0f)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    private static let nullBytes = Array("null".utf8)
    private static let trueBytes = Array("true".utf8)
    private static let falseBytes = Array("false".utf8)
    private static let hexDigits = Array("0123456789abcdef".utf8)
}
