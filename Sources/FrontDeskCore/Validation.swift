// Rules for what people type at the point of entry, with messages a person can act on.
import Foundation

/// Input that was refused, with a message for the person who typed it.
public struct ValidationError: Error, Equatable, CustomStringConvertible {
    public let field: String
    public let message: String
    public init(_ field: String, _ message: String) {
        self.field = field
        self.message = message
    }
    public var description: String { "\(field): \(message)" }
}

/// Checks and normalises the values the core tables hold.
public enum Validate {
    public static let passwordLength = 8...128

    /// A login name: 3 to 32 of a–z, 0–9, dot, dash, underscore; stored lowercase.
    public static func username(_ raw: String) throws -> String {
        let name = raw.trimmingCharacters(in: .whitespaces).lowercased()
        guard (3...32).contains(name.count) else {
            throw ValidationError("username", "must be 3 to 32 characters long")
        }
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789._-")
        guard name.allSatisfy({ allowed.contains($0) }), name.first!.isLetter else {
            throw ValidationError("username", "must start with a letter and use only a-z, 0-9, '.', '-', '_'")
        }
        return name
    }

    /// A password: 8 to 128 characters, not all spaces. Never trimmed: what was typed is the password.
    public static func password(_ password: String) throws {
        guard passwordLength.contains(password.count) else {
            throw ValidationError("password", "must be 8 to 128 characters long")
        }
        guard !password.allSatisfy(\.isWhitespace) else {
            throw ValidationError("password", "must not be only spaces")
        }
        guard !password.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7f }) else {
            throw ValidationError("password", "must not contain control characters")
        }
        // U+FFFD stands for bytes that were not UTF-8: such passwords would all be the same one.
        guard !password.unicodeScalars.contains("\u{FFFD}") else {
            throw ValidationError("password", "must not contain U+FFFD (bytes that were not UTF-8)")
        }
    }

    /// A person's or a place's name: trimmed, inner runs of spaces folded, 1 to `maxLength`
    /// characters, no control characters. Any script is welcome.
    public static func name(_ raw: String, field: String, maxLength: Int = 100) throws -> String {
        let folded = raw.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        guard !folded.isEmpty else { throw ValidationError(field, "is required") }
        guard folded.count <= maxLength else {
            throw ValidationError(field, "must be at most \(maxLength) characters")
        }
        guard !folded.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw ValidationError(field, "must not contain control characters")
        }
        return folded
    }

    /// An IANA time zone name such as `Africa/Nairobi`.
    /// A fee schedule code: 2–32 of A-Z 0-9 _ -, starting with a letter; returned upper-cased.
    public static func feeCode(_ raw: String, field: String = "fee code") throws -> String {
        let code = raw.trimmingCharacters(in: .whitespaces).uppercased()
        guard (2...32).contains(code.count), code.first?.isLetter == true,
            code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") })
        else { throw ValidationError(field, "'\(raw)' must be 2-32 of A-Z 0-9 _ - starting with a letter") }
        return code
    }

    public static func timeZone(_ raw: String) throws -> String {
        let id = raw.trimmingCharacters(in: .whitespaces)
        guard !id.isEmpty, TimeZone(identifier: id) != nil, id.contains("/") || id == "UTC" else {
            throw ValidationError("timezone", "'\(raw)' is not a time zone name (try e.g. Africa/Nairobi or UTC)")
        }
        return id
    }

    /// An ISO 4217 currency code, returned with its number of minor units.
    public static func currency(_ raw: String) throws -> Currency {
        let code = raw.trimmingCharacters(in: .whitespaces).uppercased()
        guard code.count == 3, code.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            throw ValidationError("currency", "'\(raw)' is not a three-letter ISO 4217 code (e.g. KES, USD)")
        }
        return Currency(code: code)
    }
}

/// A currency as money is stored: a code and how many minor units make one major unit.
public struct Currency: Sendable, Equatable {
    public let code: String
    public let minorUnits: Int

    public init(code: String) {
        self.code = code
        self.minorUnits = Currency.minorUnitsByCode[code] ?? 2
    }

    /// ISO 4217 exceptions to the usual two decimals.
    static let minorUnitsByCode: [String: Int] = [
        "BIF": 0, "CLP": 0, "DJF": 0, "GNF": 0, "ISK": 0, "JPY": 0, "KMF": 0, "KRW": 0, "PYG": 0,
        "RWF": 0, "UGX": 0, "UYI": 0, "VND": 0, "VUV": 0, "XAF": 0, "XOF": 0, "XPF": 0,
        "BHD": 3, "IQD": 3, "JOD": 3, "KWD": 3, "LYD": 3, "OMR": 3, "TND": 3,
    ]
}
