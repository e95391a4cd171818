// The cashier desk at 80×24: a shift, an invoice with the insurance split, a split payment with change, a refund, the Z-report.
import FrontDeskCore
import FrontDeskStore
import TerminalKit
import XCTest

@testable import FrontDeskApp
@testable import FrontDeskShell
@testable import RegistrationDesk
@testable import QueueDesk
@testable import CashierDesk

final class CashierScreenTests: ShellTestCase {
    var baraka: String!

    override func setUpWithError() throws {
        try super.setUpWithError()
        let admin = try store.signIn(username: "admin", password: "admin-pass-1")
        let day = CalendarDay("2026-01-01")!
        try store.setFee(code: "CONSULT", name: "Consultation", amountMinor: 100_000, from: day, by: admin)
        try store.setFee(code: "XRAY", name: "Chest X-ray", amountMinor: 250_000, from: day, by: admin)
        try addUser("clerk", .receptionist, password: "clerk-pass-1")
        try addUser("till", .cashier, password: "till-pass-1")
        try addUser("boss", .supervisor, password: "boss-pass-1")
        var insured = NewPatient(firstName: "Baraka", lastName: "Mutua", sex: "male", dob: "1985-01-30")
        insured.policies = [NewPolicy(payer: "NHIF", policyNumber: "NH-1", holderName: "Baraka Mutua", validFrom: "2026-01-01",
                                      coveragePercent: 80)]
        baraka = try store.registerPatient(insured, by: try store.signIn(username: "clerk", password: "clerk-pass-1")).patientID
    }

    private func openDesk() {
        signIn("till", "till-pass-1")
        shell.press(.function(6))
    }

    /// From the desk: find Baraka, add CONSULT and XRAY, make and issue the invoice.
    private func issueInvoice() {
        shell.press(.character("f"))
        type("mutua")
        shell.settle()
        shell.press(.enter)
        for code in ["CONSULT", "XRAY"] {
            shell.press(.character("a"))
            type(code)
            shell.press(.ctrl("s"))
        }
        shell.press(.character("i"))
        shell.press(.character("s"))
    }

    func testNoPaymentWithoutAShiftThenAnInsuredInvoiceIsSplitAndPaidWithChange() throws {
        openDesk()
        XCTAssertTrue(screen().contains("No open shift: no payments can be taken."), screen())
        shell.press(.character("o"))
        type("5000")
        shell.press(.ctrl("s"))
        XCTAssertTrue(screen().contains("Shift 1 open with a float of KES 5,000.00."), screen())
        issueInvoice()
        try assertGolden("cashier-invoice")
        shell.press(.character("p"))
        type("500")        // cash
        shell.press(.tab)
        type("1000")       // tendered
        shell.press(.tab)
        type("200")        // card: 700.00 paid of the 700.00 the patient owes
        shell.press(.ctrl("s"))
        XCTAssertTrue(screen().contains("RCT-000001: KES 700.00 received. CHANGE KES 500.00"), screen())
        try assertGolden("cashier-receipt")
        shell.press(.down)
        shell.press(.down)
        XCTAssertTrue(screen().contains("Change"), "the rest of the receipt scrolls into view:\n\(screen())")
        shell.press(.escape)
        XCTAssertTrue(screen().contains("ISSUED"), "the insurer still owes its share:\n\(screen())")
        XCTAssertTrue(screen().contains("BALANCE DUE (patient)                                 0.00"), screen())
    }

    func testARefundAsksForASupervisorAndAWrongPasswordChangesNothing() throws {
        openDesk()
        shell.press(.character("o"))
        type("0")
        shell.press(.ctrl("s"))
        issueInvoice()
        shell.press(.character("p"))
        type("700")
        shell.press(.ctrl("s"))
        shell.press(.escape)
        shell.press(.escape)  // the account
        shell.press(.down)    // the receipt, under the invoice
        shell.press(.character("r"))
        XCTAssertTrue(screen().contains("Refund RCT-000001"), screen())
        for _ in 0..<3 { shell.press(.tab) }  // amount, method, reference → supervisor
        type("boss")
        shell.press(.tab)
        type("wrong-pass")
        shell.press(.tab)
        type("charged twice")
        shell.press(.ctrl("s"))
        XCTAssertTrue(screen().contains("Wrong username or password."), screen())
        XCTAssertEqual(try store.cashier.receipts(ofPatient: baraka).count, 1)
        shell.press(.up)
        for _ in 0..<10 { shell.press(.backspace) }
        // Bytes the terminal could not read as UTF-8 (U+FFFD from the key decoder): refused, not checked.
        let logged = try store.securityLog(limit: 1000).count
        type("boss-pass-1\u{FFFD}")
        shell.press(.ctrl("s"))
        XCTAssertTrue(screen().contains("could not read as UTF-8"), screen())
        XCTAssertEqual(try store.securityLog(limit: 1000).count, logged, "no password was checked")
        shell.press(.backspace)
        shell.press(.ctrl("s"))
        XCTAssertTrue(screen().contains("Refund RCT-000002: KES 700.00 cash, authorised by Test Supervisor."), screen())
    }

    func testTheShiftClosesWithABlindCountAndTheZReportShowsTheShortage() throws {
        openDesk()
        shell.press(.character("o"))
        type("1000")
        shell.press(.ctrl("s"))
        issueInvoice()
        shell.press(.character("p"))
        type("700")
        shell.press(.ctrl("s"))
        shell.press(.escape)
        shell.press(.escape)
        shell.press(.escape)  // the desk
        shell.press(.character("z"))
        XCTAssertFalse(screen().contains("1,700.00"), "a blind count shows no expected total:\n\(screen())")
        type("1")              // × 1,000.00
        shell.press(.tab)
        type("1")              // × 500.00
        shell.press(.ctrl("s"))
        XCTAssertTrue(screen().contains("SHORT KES"), "closing asks first, with the shortage:\n\(screen())")
        shell.press(.character("y"))
        try assertGolden("cashier-z-report")
        XCTAssertTrue(screen().contains("SHORT"), screen())
    }
}
