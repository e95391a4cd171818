// Calendar and rate days a facility can mean: 2000-01-01 to two years ahead, checked in the store.
import FrontDeskCore
import XCTest

@testable import FrontDeskStore

final class PlanningHorizonTests: QueueDeskTestCase {
    private func assertRefused(_ field: String, _ body: () throws -> Void, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try body(), file: file, line: line) { error in
            guard case .invalid(let v) = error as? StoreError else { return XCTFail("\(error)", file: file, line: line) }
            XCTAssertEqual(v.field, field, file: file, line: line)
        }
    }

    func testDaysPastTheHorizonOrBefore2000AreRefusedAndNothingIsWritten() throws {
        let head = try store.ledgerHead()
        let far = CalendarDay("9999-12-31")!, early = CalendarDay("0001-01-01")!
        assertRefused("holiday") { try store.queue.addHoliday(far, name: "Far", by: admin) }
        assertRefused("holiday") { try store.queue.addHoliday(early, name: "Early", by: admin) }
        assertRefused("from") { try store.setFee(code: "XRAY", name: "X-ray", amountMinor: 100, from: far, by: admin) }
        assertRefused("leave") { try store.queue.addLeave(doctorID: kamau.doctorID, from: today, to: far, reason: "away", by: admin) }
        XCTAssertEqual(try store.ledgerHead().seq, head.seq)
    }

    func testTheLastDayOfTheHorizonIsTaken() throws {
        let last = today.adding(days: FacilityStore.planningHorizonDays)
        try store.queue.addHoliday(last, name: "Planned", by: admin)
        assertRefused("holiday") { try store.queue.addHoliday(last.adding(days: 1), name: "Too far", by: admin) }
    }
}
