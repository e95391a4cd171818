// Destructive commands marked `confirmedBy: .form` open their form and write nothing until it is saved.
import FrontDeskCore
import FrontDeskStore
import TerminalKit
import XCTest

@testable import FrontDeskApp
@testable import FrontDeskShell
@testable import QueueDesk

final class DestructiveFormTests: ShellTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        let admin = try store.signIn(username: "admin", password: "admin-pass-1")
        try store.setFee(code: "CONSULT", name: "Consultation", amountMinor: 50_000, from: CalendarDay("2026-01-01")!, by: admin)
        let gen = try store.queue.addService(code: "GEN", name: "General Outpatient", feeCode: "CONSULT", by: admin)
        try addUser("sup", .supervisor, password: "sup-pass-1")
        let supervisor = try store.signIn(username: "sup", password: "sup-pass-1")
        let patient = try store.registerPatient(NewPatient(firstName: "Amina", lastName: "Okafor", sex: "female", dob: "1990-04-12"),
                                                by: supervisor)
        _ = try store.queue.checkIn(NewCheckIn(patientID: patient.patientID, serviceID: gen.serviceID), by: supervisor)
    }

    /// Presses `key` on the screen on top: a form must open, and nothing may be written yet.
    private func assertOpensAFormAndWritesNothing(_ key: Key, _ command: Command, line: UInt = #line) throws {
        XCTAssertTrue(command.destructive && command.confirmedBy == .form, "\(command.title) is not a form-confirmed command", line: line)
        let before = try store.ledgerHead().seq
        let screen = shell.top
        shell.press(key)
        XCTAssertTrue(shell.top is FormScreen, "\(command.title) did not open its form: \(Swift.type(of: shell.top))", line: line)
        XCTAssertEqual(try store.ledgerHead().seq, before, "\(command.title) wrote before its form was saved", line: line)
        shell.press(.escape)
        XCTAssertTrue(shell.top === screen, line: line)
        XCTAssertEqual(try store.ledgerHead().seq, before, "\(command.title) wrote when its form was left", line: line)
    }

    func testTheQueueBoardsDestructiveCommandsAskInTheirForms() throws {
        signIn("sup", "sup-pass-1")
        shell.press(.function(3))
        XCTAssertTrue(shell.top is QueueBoardScreen)
        XCTAssertTrue(screen().contains("Okafor"), screen())
        try assertOpensAFormAndWritesNothing(.character("x"), Commands.cancelCheckIn)
        try assertOpensAFormAndWritesNothing(.character("z"), Commands.closeDay)
    }
}
