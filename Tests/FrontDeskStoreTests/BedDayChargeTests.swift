// Bed-day charges through the store: the grace boundary, transfers across the charge instant, idempotent accrual, the bill at discharge.
import Foundation
import FrontDeskCore
import GRDB
import XCTest

@testable import FrontDeskStore

final class BedDayChargeTests: BedsDeskTestCase {
    func testAStayOfADayAndTwentyMinutesIsChargedOneDayNotTwo() throws {
        moveTo("2026-11-22 10:00")
        let admission = try admit(amina, to: "A A3")
        moveTo("2026-11-23 10:20")
        try store.beds.accrueBedDays()
        try store.beds.discharge(DischargeRequest(admissionID: admission.admissionID, disposition: .home,
                                                  authorization: approval, authorizationReason: "Pays tomorrow"), by: nurse)
        XCTAssertEqual(try dayCharges(admission.admissionID), ["2026-11-23"])
        XCTAssertEqual(try chargedAmount(amina), Self.general)
    }

    func testTheGraceBoundary() throws {
        moveTo("2026-11-22 08:00")
        let early = try admit(amina, to: "A A3")
        let late = try admit(baraka, to: "A A4")
        moveTo("2026-11-24 02:00")
        try store.beds.discharge(DischargeRequest(admissionID: early.admissionID, disposition: .home, authorization: approval,
                                                  authorizationReason: "Insurer pays"), by: nurse)
        XCTAssertEqual(try dayCharges(early.admissionID), ["2026-11-23"], "at 02:00 the grace has not passed")
        moveTo("2026-11-24 02:01")
        try store.beds.discharge(DischargeRequest(admissionID: late.admissionID, disposition: .home, authorization: approval,
                                                  authorizationReason: "Insurer pays"), by: nurse)
        XCTAssertEqual(try dayCharges(late.admissionID), ["2026-11-23", "2026-11-24"])
    }

    func testAShortStayIsChargedItsMinimumDayAtTheFirstBedsRate() throws {
        moveTo("2026-11-22 23:30")
        let admission = try admit(chen, to: "ICU ICU1")
        try store.beds.moveToBed(admissionID: admission.admissionID, bedID: bed("A A5").bedID, reason: "Stable", by: nurse)
        moveTo("2026-11-23 01:00")
        try store.beds.discharge(DischargeRequest(admissionID: admission.admissionID, disposition: .referred, authorization: approval,
                                                  authorizationReason: "Referred to KNH"), by: nurse)
        XCTAssertEqual(try dayCharges(admission.admissionID), ["2026-11-23*"])
        XCTAssertEqual(try chargedAmount(chen), Self.icu)
    }

    func testATransferBeforeTheInstantChargesThatNightAtTheNewBedsRate() throws {
        moveTo("2026-11-22 09:00")
        let admission = try admit(chen, to: "A A6")
        moveTo("2026-11-22 23:00")
        try store.beds.moveToBed(admissionID: admission.admissionID, bedID: bed("ICU ICU2").bedID, reason: "Deteriorating", by: nurse)
        moveTo("2026-11-23 01:00")
        try store.beds.markClean(bedID: bed("A A6").bedID, by: nurse)
        try store.beds.moveToBed(admissionID: admission.admissionID, bedID: bed("A A6").bedID, reason: "Stable again", by: nurse)
        moveTo("2026-11-24 09:00")
        try store.beds.accrueBedDays()
        XCTAssertEqual(try dayCharges(admission.admissionID), ["2026-11-23", "2026-11-24"])
        XCTAssertEqual(try chargedAmount(chen), Self.icu + Self.general, "the 23rd at the ICU rate (held at midnight), the 24th general")
    }

    func testAccrualIsIdempotentAndPostsOnlyDaysWhoseGraceHasPassed() throws {
        moveTo("2026-11-22 10:00")
        let admission = try admit(amina, to: "B B1")
        moveTo("2026-11-23 01:00")
        XCTAssertEqual(try store.beds.accrueBedDays().days, 0, "the grace of the 23rd has not passed")
        moveTo("2026-11-25 08:00")
        let first = try store.beds.accrueBedDays()
        XCTAssertEqual(first.days, 3)
        XCTAssertEqual(first.amountMinor, 3 * Self.privateRate)
        XCTAssertEqual(try store.beds.accrueBedDays().days, 0, "run twice: nothing charged twice")
        XCTAssertEqual(try dayCharges(admission.admissionID), ["2026-11-23", "2026-11-24", "2026-11-25"])
        XCTAssertEqual(try count("charges", "source = 'beds' AND encounter_id = ?", [admission.encounterID]), 3)
    }

    func testAnAccrualCutShortByACrashIsFinishedByTheNextRun() throws {
        moveTo("2026-11-22 10:00")
        for (patient, bedName) in [(amina!, "A A1"), (baraka!, "A A2"), (chen!, "B B1")] { try admit(patient, to: bedName) }
        moveTo("2026-11-24 09:00")
        // A crash after the first admission's transaction: simulated by posting one admission's days the way a run does.
        let first = try XCTUnwrap(try store.read { db in try Admission.fetchOne(db, sql: "SELECT * FROM admissions ORDER BY admission_id LIMIT 1") })
        try store.performAsSystem(action: "post bed-day charges") { tx in
            for day in try BedsStore.dueDays(first, end: nil, now: tx.clockNow, rule: try BedsStore.rule(tx.db), db: tx.db) {
                try BedsStore.post(day, for: first, tx: tx)
            }
        }
        let rest = try store.beds.accrueBedDays()
        XCTAssertEqual(rest.days, 4, "two days each for the two admissions the crash left")
        XCTAssertEqual(try count("bed_day_charges"), 6)
    }

    func testADischargeWithABalanceNeedsASupervisorOrTheCashiersClearance() throws {
        moveTo("2026-11-22 10:00")
        let admission = try admit(amina, to: "A A3")
        moveTo("2026-11-24 11:00")
        let preview = try store.beds.dischargePreview(admissionID: admission.admissionID)
        XCTAssertEqual(preview.daysToPost, 2)
        XCTAssertEqual(preview.balance.dueMinor, 2 * Self.general)
        XCTAssertTrue(preview.needsSupervisor)
        try assertRefused(try store.beds.discharge(DischargeRequest(admissionID: admission.admissionID, disposition: .home), by: nurse),
                          "KES 3,000.00 is still owed after the deposit; a supervisor must authorise the discharge")
        try assertRefused(try store.beds.discharge(DischargeRequest(admissionID: admission.admissionID, disposition: .home,
                                                                    authorization: approval), by: nurse),
                          "authorisation reason: say why the patient leaves owing KES 3,000.00")
        XCTAssertEqual(try status("A A3"), .occupied, "a refused discharge leaves nothing behind")
        try store.beds.clearForDischarge(admissionID: admission.admissionID, reason: "Employer's guarantee letter", by: cashier)
        let discharged = try store.beds.discharge(DischargeRequest(admissionID: admission.admissionID, disposition: .home), by: nurse)
        XCTAssertEqual(discharged.clearance, .cashier)
        XCTAssertEqual(discharged.balanceAtDischargeMinor, 2 * Self.general)
        XCTAssertEqual(try status("A A3"), .cleaning)
        XCTAssertEqual(try count("encounters", "encounter_id = ? AND status = 'finished'", [admission.encounterID]), 1)
    }

    func testADepositCoveringTheBillLetsTheDischargeThroughAndShowsWhatIsLeft() throws {
        moveTo("2026-11-22 10:00")
        let admission = try admit(amina, to: "A A3")
        _ = try store.cashier.openShift(floatMinor: 0, by: cashier)
        try store.cashier.takePayment(patientID: amina, parts: [TenderLine(.cash, 500_000)], tenderedMinor: 500_000, by: cashier)
        moveTo("2026-11-24 11:00")
        try store.beds.accrueBedDays()
        let current = try XCTUnwrap(try store.beds.currentAdmission(of: amina))
        XCTAssertEqual(current.balance.owedMinor, 2 * Self.general)
        XCTAssertEqual(current.balance.depositLeftMinor, 500_000 - 2 * Self.general)
        let discharged = try store.beds.discharge(DischargeRequest(admissionID: admission.admissionID, disposition: .home), by: nurse)
        XCTAssertEqual(discharged.clearance, .paid)
        XCTAssertEqual(discharged.balanceAtDischargeMinor, 0)
    }

    func testADischargeCannotBeBackdatedBeforeADayAlreadyCharged() throws {
        moveTo("2026-11-22 10:00")
        let admission = try admit(amina, to: "A A3")
        moveTo("2026-11-23 03:00")
        try store.beds.accrueBedDays()
        let early = LocalMoment(day: CalendarDay("2026-11-23")!, minute: 90).date(in: Self.zone)
        try assertRefused(try store.beds.discharge(DischargeRequest(admissionID: admission.admissionID, disposition: .home, at: early,
                                                                    authorization: approval, authorizationReason: "x"), by: nurse),
                          "the bed-day of 2026-11-23 is already charged; the time must be after 2026-11-23 02:00")
    }

    func testTwoNursesTakingOneBedAtOnceFromTwoConnections() throws {
        // Two store connections (as two terminals have): each admits a different patient into B B5 at once.
        let other = try FacilityStore.open(at: store.path, clock: clock)
        defer { try? other.close() }
        let bedID = try bed("B B5").bedID
        let results = [(store!, amina!), (other, baraka!)].map { pair in
            Result { try pair.0.beds.admit(NewAdmission(patientID: pair.1, reason: "Observation", bedID: bedID), by: nurse) }
        }
        XCTAssertEqual(results.filter { (try? $0.get()) != nil }.count, 1)
        XCTAssertEqual(try count("bed_allocations", "bed_id = ? AND end_at IS NULL", [bedID]), 1)
    }
}
