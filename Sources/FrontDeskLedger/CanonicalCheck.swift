// Whether JSON bytes are already in canonical form, checked in place without building a value.
// The central server reads every payload of every push; the agent sends them canonical, so the
// server can keep the bytes it received instead of parsing and re-encoding each one.

extension CanonicalJSON {
    /// Where the canonical JSON value starting at `start` ends (one past its last byte), or nil when
    /// the bytes there are not exactly what `CanonicalJSON.bytes` writes for the value `JSONValue.parse`
    /// reads from them. Nil is only "take the slow way": the caller parses and re-encodes instead.
    ///
    /// `bytes` must be valid UTF-8 (the caller validates the whole body once).
    public static func canonicalEnd(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var scanner = CanonicalScanner(bytes: bytes, index: start)
        return scanner.value(depth: 0) ? scanner.index : nil
    }

    /// Whether `bytes` are, whole, one value in canonical form.
    public static func isCanonical(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            guard String(validating: buffer, as: UTF8.self) != nil else { return false }
            return canonicalEnd(in: buffer, from: 0) == buffer.count
        }
    }
}

/// The checker: each function consumes one canonical token and says whether it was one.
private struct CanonicalScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var index: Int

    /// The parser refuses nesting this deep; so must the check, or it would pass what parsing refuses.
    static let maxDepth = 512

    var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func value(depth: Int) -> Bool {
        guard depth < Self.maxDepth, let byte = current else { return false }
        switch byte {
        case UInt8(ascii: "{"): return object(depth: depth)
        case UInt8(ascii: "["): return array(depth: depth)
        case UInt8(ascii: "\""): return string() != nil
        case UInt8(ascii: "t"): return literal("true")
        case UInt8(ascii: "f"): return literal("false")
        case UInt8(ascii: "n"): return literal("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return integer()
        default: return false
        }
    }

    /// Members in strictly ascending key order (UTF-8 bytes, as the writer sorts): no duplicates either.
    mutating func object(depth: Int) -> Bool {
        index += 1
        if current == UInt8(ascii: "}") { index += 1; return true }
        var previousKey: Range<Int>?
        while true {
            guard current == UInt8(ascii: "\""), let key = string() else { return false }
            if let previousKey, !precedes(previousKey, key) { return false }
            previousKey = key
            guard current == UInt8(ascii: ":") else { return false }
            index += 1
            guard value(depth: depth + 1) else { return false }
            switch current {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"): index += 1; return true
            default: return false
            }
        }
    }

    mutating func array(depth: Int) -> Bool {
        index += 1
        if current == UInt8(ascii: "]") { index += 1; return true }
        while true {
            guard value(depth: depth + 1) else { return false }
            switch current {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"): index += 1; return true
            default: return false
            }
        }
    }

    /// A string escaped exactly as the writer escapes: `\"`, `\\`, the five short control escapes, and
    /// `\u00xx` (lower-case hex) for the other characters below U+0020; every other byte raw. Returns
    /// the range of its content.
    mutating func string() -> Range<Int>? {
        index += 1
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return start..<(index - 1)
            case UInt8(ascii: "\\"):
                guard index + 1 < bytes.count else { return nil }
                switch bytes[index + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "n"),
                     UInt8(ascii: "r"), UInt8(ascii: "t"):
                    index += 2
                case UInt8(ascii: "u"):
                    guard let code = controlEscape(at: index + 2) else { return nil }
                    // These five have short forms, which the writer uses.
                    guard ![0x08, 0x09, 0x0A, 0x0C, 0x0D].contains(code) else { return nil }
                    index += 6
                default: return nil
                }
            case 0x00..<0x20: return nil
            default: index += 1
            }
        }
        return nil
    }

    /// Whether key `a` sorts before key `b` as the writer sorts them: by the bytes they stand for.
    func precedes(_ a: Range<Int>, _ b: Range<Int>) -> Bool {
        let backslash = UInt8(ascii: "\\")
        if !bytes[a].contains(backslash), !bytes[b].contains(backslash) {
            return bytes[a].lexicographicallyPrecedes(bytes[b])
        }
        return decoded(a).lexicographicallyPrecedes(decoded(b))
    }

    /// A checked string's content as the bytes it stands for (keys sort by those, not by their escapes).
    func decoded(_ range: Range<Int>) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(range.count)
        var position = range.lowerBound
        while position < range.upperBound {
            let byte = bytes[position]
            guard byte == UInt8(ascii: "\\") else { out.append(byte); position += 1; continue }
            if bytes[position + 1] == UInt8(ascii: "u") {
                out.append(controlEscape(at: position + 2) ?? 0)
                position += 6
            } else {
                out.append(JSONParser.shortEscape(bytes[position + 1]) ?? bytes[position + 1])
                position += 2
            }
        }
        return out
    }

    /// The character of a `00xx` escape body (lower-case hex, below 0x20) at `at`, or nil.
    func controlEscape(at position: Int) -> UInt8? {
        guard position + 4 <= bytes.count, bytes[position] == UInt8(ascii: "0"), bytes[position + 1] == UInt8(ascii: "0")
        else { return nil }
        func digit(_ byte: UInt8) -> UInt8? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
            default: return nil
            }
        }
        guard let high = digit(bytes[position + 2]), let low = digit(bytes[position + 3]), high < 2 else { return nil }
        return high << 4 | low
    }

    /// `-?(0|[1-9][0-9]*)` within ±2^53, and never `-0` (the writer writes 0).
    mutating func integer() -> Bool {
        var negative = false
        if current == UInt8(ascii: "-") { negative = true; index += 1 }
        let digitsStart = index
        var magnitude: Int64 = 0
        while let byte = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
            guard index - digitsStart < 17 else { return false }  // 2^53 has 16 digits
            magnitude = magnitude * 10 + Int64(byte - UInt8(ascii: "0"))
            index += 1
        }
        let digits = index - digitsStart
        guard digits > 0, magnitude <= JSONValue.maxSafeInteger else { return false }
        if bytes[digitsStart] == UInt8(ascii: "0") { return digits == 1 && !negative }
        return true
    }

    mutating func literal(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        let text = UnsafeBufferPointer(start: word.utf8Start, count: count)
        for offset in 0..<count where bytes[index + offset] != text[offset] { return false }
        index += count
        return true
    }
}
