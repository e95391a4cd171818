// Dispensing: first expiry first out across batches, never expired, partial dispensing, allergies, charges and returns.
import Foundation
import FrontDeskCore
import GRDB
import XCTest

@testable import FrontDeskStore

final class PharmacyDispensingTests: PharmacyDeskTestCase {
    /// 80 capsules from batches of 50 (March) and 100 (September): all of March first, 30 of September; 80 × 10.00 charged.
    func testFirstExpiryFirstSpillsIntoTheNextBatchAndCharges() throws {
        // Received later-expiring first, so the order is by expiry and not by arrival.
        try receive([("AMOX500", "LATE-9", "2027-09", 100), ("AMOX500", "EARLY-3", "03/2027", 50)])
        let rx = try prescribe("AMOX500", 80, for: baraka)
        let plan = try store.pharmacy.plan(rx.prescription.rxID)
        XCTAssertEqual(plan.first?.picks.map { "\($0.batchNo) \($0.expiry) \($0.quantity)" },
                       ["EARLY-3 2027-03-31 50", "LATE-9 2027-09-30 30"])
        let result = try store.pharmacy.dispense(rx.prescription.rxID, lines: [DispenseLineRequest(lineID: rx.lines[0].line.lineID, quantity: 80)],
                                                 by: pharm)
        XCTAssertEqual(result.lines[0].picks.map(\.quantity), [50, 30])
        XCTAssertEqual(result.chargedMinor, 80 * Self.amoxPrice)
        XCTAssertEqual(try onHand(amox), 70)
        XCTAssertEqual(try store.pharmacy.batches(itemID: amox).map { "\($0.batch.batchNo) \($0.onHand)" }, ["LATE-9 70"])
        let charges = try DatabaseQueue(path: store.path).read {
            try Row.fetchAll($0, sql: "SELECT quantity, amount_minor, source, status FROM charges WHERE patient_id = ? ORDER BY quantity",
                             arguments: [self.baraka])
        }
        XCTAssertEqual(charges.map { "\($0["quantity"] as Int) \($0["amount_minor"] as Int64) \($0["source"] as String) \($0["status"] as String)" },
                       ["30 30000 pharmacy open", "50 50000 pharmacy open"])
        XCTAssertEqual(try store.pharmacy.prescription(rx.prescription.rxID).prescription.status, .done)
    }

    /// An expired batch is never dispensed: not by first expiry first, not when chosen by hand.
    func testAnExpiredBatchIsNeverDispensed() throws {
        try receive([("PARA500", "SOON", "2027-01-05", 40), ("PARA500", "LATER", "2027-06", 10)])
        advance(days: 45)  // 2027-01-06: SOON expired yesterday's end
        let rx = try prescribe("PARA500", 20, for: baraka)
        let line = rx.lines[0].line.lineID
        let plan = try store.pharmacy.plan(rx.prescription.rxID)
        XCTAssertEqual(plan[0].usable, 10)
        XCTAssertEqual(plan[0].picks.map(\.batchNo), ["LATER"])
        try assertRefused(try store.pharmacy.dispense(rx.prescription.rxID, lines: [DispenseLineRequest(lineID: line, quantity: 20)], by: pharm),
                          "only 10 tablets of PARA500 on hand that have not expired")
        try assertRefused(try store.pharmacy.dispense(rx.prescription.rxID, lines: [
            DispenseLineRequest(lineID: line, quantity: 5, batchID: try batchID(para, "SOON"), overrideReason: "patient asked"),
        ], by: pharm), "expired on 2027-01-05; it is never dispensed")
        XCTAssertEqual(try ledgerSums()[try batchID(para, "SOON")], 40, "the expired batch is untouched")
    }

    /// Half now, the rest later: the line owes what was not given and the prescription stays open until it is.
    func testPartialDispensingLeavesTheRestOwed() throws {
        try receive([("PARA500", "P1", "2027-12", 10)])
        let rx = try prescribe("PARA500", 30, for: baraka)
        let line = rx.lines[0].line.lineID
        let result = try store.pharmacy.dispense(rx.prescription.rxID, lines: [DispenseLineRequest(lineID: line, quantity: 10)], by: pharm)
        XCTAssertEqual(result.lines[0].owedAfter, 20)
        var detail = try store.pharmacy.prescription(rx.prescription.rxID)
        XCTAssertEqual(detail.lines[0].owed, 20)
        XCTAssertEqual(detail.prescription.status, .open)
        XCTAssertEqual(try store.pharmacy.openPrescriptions().map(\.prescription.number), [rx.prescription.number])
        try assertRefused(try store.pharmacy.dispense(rx.prescription.rxID, lines: [DispenseLineRequest(lineID: line, quantity: 21)], by: pharm),
                          "only 20 tablets are owed")
        try receive([("PARA500", "P2", "2028-01", 100)])
        try store.pharmacy.dispense(rx.prescription.rxID, lines: [DispenseLineRequest(lineID: line, quantity: 20)], by: pharm)
        detail = try store.pharmacy.prescription(rx.prescription.rxID)
        XCTAssertEqual(detail.lines[0].owed, 0)
        XCTAssertEqual(detail.prescription.status, .done)
        XCTAssertEqual(try store.pharmacy.openPrescriptions(), [])
    }

    /// The owed rest can be cancelled with a reason, which closes the prescription.
    func testCancellingTheRestClosesThePrescription() throws {
        try receive([("PARA500", "P1", "2027-12", 10)])
        let rx = try prescribe("PARA500", 30, for: baraka)
        try store.pharmacy.dispense(rx.prescription.rxID, lines: [DispenseLineRequest(lineID: rx.lines[0].line.lineID, quantity: 10)], by: pharm)
        try assertRefused(try store.pharmacy.cancelRest(lineID: rx.lines[0].line.lineID, reason: " ", by: pharm), "reason")
        try store.pharmacy.cancelRest(lineID: rx.lines[0].line.lineID, reason: "Doctor stopped it", by: pharm)
        let detail = try store.pharmacy.prescription(rx.prescription.rxID)
        XCTAssertEqual(detail.lines[0].owed, 0)
        XCTAssertEqual(detail.prescription.status, .done)
    }

    /// Amina is allergic to penicillin: amoxicillin is refused until acknowledged, and the acknowledgement is kept.
    func testAnAllergyMustBeAcknowledged() throws {
        try receive([("AMOX500", "A1", "2027-12", 100)])
        XCTAssertThrowsError(try prescribe("AMOX500", 15, for: amina)) { error in
            XCTAssertEqual(error as? AllergyWarning, AllergyWarning(itemCode: "AMOX500", allergy: "Penicillin (severe: rash)"))
        }
        XCTAssertEqual(try count("prescriptions"), 0, "nothing saved")
        let rx = try prescribe("AMOX500", 15, for: amina, acknowledge: true)
        XCTAssertEqual(rx.lines[0].line.allergy, "Penicillin (severe: rash)")
        XCTAssertEqual(rx.lines[0].line.allergyAcknowledgedBy, pharm.userID)
        XCTAssertNil(try store.pharmacy.allergyWarning(patientID: amina, itemID: para))
        // Acknowledged when written, so dispensing does not ask again; paracetamol never asks.
        try store.pharmacy.dispense(rx.prescription.rxID, lines: [DispenseLineRequest(lineID: rx.lines[0].line.lineID, quantity: 15)], by: pharm)
    }

    /// An allergy recorded after the prescription was written is caught at dispensing.
    func testAnAllergyRecordedLaterIsCaughtAtDispensing() throws {
        try receive([("AMOX500", "A1", "2027-12", 100)])
        let rx = try prescribe("AMOX500", 15, for: baraka)
        try store.addAllergy(NewAllergy(substance: "amoxicillin", reaction: nil, severity: .unknown), to: baraka, by: clerk)
        let request = DispenseLineRequest(lineID: rx.lines[0].line.lineID, quantity: 15)
        XCTAssertThrowsError(try store.pharmacy.dispense(rx.prescription.rxID, lines: [request], by: pharm)) {
            XCTAssertEqual(($0 as? AllergyWarning)?.allergy, "amoxicillin")
        }
        var acknowledged = request
        acknowledged.acknowledgeAllergy = true
        try store.pharmacy.dispense(rx.prescription.rxID, lines: [acknowledged], by: pharm)
        XCTAssertEqual(try onHand(amox), 85)
    }

    /// Choosing another batch needs a reason, and is kept on the dispense.
    func testOverridingFirstExpiryNeedsAReason() throws {
        try receive([("PARA500", "OLD", "2027-03", 50), ("PARA500", "NEW", "2027-09", 50)])
        let rx = try prescribe("PARA500", 10, for: baraka)
        let line = rx.lines[0].line.lineID
        let newer = try batchID(para, "NEW")
        try assertRefused(try store.pharmacy.dispense(rx.prescription.rxID, lines: [DispenseLineRequest(lineID: line, quantity: 10, batchID: newer)],
                                                      by: pharm), "say why this batch")
        try store.pharmacy.dispense(rx.prescription.rxID, lines: [
            DispenseLineRequest(lineID: line, quantity: 10, batchID: newer, overrideReason: "OLD is in the cold room"),
        ], by: pharm)
        XCTAssertEqual(try ledgerSums()[newer], 40)
        XCTAssertEqual(try store.pharmacy.dispenses(rxID: rx.prescription.rxID).first?.dispense.overrideReason, "OLD is in the cold room")
    }

    /// An item without a price is dispensed and not charged; the result says so.
    func testAnItemWithoutAPriceIsNotCharged() throws {
        try receive([("ORS", "O1", "2028-01", 20)])
        let rx = try prescribe("ORS", 4, for: baraka)
        let result = try store.pharmacy.dispense(rx.prescription.rxID, lines: [DispenseLineRequest(lineID: rx.lines[0].line.lineID, quantity: 4)],
                                                 by: pharm)
        XCTAssertEqual(result.unpriced.map(\.code), ["ORS"])
        XCTAssertEqual(try count("charges", "source = 'pharmacy'"), 0)
    }

    /// A return puts the units back in their batch and reverses the charge: voided, charged again for what was kept.
    func testAReturnReversesStockAndCharge() throws {
        try receive([("PARA500", "P1", "2027-12", 100)])
        let rx = try prescribe("PARA500", 30, for: baraka)
        try store.pharmacy.dispense(rx.prescription.rxID, lines: [DispenseLineRequest(lineID: rx.lines[0].line.lineID, quantity: 30)], by: pharm)
        let given = try XCTUnwrap(store.pharmacy.dispenses(rxID: rx.prescription.rxID).first)
        try assertRefused(try store.pharmacy.returnDispensed(given.dispense.dispenseID, quantity: 31, reason: "Stopped", by: pharm), "at most 30")
        try store.pharmacy.returnDispensed(given.dispense.dispenseID, quantity: 10, reason: "Stopped early", by: pharm)
        XCTAssertEqual(try onHand(para), 80)
        let open = try DatabaseQueue(path: store.path).read {
            try Int64.fetchAll($0, sql: "SELECT amount_minor FROM charges WHERE patient_id = ? AND status = 'open'", arguments: [self.baraka])
        }
        XCTAssertEqual(open, [20 * Self.paraPrice])
        XCTAssertEqual(try count("charges", "status = 'void'"), 1)
        XCTAssertEqual(try store.pharmacy.dispenses(rxID: rx.prescription.rxID).first?.returned, 10)
        XCTAssertEqual(try store.pharmacy.prescription(rx.prescription.rxID).lines[0].returned, 10)
        try store.pharmacy.returnDispensed(given.dispense.dispenseID, quantity: 20, reason: "Stopped", by: pharm)
        XCTAssertEqual(try count("charges", "status = 'open'"), 0)
        XCTAssertEqual(try onHand(para), 100)
    }

    /// A return whose charge is on an invoice is the cashier's first.
    func testAReturnOfAnInvoicedChargeWaitsForTheCashier() throws {
        try receive([("PARA500", "P1", "2027-12", 100)])
        let rx = try prescribe("PARA500", 30, for: baraka)
        try store.pharmacy.dispense(rx.prescription.rxID, lines: [DispenseLineRequest(lineID: rx.lines[0].line.lineID, quantity: 30)], by: pharm)
        try store.cashier.draftInvoice(patientID: baraka, by: cashier)
        let given = try XCTUnwrap(store.pharmacy.dispenses(rxID: rx.prescription.rxID).first)
        try assertRefused(try store.pharmacy.returnDispensed(given.dispense.dispenseID, quantity: 5, reason: "Stopped", by: pharm),
                          "the cashier takes it off")
    }

    /// Quantities come from dose × frequency × days when the counter leaves them out.
    func testTheQuantityIsWorkedOutFromTheDose() throws {
        let rx = try store.pharmacy.writePrescription(PrescriptionInput(patientID: baraka, prescriber: "Dr Wanjiru", lines: [
            PrescriptionLineInput(itemCode: "PARA500", dose: "2", frequency: "TDS", durationDays: 5),
            PrescriptionLineInput(itemCode: "ORS", dose: "1 sachet", frequency: "stat"),
        ]), by: pharm)
        XCTAssertEqual(try store.pharmacy.prescription(rx.rxID).lines.map(\.line.quantity), [30, 1])
        try assertRefused(try store.pharmacy.writePrescription(PrescriptionInput(patientID: baraka, prescriber: "Dr W", lines: [
            PrescriptionLineInput(itemCode: "PARA500", dose: "2", frequency: "PRN"),
        ]), by: pharm), "line 1 quantity: give the quantity")
        try assertRefused(try store.pharmacy.writePrescription(PrescriptionInput(patientID: baraka, prescriber: "Dr W", lines: [
            PrescriptionLineInput(itemCode: "NOPE", dose: "2", frequency: "BD", durationDays: 2),
        ]), by: pharm), "line 1 item: no item with code NOPE")
        try assertRefused(try store.pharmacy.writePrescription(PrescriptionInput(patientID: baraka, prescriber: "Dr W", lines: [
            PrescriptionLineInput(itemCode: "PARA500", dose: "1", frequency: "BD", durationDays: 2),
        ]), by: cashier), "not")
    }

    /// A prescription's charges go to the patient's visit of today when there is one.
    func testChargesGoToTodaysVisit() throws {
        try receive([("PARA500", "P1", "2027-12", 100)])
        let rx = try prescribe("PARA500", 10, for: baraka)
        XCTAssertNil(rx.prescription.encounterID, "no visit today: the patient's account")
    }
}
