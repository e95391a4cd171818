// The fee schedule and the registration fee posted as a charge for the cashier.
import FrontDeskCore
import GRDB
import XCTest

@testable import FrontDeskStore

final class FeesTests: StoreTestCase {
    private func day(_ text: String) -> CalendarDay { CalendarDay(text)! }

    func testARegistrationFeeInTheScheduleIsChargedToEachNewPatient() throws {
        let clerk = try signedIn(.receptionist)
        let free = try store.registerPatient(Self.patient("Before", "Fees"), by: clerk)
        XCTAssertNil(free.registrationCharge, "no schedule, no charge")
        try store.setFee(code: "registration", name: "Registration", amountMinor: 50_000, from: day("2026-01-01"), by: admin)
        let ledgerBefore = try store.ledgerHead().seq
        let paying = try store.registerPatient(Self.patient("After", "Fees"), by: clerk)
        XCTAssertEqual(paying.registrationCharge, 50_000)
        XCTAssertEqual(try store.ledgerHead().seq - ledgerBefore, 2, "the registration (person and patient) and the charge")
        let open = try store.openCharges(of: paying.patientID)
        XCTAssertEqual(open.count, 1)
        XCTAssertEqual(open.amountMinor, 50_000)
        XCTAssertEqual(try store.openCharges(of: free.patientID).count, 0)
        let charge = try store.read { db in try Charge.fetchOne(db, sql: "SELECT * FROM charges") }!
        XCTAssertEqual(charge.code, "REGISTRATION")
        XCTAssertEqual(charge.currency, "KES")
        XCTAssertEqual(charge.source, "registration")
        XCTAssertTrue(try store.verify().isClean)
    }

    func testTheRateInForceOnTheDayIsUsedAndTheOldOneEndsTheDayBefore() throws {
        try store.setFee(code: "REGISTRATION", name: "Registration", amountMinor: 30_000, from: day("2026-01-01"), by: admin)
        try store.setFee(code: "REGISTRATION", name: "Registration", amountMinor: 45_000, from: day("2026-12-01"), by: admin)
        try store.setFee(code: "REGISTRATION", name: "Registration", amountMinor: 40_000, from: day("2026-11-15"), by: admin)
        let rates = try store.fees().map { "\($0.effectiveFrom)…\($0.effectiveTo ?? "") \($0.amountMinor)" }
        XCTAssertEqual(rates, ["2026-01-01…2026-11-14 30000", "2026-11-15…2026-11-30 40000", "2026-12-01… 45000"])
        // The test clock says 22 Nov 2026: the middle rate applies.
        let clerk = try signedIn(.receptionist)
        XCTAssertEqual(try store.registerPatient(Self.patient(), by: clerk).registrationCharge, 40_000)
    }

    func testOnlyTheFeeManagerSetsFeesAndBadCodesAreRefused() throws {
        let clerk = try signedIn(.receptionist)
        XCTAssertThrowsError(try store.setFee(code: "REGISTRATION", name: "R", amountMinor: 1, from: day("2026-01-01"), by: clerk)) {
            guard case StoreError.notPermitted = $0 else { return XCTFail("\($0)") }
        }
        XCTAssertThrowsError(try store.setFee(code: "1BAD CODE", name: "R", amountMinor: 1, from: day("2026-01-01"), by: admin)) {
            XCTAssertTrue("\($0)".contains("fee code"), "\($0)")
        }
        XCTAssertTrue(try store.fees().isEmpty)
    }

    func testImportedPatientsAreNotChargedAgain() throws {
        try store.setFee(code: "REGISTRATION", name: "Registration", amountMinor: 50_000, from: day("2026-01-01"), by: admin)
        var legacy = Self.patient("Legacy", "Patient")
        legacy.legacyID = "L-1"
        let result = try store.importPatients([legacy], by: admin)
        XCTAssertEqual(result.imported, 1)
        XCTAssertEqual(try store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM charges") }, 0)
    }
}
