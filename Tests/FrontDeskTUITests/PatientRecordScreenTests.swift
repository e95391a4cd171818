// A patient's record after registration, at 80×24: edits and the duplicate warning, a merge found
// with the lookup, a nurse's allergy, the allergies field's split, an MRN without its check digit.
import FrontDeskCore
import FrontDeskStore
import TerminalKit
import XCTest

@testable import FrontDeskApp
@testable import FrontDeskShell
@testable import RegistrationDesk

final class PatientRecordScreenTests: ShellTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        let admin = try store.signIn(username: "admin", password: "admin-pass-1")
        try store.setPhoneCountryCode("254", by: admin)
        try addUser("clerk", .receptionist, password: "clerk-pass-1")
        let clerk = try store.signIn(username: "clerk", password: "clerk-pass-1")
        var okafor = NewPatient(firstName: "Amina", middleName: "Chidi", lastName: "Okafor", sex: "female", dob: "1990-04-12",
                                phone: "0712 345 678", nationalID: "12345678")
        okafor.allergies = [NewAllergy(substance: "Penicillin", reaction: "rash", severity: .severe)]
        _ = try store.registerPatients([
            okafor,                                                                                // MR00000018
            NewPatient(firstName: "Adébáyọ̀", lastName: "Okafor", sex: "male", dob: "1984-02-29"),  // MR00000026
            NewPatient(firstName: "Aminah", lastName: "Okafor", sex: "female", dob: "1991-07-01"),   // MR00000034
        ], by: clerk)
    }

    private func lookUp(_ text: String) {
        shell.press(.ctrl("u"))
        type(text)
        shell.settle()
    }

    /// Signs in and opens the summary of the patient `text` finds first.
    private func openPatient(_ text: String, as user: String = "clerk", _ password: String = "clerk-pass-1") {
        signIn(user, password)
        shell.press(.ctrl("f"))
        lookUp(text)
        shell.press(.enter)
    }

    /// On an open form: moves `tabs` fields on and replaces that field's text.
    private func retype(afterTabs tabs: Int, _ text: String) {
        for _ in 0..<tabs { shell.press(.tab) }
        shell.press(.ctrl("u"))
        type(text)
    }

    // MARK: - An MRN without its check digit

    func testAnMRNWithoutItsCheckDigitIsOfferedAndSaidSo() throws {
        signIn("clerk", "clerk-pass-1")
        shell.press(.function(2))
        lookUp("MR0000001")
        XCTAssertTrue(screen().contains("MR0000001? — the check digit is missing: MR00000018 is listed below."), screen())
        XCTAssertTrue(screen().contains("Okafor, Amina Chidi"), screen())
        shell.press(.enter)
        XCTAssertTrue(screen().contains("Patient MR00000018"), screen())
    }

    // MARK: - Edits

    func testAnEditSaysWhatItSaved() throws {
        openPatient("MR00000026")
        shell.press(.character("e"))
        retype(afterTabs: 7, "adebayo@example.org")
        shell.press(.ctrl("s"))
        XCTAssertTrue(screen().contains("Patient MR00000026"), screen())
        XCTAssertTrue(screen().contains("Saved: email."), screen())
        shell.press(.character("e"))
        shell.press(.ctrl("s"))
        XCTAssertTrue(screen().contains("Nothing changed."), screen())
    }

    func testAnEditGivingAnotherPatientsNationalIDWarnsLikeRegistration() throws {
        openPatient("MR00000026")
        shell.press(.character("e"))
        retype(afterTabs: 6, "12345678")
        shell.press(.ctrl("s"))
        XCTAssertTrue(screen().contains("With these changes, Okafor, Adébáyọ̀ looks like another patient:"), screen())
        XCTAssertTrue(screen().contains("Okafor, Amina Chidi"), screen())
        XCTAssertTrue(screen().contains("Selected: same national ID."), screen())
        XCTAssertTrue(screen().contains("Ctrl-S Save anyway"), "the footer offers saving anyway:\n\(screen())")
        XCTAssertNil(try store.patientRecord(XCTUnwrap(store.findPatients("MR00000026").hits.first?.patientID))?.person.nationalID,
                     "nothing saved yet")
        shell.press(.escape)
        XCTAssertTrue(screen().contains("Edit Okafor, Adébáyọ̀"), "Esc goes back to the form:\n\(screen())")
        shell.press(.ctrl("s"))
        shell.press(.ctrl("s"))
        XCTAssertTrue(screen().contains("Patient MR00000026"), screen())
        XCTAssertTrue(screen().contains("Saved: national ID."), screen())
        XCTAssertEqual(try store.patientRecord(XCTUnwrap(store.findPatients("MR00000026").hits.first?.patientID))?.person.nationalID,
                       "12345678")
    }

    func testAnEditGivingASimilarNamedPatientAnotherPhoneWarnsAndEnterOpensTheOther() throws {
        openPatient("MR00000034")
        shell.press(.character("e"))
        retype(afterTabs: 5, "0712 345 678")
        shell.press(.ctrl("s"))
        XCTAssertTrue(screen().contains("looks like another patient"), screen())
        XCTAssertTrue(screen().contains("Selected: similar name and the same phone."), screen())
        shell.press(.enter)
        XCTAssertTrue(screen().contains("Patient MR00000018"), "Enter opens the existing record:\n\(screen())")
        let aminah = try XCTUnwrap(store.findPatients("MR00000034").hits.first?.patientID)
        XCTAssertNil(try store.patientRecord(aminah)?.person.phone, "the edit was not saved")
    }

    // MARK: - Merge

    func testASupervisorFindsTheDuplicateWithTheLookupAndSeesWhatDiffers() throws {
        let admin = try store.signIn(username: "admin", password: "admin-pass-1")
        try store.setFee(code: "REGISTRATION", name: "Registration", amountMinor: 50_000, from: CalendarDay("2026-01-01")!, by: admin)
        try addUser("boss", .supervisor, password: "boss-pass-1")
        let clerk = try store.signIn(username: "clerk", password: "clerk-pass-1")
        let twice = try store.registerPatient(NewPatient(firstName: "Amina", lastName: "Okafor", sex: "female", dob: "1990-12-04",
                                                         phone: "0799 000 111"), by: clerk)
        XCTAssertEqual(twice.mrn, "MR00000042")
        openPatient("MR00000018", as: "boss", "boss-pass-1")
        shell.press(.character("m"))
        XCTAssertTrue(screen().contains("Find the duplicate to merge into MR00000018"), screen())
        let footer = screen().split(separator: "\n").last.map(String.init) ?? ""
        XCTAssertFalse(footer.contains("Ctrl-N") || footer.contains("Ctrl-R"), "only finding: no new or last patient here:\n\(footer)")
        shell.press(.ctrl("n"))
        XCTAssertTrue(screen().contains("Find the duplicate to merge into MR00000018"), "Ctrl-N does nothing here:\n\(screen())")
        lookUp("MR00000018")
        shell.press(.enter)
        XCTAssertTrue(screen().contains("That is MR00000018 itself: pick the duplicate to fold into it."), screen())
        shell.press(.escape)
        lookUp("0799 000 111")  // found by any key, not only an exact MRN
        shell.press(.enter)
        XCTAssertTrue(screen().contains("Merge MR00000042 into MR00000018"), screen())
        let words = screen().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        XCTAssertTrue(words.contains("So do its booked appointments, visits, admissions, bed reservations, prescriptions, open charges, unpaid invoices and money on account."), screen())
        type("registered twice")
        shell.press(.ctrl("s"))
        XCTAssertTrue(screen().contains("Merge Okafor, Amina (MR00000042) into Okafor, Amina Chidi (MR00000018)?"), screen())
        try assertGolden("merge-confirm")
        let lines = screen().split(separator: "\n").map(String.init)
        let line = { (label: String) in lines.first { $0.contains(label) } ?? "" }
        XCTAssertTrue(line("≠ Born").contains("12 Apr 1990") && line("≠ Born").contains("04 Dec 1990"), screen())
        XCTAssertTrue(line("≠ Phone").contains("+254712345678") && line("≠ Phone").contains("+254799000111"), screen())
        XCTAssertTrue(line("≠ National ID").contains("12345678"), screen())
        XCTAssertTrue(line("≠ Balance due").contains("MR00000018: none"), screen())
        XCTAssertTrue(screen().contains("MR00000042: KES 500.00 (1 open charge, for the cashier)"), screen())
        XCTAssertTrue(line("  Recent visits").contains("none"), "the same on both: not marked\n\(screen())")
        shell.press(.character("y"))
        XCTAssertTrue(screen().contains("Merged MR00000042 into MR00000018."), screen())
        XCTAssertTrue(screen().contains("Balance due: KES 500.00"), "the open charge followed:\n\(screen())")
        shell.press(.escape)
        XCTAssertTrue(screen().contains("Find or register a patient"), "back to where the supervisor started:\n\(screen())")
    }

    // MARK: - Allergies

    func testAReceptionistIsOfferedEveryDetail() throws {
        openPatient("MR00000026")
        XCTAssertTrue(screen().contains("None recorded. c adds a contact, a an allergy, i insurance."), screen())
    }

    func testANurseRecordsAnAllergyAndIsOfferedNoOtherEdit() throws {
        try addUser("nurse", .nurse, password: "nurse-pass-1")
        openPatient("MR00000026", as: "nurse", "nurse-pass-1")
        XCTAssertTrue(screen().contains("Patient MR00000026"), screen())
        let footer = screen().split(separator: "\n").last.map(String.init) ?? ""
        XCTAssertTrue(footer.contains("a Allergy"), footer)
        XCTAssertFalse(footer.contains("c Contact"), footer)
        XCTAssertFalse(footer.contains("e Edit"), footer)
        XCTAssertTrue(screen().contains("None recorded. a adds an allergy.\u{20}"), "only the keys a nurse may use:\n\(screen())")
        shell.press(.character("c"))
        XCTAssertTrue(screen().contains("Patient MR00000026"), "c does nothing for a nurse")
        shell.press(.character("a"))
        XCTAssertTrue(screen().contains("Add an allergy"), screen())
        type("Latex"); shell.press(.tab)
        type("hives")
        shell.press(.ctrl("s"))
        XCTAssertTrue(screen().contains("ALLERGIES: Latex"), screen())
        XCTAssertTrue(screen().contains("Allergy: Latex: hives"), screen())
    }

    /// On the lookup: Ctrl-N, then the names, sex and age or birth date, and the allergies field.
    private func register(_ family: String, _ given: String, _ sex: String, _ born: String, allergies: String) {
        shell.press(.ctrl("n"))
        type(family); shell.press(.tab)
        type(given); shell.press(.tab); shell.press(.tab)
        type(sex); shell.press(.tab)
        type(born)
        retype(afterTabs: 8, allergies)
        shell.press(.ctrl("s"))
    }

    func testTheAllergiesFieldSaysHowItSplitsBeforeSaving() throws {
        signIn("clerk", "clerk-pass-1")
        shell.press(.function(2))
        register("Wanjiru", "Grace", "f", "34", allergies: "penicillin; latex; peanuts")
        var words = screen().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        XCTAssertTrue(words.contains("The allergies field holds 3 allergies: penicillin · latex · peanuts. Record them as 3 allergies?"),
                      screen())
        XCTAssertEqual(try store.patientCount(), 3, "nothing saved before the answer")
        shell.press(.character("n"))
        XCTAssertTrue(screen().contains("Register a patient"), "n goes back to the form:\n\(screen())")
        shell.press(.ctrl("s"))
        shell.press(.character("y"))
        XCTAssertTrue(screen().contains("Registered Wanjiru, Grace"), screen())
        let lines = screen().split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        for allergy in ["penicillin", "latex", "peanuts"] { XCTAssertTrue(lines.contains("Allergy: \(allergy)"), screen()) }

        // Split, then a likely duplicate: the warning follows the answer.
        shell.press(.escape)
        register("Okafor", "Amina", "f", "12/04/1990", allergies: "sulfa, latex")
        words = screen().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        XCTAssertTrue(words.contains("holds 2 allergies: sulfa · latex."), screen())
        shell.press(.character("y"))
        XCTAssertTrue(screen().contains("may already be registered"), screen())
        shell.press(.ctrl("n"))
        XCTAssertTrue(screen().contains("Registered Okafor, Amina"), screen())
        XCTAssertTrue(screen().contains("Allergy: sulfa"), screen())

        // One allergy: nothing to ask.
        shell.press(.escape)
        register("Mwangi", "Neema", "f", "5", allergies: "peanuts")
        XCTAssertTrue(screen().contains("Registered Mwangi, Neema"), screen())
        XCTAssertEqual(try store.patientCount(), 6)
    }
}
