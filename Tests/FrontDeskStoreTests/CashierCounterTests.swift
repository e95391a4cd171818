// The counter as a cashier meets it: shares before invoicing, who waits to pay, fees by name, one draft, refunds checked first.
import Foundation
import FrontDeskCore
import XCTest

@testable import FrontDeskStore

final class CashierCounterTests: CashierDeskTestCase {
    // MARK: Before invoicing

    func testOpenChargesAreSplitAsTheirInvoiceWillBe() throws {
        try charge(baraka, "LAB")
        let split = try store.cashier.openChargesSplit(of: baraka)
        XCTAssertEqual(split.totalMinor, 50_000)
        XCTAssertEqual(split.patientMinor, 10_000, "her share, not the full price")
        XCTAssertEqual(split.payerMinor, 40_000)
        XCTAssertEqual(split.payer, "NHIF")
        let invoice = try store.cashier.draftInvoice(patientID: baraka, by: cashier)
        XCTAssertEqual(invoice.patientShareMinor, split.patientMinor)
        try charge(amina, "LAB")
        XCTAssertEqual(try store.cashier.openChargesSplit(of: amina).patientMinor, 50_000, "no policy: all hers")
    }

    // MARK: Refunds

    func testARefundStartsFromWhatIsStillRefundable() throws {
        try store.cashier.openShift(floatMinor: 0, by: cashier)
        try charge(amina, "CONSULT")
        let invoice = try issuedInvoice(amina)
        let paid = try store.cashier.takePayment(patientID: amina, invoiceID: invoice.invoiceID, parts: [.init(.card, 100_000)], by: cashier)
        XCTAssertEqual(try store.cashier.refundable(paid.payment.paymentID, by: cashier), 100_000)
        try store.cashier.refund(paid.payment.paymentID, parts: [.init(.card, 40_000)], reason: "half done", authorizedBy: approval, by: cashier)
        XCTAssertEqual(try store.cashier.refundable(paid.payment.paymentID, by: cashier), 60_000)
        try store.cashier.refund(paid.payment.paymentID, parts: [.init(.card, 60_000)], reason: "not done", authorizedBy: approval, by: cashier)
        try assertRefused(try store.cashier.refundable(paid.payment.paymentID, by: cashier), "nothing of RCT-000001 is left to refund")
    }

    func testARefundWithoutAShiftIsRefusedBeforeTheSupervisorIsChecked() throws {
        try store.cashier.openShift(floatMinor: 0, by: cashier)
        try charge(amina, "CONSULT")
        let invoice = try issuedInvoice(amina)
        let paid = try store.cashier.takePayment(patientID: amina, invoiceID: invoice.invoiceID, parts: [.init(.card, 100_000)], by: cashier)
        try assertRefused(try store.cashier.refundable(paid.payment.paymentID, by: cashier2), "open a shift first")
        // Even with an authorisation that would fail, the shift is what is refused.
        let notASupervisor = Authorization(userID: cashier2.userID!, displayName: cashier2.displayName)
        try assertRefused(try store.cashier.refund(paid.payment.paymentID, parts: [.init(.card, 1_000)], reason: "x",
                                                   authorizedBy: notASupervisor, by: cashier2), "open a shift first")
    }

    // MARK: Plausible amounts

    func testThresholdsComeFromTheFacilitysSettingsWithDefaults() throws {
        XCTAssertEqual(try store.cashier.plausibleLimits(), PlausibleLimits.defaults(minorUnits: 2))
        XCTAssertEqual(try store.cashier.plausibleLimits().floatMinor, 10_000_000, "KES 100,000.00")
        let mine = PlausibleLimits(floatMinor: 2_000_000, countMinor: 5_000_000, feeMinor: 900_000, feeDaysAhead: 30)
        XCTAssertThrowsError(try store.cashier.setPlausibleLimits(mine, by: cashier))
        try store.cashier.setPlausibleLimits(mine, by: admin)
        XCTAssertEqual(try store.cashier.plausibleLimits(), mine)
    }
}
