// An insurer's settlement is a remittance of its own: never the patient's receipt, the drawer's takings or the counter's collections.
import Foundation
import FrontDeskCore
import XCTest

@testable import FrontDeskStore

final class CashierRemittanceTests: CashierDeskTestCase {
    /// Baraka's X-ray and blood count (3,000.00, NHIF 80 %) paid: 600.00 cash by him, 2,400.00 settled by NHIF.
    private func splitPayment() throws -> Receipt {
        try store.cashier.openShift(floatMinor: 0, by: cashier)
        try charge(baraka, "XRAY", "LAB")
        let invoice = try issuedInvoice(baraka)
        XCTAssertEqual(invoice.payerShareMinor, 240_000)
        return try store.cashier.takePayment(patientID: baraka, invoiceID: invoice.invoiceID,
                                             parts: [.init(.cash, 60_000), .init(.insurance, 240_000, reference: "CLM-9")], by: cashier)
    }

    func testThePatientsReceiptCarriesOnlyWhatThePatientPaidAndTheInsurerGetsARemittance() throws {
        let receipt = try splitPayment()
        XCTAssertEqual(receipt.payment.receiptNumber, "RCT-000001")
        XCTAssertEqual(receipt.payment.totalMinor, 60_000, "the patient's receipt is the patient's money")
        XCTAssertEqual(receipt.parts.map(\.method), [.cash])
        let remittance = try XCTUnwrap(receipt.remittance)
        XCTAssertEqual(remittance.receiptNumber, "REM-000001")
        XCTAssertEqual(remittance.totalMinor, 240_000)

        let document = try store.cashier.receiptDocument(receipt.payment.paymentID, isCopy: false)
        XCTAssertEqual(document.payments.map(\.amountMinor), [60_000], "received: the patient's 600.00, not 3,000.00")
        let text = ReceiptText.render(document, width: 42)
        XCTAssertFalse(text.contains("Insurance"), "no insurance payment on the patient's receipt:\n\(text)")
        XCTAssertTrue(text.contains("Paid now") && text.contains("600.00"), text)
        let slip = ReceiptText.render(try store.cashier.receiptDocument(remittance.paymentID, isCopy: false), width: 42)
        XCTAssertTrue(slip.contains("INSURER REMITTANCE") && slip.contains("2,400.00") && slip.contains("CLM-9"), slip)
        XCTAssertFalse(slip.contains("Balance due"), slip)
        XCTAssertEqual(try store.cashier.receipts(ofPatient: baraka).map(\.isRemittance).sorted { !$0 && $1 }, [false, true])
    }

    func testTheShiftAndZReportKeepTheInsurerOutOfTheDrawerAndTheTakings() throws {
        let receipt = try splitPayment()
        let open = try store.cashier.shiftReport(receipt.payment.shiftID)
        XCTAssertEqual(open.byMethod.map(\.method), [.cash], "takings are the counter's money only")
        XCTAssertEqual(open.byMethod.map(\.inMinor), [60_000])
        XCTAssertEqual(open.insurerSettledMinor, 240_000)
        XCTAssertEqual(open.receipts, 1)
        XCTAssertEqual(open.remittances, 1)
        XCTAssertEqual(open.expectedCashMinor, 60_000)
        let closed = try store.cashier.closeShift(count: [50_000: 1, 10_000: 1], floatLeftMinor: 0, by: cashier)
        XCTAssertEqual(closed.shift.overShortMinor, 0)
        let z = try store.cashier.zReportDocument(closed)
        XCTAssertFalse(z.totals.contains { $0.label.hasPrefix("Insurance") }, "\(z.totals)")
        XCTAssertEqual(z.totals.first { $0.label.hasPrefix("Insurers settled") }?.amountMinor, 240_000)
    }

    func testCollectionsReportInsurersApartFromTheCountersMoney() throws {
        _ = try splitPayment()
        let day = CalendarDay("2026-11-22")!
        let collected = try store.cashier.collections(from: day, to: day)
        XCTAssertEqual(collected.netMinor, 60_000)
        XCTAssertEqual(collected.byMethod.map(\.name), ["Cash"])
        XCTAssertEqual(collected.byCashier.map(\.netMinor), [60_000])
        XCTAssertEqual(collected.byInsurer.map(\.name), ["NHIF"])
        XCTAssertEqual(collected.insurersMinor, 240_000)
    }

    func testARemittanceIsNotRefundedAtTheCounter() throws {
        let receipt = try splitPayment()
        let remittance = try XCTUnwrap(receipt.remittance)
        try assertRefused(try store.cashier.refund(remittance.paymentID, parts: [.init(.card, 1_000)], reason: "claim rejected",
                                                   authorizedBy: approval, by: cashier), "REM-000001 is an insurer's remittance")
        XCTAssertEqual(try store.cashier.refundable(receipt.payment.paymentID, by: cashier), 60_000)
    }
}
