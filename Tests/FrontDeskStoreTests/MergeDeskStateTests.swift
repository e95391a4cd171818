// Merging two patients who both have queue and cashier state: the survivor's account shows all of it.
import FrontDeskCore
import GRDB
import XCTest

@testable import FrontDeskStore

final class MergeDeskStateTests: QueueDeskTestCase {
    private var supervisor: Actor!

    override func setUpWithError() throws {
        try super.setUpWithError()
        try store.setFee(code: "LAB", name: "Full blood count", amountMinor: 50_000, from: CalendarDay("2026-01-01")!, by: admin)
        try store.addUser(NewUser(username: "super1", displayName: "Test Supervisor", role: .supervisor, password: "pass-super1"),
                          by: admin)
        supervisor = try store.signIn(username: "super1", password: "pass-super1")
        _ = try store.cashier.openShift(floatMinor: 0, by: cashier)
    }

    /// What one patient leaves at each desk: an unpaid invoice, an open charge, a deposit, a visit
    /// in a queue and a booking.
    private struct DeskState {
        let invoice: Invoice
        let openCharge: Charge
        let visit: CheckedIn
        let booking: Appointment
    }

    private func deskState(_ patientID: String, service: Service, bookedAt time: String) throws -> DeskState {
        _ = try store.cashier.addCounterCharge(patientID: patientID, code: "LAB", by: cashier)
        let invoice = try store.cashier.issueInvoice(try store.cashier.draftInvoice(patientID: patientID, by: cashier).invoiceID, by: cashier)
        let open = try store.cashier.addCounterCharge(patientID: patientID, code: "LAB", by: cashier)
        try store.cashier.takePayment(patientID: patientID, parts: [TenderLine(.cash, 20_000)], tenderedMinor: 20_000, by: cashier)
        let visit = try walkIn(patientID, to: service)
        let booking = try book(patientID, with: kamau, at: time)
        return DeskState(invoice: invoice, openCharge: open, visit: visit, booking: booking)
    }

    func testAMergeMovesEveryDesksOpenStateToTheSurvivorsAccount() throws {
        let survivor = try patient("Amina", "Okafor")
        let merged = try patient("Amina", "Okafur")
        let kept = try deskState(survivor, service: card, bookedAt: "09:00")
        let moved = try deskState(merged, service: gen, bookedAt: "09:30")
        let before = try ledgerSeq()

        try store.mergePatients(survivor: survivor, merged: merged, reason: "same person", by: supervisor)

        // What the patient account screen reads, for the survivor.
        let openCharges = Set(try store.cashier.openChargeList(of: survivor).map(\.chargeID))
        XCTAssertTrue(openCharges.isSuperset(of: [kept.openCharge.chargeID, moved.openCharge.chargeID]), "\(openCharges)")
        XCTAssertEqual(Set(try store.cashier.invoices(ofPatient: survivor).map(\.invoiceID)), [kept.invoice.invoiceID, moved.invoice.invoiceID])
        XCTAssertEqual(try store.cashier.unpaidInvoices(of: survivor).count, 2)
        XCTAssertEqual(try store.cashier.accountCredit(of: survivor), 40_000)
        XCTAssertEqual(try store.cashier.accountCredit(of: merged), 0)
        XCTAssertEqual(try store.cashier.openChargeList(of: merged), [])
        // The queue's state: both visits and both bookings.
        XCTAssertEqual(Set(try store.queue.visits(ofPatient: survivor).map(\.encounterID)),
                       [kept.visit.entry.encounterID, moved.visit.entry.encounterID])
        XCTAssertEqual(try entry(moved.visit.entry.entryID).patientID, survivor)
        XCTAssertEqual(Set(try store.queue.appointments(ofPatient: survivor, from: today).map(\.appointment.appointmentID)),
                       [kept.booking.appointmentID, moved.booking.appointmentID])
        // Each move is ledgered in the merge's one transaction.
        let kinds = try store.read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT kind FROM ledger_entries WHERE seq > ?", arguments: [before])
        }
        for kind in ["patient.merged", "appointment.moved_by_merge", "encounter.moved_by_merge", "queue.moved_by_merge",
                     "charge.moved_by_merge", "invoice.moved_by_merge", "payment.account_moved_by_merge"] {
            XCTAssertTrue(kinds.contains(kind), "\(kind) not in \(kinds)")
        }
        let report = try store.verify()
        XCTAssertTrue(report.isClean, "\(report.problems)")
        // The moved invoice can be paid from the survivor's account.
        try store.cashier.takePayment(patientID: survivor, invoiceID: moved.invoice.invoiceID,
                              parts: [TenderLine(.cash, moved.invoice.patientBalanceMinor)],
                              tenderedMinor: moved.invoice.patientBalanceMinor, by: cashier)
        XCTAssertTrue(try store.verify().isClean)
    }

    func testTwoRecordsWaitingInTheSameQueueAreNotMergedUntilOneVisitEnds() throws {
        let survivor = try patient("Amina", "Okafor")
        let merged = try patient("Amina", "Okafur")
        try walkIn(survivor)
        let waiting = try walkIn(merged)
        let before = try ledgerSeq()
        XCTAssertThrowsError(try store.mergePatients(survivor: survivor, merged: merged, reason: "same person", by: supervisor)) {
            XCTAssertTrue("\($0)".contains("both records are in the same queue today"), "\($0)")
        }
        XCTAssertEqual(try ledgerSeq(), before, "nothing written")
        try store.queue.cancelCheckIn(waiting.entry.entryID, reason: "duplicate record", by: clerk)
        try store.mergePatients(survivor: survivor, merged: merged, reason: "same person", by: supervisor)
        XCTAssertTrue(try store.verify().isClean)
    }
}
