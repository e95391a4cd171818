// RFC 8785 (JCS) canonical JSON for integer-only values, byte-identical to Python's
// json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).
import Foundation

/// Writes a `JSONValue` as canonical JSON: sorted keys, no whitespace, minimal escaping.
public enum CanonicalJSON {
    /// The canonical text of `value`. Throws when an integer lies outside ±2^53.
    public static func string(_ value: JSONValue) throws -> String {
        var out = ""
        out.reserveCapacity(256)
        try write(value, into: &out)
        return out
    }

    /// The canonical UTF-8 bytes of `value`.
    public static func bytes(_ value: JSONValue) throws -> [UInt8] {
        Array(try string(value).utf8)
    }

    static func write(_ value: JSONValue, into out: inout String) throws {
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i):
            guard i >= -JSONValue.maxSafeInteger && i <= JSONValue.maxSafeInteger else {
                throw JSONValueError.integerOutOfRange(i)
            }
            out += String(i)
        case .string(let s): writeString(s, into: &out)
        case .array(let items):
            out += "["
            for (n, item) in items.enumerated() {
                if n > 0 { out += "," }
                try write(item, into: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            // Python's sort_keys orders by code point; so do we (keys are compared as scalars).
            let keys = members.keys.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
            for (n, key) in keys.enumerated() {
                if n > 0 { out += "," }
                writeString(key, into: &out)
                out += ":"
                try write(members[key]!, into: &out)
            }
            out += "}"
        }
    }

    static func writeString(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{00}"..."\u{1F}":
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
