// UTC timestamps as the store and the ledger write them: RFC 3339 with milliseconds.
// Civil dates are computed here (days from 1970-01-01, proleptic Gregorian, as gmtime and timegm
// count them), so FrontDeskCore needs Foundation only, not the C library.
import Foundation

/// Formats and reads `2026-11-22T04:12:14.123Z`, the one timestamp shape FrontDesk stores.
public enum Timestamp {
    /// `date` in UTC with milliseconds. Lexical order equals time order for years 0000–9999.
    public static func string(_ date: Date) -> String {
        let totalMillis = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let seconds = totalMillis.floorDiv(1000)
        let millis = Int(totalMillis - seconds * 1000)
        let days = seconds.floorDiv(86_400)
        let secondOfDay = Int(seconds - days * 86_400)
        let (year, month, day) = civil(fromDays: days)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
            year, month, day, secondOfDay / 3600, secondOfDay / 60 % 60, secondOfDay % 60, millis)
    }

    /// Reads a timestamp written by `string(_:)`; nil for anything else.
    public static func date(_ text: String) -> Date? {
        let scalars = Array(text.utf8)
        guard scalars.count == 24, scalars[23] == UInt8(ascii: "Z") else { return nil }
        func number(_ range: Range<Int>) -> Int? { Int(String(decoding: scalars[range], as: UTF8.self)) }
        guard let y = number(0..<4), let mo = number(5..<7), let d = number(8..<10), let h = number(11..<13),
            let mi = number(14..<16), let s = number(17..<19), let ms = number(20..<23)
        else { return nil }
        // Fields out of range carry over, as timegm's do: month 13 is January of the next year, day 0
        // the last of the month before, second 60 the next minute.
        let months = Int64(y) * 12 + Int64(mo - 1)
        let firstOfMonth = days(fromYear: months.floorDiv(12), month: Int(months - months.floorDiv(12) * 12) + 1)
        let seconds = (firstOfMonth + Int64(d - 1)) * 86_400 + Int64(h) * 3600 + Int64(mi) * 60 + Int64(s)
        return Date(timeIntervalSince1970: Double(seconds) + Double(ms) / 1000)
    }

    /// Days from 1970-01-01 to the first of `month` (1-12) of `year` (H. Hinnant's days_from_civil).
    static func days(fromYear year: Int64, month: Int) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = y.floorDiv(400)
        let yearOfEra = y - era * 400
        let dayOfYear = Int64((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5)
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The year, month and day `days` after 1970-01-01 (H. Hinnant's civil_from_days).
    static func civil(fromDays days: Int64) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = z.floorDiv(146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (Int(yearOfEra + era * 400 + (month <= 2 ? 1 : 0)), Int(month), Int(day))
    }
}

extension Int64 {
    fileprivate func floorDiv(_ d: Int64) -> Int64 {
        let q = self / d
        return (self % d != 0 && (self < 0) != (d < 0)) ? q - 1 : q
    }
}

/// Where "now" comes from, so that tests can move time (lockouts, idle locks).
public protocol Clock: Sendable {
    func now() -> Date
}

/// The machine's clock.
public struct SystemClock: Clock {
    public init() {}
    public func now() -> Date { Date() }
}
