// The midnight census of a period: in bed at each midnight, admissions, discharges, deaths, transfers, and the rates.
import Foundation
import FrontDeskCore
import XCTest

@testable import FrontDeskStore

final class BedsCensusTests: BedsDeskTestCase {
    private func discharge(_ admission: Admission, _ disposition: Disposition) throws {
        try store.beds.discharge(DischargeRequest(admissionID: admission.admissionID, disposition: disposition, authorization: approval,
                                                  authorizationReason: "Test"), by: nurse)
    }

    func testThreeDaysOfAWard() throws {
        moveTo("2026-11-22 10:00")
        let stay = try admit(amina, to: "A A3")
        moveTo("2026-11-22 12:00")
        let moved = try admit(chen, to: "A A4")
        moveTo("2026-11-23 08:00")
        let sameDay = try admit(baraka, to: "B B1")
        moveTo("2026-11-23 09:00")
        try store.beds.moveToBed(admissionID: moved.admissionID, bedID: bed("ICU ICU1").bedID, reason: "Deteriorating", by: nurse)
        moveTo("2026-11-23 18:00")
        try discharge(sameDay, .died)
        moveTo("2026-11-24 11:00")
        try discharge(stay, .home)
        moveTo("2026-11-25 09:00")

        let report = try store.beds.census(from: CalendarDay("2026-11-22")!, to: CalendarDay("2026-11-24")!)
        let wards = Dictionary(uniqueKeysWithValues: report.wards.map { ($0.wardCode, $0) })
        let a = try XCTUnwrap(wards["A"]), b = try XCTUnwrap(wards["B"]), icu = try XCTUnwrap(wards["ICU"])
        XCTAssertEqual([a.inpatientDays, b.inpatientDays, icu.inpatientDays], [3, 1, 2])
        XCTAssertEqual([a.admissions, b.admissions, icu.admissions], [2, 1, 0])
        XCTAssertEqual([a.discharges, b.discharges, icu.discharges], [1, 1, 0])
        XCTAssertEqual(b.deaths, 1)
        XCTAssertEqual([a.transfersOut, icu.transfersIn], [1, 1])
        XCTAssertEqual([a.inBedAtEnd, b.inBedAtEnd, icu.inBedAtEnd], [0, 0, 1])
        XCTAssertEqual([a.availableBedDays, b.availableBedDays, icu.availableBedDays], [30, 15, 6])
        XCTAssertEqual(a.occupancyTenths, 100, "3 inpatient days of 30 bed-days: 10.0 %")
        XCTAssertEqual(report.total.inpatientDays, 6)
        XCTAssertEqual(report.total.averageStayTenths, 15, "stays of 2 days and 1 (same day): 1.5")
        XCTAssertEqual(report.total.turnoverHundredths(days: report.days), 12, "2 discharges over 17 beds: 0.12")
        XCTAssertEqual(report.total.transfersIn, 0, "a move between wards is no transfer of the facility")
    }

    func testADayWithNobodyIsZeroesNotAnError() throws {
        let report = try store.beds.census(from: CalendarDay("2026-11-01")!, to: CalendarDay("2026-11-01")!)
        XCTAssertEqual(report.total.inpatientDays, 0)
        XCTAssertEqual(report.total.availableBedDays, 0, "the beds were added on the 22nd")
        XCTAssertNil(report.total.occupancyTenths)
    }
}
