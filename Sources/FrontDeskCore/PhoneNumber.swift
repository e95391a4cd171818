// Phone numbers as typed at a desk, normalised to E.164 with the facility's country code.

/// Normalises phone numbers: `0712 345 678`, `(0712) 345-678`, `+254 712 345678` and
/// `00254712345678` all become `+254712345678` for a facility whose country code is 254.
public struct PhoneNormalizer: Sendable {
    /// The facility's country calling code, digits only (e.g. "254").
    public let countryCode: String

    public init(countryCode: String) {
        self.countryCode = countryCode.filter(\.isASCII).filter(\.isNumber)
    }

    /// The E.164 form, or a `ValidationError` saying what is wrong.
    public func normalize(_ raw: String) throws -> String {
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw ValidationError("phone", "is empty") }
        let allowed = Set("0123456789+-()./ ")
        guard trimmed.allSatisfy({ allowed.contains($0) }) else {
            throw ValidationError("phone", "'\(raw)' may hold only digits, spaces, + - ( ) . /")
        }
        guard !trimmed.dropFirst().contains("+") else { throw ValidationError("phone", "'+' may only come first") }
        let digits = trimmed.filter(\.isNumber)
        let international: String
        if trimmed.hasPrefix("+") {
            international = digits
        } else if digits.hasPrefix("00") {
            international = String(digits.dropFirst(2))
        } else if digits.hasPrefix("0") {
            international = countryCode + digits.drop { $0 == "0" }
        } else if digits.hasPrefix(countryCode), digits.count > 10 {
            international = digits
        } else {
            international = countryCode + digits
        }
        guard let first = international.first, first != "0" else {
            throw ValidationError("phone", "'\(raw)' has no country code")
        }
        guard (8...15).contains(international.count) else {
            throw ValidationError("phone", "'\(raw)' has \(international.count) digits with its country code; a phone number has 8 to 15")
        }
        return "+" + international
    }
}
