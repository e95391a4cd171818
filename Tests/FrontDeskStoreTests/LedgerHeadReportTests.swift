// The Z-report carries the ledger head at the shift's close: an anchor outside the file for `verify --head`.
import FrontDeskCore
import GRDB
import XCTest

@testable import FrontDeskStore

final class LedgerHeadReportTests: CashierDeskTestCase {
    func testTheZReportPrintsTheHeadAtTheCloseAndVerifyTakesItBack() throws {
        try store.cashier.openShift(floatMinor: 100_000, by: cashier)
        try charge(amina, "CONSULT")
        let invoice = try issuedInvoice(amina)
        try store.cashier.takePayment(patientID: amina, invoiceID: invoice.invoiceID, parts: [.init(.cash, Self.consult)], by: cashier)
        let report = try store.cashier.closeShift(count: [100_000: 2], floatLeftMinor: 0, by: cashier)
        let atClose = try store.currentLedgerHead()

        let printed = ReceiptText.render(try store.cashier.zReportDocument(report), width: ReceiptText.thermalWidth)
        XCTAssertTrue(printed.contains("Ledger head \(atClose.seq):\(atClose.hash.prefix(12))\n"), printed)

        // Later work moves the head on; a reprint still carries the head at the close.
        try store.cashier.openShift(floatMinor: 0, by: cashier2)
        XCTAssertGreaterThan(try store.currentLedgerHead().seq, atClose.seq)
        XCTAssertEqual(try store.cashier.zReportDocument(report).notes.last, atClose.description)
        XCTAssertEqual(try store.ledgerHead(atCloseOf: report.shift), atClose)

        let anchor = try XCTUnwrap(LedgerHead.parse(atClose.anchor).head)
        let checked = try store.verify(head: anchor)
        XCTAssertTrue(checked.isClean, "\(checked.problems)")
    }

    func testTheReceiptSequenceResetBehindTheLedgerIsNamed() throws {
        try store.cashier.openShift(floatMinor: 0, by: cashier)
        try charge(amina, "CONSULT")
        try store.cashier.takePayment(patientID: amina, parts: [.init(.cash, 1_000)], by: cashier)
        try store.cashier.takePayment(patientID: amina, parts: [.init(.cash, 1_000)], by: cashier)
        XCTAssertTrue(try store.verify().isClean)
        try DatabaseQueue(path: store.path).write { db in
            try db.execute(sql: "UPDATE number_sequences SET last_value = 1 WHERE name = 'receipt'")
            try db.execute(sql: "UPDATE payments SET total_minor = 1 WHERE receipt_number = 'RCT-000002'")
        }
        let report = try store.verify()
        XCTAssertTrue(report.problems.contains("number sequence: receipt stands at 1, but the ledger's records were issued up to 2: the next number would repeat one"),
                      "\(report.problems)")
        XCTAssertTrue(report.problems.contains { $0.hasPrefix("state: payments ") && $0.contains("total_minor is 1 in the table, 1000 in the ledger") },
                      "\(report.problems)")
    }
}
