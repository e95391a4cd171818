// New identifiers: lowercase UUIDs, time-ordered so that indexes grow at their end.
import Foundation

/// Makes record and ledger identifiers.
public enum Identifier {
    /// A UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then random bits. Time order
    /// keeps primary-key indexes appending at one edge instead of touching random pages.
    public static func make() -> String {
        var bytes = [UInt8](repeating: 0, count: 16)
        var generator = SystemRandomNumberGenerator()
        let millis = UInt64(Date().timeIntervalSince1970 * 1000)
        for i in 0..<6 { bytes[i] = UInt8(truncatingIfNeeded: millis >> (8 * (5 - i))) }
        let random = generator.next() as UInt64
        let random2 = generator.next() as UInt64
        for i in 6..<16 {
            bytes[i] = UInt8(truncatingIfNeeded: (i < 14 ? random : random2) >> (8 * ((i - 6) % 8)))
        }
        bytes[6] = (bytes[6] & 0x0f) | 0x70  // version 7
        bytes[8] = (bytes[8] & 0x3f) | 0x80  // RFC 4122 variant
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(36)
        for (i, byte) in bytes.enumerated() {
            if i == 4 || i == 6 || i == 8 || i == 10 { out.append(UInt8(ascii: "-")) }
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
