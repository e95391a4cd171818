// A JSON value restricted to what the ledger allows: no floating-point numbers.

/// A JSON value as the ledger protocol allows it: integers only, never floating point.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// The largest magnitude a ledger integer may have (the protocol keeps them within ±2^53).
    public static let maxSafeInteger: Int64 = 1 << 53

    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var intValue: Int64? {
        if case .int(let i) = self { return i }
        return nil
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByNilLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(nilLiteral: ()) { self = .null }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}

/// Why a value cannot go into the ledger, or a text cannot be read as ledger JSON.
public enum JSONValueError: Error, Equatable, CustomStringConvertible {
    case integerOutOfRange(Int64)
    case floatingPointNumber
    case malformed(String)
    /// A number in JSON text that is not a ledger integer: too large for ±2^53 (even for 64 bits), or
    /// with a fraction or exponent. `text` is the number as written.
    case numberNotAllowed(text: String, isFraction: Bool)

    public var description: String {
        switch self {
        case .integerOutOfRange(let i): return "integer \(i) is outside ±2^53"
        case .floatingPointNumber: return "floating-point numbers are not allowed in the ledger"
        case .malformed(let why): return "malformed JSON: \(why)"
        case .numberNotAllowed(let text, let isFraction):
            return isFraction ? "the number \(text) is not an integer; ledger numbers are integers"
                : "the integer \(text) is outside ±2^53"
        }
    }
}

extension JSONValue {
    /// Parses JSON text (UTF-8). Floating-point numbers, integers outside ±2^53 (protocol §1) and
    /// duplicate keys are refused; numbers with `numberNotAllowed`, which names the number.
    public static func parse(_ text: String) throws -> JSONValue {
        try JSONParser.parse(text)
    }
}
