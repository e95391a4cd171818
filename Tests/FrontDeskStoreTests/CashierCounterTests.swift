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

}
