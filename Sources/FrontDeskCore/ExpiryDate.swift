// A batch's expiry as printed on the pack (`2027-03-31`, `2027-03`, `03/2027`): the last day it may be used before.
import Foundation

/// Expiry dates. A batch is expired *on* its expiry day (the pack's date is the first day it may not be
/// given), and a month alone means the month's last day, so "EXP 03/2027" is out from 31 March 2027.
public enum ExpiryDate {
    /// The expiry day `text` gives, or nil when it is not a date, a year-month or a month/year.
    public static func parse(_ raw: String) -> CalendarDay? {
        let text = raw.trimmingCharacters(in: .whitespaces)
        if let day = CalendarDay(text) { return day }
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == "/" }).map(String.init)
        guard parts.count == 2, let a = Int(parts[0]), let b = Int(parts[1]) else { return nil }
        let (year, month) = parts[0].count == 4 ? (a, b) : (b, a)
        guard year >= 2000, year <= 2200, (1...12).contains(month) else { return nil }
        return CalendarDay(year: year, month: month, day: CalendarDay.daysIn(month: month, year: year))
    }

    /// True when a batch with this expiry may not be given on `day`.
    public static func isExpired(_ expiry: CalendarDay, on day: CalendarDay) -> Bool { !(day < expiry) }
}
