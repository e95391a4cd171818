// Rules for what people type at the point of entry, with messages a person can act on.
import Foundation

/// Input that was refused, with a message for the person who typed it.
public struct ValidationError: Error, Equatable, CustomStringConvertible {
    public let field: String
    public let message: String
    public init(_ field: String, _ message: String) {
        // A backstop: quoting goes through `Quote`, but no message may carry megabytes of input.
        self.field = field.count > 60 ? String(field.prefix(60)) + "…" : field
        self.message = message.count > 2000 ? String(message.prefix(2000)) + "…" : message
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

    /// A person's or a place's name: trimmed, inner runs of spaces (tabs and line breaks of a CSV
    /// cell included) folded to one, 1 to `maxLength` characters, nothing invisible (`TextRules`).
    /// Any script is welcome.
    public static func name(_ raw: String, field: String, maxLength: Int = 100) throws -> String {
        try TextRules.check(raw, field: field, foldingSpaces: true)
        let folded = raw.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        guard !folded.isEmpty else { throw ValidationError(field, "is required") }
        guard folded.count <= maxLength else {
            throw ValidationError(field, "must be at most \(maxLength) characters")
        }
        return folded
    }

    /// Free text (an address, a reason, a note): trimmed, at most `maxLength` characters, nothing
    /// invisible; nil when blank.
    public static func text(_ raw: String?, field: String, maxLength: Int) throws -> String? {
        guard let raw else { return nil }
        try TextRules.check(raw, field: field)  // before trimming: a trailing U+2029 is refused, not hidden
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return nil }
        guard trimmed.count <= maxLength else { throw ValidationError(field, "must be at most \(maxLength) characters") }
        return trimmed
    }

    /// A fee schedule code: 2–32 of A-Z 0-9 _ -, starting with a letter; returned upper-cased.
    public static func feeCode(_ raw: String, field: String = "fee code") throws -> String {
        let code = raw.trimmingCharacters(in: .whitespaces).uppercased()
        guard (2...32).contains(code.count), code.first?.isLetter == true,
            code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") })
        else { throw ValidationError(field, "'\(Quote.excerpt(raw))' must be 2-32 of A-Z 0-9 _ - starting with a letter") }
        return code
    }

    /// A person's name (a patient, a contact, a doctor): a name by `name(_:field:)` holding only
    /// letters and marks of any script, digits (an unidentified "Baby 2"), spaces, and the
    /// punctuation names use: apostrophes, hyphens, full stops and commas.
    public static func personName(_ raw: String, field: String, maxLength: Int = 100) throws -> String {
        let name = try self.name(raw, field: field, maxLength: maxLength)
        if let odd = name.unicodeScalars.first(where: { !isNameScalar($0) }) {
            throw ValidationError(field, "must not contain '\(Character(odd))': letters, spaces and ' - . , only")
        }
        return name
    }

    static func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber: return true
        default: return " '’‘-‐.,\u{200C}\u{200D}".unicodeScalars.contains(scalar)
        }
    }

    /// An IANA time zone name such as `Africa/Nairobi`.
    public static func timeZone(_ raw: String) throws -> String {
        let id = raw.trimmingCharacters(in: .whitespaces)
        guard !id.isEmpty, TimeZone(identifier: id) != nil, id.contains("/") || id == "UTC" else {
            throw ValidationError("timezone", "'\(Quote.excerpt(raw))' is not a time zone name (try e.g. Africa/Nairobi or UTC)")
        }
        return id
    }

    /// An active ISO 4217 currency code (`Currency.iso4217`), returned with its number of minor units.
    public static func currency(_ raw: String) throws -> Currency {
        let code = raw.trimmingCharacters(in: .whitespaces).uppercased()
        guard code.count == 3, code.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            throw ValidationError("currency", "'\(Quote.excerpt(raw))' is not a three-letter ISO 4217 code (e.g. KES, USD)")
        }
        guard Currency.iso4217[code] != nil else {
            throw ValidationError("currency", "\(code) is not an active ISO 4217 currency code (e.g. KES, USD, EUR)")
        }
        return Currency(code: code)
    }
}

/// Characters refused in every name and free-text field: they are invisible, or reorder or break
/// the text around them, so two names that look the same could differ, or a name could show as
/// something else on a receipt or a board. Refused: control characters (C0, DEL, C1), format
/// characters (bidi embeddings, overrides and isolates U+202A–U+202E and U+2066–U+2069, marks
/// U+200E/U+200F/U+061C, zero-width space U+200B, word joiner U+2060, BOM U+FEFF, soft hyphen,
/// invisible operators, tags), the line and paragraph separators U+2028/U+2029, and noncharacters.
/// Kept: ZWNJ U+200C and ZWJ U+200D between two letters or marks (and ZWJ after a virama at a
/// word's end), because Persian, Kurdish and Urdu names need ZWNJ to keep two letters unjoined,
/// and Malayalam, Sinhala and Devanagari names need ZWJ/ZWNJ to pick a half form or a chillu;
/// anywhere else they change nothing that is shown, so two names could look alike and differ.
public enum TextRules {
    /// True for a scalar that is never shown as itself (ZWJ and ZWNJ included).
    public static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate: return true
        default: return scalar.properties.isNoncharacterCodePoint
        }
    }

    /// `U+202E`.
    public static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// Throws, naming the field and the first refused character, when `text` holds one. With
    /// `foldingSpaces`, tab, LF and CR pass: the caller folds them into one space.
    public static func check(_ text: String, field: String, foldingSpaces: Bool = false) throws {
        func refused(_ scalar: Unicode.Scalar) -> Bool {
            // U+FFFD stands where bytes were not UTF-8 (a mis-encoded file, a terminal in another
            // encoding): what was meant is lost, so it is refused rather than stored.
            scalar.value == 0xFFFD
                || isInvisible(scalar) && !(foldingSpaces && (scalar == "\t" || scalar == "\n" || scalar == "\r"))
        }
        guard text.unicodeScalars.contains(where: refused) else { return }  // the usual case, without copying
        let scalars = Array(text.unicodeScalars)
        for (i, scalar) in scalars.enumerated() where refused(scalar) {
            if scalar.value == 0x200C || scalar.value == 0x200D, i > 0, isLetterOrMark(scalars[i - 1]) {
                // Inside a word; or ZWJ after a virama ending a word (a Malayalam chillu, ന്‍).
                let next = i + 1 < scalars.count ? scalars[i + 1] : nil
                if let next, isLetterOrMark(next) { continue }
                if scalar.value == 0x200D, scalars[i - 1].properties.generalCategory == .nonspacingMark { continue }
            }
            if scalar.value == 0xFFFD {
                throw ValidationError(field, "contains a character that could not be read (U+FFFD): the text was not UTF-8; type it again")
            }
            let what: String
            switch scalar.value {
            case 0x2028, 0x2029, 0x0A, 0x0D, 0x0B, 0x0C, 0x85: what = "a line break"
            case 0x09: what = "a tab"
            case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: what = "a text-direction control"
            case 0x200B...0x200D, 0x2060, 0xFEFF: what = "a zero-width character"
            default: what = scalar.properties.generalCategory == .control ? "a control character" : "an invisible character"
            }
            throw ValidationError(field, "contains \(what) (\(codePoint(scalar))); type it again without it")
        }
    }

    static func isLetterOrMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }
}
