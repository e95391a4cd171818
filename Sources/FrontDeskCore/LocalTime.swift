// Wall-clock time at the facility: the day and minute people book and queue by.
import Foundation

/// A minute of a day in the facility's time zone. Appointments and queues are kept in local
/// days and minutes because that is what patients are told; instants are UTC `Timestamp`s.
public struct LocalMoment: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let day: CalendarDay
    /// Minutes since local midnight, 0…1439.
    public let minute: Int

    public init(day: CalendarDay, minute: Int) {
        self.day = day
        self.minute = minute
    }

    /// The local day and minute of `date` in `timeZone`.
    public init(_ date: Date, in timeZone: TimeZone) {
        let local = date.addingTimeInterval(TimeInterval(timeZone.secondsFromGMT(for: date)))
        let seconds = Int(local.timeIntervalSince1970.rounded(.down))
        let days = Int((Double(seconds) / 86_400).rounded(.down))
        day = CalendarDay(dayNumber: days)!
        minute = (seconds - days * 86_400) / 60
    }

    /// The instant this local minute starts, in `timeZone` (the earlier one when a clock change repeats it).
    public func date(in timeZone: TimeZone) -> Date {
        let naive = Date(timeIntervalSince1970: TimeInterval(day.dayNumber * 86_400 + minute * 60))
        let guess = naive.addingTimeInterval(-TimeInterval(timeZone.secondsFromGMT(for: naive)))
        return naive.addingTimeInterval(-TimeInterval(timeZone.secondsFromGMT(for: guess)))
    }

    public static func < (a: LocalMoment, b: LocalMoment) -> Bool { (a.day, a.minute) < (b.day, b.minute) }

    /// `2026-11-23 09:30`.
    public var description: String { "\(day) \(Self.clock(minute))" }

    /// `09:30` for a minute of the day.
    public static func clock(_ minute: Int) -> String {
        let h = minute / 60, m = minute % 60
        return (h < 10 ? "0" : "") + String(h) + ":" + (m < 10 ? "0" : "") + String(m)
    }

    /// Reads `9:30`, `09:30` or `0930` as a minute of the day.
    public static func minute(_ text: String) -> Int? {
        let t = text.trimmingCharacters(in: .whitespaces)
        let parts: [Substring]
        if t.contains(":") { parts = t.split(separator: ":", omittingEmptySubsequences: false) }
        else if t.count == 4 { parts = [t.prefix(2), t.suffix(2)] }
        else { return nil }
        guard parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]), parts[1].count == 2,
            (0...23).contains(h), (0...59).contains(m)
        else { return nil }
        return h * 60 + m
    }
}

extension CalendarDay {
    /// ISO 8601 weekday: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday).
    public var weekday: Int {
        let n = (dayNumber + 3) % 7
        return (n < 0 ? n + 7 : n) + 1
    }

    /// `Mon`, `Tue`, …
    public var weekdayName: String { CalendarDay.weekdayNames[weekday - 1] }

    public static let weekdayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
}
