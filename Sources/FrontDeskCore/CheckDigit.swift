// Check digits for people-facing numbers (MRNs): one mistyped digit is always caught.

/// The Luhn (mod 10) check digit, which catches every single-digit error and most swaps.
public enum LuhnCheckDigit {
    /// The digit to append to `digits` (a string of 0–9).
    public static func compute(_ digits: String) -> Int {
        var sum = 0
        for (i, ch) in digits.reversed().enumerated() {
            guard let d = ch.wholeNumberValue else { continue }
            if i % 2 == 0 {
                let doubled = d * 2
                sum += doubled > 9 ? doubled - 9 : doubled
            } else {
                sum += d
            }
        }
        return (10 - sum % 10) % 10
    }

    /// Whether the last digit of `digitsWithCheck` is the right check digit.
    public static func isValid(_ digitsWithCheck: String) -> Bool {
        guard let last = digitsWithCheck.last?.wholeNumberValue, digitsWithCheck.count >= 2 else { return false }
        return compute(String(digitsWithCheck.dropLast())) == last
    }
}
