// New identifiers: lowercase UUIDs, time-ordered so that indexes grow at their end.
import Foundation

/// Makes record and ledger identifiers.
public enum Identifier {
    /// A UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then random bits. Time order
    /// keeps primary-key indexes appending at one edge instead of touching random pages. Within one
    /// process, ids also sort in the order they were made (RFC 9562 §6.2, method 1: a 12-bit counter
    /// in `rand_a`): records made in the same millisecond (two charges, two invoice lines) keep their
    /// order wherever a list sorts by id.
    public static func make() -> String {
        var bytes = [UInt8](repeating: 0, count: 16)
        var generator = SystemRandomNumberGenerator()
        let (millis, counter) = nextTick(now: UInt64(Date().timeIntervalSince1970 * 1000), seed: generator.next() as UInt64)
        for i in 0..<6 { bytes[i] = UInt8(truncatingIfNeeded: millis >> (8 * (5 - i))) }
        let random = generator.next() as UInt64
        let random2 = generator.next() as UInt64
        for i in 6..<16 {
            bytes[i] = UInt8(truncatingIfNeeded: (i < 14 ? random : random2) >> (8 * ((i - 6) % 8)))
        }
        bytes[6] = UInt8(truncatingIfNeeded: counter >> 8) & 0x0f | 0x70  // version 7, counter's high 4 bits
        bytes[7] = UInt8(truncatingIfNeeded: counter)
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

    private static let lock = NSLock()
    nonisolated(unsafe) private static var last: (millis: UInt64, counter: UInt16) = (0, 0)

    /// The millisecond and counter of the next id: a new millisecond starts the counter at a random value
    /// below 2^11 (room to count up); the same one (or a clock that stepped back) counts on, and a full
    /// counter moves on to the next millisecond.
    static func nextTick(now: UInt64, seed: UInt64) -> (millis: UInt64, counter: UInt16) {
        lock.lock()
        defer { lock.unlock() }
        if now > last.millis {
            last = (now, UInt16(truncatingIfNeeded: seed) & 0x07ff)
        } else if last.counter < 0x0fff {
            last.counter += 1
        } else {
            last = (last.millis + 1, UInt16(truncatingIfNeeded: seed) & 0x07ff)
        }
        return last
    }
}
