// The cashier desk at 80×24 as issue 13 found it: remittances, shares, prints, refunds, questions, footers, who waits to pay.
import FrontDeskCore
import FrontDeskStore
import TerminalKit
import XCTest

@testable import FrontDeskApp
@testable import FrontDeskShell
@testable import CashierDesk

final class CashierCounterScreenTests: ShellTestCase {
    var baraka: String!
    var till: Actor!

    override func setUpWithError() throws {
        try super.setUpWithError()
        let admin = try store.signIn(username: "admin", password: "admin-pass-1")
        let day = CalendarDay("2026-01-01")!
        try store.setFee(code: "CONSULT", name: "Consultation", amountMinor: 100_000, from: day, by: admin)
        try store.setFee(code: "XRAY", name: "Chest X-ray", amountMinor: 250_000, from: day, by: admin)
        try addUser("clerk", .receptionist, password: "clerk-pass-1")
        try addUser("till", .cashier, password: "till-pass-1")
        try addUser("till2", .cashier, password: "till2-pass-1")
        try addUser("boss", .supervisor, password: "boss-pass-1")
        var insured = NewPatient(firstName: "Baraka", lastName: "Mutua", sex: "male", dob: "1985-01-30")
        insured.policies = [NewPolicy(payer: "NHIF", policyNumber: "NH-1", holderName: "Baraka Mutua", validFrom: "2026-01-01",
                                      coveragePercent: 80)]
        baraka = try store.registerPatient(insured, by: try store.signIn(username: "clerk", password: "clerk-pass-1")).patientID
        till = try store.signIn(username: "till", password: "till-pass-1")
    }

    private func openDesk() {
        signIn("till", "till-pass-1")
        shell.press(.function(6))
    }

    /// The screen's words on one line: a question wraps where the width says.
    private func words() -> String { screen().split(whereSeparator: \.isWhitespace).joined(separator: " ") }

    private func openAccount() {
        shell.press(.character("f"))
        type("mutua")
        shell.settle()
        shell.press(.enter)
    }

    /// Baraka's consultation (1,000.00: NHIF 800.00, he 200.00), invoiced and issued by `actor`.
    private func issuedConsultation(by actor: Actor) throws -> Invoice {
        try store.cashier.addCounterCharge(patientID: baraka, code: "CONSULT", by: actor)
        return try store.cashier.issueInvoice(try store.cashier.draftInvoice(patientID: baraka, by: actor).invoiceID, by: actor)
    }

    // Item 1: the insurer's part is not on the patient's receipt.
    func testASplitPaymentReceivesOnlyThePatientsMoneyAndNamesTheRemittance() throws {
        try store.cashier.openShift(floatMinor: 0, by: till)
        _ = try issuedConsultation(by: till)
        openDesk()
        openAccount()
        shell.press(.enter)  // the invoice
        shell.press(.character("p"))
        type("200")          // cash
        for _ in 0..<8 { shell.press(.tab) }
        type("800")          // insurance
        shell.press(.tab)
        type("CLM-9")
        shell.press(.ctrl("s"))
        XCTAssertTrue(screen().contains("RCT-000001: KES 200.00 received"), screen())
        XCTAssertFalse(screen().contains("1,000.00 received"), screen())
        XCTAssertTrue(screen().contains("The insurer's KES 800.00 is on remittance REM-000001, not in the drawer."), screen())
        shell.press(.escape)
        shell.press(.escape)
        shell.press(.escape)
        XCTAssertTrue(screen().contains("Cash KES 200.00 · insurers KES 800.00 (not drawer)"), screen())
    }

    // Item 2: before invoicing, the summary shows her share, and the insurer's apart.
    func testTheSummaryShowsThePatientsShareBeforeInvoicing() throws {
        try store.cashier.addCounterCharge(patientID: baraka, code: "CONSULT", by: till)
        signIn("till", "till-pass-1")
        shell.press(.ctrl("f"))
        type("mutua")
        shell.settle()
        shell.press(.enter)
        XCTAssertTrue(screen().contains("Balance due: KES 200.00 (1 open charge, for the cashier)"), screen())
        XCTAssertTrue(screen().contains("NHIF pays KES 800.00 of the open charges"), screen())
        XCTAssertFalse(screen().contains("1,000.00 (1 open charge"), screen())
    }

    // Item 3: a failed print is not "printed"; a file is named.
    func testAFailedPrintIsNotShownAsPrintedAndAFileIsNamed() throws {
        let admin = try store.signIn(username: "admin", password: "admin-pass-1")
        try store.cashier.setReceiptPrinter(command: "cat >/dev/null; echo 'lp: not found' >&2; exit 127", width: 42, by: admin)
        try store.cashier.openShift(floatMinor: 0, by: till)
        let invoice = try issuedConsultation(by: till)
        try store.cashier.takePayment(patientID: baraka, invoiceID: invoice.invoiceID, parts: [.init(.card, 20_000)], by: till)
        openDesk()
        openAccount()
        shell.press(.down)   // the receipt, under the invoice
        shell.press(.character("p"))
        XCTAssertTrue(screen().contains("Printing failed"), screen())
        XCTAssertFalse(screen().contains("printed"), screen())
        shell.press(.character("w"))
        XCTAssertTrue(screen().contains("written to RCT-000001.txt"), screen())
        shell.press(.character("w"))  // again: the copy's file, named whole at 80 columns
        XCTAssertTrue(screen().contains("200.00 written to RCT-000001-copy.txt"), screen())
        XCTAssertFalse(screen().contains("printed"), screen())
        XCTAssertEqual(try store.cashier.receipt(try store.cashier.receipts(ofPatient: baraka)[0].paymentID).payment.prints, 2, "two files; the failed print not counted")
    }

    // Items 4 and 5: the refund starts at what is left, and no shift is said before any password.
    func testASecondRefundStartsAtWhatIsLeftAndNoShiftIsSaidFirst() throws {
        try store.cashier.openShift(floatMinor: 0, by: till)
        let invoice = try issuedConsultation(by: till)
        let paid = try store.cashier.takePayment(patientID: baraka, invoiceID: invoice.invoiceID, parts: [.init(.card, 20_000)], by: till)
        let boss = try store.cashier.authorize(username: "boss", password: "boss-pass-1", action: "a refund")
        try store.cashier.refund(paid.payment.paymentID, parts: [.init(.card, 8_000)], reason: "half", authorizedBy: boss, by: till)
        openDesk()
        openAccount()
        shell.press(.down)
        shell.press(.down)   // RCT-000001, under the refund RCT-000002
        shell.press(.character("r"))
        XCTAssertTrue(screen().contains("Refund RCT-000001"), screen())
        XCTAssertEqual((shell.top as? FormScreen)?.values.first, "120.00", "what is left, not the 200.00 paid")
        XCTAssertTrue(screen().contains("KES 120.00 left to refund"), screen())

        shell.press(.escape)
        shell.press(.escape)
        shell.press(.escape)
        shell.press(.ctrl("q"))
        shell.press(.character("y"))
        let next = try ShellContext(store: store, clock: clock, terminalName: "test")
        shell = Shell(context: next, idleLockSeconds: 60)
        signIn("till2", "till2-pass-1")
        shell.press(.function(6))
        openAccount()
        shell.press(.down)
        shell.press(.down)
        shell.press(.character("r"))
        XCTAssertTrue(screen().contains("open a shift first"), screen())
        XCTAssertFalse(screen().contains("Supervisor"), "no one is asked for a password:\n\(screen())")
    }

    // Item 6: a blank float is not 0; a huge one asks first.
    func testABlankFloatIsRefusedAndAnUnusualOneAsksFirst() throws {
        openDesk()
        shell.press(.character("o"))
        shell.press(.ctrl("s"))
        XCTAssertTrue(screen().contains("type the cash counted into the drawer (0 for an empty drawer)"), screen())
        type("9999999999")
        shell.press(.ctrl("s"))
        XCTAssertTrue(words().contains("A float of KES 9,999,999,999.00? This facility's floats are up to KES 100,000.00."), screen())
        XCTAssertNil(try store.cashier.currentShift(of: till), "nothing opened while it asks")
        shell.press(.character("n"))
        XCTAssertTrue(screen().contains("Open a shift"), screen())
        for _ in 0..<10 { shell.press(.backspace) }
        type("5000")
        shell.press(.ctrl("s"))
        XCTAssertTrue(screen().contains("Shift 1 open with a float of KES 5,000.00."), screen())
    }

    // Item 6: closing asks first, with over or short, and a count beyond any drawer says so.
    func testClosingAShiftAsksFirstShowingTheShortage() throws {
        try store.cashier.openShift(floatMinor: 100_000, by: till)
        openDesk()
        shell.press(.character("z"))
        for _ in 0..<4 { shell.press(.tab) }  // × 1,000.00 … to × 50.00
        type("1")
        shell.press(.ctrl("s"))
        XCTAssertTrue(words().contains("Close shift 1? Counted KES 50.00, expected KES 1,000.00: SHORT KES 950.00."), screen())
        XCTAssertEqual(try store.cashier.currentShift(of: till)?.status, .open, "nothing closed while it asks")
        shell.press(.character("y"))
        XCTAssertTrue(screen().contains("SHORT"), screen())
        XCTAssertEqual(try store.cashier.currentShift(of: till), nil)
    }

    // Item 6: a fee far above the facility's, or starting far ahead, asks first; an ordinary one does not.
    func testAnUnusualFeeAsksFirst() throws {
        signIn("admin", "admin-pass-1")
        shell.press(.function(11))
        shell.press(.character("n"))
        type("MRI")
        shell.press(.tab)
        type("MRI scan")
        shell.press(.tab)
        type("9999999999")
        shell.press(.tab)
        for _ in 0..<10 { shell.press(.backspace) }
        type("2027-06-01")
        shell.press(.ctrl("s"))
        XCTAssertTrue(words().contains("KES 9,999,999,999.00 is more than this facility's fees (up to KES 1,000,000.00); 2027-06-01 is more than 90 days ahead."), screen())
        XCTAssertFalse(try store.fees().contains { $0.code == "MRI" }, "nothing set while it asks")
        shell.press(.character("y"))
        XCTAssertTrue(screen().contains("MRI: KES 9,999,999,999.00 from 2027-06-01."), screen())
        shell.press(.character("n"))
        type("LAB")
        shell.press(.tab)
        type("Full blood count")
        shell.press(.tab)
        type("500")
        shell.press(.ctrl("s"))
        XCTAssertTrue(screen().contains("LAB: KES 500.00 from 2026-11-22."), "an ordinary rate is set at once:\n\(screen())")
    }

    // Item 7: a paid invoice offers nothing it cannot do; an issued one offers discount and void.
    func testTheInvoiceFooterShowsOnlyWhatCanActOnIt() throws {
        try store.cashier.openShift(floatMinor: 0, by: till)
        let invoice = try issuedConsultation(by: till)
        openDesk()
        openAccount()
        shell.press(.enter)
        let footer = { self.screen().split(separator: "\n").last.map(String.init) ?? "" }
        XCTAssertTrue(footer().contains("p Pay") && footer().contains("d Discount") && footer().contains("x Void"), footer())
        XCTAssertFalse(footer().contains("s Issue") || footer().contains("a Add service") || footer().contains("Use deposit"), footer())
        try store.cashier.takePayment(patientID: baraka, invoiceID: invoice.invoiceID,
                                      parts: [.init(.card, 20_000), .init(.insurance, 80_000, reference: "CLM-1")], by: till)
        shell.dataChanged()
        shell.settle()
        XCTAssertTrue(screen().contains("PAID"), screen())
        for offer in ["Pay", "Issue", "Add service", "Use deposit", "Discount", "Void"] {
            XCTAssertFalse(footer().contains(offer), "a paid invoice offers \(offer): \(footer())")
        }
        shell.press(.function(1))
        XCTAssertFalse(screen().contains("Take a payment on this invoice"), "nor does its help:\n\(screen())")
        shell.press(.escape)
        shell.press(.character("p"))
        XCTAssertFalse(screen().contains("Payment"), "p does nothing on a paid invoice:\n\(screen())")
    }

    // Item 7: the collections' help is its own.
    func testCollectionsHelpIsHeadedCollections() throws {
        openDesk()
        shell.press(.character("c"))
        shell.press(.function(1))
        XCTAssertTrue(screen().contains("Help: Collections"), screen())
        XCTAssertFalse(screen().contains("Queue report"), screen())
    }

    // Item 8: the desk lists who is waiting to pay.
    func testTheDeskListsPatientsWaitingToPay() throws {
        try store.cashier.addCounterCharge(patientID: baraka, code: "XRAY", by: till)
        openDesk()
        XCTAssertTrue(screen().contains("Waiting to pay"), screen())
        let line = screen().split(separator: "\n").first { $0.contains("Mutua, Baraka") }.map(String.init) ?? ""
        XCTAssertTrue(line.contains("to invoice") && line.contains("500.00") && line.contains("2,000.00"), line)
        shell.press(.enter)
        XCTAssertTrue(screen().contains("Patient account"), screen())
    }
}
