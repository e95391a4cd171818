// Checks of one form field alone that several desks share: an amount, a whole number, one of a few words.
import FrontDeskCore

extension FormField {
    /// This field checked as an amount of money in the facility's minor units (blank is none).
    package func checkedAsAmount(minorUnits: Int) -> FormField {
        let field = name
        return checked { text in
            let typed = text.trimmingCharacters(in: .whitespaces)
            guard !typed.isEmpty else { return }
            _ = try Money.parse(typed, minorUnits: minorUnits, field: field)
        }
    }

    /// This field checked as a whole number from `range` (blank is none); `message` says what to type.
    package func checkedAsWholeNumber(_ range: ClosedRange<Int>, message: String) -> FormField {
        let field = name
        return checked { text in
            let typed = text.trimmingCharacters(in: .whitespaces)
            guard !typed.isEmpty else { return }
            guard let number = Int(typed), range.contains(number) else { throw ValidationError(field, message) }
        }
    }

    /// This field checked as one of `words` (any case, blank allowed only when `blankAllowed`);
    /// `message` says what to type.
    package func checkedAsOneOf(_ words: [String], blankAllowed: Bool = false, message: String) -> FormField {
        let field = name
        let allowed = Set(words.map { $0.lowercased() })
        return checked { text in
            let typed = text.trimmingCharacters(in: .whitespaces).lowercased()
            if typed.isEmpty, blankAllowed { return }
            guard allowed.contains(typed) else { throw ValidationError(field, message) }
        }
    }
}
