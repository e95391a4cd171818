// The cashier desk's rules against the store: shifts, invoices, split payments, change, deposits, refunds, numbers.
import Foundation
import FrontDeskCore
import GRDB
import XCTest

@testable import FrontDeskStore

final class CashierTests: CashierDeskTestCase {
    // MARK: - Shifts

    func testNoShiftNoPayment() throws {
        try charge(amina, "CONSULT")
        let invoice = try issuedInvoice(amina)
        try assertRefused(try store.cashier.takePayment(patientID: amina, invoiceID: invoice.invoiceID, parts: [.init(.cash, Self.consult)], by: cashier),
                          "open a shift first: no shift, no payment")
    }

    func testOneOpenShiftPerCashierAndTheCloseRecordsExpectedCountedAndShort() throws {
        try store.cashier.openShift(floatMinor: 500_000, by: cashier)
        try assertRefused(try store.cashier.openShift(floatMinor: 0, by: cashier), "your shift 1 is still open; close it first")
        try charge(amina, "CONSULT", "LAB")
        let invoice = try issuedInvoice(amina)
        // 1,500.00 owed: 1,000.00 cash (2,000.00 tendered) and 500.00 by card.
        let receipt = try store.cashier.takePayment(patientID: amina, invoiceID: invoice.invoiceID,
                                            parts: [.init(.cash, 100_000), .init(.card, 50_000)], tenderedMinor: 200_000, by: cashier)
        XCTAssertEqual(receipt.payment.changeMinor, 100_000)
        XCTAssertEqual(receipt.payment.receiptNumber, "RCT-000001")
        // The drawer should hold 5,000.00 + 1,000.00; 5,950.00 is counted: 50.00 short.
        let report = try store.cashier.closeShift(count: [100_000: 5, 5_000: 19], floatLeftMinor: 500_000, by: cashier)
        XCTAssertEqual(report.expectedCashMinor, 600_000)
        XCTAssertEqual(report.shift.countedCashMinor, 595_000)
        XCTAssertEqual(report.shift.overShortMinor, -5_000)
        XCTAssertEqual(report.byMethod.map(\.method), [.cash, .card])
        XCTAssertEqual(report.receipts, 1)
        try assertRefused(try store.cashier.takePayment(patientID: amina, parts: [.init(.cash, 100)], by: cashier), "no shift, no payment")
    }

    func testTheNextCashierAcceptsTheHandoverOnlyWhenTheirCountMatches() throws {
        try store.cashier.openShift(floatMinor: 300_000, by: cashier)
        let closed = try store.cashier.closeShift(count: [100_000: 3], floatLeftMinor: 200_000, by: cashier)
        XCTAssertEqual(try store.cashier.pendingHandovers().map(\.shiftID), [closed.shift.shiftID])
        try assertRefused(try store.cashier.acceptHandover(from: closed.shift.shiftID, countedFloatMinor: 190_000, by: cashier2),
                          "you counted KES 1,900.00; shift 1 handed over KES 2,000.00")
        let next = try store.cashier.acceptHandover(from: closed.shift.shiftID, countedFloatMinor: 200_000, by: cashier2)
        XCTAssertEqual(next.floatMinor, 200_000)
        XCTAssertEqual(next.number, 2)
        XCTAssertTrue(try store.cashier.pendingHandovers().isEmpty)
        try store.cashier.closeShift(count: [100_000: 2], floatLeftMinor: 0, by: cashier2)
        try assertRefused(try store.cashier.acceptHandover(from: closed.shift.shiftID, countedFloatMinor: 200_000, by: cashier),
                          "shift 1's cash was already taken over")
    }

    // MARK: - Invoices

    func testAnInvoiceGathersOpenChargesAndIsNumberedGapFreeWhenIssued() throws {
        try charge(amina, "CONSULT", "XRAY")
        let draft = try store.cashier.draftInvoice(patientID: amina, by: cashier)
        XCTAssertNil(draft.number)
        XCTAssertEqual(draft.subtotalMinor, Self.consult + Self.xray)
        XCTAssertEqual(try store.cashier.invoiceDetail(draft.invoiceID).lines.map(\.code), ["CONSULT", "XRAY"])
        try assertRefused(try store.cashier.draftInvoice(patientID: amina, by: cashier), "there are no open charges to invoice")
        XCTAssertEqual(try store.cashier.issueInvoice(draft.invoiceID, by: cashier).number, "INV-000001")
        try charge(baraka, "LAB")
        XCTAssertEqual(try issuedInvoice(baraka).number, "INV-000002")
        try assertRefused(try store.cashier.issueInvoice(draft.invoiceID, by: cashier), "INV-000001 is already issued")
    }

    func testTheInsuranceSplitIsThePolicysShareAndEachSideIsPaidSeparately() throws {
        try store.cashier.openShift(floatMinor: 0, by: cashier)
        try charge(baraka, "XRAY")
        let invoice = try issuedInvoice(baraka)
        XCTAssertEqual(invoice.payer, "NHIF")
        XCTAssertEqual(invoice.payerShareMinor, 200_000)
        XCTAssertEqual(invoice.patientShareMinor, 50_000)
        try assertRefused(try store.cashier.takePayment(patientID: baraka, invoiceID: invoice.invoiceID, parts: [.init(.cash, 60_000)], by: cashier),
                          "the patient owes KES 500.00 on INV-000001")
        try store.cashier.takePayment(patientID: baraka, invoiceID: invoice.invoiceID, parts: [.init(.cash, 50_000)], by: cashier)
        XCTAssertEqual(try self.invoice(invoice.invoiceID).status, .issued, "the insurer still owes its share")
        try assertRefused(try store.cashier.takePayment(patientID: baraka, invoiceID: invoice.invoiceID, parts: [.init(.insurance, 200_000)], by: cashier),
                          "insurance needs its reference")
        try store.cashier.takePayment(patientID: baraka, invoiceID: invoice.invoiceID, parts: [.init(.insurance, 200_000, reference: "CLM-77")], by: cashier)
        let paid = try self.invoice(invoice.invoiceID)
        XCTAssertEqual(paid.status, .paid)
        XCTAssertNotNil(paid.paidAt)
    }

    func testADiscountNeedsAReasonAndASupervisorAndChangesWhatIsOwed() throws {
        try charge(amina, "XRAY")
        let invoice = try issuedInvoice(amina)
        try assertRefused(try store.cashier.setDiscount(invoice.invoiceID, amountMinor: 50_000, reason: " ", authorizedBy: approval, by: cashier),
                          "reason: is required")
        let cashierAsApprover = Authorization(userID: cashier.userID!, displayName: cashier.displayName)
        try assertRefused(try store.cashier.setDiscount(invoice.invoiceID, amountMinor: 50_000, reason: "staff", authorizedBy: cashierAsApprover, by: cashier),
                          "may not authorise a discount")
        let discounted = try store.cashier.setDiscount(invoice.invoiceID, amountMinor: 50_000, reason: "hardship", authorizedBy: approval, by: cashier)
        XCTAssertEqual(discounted.patientShareMinor, 200_000)
        XCTAssertEqual(discounted.discountAuthorizedBy, supervisor.userID)
    }

    func testAVoidNeedsNothingPaidAndReopensTheCharges() throws {
        try store.cashier.openShift(floatMinor: 0, by: cashier)
        let charges = try charge(amina, "CONSULT")
        let invoice = try issuedInvoice(amina)
        let receipt = try store.cashier.takePayment(patientID: amina, invoiceID: invoice.invoiceID, parts: [.init(.cash, 10_000)], by: cashier)
        try assertRefused(try store.cashier.voidInvoice(invoice.invoiceID, reason: "wrong patient", authorizedBy: approval, by: cashier),
                          "money has been paid on it; refund that first")
        try store.cashier.refund(receipt.payment.paymentID, parts: [.init(.cash, 10_000)], reason: "wrong patient", authorizedBy: approval, by: cashier)
        let void = try store.cashier.voidInvoice(invoice.invoiceID, reason: "wrong patient", authorizedBy: approval, by: cashier)
        XCTAssertEqual(void.status, .void)
        XCTAssertEqual(try count("charges", "charge_id = ? AND status = 'open' AND invoice_id IS NULL", [charges[0].chargeID]), 1)
        XCTAssertEqual(try count("invoices"), 1, "nothing is deleted")
        XCTAssertEqual(try store.cashier.issueInvoice(try store.cashier.draftInvoice(patientID: amina, by: cashier).invoiceID, by: cashier).number,
                       "INV-000002", "the voided number is not reused")
    }

    // MARK: - Payments

    func testPartialPaymentsInSeveralMethodsSettleTheInvoiceExactlyAtZero() throws {
        try store.cashier.openShift(floatMinor: 0, by: cashier)
        try charge(amina, "XRAY")
        let invoice = try issuedInvoice(amina)
        try store.cashier.takePayment(patientID: amina, invoiceID: invoice.invoiceID,
                              parts: [.init(.mobileMoney, 100_000, reference: "QK7X2"), .init(.cash, 49_999)], by: cashier)
        XCTAssertEqual(try self.invoice(invoice.invoiceID).patientBalanceMinor, 100_001)
        XCTAssertEqual(try store.cashier.unpaidInvoices(of: amina).count, 1)
        XCTAssertEqual(try store.cashier.unpaidInvoices(of: amina).amountMinor, 100_001, "what the patient summary shows as due")
        XCTAssertEqual(try self.invoice(invoice.invoiceID).status, .issued)
        try assertRefused(try store.cashier.takePayment(patientID: amina, invoiceID: invoice.invoiceID, parts: [.init(.bankTransfer, 100_001)], by: cashier),
                          "bank transfer needs its reference")
        try store.cashier.takePayment(patientID: amina, invoiceID: invoice.invoiceID, parts: [.init(.bankTransfer, 100_001, reference: "FT-9")], by: cashier)
        XCTAssertEqual(try self.invoice(invoice.invoiceID).status, .paid)
        XCTAssertEqual(try store.cashier.unpaidInvoices(of: amina).count, 0)
        try assertRefused(try store.cashier.takePayment(patientID: amina, invoiceID: invoice.invoiceID, parts: [.init(.cash, 1)], by: cashier),
                          "it is paid")
    }

    func testCashTenderedMustCoverTheCashAndADraftIsNotPaid() throws {
        try store.cashier.openShift(floatMinor: 0, by: cashier)
        try charge(amina, "LAB")
        let draft = try store.cashier.draftInvoice(patientID: amina, by: cashier)
        try assertRefused(try store.cashier.takePayment(patientID: amina, invoiceID: draft.invoiceID, parts: [.init(.cash, Self.lab)], by: cashier),
                          "issue it before taking payment")
        _ = try store.cashier.issueInvoice(draft.invoiceID, by: cashier)
        try assertRefused(try store.cashier.takePayment(patientID: amina, invoiceID: draft.invoiceID, parts: [.init(.cash, Self.lab)],
                                                tenderedMinor: 40_000, by: cashier), "is less than the cash amount")
        try assertRefused(try store.cashier.takePayment(patientID: amina, invoiceID: draft.invoiceID, parts: [.init(.card, Self.lab)],
                                                tenderedMinor: 60_000, by: cashier), "cash tendered goes with a cash amount")
    }

    func testADepositIsCollectedOnceWhenTakenAndAppliedLaterWithoutCountingAgain() throws {
        try store.cashier.openShift(floatMinor: 0, by: cashier)
        try store.cashier.takePayment(patientID: amina, parts: [.init(.cash, 300_000)], by: cashier)
        XCTAssertEqual(try store.cashier.accountCredit(of: amina), 300_000)
        clock.advance(2 * 86_400)
        try charge(amina, "XRAY")
        let invoice = try issuedInvoice(amina)
        try assertRefused(try store.cashier.applyDeposit(patientID: amina, invoiceID: invoice.invoiceID, amountMinor: 300_000, by: cashier),
                          "the patient owes KES 2,500.00")
        try store.cashier.applyDeposit(patientID: amina, invoiceID: invoice.invoiceID, amountMinor: Self.xray, by: cashier)
        XCTAssertEqual(try self.invoice(invoice.invoiceID).status, .paid)
        XCTAssertEqual(try store.cashier.accountCredit(of: amina), 50_000)
        let first = try store.cashier.collections(from: CalendarDay("2026-11-22")!, to: CalendarDay("2026-11-22")!)
        let later = try store.cashier.collections(from: CalendarDay("2026-11-23")!, to: CalendarDay("2026-11-30")!)
        XCTAssertEqual(first.netMinor, 300_000, "counted on the day it was paid")
        XCTAssertEqual(later.netMinor, 0, "applying a deposit moves no money")
    }

    // MARK: - Refunds

    func testARefundNeedsASupervisorAReasonAndCannotExceedWhatWasPaid() throws {
        try store.cashier.openShift(floatMinor: 100_000, by: cashier)
        try charge(amina, "CONSULT")
        let invoice = try issuedInvoice(amina)
        let paid = try store.cashier.takePayment(patientID: amina, invoiceID: invoice.invoiceID, parts: [.init(.cash, Self.consult)], by: cashier)
        let cashierAsApprover = Authorization(userID: cashier.userID!, displayName: cashier.displayName)
        try assertRefused(try store.cashier.refund(paid.payment.paymentID, parts: [.init(.cash, 10_000)], reason: "overcharged",
                                           authorizedBy: cashierAsApprover, by: cashier), "may not authorise a refund")
        try assertRefused(try store.cashier.refund(paid.payment.paymentID, parts: [.init(.cash, 10_000)], reason: "",
                                           authorizedBy: approval, by: cashier), "reason: is required")
        let refund = try store.cashier.refund(paid.payment.paymentID, parts: [.init(.cash, 40_000)], reason: "lab not done",
                                      authorizedBy: approval, by: cashier)
        XCTAssertEqual(refund.payment.kind, .refund)
        XCTAssertEqual(refund.payment.receiptNumber, "RCT-000002")
        XCTAssertEqual(refund.payment.authorizedBy, supervisor.userID)
        let reopened = try self.invoice(invoice.invoiceID)
        XCTAssertEqual(reopened.status, .issued, "a refunded invoice is owed again")
        XCTAssertEqual(reopened.patientBalanceMinor, 40_000)
        try assertRefused(try store.cashier.refund(paid.payment.paymentID, parts: [.init(.cash, 60_001)], reason: "again",
                                           authorizedBy: approval, by: cashier), "RCT-000001 has KES 600.00 left to refund")
        XCTAssertEqual(try count("payments"), 2, "the refund is an entry of its own; nothing deleted")
        let report = try store.cashier.closeShift(count: [100_000: 1, 10_000: 6], floatLeftMinor: 0, by: cashier)
        XCTAssertEqual(report.expectedCashMinor, 160_000, "float + 1,000.00 in − 400.00 out")
        XCTAssertEqual(report.shift.overShortMinor, 0)
    }

    func testACashRefundCannotExceedTheDrawerAndAnInsurersShareIsNotRefundedAtTheCounter() throws {
        try store.cashier.openShift(floatMinor: 0, by: cashier)
        try charge(baraka, "XRAY")
        let invoice = try issuedInvoice(baraka)
        let card = try store.cashier.takePayment(patientID: baraka, invoiceID: invoice.invoiceID,
                                         parts: [.init(.card, 50_000), .init(.insurance, 200_000, reference: "CLM-1")], by: cashier)
        try assertRefused(try store.cashier.refund(card.payment.paymentID, parts: [.init(.cash, 10_000)], reason: "overcharged",
                                           authorizedBy: approval, by: cashier), "the drawer should hold KES 0.00")
        try assertRefused(try store.cashier.refund(card.payment.paymentID, parts: [.init(.insurance, 10_000, reference: "CLM-2")], reason: "claim",
                                           authorizedBy: approval, by: cashier), "a refund is paid back in cash, card")
        try assertRefused(try store.cashier.refund(card.payment.paymentID, parts: [.init(.card, 60_000)], reason: "all of it",
                                           authorizedBy: approval, by: cashier), "RCT-000001 has KES 500.00 left to refund")
        try store.cashier.refund(card.payment.paymentID, parts: [.init(.card, 50_000)], reason: "lab not done", authorizedBy: approval, by: cashier)
        XCTAssertEqual(try self.invoice(invoice.invoiceID).payerPaidMinor, 200_000, "the insurer's settlement stands")
    }

    func testVoidingAnInvoicePaidFromADepositGivesTheDepositBack() throws {
        try store.cashier.openShift(floatMinor: 0, by: cashier)
        try store.cashier.takePayment(patientID: amina, parts: [.init(.cash, 100_000)], by: cashier)
        try charge(amina, "CONSULT")
        let invoice = try issuedInvoice(amina)
        try store.cashier.applyDeposit(patientID: amina, invoiceID: invoice.invoiceID, amountMinor: Self.consult, by: cashier)
        XCTAssertEqual(try store.cashier.accountCredit(of: amina), 0)
        let void = try store.cashier.voidInvoice(invoice.invoiceID, reason: "wrong patient", authorizedBy: approval, by: cashier)
        XCTAssertEqual(void.status, .void)
        XCTAssertEqual(void.patientPaidMinor, 0)
        XCTAssertEqual(try store.cashier.accountCredit(of: amina), 100_000)
    }

    func testAnAuthorisationChecksTheSupervisorsPasswordAndRole() throws {
        XCTAssertThrowsError(try store.cashier.authorize(username: "supervisor", password: "wrong-pass", action: "a refund")) { error in
            XCTAssertEqual(error as? StoreError, .wrongCredentials)
        }
        XCTAssertThrowsError(try store.cashier.authorize(username: "cashier2", password: "pass-cashier2", action: "a refund")) { error in
            XCTAssertTrue("\(error)".contains("may not authorise a refund"), "\(error)")
        }
        XCTAssertEqual(try store.cashier.authorize(username: "supervisor", password: "pass-supervisor", action: "a refund").userID,
                       supervisor.userID)
    }

    // MARK: - Reports

    func testCollectionsByMethodAndCashierReconcileWithTheShifts() throws {
        try store.cashier.openShift(floatMinor: 0, by: cashier)
        try store.cashier.openShift(floatMinor: 0, by: cashier2)
        try charge(amina, "XRAY")
        let invoice = try issuedInvoice(amina)
        let first = try store.cashier.takePayment(patientID: amina, invoiceID: invoice.invoiceID,
                                          parts: [.init(.cash, 100_000), .init(.card, 50_000)], by: cashier)
        try store.cashier.takePayment(patientID: amina, invoiceID: invoice.invoiceID, parts: [.init(.cash, 100_000)], by: cashier2)
        try store.cashier.refund(first.payment.paymentID, parts: [.init(.cash, 20_000)], reason: "overcharge", authorizedBy: approval, by: cashier2)
        let day = CalendarDay("2026-11-22")!
        let collected = try store.cashier.collections(from: day, to: day)
        XCTAssertEqual(collected.netMinor, 230_000)
        XCTAssertEqual(collected.byMethod.map(\.name), ["Card", "Cash"])
        XCTAssertEqual(collected.byMethod.map(\.netMinor), [50_000, 180_000])
        XCTAssertEqual(collected.byCashier.map(\.netMinor), [150_000, 80_000])
        let shifts = try store.cashier.shifts(from: day, to: day)
        XCTAssertEqual(shifts.reduce(0) { $0 + $1.expectedCashMinor }, 180_000)
        XCTAssertEqual(try store.cashier.outstandingInvoices().map(\.invoice.invoiceID), [invoice.invoiceID])
    }
}
