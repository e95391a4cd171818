// Issue 13: what stands beside a form field (a problem or a hint) reads whole or is shortened at a
// word, never cut mid-word, and the whole of it is under the form.
import FrontDeskCore
import FrontDeskStore
import XCTest

@testable import FrontDeskApp
@testable import FrontDeskShell
@testable import QueueDesk
@testable import RegistrationDesk

final class FormNoteTests: ShellTestCase {
    private func line(_ label: String) -> String {
        screen().split(separator: "\n").first { $0.hasPrefix("  \(label) ") }.map(String.init) ?? ""
    }

    private func record() throws -> PatientRecord {
        try addUser("clerk", .receptionist, password: "clerk-pass-1")
        let clerk = try store.signIn(username: "clerk", password: "clerk-pass-1")
        let id = try store.registerPatient(NewPatient(firstName: "Amina", lastName: "Okafor", sex: "female", dob: "1990-04-12"),
                                           by: clerk).patientID
        return try XCTUnwrap(store.patientRecord(id))
    }

    /// It read "101.3 looks like °" beside the field.
    func testTheFahrenheitOfferReadsBesideTheTemperatureUpToAWord() throws {
        signIn("admin", "admin-pass-1")
        shell.show(VitalsForm.make(encounterID: "none", who: "Okafor, Amina", context: shell.context))
        shell.press(.tab); shell.press(.tab)
        type("101.3")
        shell.press(.ctrl("s"))
        XCTAssertTrue(line("Temperature").contains("101.3 looks like °F = 38.5 °C;"), screen())
        XCTAssertTrue(screen().contains("Temperature: 101.3 looks like °F = 38.5 °C; Ctrl-S again saves 38.5 °C"), screen())
    }

    /// The merge reason's hint read "e.g. same person registered…" beside the field and nowhere whole.
    func testALongHintIsWholeUnderTheForm() throws {
        let record = try record()
        signIn("admin", "admin-pass-1")
        shell.show(DetailForms.merge(into: record, duplicate: record))
        XCTAssertTrue(screen().contains("e.g. same person registered twice"), screen())
        XCTAssertTrue(line("Reason").contains("e.g. same person registered"), screen())
    }

    func testTheAllergiesHintStandsWholeBesideItsField() throws {
        signIn("admin", "admin-pass-1")
        shell.show(PatientForm.register(prefill: "", context: shell.context))
        for _ in 0..<12 { shell.press(.tab) }
        XCTAssertTrue(line("Allergies").contains("several: separate with , or ;"), screen())
    }
}

/// Issue 13: one-line messages of the booking screen and the duplicate warning wrap, never cut.
final class OneLineMessageTests: ShellTestCase {
    func testALongNameInTheDuplicateWarningWrapsWhole() throws {
        try addUser("clerk", .receptionist, password: "clerk-pass-1")
        let clerk = try store.signIn(username: "clerk", password: "clerk-pass-1")
        let candidate = NewPatient(firstName: "Hubert Blaine Maximilian", lastName: "Wolfeschlegelsteinhausenbergerdorff",
                                   sex: "male", dob: "1970-01-01")
        _ = try store.registerPatient(candidate, by: clerk)
        let hits = try store.findPatients("Wolfeschlegelsteinhausenbergerdorff").hits
        XCTAssertFalse(hits.isEmpty)
        signIn("admin", "admin-pass-1")
        shell.show(DuplicateWarningScreen(candidate: candidate, duplicates: hits))
        let text = screen().split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        XCTAssertTrue(text.contains("Wolfeschlegelsteinhausenbergerdorff, Hubert Blaine Maximilian may already be registered:"), screen())
    }

    func testTheBookingScreenWithoutDoctorsSaysSoWhole() throws {
        try addUser("clerk", .receptionist, password: "clerk-pass-1")
        let clerk = try store.signIn(username: "clerk", password: "clerk-pass-1")
        let id = try store.registerPatient(NewPatient(firstName: "Amina", lastName: "Okafor", sex: "female", dob: "1990-04-12"),
                                           by: clerk).patientID
        signIn("admin", "admin-pass-1")
        shell.show(BookingScreen(patientID: id, context: shell.context, popping: 1))
        let text = screen().split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        XCTAssertTrue(text.contains("An administrator adds them with `frontdesk doctors add`."), screen())
    }
}
