// Amounts as people type and read them ("1,500.50"), held as integer minor units: the one money parser.
import Foundation

public enum Money {
    /// The largest amount in minor units: the ledger keeps integers within ±2^53, so an amount
    /// (and a sum of a few) must stay well inside; 2^53 − 1 is the largest integer every JSON
    /// reader holds exactly.
    public static let maxMinor: Int64 = (1 << 53) - 1

    /// Every money field and command reads amounts here. Accepted: digits, optionally with a
    /// comma between each group of three (`1,234,567.89`), then a point and 1 to `minorUnits`
    /// digits; a leading `-` or `+` only when `allowSign`. Refused with a sentence: commas
    /// anywhere else (`1,50`, `1,2,3`, `,,,5`), more decimals than the currency has, other
    /// characters, and amounts beyond ±`maxMinor` minor units.
    public static func parse(_ text: String, minorUnits: Int, field: String = "amount", allowSign: Bool = false) throws -> Int64 {
        let shown = "'\(Quote.excerpt(text, limit: 40))'"
        var t = Substring(text.trimmingCharacters(in: .whitespaces))
        guard !t.isEmpty else { throw ValidationError(field, "is empty; type an amount such as 1,500.50") }
        var negative = false
        if let first = t.first, first == "-" || first == "+" || first == "−" {
            guard allowSign else {
                throw ValidationError(field, "\(shown) is not an amount: type it without a sign (\(first == "+" ? "a plus" : "a minus") is not taken here)")
            }
            negative = first != "+"
            t = t.dropFirst()
        }
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        let digits: (Character) -> Bool = { $0.isASCII && $0.isNumber }
        guard parts.count <= 2, parts.allSatisfy({ $0.allSatisfy { digits($0) || $0 == "," } }) else {
            throw ValidationError(field, "\(shown) is not an amount: use digits, commas between thousands and a point before decimals (e.g. 1,500.50)")
        }
        let whole = parts[0]
        if whole.isEmpty {
            throw ValidationError(field, "\(shown) is not an amount: write the whole part too (e.g. 0\(parts.count == 2 ? "." + parts[1] : ""))")
        }
        if whole.contains(",") {
            let groups = whole.split(separator: ",", omittingEmptySubsequences: false)
            let valid = (1...3).contains(groups[0].count) && !(groups[0].first == "0")
                && groups.dropFirst().allSatisfy { $0.count == 3 }
            guard valid, parts.count == 1 || !parts[1].contains(",") else {
                throw ValidationError(field, badCommas(shown, groups: groups, minorUnits: minorUnits))
            }
        }
        let fraction = parts.count == 2 ? parts[1] : ""
        if parts.count == 2 {
            guard minorUnits > 0 else { throw ValidationError(field, "\(shown) is not an amount: this currency has no decimals") }
            guard !fraction.contains(",") else {
                throw ValidationError(field, "\(shown) is not an amount: commas go only between groups of three digits before the point")
            }
            guard !fraction.isEmpty else {
                throw ValidationError(field, "\(shown) is not an amount: write the decimals after the point, or leave the point out")
            }
            guard fraction.count <= minorUnits else {
                throw ValidationError(field, "\(shown) has more than \(minorUnits) decimal\(minorUnits == 1 ? "" : "s")")
            }
        }
        // Digit by digit with overflow checks: a thousand digits is an error, never a crash.
        var minor: Int64 = 0
        let padded = whole.filter(digits) + fraction + String(repeating: "0", count: minorUnits - fraction.count)
        for c in padded {
            let (times, o1) = minor.multipliedReportingOverflow(by: 10)
            let (plus, o2) = times.addingReportingOverflow(Int64(c.asciiValue! - 48))
            guard !o1, !o2, plus <= maxMinor else {
                throw ValidationError(field, "\(shown) is too large; the most is \(format(maxMinor, minorUnits: minorUnits))")
            }
            minor = plus
        }
        return negative ? -minor : minor
    }

    /// Why commas in the whole part are wrong, with the likely meant amounts for `1,50`.
    static func badCommas(_ shown: String, groups: [Substring], minorUnits: Int) -> String {
        if groups.count == 2, !groups[0].isEmpty, (1...minorUnits).contains(groups[1].count),
            groups[0].allSatisfy({ $0.isASCII && $0.isNumber }) {
            let joined = groups[0] + groups[1]
            return "\(shown) is not an amount: use \(groups[0]).\(groups[1]) (a point before decimals), or \(joined.drop(while: { $0 == "0" }).isEmpty ? "0" : String(joined.drop(while: { $0 == "0" })))"
        }
        return "\(shown) is not an amount: commas go only between groups of three digits, as in 1,234,567.89"
    }

    /// 150050 → "1,500.50" (2 minor units).
    public static func format(_ minor: Int64, minorUnits: Int) -> String {
        var scale: UInt64 = 1
        for _ in 0..<minorUnits { scale *= 10 }
        let sign = minor < 0 ? "-" : ""
        let value = minor.magnitude
        let major = String(value / scale)
        var grouped = ""
        for (i, c) in major.reversed().enumerated() {
            if i > 0, i % 3 == 0 { grouped.append(",") }
            grouped.append(c)
        }
        let whole = String(grouped.reversed())
        guard minorUnits > 0 else { return sign + whole }
        let fraction = String(value % scale)
        return sign + whole + "." + String(repeating: "0", count: minorUnits - fraction.count) + fraction
    }
}
