// Typed bytes to characters, strictly: bytes that are not UTF-8 become one visible U+FFFD, never silently dropped.

/// Decodes the bytes of one typed character (Unicode's table 3-7: no overlong forms, no surrogates,
/// nothing above U+10FFFF). curses' own `get_wch` keeps reading after a byte that is not UTF-8 and
/// drops it and whatever followed at the next pause, so `pass\xff\xfeword` and `pass\x80word` both
/// became "pass": here they become "pass\u{FFFD}…", which a password field refuses.
public enum UTF8Input {
    /// What one read gave: a scalar, or `nil` for bytes that are not UTF-8; and the byte (or key code)
    /// that ended an invalid sequence, which starts the next key.
    public struct Decoded: Equatable, Sendable {
        public let scalar: Unicode.Scalar?
        public let leftover: Int32?
    }

    /// Decodes the character that starts with `first`; `next` gives the following byte, or nil when
    /// none came in time (a truncated sequence).
    public static func decode(first: UInt8, next: () -> Int32?) -> Decoded {
        let (length, secondRange): (Int, ClosedRange<UInt8>)
        switch first {
        case 0x00...0x7F: return Decoded(scalar: Unicode.Scalar(first), leftover: nil)
        case 0xC2...0xDF: (length, secondRange) = (2, 0x80...0xBF)
        case 0xE0: (length, secondRange) = (3, 0xA0...0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: (length, secondRange) = (3, 0x80...0xBF)
        case 0xED: (length, secondRange) = (3, 0x80...0x9F)
        case 0xF0: (length, secondRange) = (4, 0x90...0xBF)
        case 0xF1...0xF3: (length, secondRange) = (4, 0x80...0xBF)
        case 0xF4: (length, secondRange) = (4, 0x80...0x8F)
        default: return Decoded(scalar: nil, leftover: nil)  // 80–C1, F5–FF never start a character
        }
        var value = UInt32(first) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for index in 1..<length {
            guard let code = next() else { return Decoded(scalar: nil, leftover: nil) }
            let range: ClosedRange<UInt8> = index == 1 ? secondRange : 0x80...0xBF
            guard (0...255).contains(code), range.contains(UInt8(code)) else { return Decoded(scalar: nil, leftover: code) }
            value = value << 6 | (UInt32(code) & 0x3F)
        }
        return Decoded(scalar: Unicode.Scalar(value), leftover: nil)
    }

    /// Decodes a whole byte string as typed keys would be: each invalid sequence becomes one U+FFFD.
    public static func decodeAll(_ bytes: [UInt8]) -> String {
        var scalars = String.UnicodeScalarView()
        var index = 0
        var pending: Int32?
        while index < bytes.count || pending != nil {
            let first: UInt8
            if let code = pending { first = UInt8(code); pending = nil } else { first = bytes[index]; index += 1 }
            let decoded = decode(first: first) {
                guard index < bytes.count else { return nil }
                defer { index += 1 }
                return Int32(bytes[index])
            }
            scalars.append(decoded.scalar ?? replacement)
            pending = decoded.leftover
        }
        return String(scalars)
    }

    /// What stands for bytes that were not UTF-8.
    public static let replacement: Unicode.Scalar = "\u{FFFD}"
}
