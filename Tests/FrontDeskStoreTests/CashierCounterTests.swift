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

    func testTheDeskListsWhoIsWaitingToPayLongestFirst() throws {
        try charge(baraka, "LAB")
        clock.advance(60)
        try charge(amina, "CONSULT", "XRAY")
        let waiting = try store.cashier.waitingToPay()
        XCTAssertEqual(waiting.map(\.patientID), [baraka, amina])
        XCTAssertEqual(waiting.map(\.charges), [1, 2])
        XCTAssertEqual(waiting.map(\.split.patientMinor), [10_000, Self.consult + Self.xray])
        _ = try store.cashier.draftInvoice(patientID: baraka, by: cashier)
        XCTAssertEqual(try store.cashier.waitingToPay().map(\.patientID), [amina], "invoiced: no longer waiting")
    }

    // MARK: Adding services

    func testAServiceIsFoundByCodeOrTheStartOfItsCodeOrName() throws {
        XCTAssertEqual(try store.cashier.addCounterCharge(patientID: amina, code: "xr", by: cashier).code, "XRAY")
        XCTAssertEqual(try store.cashier.addCounterCharge(patientID: amina, code: "blood", by: cashier).code, "LAB")
        XCTAssertEqual(try store.cashier.addCounterCharge(patientID: amina, code: "Consult", by: cashier).code, "CONSULT")
        try store.setFee(code: "XRAY-LIMB", name: "Limb X-ray", amountMinor: 150_000, from: CalendarDay("2026-01-01")!, by: admin)
        XCTAssertEqual(try store.cashier.fees(matching: "xray").map(\.code), ["XRAY"], "an exact code is the one meant")
        XCTAssertEqual(try store.cashier.fees(matching: "x-r").map(\.code), [])
        try assertRefused(try store.cashier.addCounterCharge(patientID: amina, code: "x", by: cashier),
                          "'x' matches XRAY, XRAY-LIMB; type more of the code")
        try assertRefused(try store.cashier.addCounterCharge(patientID: amina, code: "dental", by: cashier),
                          "no rate today for a code or name starting 'dental'")
    }

    func testAServiceAddedAtTheCounterGoesOnThePatientsDraftNotASecondOne() throws {
        try charge(amina, "CONSULT")
        let draft = try store.cashier.draftInvoice(patientID: amina, by: cashier)
        let added = try store.cashier.addCounterCharge(patientID: amina, code: "LAB", by: cashier)
        XCTAssertEqual(added.invoiceID, draft.invoiceID)
        XCTAssertEqual(try invoice(draft.invoiceID).subtotalMinor, Self.consult + Self.lab)
        XCTAssertEqual(try count("invoices"), 1)
    }

    func testOneInvoiceGathersAllOfAPatientsOpenCharges() throws {
        try charge(amina, "CONSULT")
        let draft = try store.cashier.draftInvoice(patientID: amina, by: cashier)
        // A charge another desk posted while the draft was open (a visit's X-ray): gathered onto it.
        let today = try store.localNow().day
        try store.performAsSystem(action: "post a visit's charge") { tx in
            _ = try FacilityStore.postCharge(try XCTUnwrap(FacilityStore.fee(code: "XRAY", on: today, db: tx.db)),
                                             patientID: self.amina, source: "queue", tx: tx)
        }
        let gathered = try store.cashier.draftInvoice(patientID: amina, by: cashier)
        XCTAssertEqual(gathered.invoiceID, draft.invoiceID, "the same draft, not a second invoice")
        XCTAssertEqual(try store.cashier.invoiceDetail(draft.invoiceID).lines.map(\.code), ["CONSULT", "XRAY"])
        XCTAssertEqual(try store.openCharges(of: amina).count, 0)
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
