// How a facility writes its medical record numbers: prefix, optional year, sequence, check digit.

/// An MRN format. The check digit is Luhn over the digits, so one mistyped digit is caught.
public struct MRNFormat: Sendable, Equatable {
    public var prefix: String
    public var includesYear: Bool
    public var sequenceDigits: Int

    /// The format every store starts with: `MR` + 7 digits + check digit (`MR00000018`).
    public static let standard = MRNFormat(prefix: "MR", includesYear: false, sequenceDigits: 7)

    public init(prefix: String, includesYear: Bool, sequenceDigits: Int) {
        self.prefix = prefix
        self.includesYear = includesYear
        self.sequenceDigits = sequenceDigits
    }

    /// The MRN for sequence number `n` issued in `year`.
    public func mrn(sequence n: Int64, year: Int) -> String {
        let sequence = String(n)
        let padded = String(repeating: "0", count: max(0, sequenceDigits - sequence.count)) + sequence
        let digits = (includesYear ? String(year) : "") + padded
        return prefix + digits + String(LuhnCheckDigit.compute(digits))
    }

    /// Whether `text` could be an MRN of this format with a correct check digit.
    public func isPlausible(_ text: String) -> Bool {
        let upper = text.uppercased()
        guard upper.hasPrefix(prefix.uppercased()) else { return false }
        let digits = upper.dropFirst(prefix.count)
        guard digits.count >= sequenceDigits + 1 + (includesYear ? 4 : 0), digits.allSatisfy(\.isNumber) else { return false }
        return LuhnCheckDigit.isValid(String(digits))
    }

    /// The short form of an MRN as typed ("18" or "00000018" for `MR00000018`): its digits
    /// without prefix, year or leading zeros, whatever the format it was issued in. Nil unless
    /// the check digit holds, so a mistyped digit finds nothing.
    public static func shortForm(_ typed: String) -> String? {
        guard !typed.isEmpty, typed.count <= 20, typed.allSatisfy({ $0.isASCII && $0.isNumber }), LuhnCheckDigit.isValid(typed)
        else { return nil }
        let short = String(typed.drop { $0 == "0" })
        return short.isEmpty ? nil : short
    }

    /// A format as an administrator describes it, checked.
    public static func validated(prefix: String, includesYear: Bool, sequenceDigits: Int) throws -> MRNFormat {
        let p = prefix.trimmingCharacters(in: .whitespaces).uppercased()
        guard p.count <= 6, p.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            throw ValidationError("MRN prefix", "must be 0 to 6 letters A-Z")
        }
        guard (4...10).contains(sequenceDigits) else {
            throw ValidationError("MRN sequence digits", "must be 4 to 10")
        }
        return MRNFormat(prefix: p, includesYear: includesYear, sequenceDigits: sequenceDigits)
    }

    /// How the format reads to an administrator: "MR + 7 digits + check digit (MR00000018)".
    public var summary: String {
        (prefix.isEmpty ? "" : prefix + " + ") + (includesYear ? "year + " : "") + "\(sequenceDigits) digits + check digit ("
            + mrn(sequence: 1, year: 2026) + ")"
    }
}
