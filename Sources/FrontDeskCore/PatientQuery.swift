// What a receptionist typed in the lookup box, taken apart into the keys a patient can be found by.
import Foundation

/// One lookup: name fragments, digit runs (phone, MRN or their last digits), an MRN as written,
/// and a date of birth. Any mix is allowed ("oka am", "MR00000018", "0712 345 678",
/// "12/04/1990", "a 4567", "okafor 1990-04-12"); the search combines the keys it finds.
public struct PatientQuery: Sendable, Equatable {
    /// Folded name fragments, each matched as the start of a word of the name.
    public var nameTerms: [String] = []
    /// Runs of digits typed as one number (formatting characters removed).
    public var digits: [String] = []
    /// A date of birth, when the text holds one.
    public var dateOfBirth: CalendarDay?
    /// The text as an MRN (upper-cased, spaces removed) when it has letters and digits run together.
    public var mrn: String?

    /// The fewest digits that look a patient up by the end of a phone number or MRN.
    public static let minimumDigits = 4

    public var isEmpty: Bool { nameTerms.isEmpty && digits.isEmpty && dateOfBirth == nil && mrn == nil }

    /// A single letter with digits: "a 4567" (an initial and the last digits of a phone or MRN).
    public var initial: String? {
        guard nameTerms.count == 1, nameTerms[0].count == 1, !digits.isEmpty else { return nil }
        return nameTerms[0]
    }

    public init(nameTerms: [String] = [], digits: [String] = [], dateOfBirth: CalendarDay? = nil, mrn: String? = nil) {
        self.nameTerms = nameTerms
        self.digits = digits
        self.dateOfBirth = dateOfBirth
        self.mrn = mrn
    }

    public init(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return }
        // A whole-text date or phone comes first: "12 Apr 1990" and "(0712) 345-678" hold spaces.
        if let day = Self.date(in: trimmed) {
            dateOfBirth = day
            if trimmed.allSatisfy(\.isNumber) { digits = [trimmed] }  // 12041990 may be a phone's tail too
            return
        }
        if Self.isPhoneLike(trimmed) {
            digits = [trimmed.filter(\.isNumber)]
            return
        }
        for word in trimmed.split(whereSeparator: \.isWhitespace).map(String.init) {
            if let day = Self.date(in: word) {
                dateOfBirth = day
            } else if Self.isPhoneLike(word) {
                digits.append(word.filter(\.isNumber))
            } else if word.contains(where: \.isNumber), word.contains(where: \.isLetter),
                word.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "/") })
            {
                // "MR00000018", "mr-18", "a4567": an identifier written with its letters.
                let compact = word.uppercased().filter { $0.isLetter || $0.isNumber }
                let letters = compact.prefix { $0.isLetter }
                let rest = compact.dropFirst(letters.count)
                if letters.count == 1, rest.allSatisfy(\.isNumber) {
                    nameTerms.append(letters.lowercased())
                    digits.append(String(rest))
                    mrn = compact  // or a whole identifier: a passport or an MRN with a one-letter prefix
                } else {
                    mrn = compact
                    if rest.allSatisfy(\.isNumber) { digits.append(String(rest)) }
                }
            } else {
                nameTerms += SearchText.queryTerms(word)
            }
        }
    }

    private static func isPhoneLike(_ text: String) -> Bool {
        let allowed = Set("0123456789+-()./ ")
        return text.contains(where: \.isNumber) && text.allSatisfy { allowed.contains($0) }
            && !text.dropFirst().contains("+")
    }

    /// A date when `text` is written as one: with separators or a month name, or eight digits.
    private static func date(in text: String) -> CalendarDay? {
        let hasSeparator = text.contains { "/.-".contains($0) }
        let hasMonthName = text.contains(where: \.isLetter)
        guard hasSeparator || hasMonthName || (text.count == 8 && text.allSatisfy(\.isNumber)) else { return nil }
        return DateOfBirthParser.parse(text)
    }
}

extension SearchText {
    /// Characters of scripts written without spaces between names' parts (Han, kana, Hangul):
    /// each is its own term, so "王秀英" finds 王 秀英 however it was split at registration.
    static func isIdeograph(_ c: Character) -> Bool {
        guard let v = c.unicodeScalars.first?.value else { return false }
        return (0x2E80...0x9FFF).contains(v) || (0xAC00...0xD7AF).contains(v) || (0xF900...0xFAFF).contains(v)
            || (0x20000...0x2FA1F).contains(v)
    }

    /// The terms a name is indexed under: its folded words, each part of a hyphenated or
    /// apostrophed word and the word run together ("O'Brien" → o, brien, obrien), and each
    /// ideograph on its own.
    public static func nameTerms(_ name: String) -> [String] {
        var terms: [String] = []
        for word in fold(name).split(whereSeparator: \.isWhitespace) {
            let parts = word.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
            terms += parts.flatMap(splitIdeographs)
            if parts.count > 1 { terms.append(parts.joined()) }
        }
        var seen = Set<String>()
        return terms.filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    /// The terms of one typed word: like `nameTerms`, but a hyphenated word is its parts only.
    public static func queryTerms(_ text: String) -> [String] {
        tokens(text).flatMap(splitIdeographs)
    }

    private static func splitIdeographs(_ word: String) -> [String] {
        guard word.contains(where: isIdeograph) else { return [word] }
        var out: [String] = []
        var run = ""
        for c in word {
            if isIdeograph(c) {
                if !run.isEmpty { out.append(run); run = "" }
                out.append(String(c))
            } else {
                run.append(c)
            }
        }
        if !run.isEmpty { out.append(run) }
        return out
    }
}
