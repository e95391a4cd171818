// The bed-day rule: charge instants counted with the grace period, at its boundary, across DST and a set charge time.
import Foundation
import XCTest

@testable import FrontDeskCore

final class BedDayRuleTests: XCTestCase {
    private let utc = TimeZone(identifier: "UTC")!
    private lazy var rule = BedDayRule(timeZone: utc)

    /// 2026-11-30 is a Monday.
    private func at(_ text: String, _ zone: TimeZone? = nil) -> Date {
        let parts = text.split(separator: " ")
        return LocalMoment(day: CalendarDay(String(parts[0]))!, minute: LocalMoment.minute(String(parts[1]))!)
            .date(in: zone ?? utc)
    }

    private func days(_ start: String, _ end: String?, now: String = "2027-01-01 00:00", rule custom: BedDayRule? = nil) -> [String] {
        let r = custom ?? rule
        return r.countedDays(start: at(start, r.timeZone), end: end.map { at($0, r.timeZone) }, now: at(now, r.timeZone)).map(\.description)
    }

    func testTheDesignTableOfStays() {
        // 24 h 20 min: one day (Tuesday's midnight), not the two a calendar count gives.
        XCTAssertEqual(days("2026-11-30 10:00", "2026-12-01 10:20"), ["2026-12-01"])
        // No instant counted: the minimum day is the caller's (at discharge).
        XCTAssertEqual(days("2026-11-30 23:30", "2026-12-01 01:00"), [])
        XCTAssertEqual(days("2026-11-30 08:00", "2026-12-02 18:00"), ["2026-12-01", "2026-12-02"])
    }

    func testTheGraceBoundary() {
        XCTAssertEqual(days("2026-11-30 08:00", "2026-12-02 01:59"), ["2026-12-01"])
        XCTAssertEqual(days("2026-11-30 08:00", "2026-12-02 02:00"), ["2026-12-01"], "a discharge at the end of the grace is within it")
        XCTAssertEqual(days("2026-11-30 08:00", "2026-12-02 02:01"), ["2026-12-01", "2026-12-02"])
    }

    func testAnAdmissionAtTheInstantCountsIt() {
        XCTAssertEqual(days("2026-12-01 00:00", "2026-12-01 12:00"), ["2026-12-01"])
        XCTAssertEqual(days("2026-12-01 00:01", "2026-12-01 12:00"), [])
    }

    func testAnOpenStayCountsAnInstantOnlyOnceItsGraceHasPassed() {
        XCTAssertEqual(days("2026-11-30 10:00", nil, now: "2026-12-01 01:00"), [])
        XCTAssertEqual(days("2026-11-30 10:00", nil, now: "2026-12-01 02:01"), ["2026-12-01"])
        XCTAssertEqual(days("2026-11-30 10:00", nil, now: "2026-12-03 09:00"), ["2026-12-01", "2026-12-02", "2026-12-03"])
    }

    func testASetChargeTimeAndNoGrace() {
        let noon = BedDayRule(chargeMinute: 12 * 60, graceMinutes: 0, timeZone: utc)
        XCTAssertEqual(days("2026-11-30 10:00", "2026-12-01 12:00", rule: noon), ["2026-11-30"])
        XCTAssertEqual(days("2026-11-30 10:00", "2026-12-01 12:01", rule: noon), ["2026-11-30", "2026-12-01"])
        XCTAssertEqual(noon.chargeTimeText, "12:00")
    }

    func testADaylightSavingNightIsStillOneDay() {
        // Europe/London went back an hour on 2026-10-25: that night has 25 hours, still one bed-day.
        let london = BedDayRule(timeZone: TimeZone(identifier: "Europe/London")!)
        XCTAssertEqual(days("2026-10-24 10:00", "2026-10-26 10:00", rule: london), ["2026-10-25", "2026-10-26"])
        XCTAssertEqual(london.instant(of: CalendarDay("2026-10-26")!).timeIntervalSince(london.instant(of: CalendarDay("2026-10-25")!)), 25 * 3600)
    }
}
