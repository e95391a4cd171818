// Amounts as people type and read them ("1,500.50"), held as integer minor units.
import Foundation

public enum Money {
    /// "1500", "1,500.5", "1500.50" → 150050 for a currency with 2 minor units. No negatives.
    public static func parse(_ text: String, minorUnits: Int, field: String = "amount") throws -> Int64 {
        let t = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: "")
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard !t.isEmpty, parts.count <= 2, parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            !parts[0].isEmpty
        else { throw ValidationError(field, "'\(text)' is not an amount (e.g. 1500 or 1,500.50)") }
        let fraction = parts.count == 2 ? String(parts[1]) : ""
        guard fraction.count <= minorUnits else {
            throw ValidationError(field, "'\(text)' has more than \(minorUnits) decimal\(minorUnits == 1 ? "" : "s")")
        }
        guard parts[0].count <= 12, let major = Int64(parts[0]) else { throw ValidationError(field, "'\(text)' is too large") }
        var scale: Int64 = 1
        for _ in 0..<minorUnits { scale *= 10 }
        let minor = Int64(fraction + String(repeating: "0", count: minorUnits - fraction.count)) ?? 0
        return major * scale + minor
    }

    /// 150050 → "1,500.50" (2 minor units).
    public static func format(_ minor: Int64, minorUnits: Int) -> String {
        var scale: Int64 = 1
        for _ in 0..<minorUnits { scale *= 10 }
        let sign = minor < 0 ? "-" : ""
        let value = minor.magnitude
        let major = String(value / UInt64(scale))
        var grouped = ""
        for (i, c) in major.reversed().enumerated() {
            if i > 0, i % 3 == 0 { grouped.append(",") }
            grouped.append(c)
        }
        let whole = String(grouped.reversed())
        guard minorUnits > 0 else { return sign + whole }
        let fraction = String(value % UInt64(scale))
        return sign + whole + "." + String(repeating: "0", count: minorUnits - fraction.count) + fraction
    }
}
