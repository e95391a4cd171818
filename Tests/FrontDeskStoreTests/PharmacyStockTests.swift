// The stock ledger: receiving, adjustments and counts, issues, returns, write-offs, alerts, and stock as the sum of movements.
import Foundation
import FrontDeskCore
import GRDB
import XCTest

@testable import FrontDeskStore

final class PharmacyStockTests: PharmacyDeskTestCase {
    /// A delivery with one bad line is refused whole, naming the line; expired and short-dated batches never come in.
    func testReceivingRefusesExpiredAndShortDatedBatches() throws {
        try assertRefused(try receive([("PARA500", "P1", "2027-12", 10), ("AMOX500", "X", "2026-11-01", 10)]),
                          "line 2 expiry: batch X expired on 2026-11-01")
        try assertRefused(try receive([("PARA500", "P1", "2026-12-10", 10)]), "within the 30 days' minimum shelf life")
        try assertRefused(try receive([("PARA500", "P1", "someday", 10)]), "is not a date")
        try assertRefused(try receive([("PARA500", "P1", "2027-12", 0)]), "quantity: must be 1 or more tablets")
        try assertRefused(try receive([("XYZ", "P1", "2027-12", 5)]), "item: no item with code XYZ")
        XCTAssertEqual(try count("stock_movements"), 0)
        let grn = try receive([("PARA500", "p1", "2027-12", 10), ("PARA500", "P1", "2027-12-31", 5)])
        XCTAssertEqual(grn.number, 1)
        XCTAssertEqual(try count("pharmacy_batches"), 1, "the same lot received twice is one batch")
        XCTAssertEqual(try onHand(para), 15)
        try assertRefused(try receive([("PARA500", "P1", "2028-01", 5)]), "is stored with expiry 2027-12-31")
    }

    /// An adjustment needs the pharmacist in charge: their own session, or their password on another's.
    func testAdjustmentsNeedThePharmacistInCharge() throws {
        try receive([("PARA500", "P1", "2027-12", 100)])
        let batch = try batchID(para, "P1")
        try assertRefused(try store.pharmacy.adjust(batchID: batch, by: -3, reason: "Damaged", approval: nil, by: pharm2),
                          "only the pharmacist in charge")
        XCTAssertThrowsError(try store.pharmacy.authorizeInCharge(username: "pharm2", password: "pass-pharm2"))
        let approval = try store.pharmacy.authorizeInCharge(username: "pharm", password: "pass-pharm")
        try store.pharmacy.adjust(batchID: batch, by: -3, reason: "Damaged", approval: approval, by: pharm2)
        try store.pharmacy.adjust(batchID: batch, by: 1, reason: "Found", approval: nil, by: pharm)
        try assertRefused(try store.pharmacy.adjust(batchID: batch, by: -99, reason: "Lost", approval: nil, by: pharm),
                          "has 98 on hand; it cannot lose 99")
        XCTAssertEqual(try onHand(para), 98)
        let card = try store.pharmacy.stockCard(itemID: para)
        XCTAssertEqual(card.lines.map { "\($0.movement.type.rawValue) \($0.movement.quantity) \($0.balance)" },
                       ["GRN 100 100", "ADJUST -3 97", "ADJUST 1 98"])
        XCTAssertEqual(card.lines[1].movement.authorizedBy, pharm.userID)
        XCTAssertEqual(card.lines[1].by, "Test Pharm2")
    }

    /// A count compares with the ledger at the sheet's instant: what was dispensed since is not a loss, and a re-run posts nothing twice.
    func testACountPostsDifferencesAsOfTheSheet() throws {
        try receive([("PARA500", "P1", "2027-12", 100), ("AMOX500", "A1", "2027-12", 50)])
        let sheet = try store.pharmacy.countSheet()
        XCTAssertEqual(sheet.lines.map { "\($0.item.code) \($0.batch.batchNo) \($0.system)" }, ["AMOX500 A1 50", "PARA500 P1 100"])
        clock.advance(600)
        let rx = try prescribe("PARA500", 10, for: baraka)
        try store.pharmacy.dispense(rx.prescription.rxID, lines: [DispenseLineRequest(lineID: rx.lines[0].line.lineID, quantity: 10)], by: pharm)
        clock.advance(600)
        let counted = [try batchID(para, "P1"): 97, try batchID(amox, "A1"): 50]
        let result = try store.pharmacy.postCount(asOf: sheet.asOf, counted: counted, reason: "Monthly count", approval: nil, by: pharm)
        XCTAssertEqual(result.adjusted, 1)
        XCTAssertEqual(result.netUnits, -3)
        XCTAssertEqual(try onHand(para), 87, "100 − 10 dispensed − 3 missing")
        let again = try store.pharmacy.postCount(asOf: sheet.asOf, counted: counted, reason: "Monthly count", approval: nil, by: pharm)
        XCTAssertEqual(again.adjusted, 0)
        XCTAssertEqual(again.alreadyPosted, 1)
        XCTAssertEqual(try onHand(para), 87)
    }

    /// Issues to a ward go first expiry first; returns to a supplier and write-offs leave the ledger; nothing goes below zero.
    func testIssuesReturnsAndWriteOffs() throws {
        try receive([("PARA500", "OLD", "2027-01-10", 30), ("PARA500", "NEW", "2027-12", 100)])
        let picks = try store.pharmacy.issue(itemID: para, quantity: 40, to: "Ward A", reason: "Ward stock", by: pharm)
        XCTAssertEqual(picks.map { "\($0.batchNo) \($0.quantity)" }, ["OLD 30", "NEW 10"])
        try assertRefused(try store.pharmacy.returnToSupplier(batchID: try batchID(para, "NEW"), quantity: 91, supplier: "MEDS Ltd",
                                                              reason: "Recall", by: pharm), "has 90 on hand")
        try store.pharmacy.returnToSupplier(batchID: try batchID(para, "NEW"), quantity: 10, supplier: "MEDS Ltd", reason: "Recall", by: pharm)
        try assertRefused(try store.pharmacy.writeOffExpired(batchID: try batchID(para, "NEW"), by: pharm), "only an expired batch")
        try receive([("AMOX500", "SHORT", "2027-01-02", 12)])
        advance(days: 60)
        XCTAssertEqual(try store.pharmacy.writeOffExpired(batchID: try batchID(amox, "SHORT"), by: pharm), 12)
        XCTAssertEqual(try onHand(amox), 0)
        XCTAssertEqual(try onHand(para), 80)
        XCTAssertTrue(try ledgerSums().values.allSatisfy { $0 >= 0 })
    }

    /// The store itself refuses a movement that would take a batch below zero, and any change to the stock ledger.
    func testTheStockLedgerIsAppendOnlyAndNeverNegative() throws {
        try receive([("PARA500", "P1", "2027-12", 5)])
        let batch = try batchID(para, "P1")
        let queue = try DatabaseQueue(path: store.path)
        XCTAssertThrowsError(try queue.write { try $0.execute(sql: "UPDATE stock_movements SET quantity = 500") })
        XCTAssertThrowsError(try queue.write { try $0.execute(sql: "DELETE FROM stock_movements") })
        XCTAssertThrowsError(try queue.write { db in
            try db.execute(sql: """
                INSERT INTO stock_movements (movement_id, item_id, batch_id, type, quantity, reason, counterparty, occurred_at, created_at, updated_at)
                VALUES ('x', ?, ?, 'ISSUE', -6, 'r', 'Ward', 'now', 'now', 'now')
                """, arguments: [self.para, batch])
        }) { error in
            XCTAssertTrue("\(error)".contains("would go below zero"), "\(error)")
        }
        XCTAssertEqual(try onHand(para), 5)
    }

    /// Reorder, expiring-soon and expired alerts, with the facility's window.
    func testAlerts() throws {
        try receive([("AMOX500", "A1", "2027-01-10", 60), ("PARA500", "P1", "2027-12", 500)])
        var alerts = try store.pharmacy.alerts()
        XCTAssertEqual(alerts.belowReorder.map { "\($0.item.code) \($0.usable)" }, ["AMOX500 60"])
        XCTAssertEqual(alerts.expiringSoon.map(\.batch.batchNo), ["A1"])
        XCTAssertEqual(alerts.expiredOnShelf, [])
        try store.pharmacy.setDays(expiryAlert: 30, minimumShelf: 30, by: admin)
        XCTAssertEqual(try store.pharmacy.alerts().expiringSoon, [], "A1 expires in 49 days, outside a 30-day window")
        advance(days: 50)
        alerts = try store.pharmacy.alerts()
        XCTAssertEqual(alerts.expiredOnShelf.map { "\($0.batch.batchNo) \($0.onHand)" }, ["A1 60"])
        XCTAssertEqual(alerts.belowReorder.map { "\($0.item.code) \($0.usable)" }, ["AMOX500 0"], "expired stock does not count")
    }

    /// Stock value at each batch's received cost; dispensing by item; expiries.
    func testReports() throws {
        try receive([("PARA500", "P1", "2027-12", 100)])
        let rx = try prescribe("PARA500", 30, for: baraka)
        try store.pharmacy.dispense(rx.prescription.rxID, lines: [DispenseLineRequest(lineID: rx.lines[0].line.lineID, quantity: 30)], by: pharm)
        let value = try store.pharmacy.stockOnHand()
        XCTAssertEqual(value.first { $0.item.code == "PARA500" }.map { "\($0.onHand) \($0.valueMinor)" }, "70 35000")
        let today = try store.localNow().day
        let dispensing = try store.pharmacy.dispensing(from: today, to: today)
        XCTAssertEqual(dispensing.map { "\($0.item.code) \($0.quantity) \($0.prescriptions) \($0.chargedMinor)" }, ["PARA500 30 1 6000"])
        XCTAssertEqual(try store.pharmacy.movements(from: today, to: today).map(\.movement.type), [.received, .dispensed])
        XCTAssertEqual(try store.pharmacy.expiries(withinDays: 500).map(\.batch.batchNo), ["P1"])
    }

    /// Item lookup by code prefix or by the start of any word of the generic name or brand.
    func testItemLookup() throws {
        XCTAssertEqual(try store.pharmacy.findItems("am").map(\.item.code), ["AMOX500"])
        XCTAssertEqual(try store.pharmacy.findItems("amoxil").map(\.item.code), ["AMOX500"], "by brand")
        XCTAssertEqual(try store.pharmacy.findItems("rehyd").map(\.item.code), ["ORS"], "a later word of the name")
        XCTAssertEqual(try store.pharmacy.findItems("").count, 3)
        try assertRefused(try store.pharmacy.addItem(ItemInput(code: "AMOX500", genericName: "X", form: "tablet", unit: "tablet"), by: pharm),
                          "AMOX500 is already an item")
        try assertRefused(try store.pharmacy.addItem(ItemInput(code: "9X", genericName: "X", form: "tablet", unit: "tablet"), by: pharm), "code")
        try assertRefused(try store.pharmacy.addItem(ItemInput(code: "NEW", genericName: "X", form: "tablet", unit: "tablet"), by: cashier), "not")
    }

    /// Every pharmacy change is in the ledger (verify replays it), and a merge moves prescriptions and dispenses.
    func testVerifyAndMerge() throws {
        try receive([("PARA500", "P1", "2027-12", 100), ("AMOX500", "A1", "2027-12", 100)])
        let rx = try prescribe("PARA500", 30, for: baraka)
        try store.pharmacy.dispense(rx.prescription.rxID, lines: [DispenseLineRequest(lineID: rx.lines[0].line.lineID, quantity: 20)], by: pharm)
        let given = try XCTUnwrap(store.pharmacy.dispenses(rxID: rx.prescription.rxID).first)
        try store.pharmacy.returnDispensed(given.dispense.dispenseID, quantity: 5, reason: "Stopped", by: pharm)
        try store.pharmacy.adjust(batchID: try batchID(amox, "A1"), by: -2, reason: "Broken", approval: nil, by: pharm)
        try store.pharmacy.issue(itemID: amox, quantity: 10, to: "Ward A", reason: "Ward stock", by: pharm)
        try store.pharmacy.cancelRest(lineID: rx.lines[0].line.lineID, reason: "Stopped", by: pharm)
        let duplicate = try store.registerPatient(NewPatient(firstName: "Baraka", lastName: "Mutua", sex: "male", dob: "1985-01-30"),
                                                  by: clerk)
        try store.addUser(NewUser(username: "sup", displayName: "Sup", role: .supervisor, password: "pass-sup-1"), by: admin)
        try store.mergePatients(survivor: duplicate.patientID, merged: baraka, reason: "Same person",
                                by: try store.signIn(username: "sup", password: "pass-sup-1"))
        XCTAssertEqual(try store.pharmacy.prescriptions(patientID: duplicate.patientID).count, 1)
        XCTAssertEqual(try count("charges", "patient_id = ? AND source = 'pharmacy'", [duplicate.patientID]), 1, "the dispense's charge moved too")
        XCTAssertEqual(try store.pharmacy.openPrescriptions(patientID: baraka), [], "nothing is left on the merged record")
        let report = try store.verify()
        XCTAssertTrue(report.isClean, "\(report.problems)")
    }

    /// The records a dispense writes encode by hand: every column of their table, and what is read back is what was written.
    func testHandWrittenEncodingsCoverEveryColumn() throws {
        try receive([("PARA500", "P1", "2027-12", 100)])
        let rx = try prescribe("PARA500", 30, for: baraka)
        try store.pharmacy.dispense(rx.prescription.rxID, lines: [DispenseLineRequest(lineID: rx.lines[0].line.lineID, quantity: 30)], by: pharm)
        try DatabaseQueue(path: store.path).read { db in
            func columns(_ table: String) throws -> Set<String> {
                Set(try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?)", arguments: [table]))
            }
            let movement = try XCTUnwrap(StockMovement.fetchOne(db, sql: "SELECT * FROM stock_movements WHERE type = 'DISPENSE'"))
            XCTAssertEqual(Set(try movement.databaseDictionary.keys), try columns("stock_movements"))
            XCTAssertEqual(try StockMovement.fetchOne(db, sql: "SELECT * FROM stock_movements WHERE movement_id = ?", arguments: [movement.movementID]),
                           movement)
            let dispense = try XCTUnwrap(Dispense.fetchOne(db, sql: "SELECT * FROM dispenses"))
            XCTAssertEqual(Set(try dispense.databaseDictionary.keys), try columns("dispenses"))
            let prescription = try XCTUnwrap(Prescription.fetchOne(db, sql: "SELECT * FROM prescriptions"))
            XCTAssertEqual(Set(try prescription.databaseDictionary.keys), try columns("prescriptions"))
            XCTAssertEqual(prescription.status, .done)
            // Read back by hand, each is what the ledger says it wrote (verify below), and an item or a batch is whole.
            let item = try XCTUnwrap(PharmacyItem.fetchOne(db, sql: "SELECT * FROM pharmacy_items WHERE code = 'AMOX500'"))
            XCTAssertEqual(item.brand, "Amoxil")
            XCTAssertEqual(item.reorderLevel, 100)
            XCTAssertTrue(item.active)
            XCTAssertEqual(try XCTUnwrap(PharmacyBatch.fetchOne(db, sql: "SELECT * FROM pharmacy_batches")).expiry, "2027-12-31")
            let charge = try XCTUnwrap(Charge.fetchOne(db, sql: "SELECT * FROM charges"))
            XCTAssertEqual(Set(try charge.databaseDictionary.keys), try columns("charges"))
        }
        let report = try store.verify()
        XCTAssertTrue(report.isClean, "\(report.problems)")
    }
}
