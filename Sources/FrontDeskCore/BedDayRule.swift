// Which days of an inpatient stay are charged: one per charge instant the stay spans, with a grace period.
import Foundation

/// The bed-day rule (docs/beds.md): a stay is charged one day for each **charge instant** it spans
/// (the facility's charge time each local day, midnight unless set), counted only if the patient is
/// still admitted `graceMinutes` after it. So a 24 h 20 min stay from 10:00 is one day, not the two a
/// calendar-day count gives. This is also the midnight census's way of counting inpatient days, so the
/// bill and the census agree. A stay that spans no counted instant is charged one day at discharge.
public struct BedDayRule: Sendable, Equatable {
    /// Local minute of the day the charge instant falls on (0 = midnight).
    public let chargeMinute: Int
    public let graceMinutes: Int
    public let timeZone: TimeZone

    public static let defaultGraceMinutes = 120
    public static let graceRange = 0...720

    public init(chargeMinute: Int = 0, graceMinutes: Int = Self.defaultGraceMinutes, timeZone: TimeZone) {
        self.chargeMinute = chargeMinute
        self.graceMinutes = graceMinutes
        self.timeZone = timeZone
    }

    /// The charge instant of local day `day`.
    public func instant(of day: CalendarDay) -> Date {
        LocalMoment(day: day, minute: chargeMinute).date(in: timeZone)
    }

    /// The local days whose charge instant the stay from `start` spans and that count: the instant is at
    /// or after `start`, and the patient was still admitted `graceMinutes` after it (strictly: a discharge
    /// exactly at the end of the grace is within it). `end` nil is a stay still open, judged as of `now`:
    /// an instant counts once its grace has passed.
    public func countedDays(start: Date, end: Date?, now: Date) -> [CalendarDay] {
        let limit = end ?? now
        let grace = TimeInterval(graceMinutes * 60)
        var day = LocalMoment(start, in: timeZone).day
        if instant(of: day) < start { day = day.adding(days: 1) }
        var days: [CalendarDay] = []
        while instant(of: day).addingTimeInterval(grace) < limit {
            days.append(day)
            day = day.adding(days: 1)
        }
        return days
    }

    /// `00:00`-style text of the charge time.
    public var chargeTimeText: String { LocalMoment.clock(chargeMinute) }
}
