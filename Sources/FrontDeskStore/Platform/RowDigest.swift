// 128-bit fingerprints of keys and canonical rows, so verify holds 40 bytes per record, not the record.
import Crypto
import Foundation
import FrontDeskLedger
import GRDB

/// 128 bits: a record's key, or the SHA-256 (first half) of its canonical row.
struct Bits128: Hashable {
    var high: UInt64
    var low: UInt64

    /// The first 16 bytes of SHA-256 of `bytes`: a forger cannot make two rows share it.
    static func digest<D: DataProtocol>(_ bytes: D) -> Bits128 {
        SHA256.hash(data: bytes).withUnsafeBytes { raw in
            Bits128(high: UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self)),
                    low: UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)))
        }
    }

    /// A record key: a lowercase UUID is its own 16 bytes; any other text is hashed.
    static func key(_ text: String) -> Bits128 {
        var utf8 = text.utf8.makeIterator()
        guard text.utf8.count == 36 else { return digest(Array(("key:" + text).utf8)) }
        var high: UInt64 = 0, low: UInt64 = 0, nibbles = 0, position = 0
        while let byte = utf8.next() {
            defer { position += 1 }
            if position == 8 || position == 13 || position == 18 || position == 23 {
                guard byte == UInt8(ascii: "-") else { return digest(Array(("key:" + text).utf8)) }
                continue
            }
            let value: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = byte - UInt8(ascii: "a") + 10
            default: return digest(Array(("key:" + text).utf8))
            }
            if nibbles < 16 { high = high << 4 | UInt64(value) } else { low = low << 4 | UInt64(value) }
            nibbles += 1
        }
        return Bits128(high: high, low: low)
    }
}

/// Writes a stored row the way the ledger carries it (canonical JSON, columns in code-point order).
enum StoredRowEncoder {
    /// `"name":` for each column, encoded once per table.
    static func keyPrefixes(_ columns: [String]) -> [[UInt8]] {
        columns.map { column in
            var out: [UInt8] = []
            CanonicalJSON.writeString(column, into: &out)
            out.append(UInt8(ascii: ":"))
            return out
        }
    }

    /// The canonical bytes of `values` (in the order of `prefixes`). A value the ledger cannot hold
    /// (a float, a blob, an integer beyond ±2^53) is written so that it never matches a ledger row.
    static func encode(_ values: some Sequence<DatabaseValue>, prefixes: [[UInt8]], into out: inout [UInt8]) {
        out.removeAll(keepingCapacity: true)
        out.append(UInt8(ascii: "{"))
        for (n, value) in values.enumerated() {
            if n > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: prefixes[n])
            switch value.storage {
            case .null: out.append(contentsOf: "null".utf8)
            case .int64(let i): out.append(contentsOf: String(i).utf8)
            case .string(let s): CanonicalJSON.writeString(s, into: &out)
            case .double(let d): out.append(contentsOf: "float:\(d)".utf8)
            case .blob(let data): out.append(contentsOf: "blob:\(data.count)".utf8)
            }
        }
        out.append(UInt8(ascii: "}"))
    }

    /// A stored value as the ledger would carry it, for naming a difference.
    static func value(_ value: DatabaseValue) -> JSONValue {
        switch value.storage {
        case .null: return .null
        case .int64(let i): return .int(i)
        case .string(let s): return .string(s)
        case .double(let d): return .string("(floating-point \(d))")
        case .blob(let data): return .string("(\(data.count)-byte blob)")
        }
    }
}

/// A value shortened for one line of verify's report.
func shortened(_ value: JSONValue?) -> String {
    guard let value else { return "(absent)" }
    let text: String
    switch value {
    case .string(let s): text = "\"" + s + "\""
    default: text = (try? CanonicalJSON.string(value)) ?? "?"
    }
    let clean = String(text.map { $0.isNewline || ($0.asciiValue.map { $0 < 0x20 } ?? false) ? " " : $0 })
    return clean.count <= 40 ? clean : String(clean.prefix(37)) + "…"
}

/// A key or id shortened to what tells records apart in a report line.
func shortKey(_ key: String) -> String {
    key.count <= 40 ? key : String(key.prefix(37)) + "…"
}
