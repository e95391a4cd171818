// Issue 13: the cashier's amounts that were cut at 80×24 ("Insurance KES", "· on account KES",
// "short 9,999,999,999.0") are shown whole, with the screen-wide check of ScreenCutsTests.
import FrontDeskCore
import FrontDeskStore
import TerminalKit
import XCTest

@testable import FrontDeskApp
@testable import FrontDeskShell

final class CashierAmountsUncutTests: ShellTestCase {
    var patient: String!
    var till: Actor!

    override func setUpWithError() throws {
        try super.setUpWithError()
        let admin = try store.signIn(username: "admin", password: "admin-pass-1")
        try store.setFee(code: "CONSULT", name: "Consultation", amountMinor: 100_000, from: CalendarDay("2026-01-01")!, by: admin)
        try addUser("clerk", .receptionist, password: "clerk-pass-1")
        try addUser("till", .cashier, password: "till-pass-1")
        // A long name, so that the account's header and lines are as full as they get.
        var insured = NewPatient(firstName: "Nyambura Wanjiku Elizabeth", lastName: "Kamau-Ochieng", sex: "female", dob: "1985-01-30")
        insured.policies = [NewPolicy(payer: "National Hospital Insurance Fund", policyNumber: "NH-1", holderName: "Nyambura Kamau",
                                      validFrom: "2026-01-01", coveragePercent: 80)]
        patient = try store.registerPatient(insured, by: try store.signIn(username: "clerk", password: "clerk-pass-1")).patientID
        till = try store.signIn(username: "till", password: "till-pass-1")
    }

    private func problems(_ what: String) -> [String] {
        ScreenCutsTests.problems(in: shell.render(width: 80, height: 24), name: what)
    }

    /// The screen's words on one line (a line may wrap where the width says).
    private func words() -> String { screen().split(whereSeparator: \.isWhitespace).joined(separator: " ") }

    func testTheAccountAndTheInvoiceShowTheInsurersShareAndMoneyOnAccountWhole() throws {
        try store.cashier.openShift(floatMinor: 0, by: till)
        _ = try store.cashier.takePayment(patientID: patient, parts: [TenderLine(.cash, 1_234_567_800)], by: till)  // a deposit
        try store.cashier.addCounterCharge(patientID: patient, code: "CONSULT", by: till)
        let invoice = try store.cashier.issueInvoice(try store.cashier.draftInvoice(patientID: patient, by: till).invoiceID, by: till)
        XCTAssertEqual(invoice.status, .issued)
        signIn("till", "till-pass-1")
        shell.press(.function(6))
        shell.press(.character("f"))
        type("kamau")
        shell.settle()
        shell.press(.enter)
        XCTAssertTrue(screen().contains("Patient account"), screen())
        XCTAssertTrue(words().contains("12,345,678.00"), "money on account whole:\n\(screen())")
        var found = problems("account")
        shell.press(.enter)  // the invoice
        XCTAssertTrue(words().contains("800.00"), "the insurer's share whole:\n\(screen())")
        found += problems("invoice")
        XCTAssertEqual(found, [], found.joined(separator: "\n"))
    }

    func testAShiftClosedFarShortShowsTheWholeShortage() throws {
        try store.cashier.openShift(floatMinor: 999_999_999_900, by: till)
        signIn("till", "till-pass-1")
        shell.press(.function(6))
        shell.press(.character("z"))
        for _ in 0..<4 { shell.press(.tab) }
        type("1")  // one 50.00 note against a float of 9,999,999,999.00
        shell.press(.ctrl("s"))
        XCTAssertTrue(words().contains("SHORT KES 9,999,999,949.00"), screen())
        var found = problems("close question")
        shell.press(.character("y"))
        XCTAssertTrue(words().contains("9,999,999,949.00"), "the shortage whole after closing:\n\(screen())")
        found += problems("closed shift")
        XCTAssertEqual(found, [], found.joined(separator: "\n"))
    }
}
