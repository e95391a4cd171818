// Random ledger JSON values for property tests: controls, non-BMP characters, mixed scripts, deep nesting.
import FrontDeskLedger

/// Random JSON values that stress escaping and key order: controls, non-BMP, mixed scripts.
public enum RandomJSON {
    public static let alphabet: [Unicode.Scalar] = Array("aZ09 _-\"\\/é王ấ🙂\u{7F}\u{E9}\u{10FFFF}\u{FFFF}\u{E000}".unicodeScalars)
        + (0..<0x20).map { Unicode.Scalar($0)! }

    public static func string(using random: inout some RandomNumberGenerator) -> String {
        var s = String.UnicodeScalarView()
        for _ in 0..<Int.random(in: 0...8, using: &random) { s.append(alphabet.randomElement(using: &random)!) }
        return String(s)
    }

    public static func value(depth: Int, using random: inout some RandomNumberGenerator) -> JSONValue {
        switch Int.random(in: 0..<(depth > 3 ? 4 : 6), using: &random) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &random))
        case 2: return .int(Int64.random(in: -(1 << 53)...(1 << 53), using: &random))
        case 3: return .string(string(using: &random))
        case 4: return .array((0..<Int.random(in: 0...4, using: &random)).map { _ in value(depth: depth + 1, using: &random) })
        default:
            var members: [String: JSONValue] = [:]
            for _ in 0..<Int.random(in: 0...5, using: &random) {
                members[string(using: &random)] = value(depth: depth + 1, using: &random)
            }
            return .object(members)
        }
    }
}
