// Issue 13 as users meet the shell: desk keys from anywhere, lookups that do not pile up, forms
// that ask before throwing typing away, help that scrolls and says so, settings that ask.
import FrontDeskCore
import FrontDeskStore
import XCTest

@testable import FrontDeskApp
@testable import FrontDeskShell
@testable import RegistrationDesk
@testable import QueueDesk
@testable import CashierDesk

final class ShellNavigationTests: ShellTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try addUser("boss", .supervisor, password: "boss-pass-1")
        try addUser("nurse1", .nurse, password: "nurse-pass-1")
        let boss = try store.signIn(username: "boss", password: "boss-pass-1")
        _ = try store.registerPatients([NewPatient(firstName: "Amina", lastName: "Okafor", sex: "female", dob: "1990-04-12")], by: boss)
    }

    func testDeskKeysWorkFromEveryDeskAndReplaceTheStack() throws {
        signIn("boss", "boss-pass-1")
        shell.press(.function(2))
        type("okafor")
        shell.settle()
        shell.press(.enter)
        XCTAssertTrue(screen().contains("Patient MR"), screen())
        shell.press(.function(3))
        XCTAssertEqual(shell.stack.count, 2, "the desk replaced what was open")
        XCTAssertTrue(screen().contains(shell.top.title))
        XCTAssertFalse(shell.top is PatientSummaryScreen)
        shell.press(.function(6))
        XCTAssertEqual(shell.stack.count, 2)
        shell.press(.escape)
        XCTAssertTrue(screen().contains("Welcome"), "Esc from a desk's first screen goes home:\n\(screen())")
    }

    func testCtrlFDoesNotPileUpLookups() throws {
        signIn("boss", "boss-pass-1")
        for _ in 0..<10 {
            shell.press(.ctrl("f"))
            shell.press(.ctrl("u"))
            type("okafor")
            shell.settle()
            shell.press(.enter)
            XCTAssertTrue(shell.top is PatientSummaryScreen)
        }
        XCTAssertEqual(shell.stack.count, 3, "home, one lookup, one summary")
        shell.press(.escape)
        shell.settle()
        shell.press(.escape)
        XCTAssertTrue(screen().contains("Welcome"), "two Escs to get home:\n\(screen())")
    }

    func testEscAsksBeforeThrowingAwayAFilledForm() throws {
        signIn("boss", "boss-pass-1")
        shell.press(.function(2))
        shell.press(.ctrl("n"))
        XCTAssertTrue(screen().contains("Register a patient"))
        shell.press(.escape)
        XCTAssertTrue(screen().contains("Find or register a patient"), "an untouched form just closes")
        shell.press(.ctrl("n"))
        type("Wanjiru")
        shell.press(.escape)
        XCTAssertTrue(screen().contains("Discard what was typed in Register a patient?"), screen())
        shell.press(.character("n"))
        XCTAssertEqual((shell.top as? FormScreen)?.values[0], "Wanjiru", "n keeps the form as it was")
        shell.press(.function(3))
        XCTAssertTrue(screen().contains("Discard what was typed"), "a desk key asks too")
        shell.press(.character("y"))
        XCTAssertFalse(shell.stack.contains { $0 is FormScreen })
    }

    func testEveryFieldsErrorShowsAtOnce() throws {
        signIn("boss", "boss-pass-1")
        shell.press(.function(2))
        shell.press(.ctrl("n"))
        for _ in 0..<4 { shell.press(.tab) }
        type("31/02/2020")
        shell.press(.ctrl("s"))
        let text = screen()
        XCTAssertTrue(text.contains("Family name        ") && text.contains("is required"), text)
        XCTAssertEqual((shell.top as? FormScreen)?.errors.count, 4, "family, given, sex and birth date:\n\(text)")
        XCTAssertTrue(text.contains("3 more fields to correct"), text)
        XCTAssertEqual(try store.patientCount(), 1)
    }

    func testChoiceFieldsSayWhichKeysChoose() throws {
        let form = FormScreen(title: "Pick", fields: [FormField("Name", maxLength: 10), .choice("Kind", ["cash", "card"])]) { _, _ in .pop }
        signIn("boss", "boss-pass-1")
        shell.show(form)
        XCTAssertFalse(screen().contains("→ Choose"), "a text field's arrows move the cursor")
        shell.press(.tab)
        XCTAssertTrue(screen().contains("→ Choose"), screen())
        shell.press(.right)
        XCTAssertEqual(form.values[1], "card")
        shell.press(.function(1))
        XCTAssertTrue(screen().contains("On a choice field: the next option"), screen())
    }

    func testHelpLongerThanTheScreenSaysThereIsMoreAndScrolls() throws {
        signIn("boss", "boss-pass-1")
        shell.press(.function(2))
        type("okafor")
        shell.settle()
        shell.press(.enter)
        shell.press(.function(1))
        var text = screen()
        XCTAssertTrue(text.contains("more ↓"), text)
        XCTAssertFalse(text.contains("↑ more"))
        XCTAssertTrue(text.contains("↑/↓ or PgUp/PgDn scroll"), "the keys to scroll are listed:\n\(text)")
        XCTAssertFalse(text.contains("c… "), "help is wrapped, not cut")
        for _ in 0..<40 { shell.press(.pageDown) }
        text = screen()
        XCTAssertTrue(text.contains("↑ more"), text)
        XCTAssertFalse(text.contains("more ↓"), text)
        XCTAssertTrue(text.contains("Find patient"), "the last key is reachable")
    }

    func testSignInHelpOffersNoLockOrSignOut() throws {
        shell.press(.function(1))
        let text = screen()
        XCTAssertTrue(text.contains("Help: Sign in"), text)
        XCTAssertFalse(text.contains("Lock"), text)
        XCTAssertFalse(text.contains("Sign out"), text)
    }

    func testANurseIsNotOfferedWhatANurseCannotDo() throws {
        signIn("nurse1", "nurse-pass-1")
        shell.press(.ctrl("f"))
        type("okafor")
        shell.settle()
        shell.press(.enter)
        let text = screen()
        XCTAssertTrue(text.contains("Patient MR"), text)
        XCTAssertFalse(text.contains("c adds a contact"), text)
        XCTAssertFalse(text.contains("c Contact"), text)
        XCTAssertTrue(text.contains("None recorded"), text)
    }

    func testSettingsEnterMovesOnAndSavingAsksFirst() throws {
        signIn("admin", "admin-pass-1")
        shell.press(.function(9))
        shell.press(.backspace)
        type("0")
        shell.press(.enter)
        XCTAssertEqual(try store.idleLockMinutes(), 5, "Enter saved nothing")
        shell.press(.up)
        shell.press(.backspace)
        shell.press(.backspace)
        type("12")
        shell.press(.ctrl("s"))
        XCTAssertTrue(screen().contains("Save these settings? Idle lock (minutes): 5 → 12."), screen())
        shell.press(.character("y"))
        XCTAssertTrue(screen().contains("Saved: terminals lock after 12 minutes"), screen())
        XCTAssertEqual(try store.idleLockMinutes(), 12)
    }

    func testAPasteTooLongForAFieldIsRefusedAndSaidBesideIt() throws {
        let form = FormScreen(title: "Name", fields: [FormField("Family name", maxLength: 100)]) { _, _ in .pop }
        signIn("boss", "boss-pass-1")
        shell.show(form)
        type(String(repeating: "y", count: 300))
        XCTAssertTrue(screen().contains("at most 100 characters"), screen())
        XCTAssertEqual(form.values[0].count, 100)
        shell.show(PatientLookupScreen(context: shell.context))
        type(String(repeating: "z", count: 300))
        XCTAssertTrue(screen().contains("The box takes at most 80 characters"), screen())
    }

    func testALongNameNeverRunsIntoTheMRN() throws {
        let boss = try store.signIn(username: "boss", password: "boss-pass-1")
        let name = "Zyxwvutsrqponmlkjihg"
        _ = try store.registerPatients([NewPatient(firstName: String(repeating: "Abcdefghij", count: 9), lastName: "Q" + name.lowercased(),
                                                   sex: "female", dob: "1990-04-12")], by: boss)
        signIn("boss", "boss-pass-1")
        shell.press(.ctrl("f"))
        type("q" + name.lowercased().prefix(6))
        shell.settle()
        shell.press(.enter)
        let header = screen().split(separator: "\n")[3]
        XCTAssertTrue(header.contains("… MRN MR"), String(header))
    }

    func testMessagesWrapWholeAndPhrasesAreShortenedAtAWord() throws {
        let refusal = "already in the General Outpatient queue as GEN-001 (checked in since 07:02); finish that visit first"
        let form = FormScreen(title: "Check in", fields: [FormField("Birth date or age", maxLength: 20, errorKeys: ["date of birth"])]) { _, _ in
            throw StoreError.invalid(ValidationError("check-in", refusal))
        }
        try addUser("rec1", .receptionist, password: "rec-pass-1")
        signIn("rec1", "rec-pass-1")
        shell.show(form)
        shell.press(.ctrl("s"))
        let joined = screen().split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        XCTAssertTrue(joined.contains("check-in: " + refusal), screen())
        shell.show(HomeScreen(context: shell.context))
        XCTAssertTrue(screen().contains("Find or register patients."), "whole when it fits")
        XCTAssertTrue(screen(width: 100, height: 30).contains("Check-in, queue board, appointments."), screen(width: 100, height: 30))
        XCTAssertTrue(screen().contains("Check-in, queue board…"), screen())
    }
}
