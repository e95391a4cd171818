// The registration desk at 80×24: lookup as you type, the register form, the duplicate warning, the summary.
import FrontDeskCore
import FrontDeskStore
import TerminalKit
import XCTest

@testable import FrontDeskApp
@testable import FrontDeskShell
@testable import RegistrationDesk
@testable import QueueDesk
@testable import CashierDesk

final class RegistrationScreenTests: ShellTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        let admin = try store.signIn(username: "admin", password: "admin-pass-1")
        try store.setPhoneCountryCode("254", by: admin)
        try addUser("clerk", .receptionist, password: "clerk-pass-1")
        try addUser("boss", .supervisor, password: "boss-pass-1")
        let clerk = try store.signIn(username: "clerk", password: "clerk-pass-1")
        var okafor = NewPatient(firstName: "Amina", middleName: "Chidi", lastName: "Okafor", sex: "female", dob: "1990-04-12",
                                phone: "0712 345 678")
        okafor.allergies = [NewAllergy(substance: "Penicillin", reaction: "rash", severity: .severe)]
        okafor.contacts = [NewContact(kind: .nextOfKin, name: "Emeka Okafor", relationship: "husband", phone: "0722 000 111")]
        okafor.policies = [NewPolicy(payer: "NHIF", policyNumber: "NH-4471", holderName: "Amina Okafor", validFrom: "2026-01-01")]
        _ = try store.registerPatients([
            okafor,
            NewPatient(firstName: "Adébáyọ̀", lastName: "Okafor", sex: "male", dob: "1984-02-29"),
            NewPatient(firstName: "Thị Ánh", lastName: "Nguyễn", sex: "female", dob: "2025-09-30", dobEstimated: true),
        ], by: clerk)
    }

    /// Signs in as `user` and opens the registration desk.
    private func openDesk(_ user: String = "clerk", _ password: String = "clerk-pass-1") {
        signIn(user, password)
        shell.press(.function(2))
    }

    private func lookUp(_ text: String) {
        shell.press(.ctrl("u"))
        type(text)
        shell.settle()
    }

    func testResultsAppearAsYouTypeRankedWithEveryColumn() throws {
        openDesk()
        XCTAssertTrue(screen().contains("Find or register a patient"))
        lookUp("oka am")
        XCTAssertTrue(screen().contains("Okafor, Amina Chidi"))
        XCTAssertFalse(screen().contains("Adébáyọ̀"), "every fragment must match")
        lookUp("okafor")
        try assertGolden("lookup-results")
        lookUp("nguyen")
        XCTAssertTrue(screen().contains("Nguyễn, Thị Ánh"))
        XCTAssertTrue(screen().contains("~13m"), "an estimated age is marked, and under two years it is in months")
    }

    func testEveryKindOfKeyFindsThePatient() throws {
        openDesk()
        for key in ["MR00000018", "mr00000018", "18", "0712345678", "+254 712 345 678", "(0712) 345-678", "5678",
                    "12/04/1990", "1990-04-12", "12 Apr 1990", "a 5678", "chidi okafor"] {
            lookUp(key)
            XCTAssertTrue(screen().contains("Okafor, Amina Chidi"), "'\(key)' did not find her:\n\(screen())")
        }
        lookUp("MR00000019")  // one digit wrong: the check digit catches it
        XCTAssertTrue(screen().contains("No patient found"))
        lookUp("56")
        XCTAssertTrue(screen().contains("Type at least 4 digits"))
    }

    func testEnterOpensThePatientAndCtrlRRecallsTheLastOne() throws {
        openDesk()
        lookUp("okafor amina")
        shell.press(.enter)
        XCTAssertTrue(screen().contains("Patient MR00000018"))
        try assertGolden("patient-summary")
        let opened = try XCTUnwrap(store.findPatients("MR00000018").hits.first?.patientID)
        XCTAssertEqual(try store.patientAccesses(of: opened).map(\.username), ["clerk"], "opening the record is logged")
        XCTAssertEqual(try store.patientAccesses(of: opened).first?.desk, "registration")
        XCTAssertEqual(try store.patientAccesses(of: opened).first?.screen, "patient summary")
        shell.dataChanged()
        shell.settle()
        XCTAssertEqual(try store.patientAccesses(of: opened).count, 1, "a live refresh is not another view")
        shell.press(.escape)
        shell.press(.ctrl("u"))
        XCTAssertTrue(screen().contains("Ctrl-R opens the last patient again."))
        shell.press(.ctrl("r"))
        XCTAssertTrue(screen().contains("Patient MR00000018"))
        XCTAssertEqual(try store.patientAccesses(of: opened).count, 2)
    }

    func testEnterStraightAfterTypingOpensTheMatchForWhatWasTyped() throws {
        openDesk()
        type("okafor amina")
        shell.press(.enter)  // no settle: the lookup for the last key may still be running
        XCTAssertTrue(screen().contains("Patient MR00000018"), screen())
    }

    func testARefreshKeepsTheSelectedPatientSelected() throws {
        openDesk()
        lookUp("okafor")
        shell.press(.down)
        let clerk = try store.signIn(username: "clerk", password: "clerk-pass-1")
        try store.registerPatient(NewPatient(firstName: "Zainab", lastName: "Okafor", sex: "female", dob: "2010-01-01"), by: clerk)
        shell.dataChanged()
        shell.settle()
        XCTAssertTrue(screen().contains("Okafor, Zainab"), "the new patient is listed")
        shell.press(.enter)
        XCTAssertTrue(screen().contains("Patient MR00000018"), "still the patient that was selected:\n\(screen())")
    }

    func testCtrlFFindsAPatientFromTheHomeScreenToo() throws {
        signIn("clerk", "clerk-pass-1")
        shell.press(.ctrl("f"))
        XCTAssertTrue(screen().contains("Find or register a patient"))
    }

    func testTheFormSaysWhatIsWrongBesideTheField() throws {
        openDesk()
        lookUp("Wanjiru Grace")
        shell.press(.ctrl("n"))
        XCTAssertTrue(screen().contains("Register a patient"))
        XCTAssertEqual((shell.top as? FormScreen)?.values[0], "Wanjiru", "the lookup text fills in the names")
        shell.press(.tab); shell.press(.tab); shell.press(.tab)
        type("F")
        shell.press(.tab)
        type("31/12/2099")
        shell.press(.ctrl("s"))
        try assertGolden("register-form-error")
        XCTAssertEqual(try store.patientCount(), 3, "nothing was saved")
    }

    func testANewPatientIsRegisteredAndSummarised() throws {
        openDesk()
        shell.press(.ctrl("n"))
        type("Wanjiru"); shell.press(.tab)
        type("Grace"); shell.press(.tab); shell.press(.tab)
        type("f"); shell.press(.tab)
        type("34"); shell.press(.tab)
        type("0733 123 456")
        shell.press(.ctrl("s"))
        XCTAssertTrue(screen().contains("Registered Wanjiru, Grace: MRN MR00000042."), screen())
        XCTAssertTrue(screen().contains("born about 1992"))
        XCTAssertTrue(screen().contains("+254733123456"))
        XCTAssertEqual(try store.patientCount(), 4)
    }

    func testTheRegistrationFeeIsPostedAndShownAsTheBalanceDue() throws {
        let admin = try store.signIn(username: "admin", password: "admin-pass-1")
        try store.setFee(code: "REGISTRATION", name: "Registration", amountMinor: 50_000, from: CalendarDay("2026-01-01")!, by: admin)
        openDesk()
        shell.press(.ctrl("n"))
        type("Wanjiru"); shell.press(.tab)
        type("Grace"); shell.press(.tab); shell.press(.tab)
        type("f"); shell.press(.tab)
        type("34")
        shell.press(.ctrl("s"))
        let currency = shell.context.facility.currency
        XCTAssertTrue(screen().contains("Registration fee \(currency) 500.00"), screen())
        XCTAssertTrue(screen().contains("Balance due: \(currency) 500.00 (1 open charge, for the cashier)"), screen())
    }

    func testALikelyDuplicateWarnsAndBothChoicesWork() throws {
        openDesk()
        for choice in [Key.enter, Key.ctrl("n")] {
            shell.press(.escape)
            shell.press(.function(2))
            shell.press(.ctrl("n"))
            type("Okafor"); shell.press(.tab)
            type("Aminah"); shell.press(.tab); shell.press(.tab)  // one letter off
            type("F"); shell.press(.tab)
            type("12.04.1990")
            shell.press(.ctrl("s"))
            XCTAssertTrue(screen().contains("may already be registered"), screen())
            if choice == .enter { try assertGolden("duplicate-warning") }
            shell.press(choice)
            if choice == .enter {
                XCTAssertTrue(screen().contains("Patient MR00000018"), "Enter opens the existing record")
                XCTAssertEqual(try store.patientCount(), 3)
            } else {
                XCTAssertTrue(screen().contains("Registered Okafor, Aminah: MRN MR00000042."), screen())
                XCTAssertEqual(try store.patientCount(), 4)
            }
        }
    }

    func testASupervisorMergesADuplicateAndItsMRNStillFindsTheSurvivor() throws {
        openDesk("boss", "boss-pass-1")
        lookUp("okafor amina")
        shell.press(.enter)
        shell.press(.character("m"))
        lookUp("MR00000026")  // the duplicate is found with the lookup
        shell.press(.enter)
        // The form says, before anything moves, what every desk's merge step will move.
        let words = screen().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        XCTAssertTrue(words.contains("So do its booked appointments, visits, admissions, bed reservations, prescriptions, open charges, unpaid invoices and money on account."), screen())
        type("registered twice")
        shell.press(.ctrl("s"))
        XCTAssertTrue(screen().contains("Merge Okafor, Adébáyọ̀ (MR00000026) into Okafor, Amina Chidi"), screen())
        shell.press(.character("y"))
        XCTAssertTrue(screen().contains("Merged MR00000026 into MR00000018."), screen())
        XCTAssertTrue(screen().contains("Also found by merged MRN MR00000026"))
        shell.press(.escape)
        lookUp("MR00000026")
        XCTAssertTrue(screen().contains("Okafor, Amina Chidi"))
        XCTAssertTrue(screen().contains("(MR00000026 was merged into this record)"))
    }

    func testAReceptionistIsNotOfferedMerge() throws {
        openDesk()
        lookUp("okafor amina")
        shell.press(.enter)
        XCTAssertFalse(screen().contains("Merge"))
        shell.press(.character("m"))
        XCTAssertTrue(screen().contains("Patient MR00000018"), "m does nothing for a receptionist")
    }

    func testAllergiesAndInsuranceAreAddedAndRemovedFromTheSummary() throws {
        openDesk()
        lookUp("adebayo")
        shell.press(.enter)
        shell.press(.character("a"))
        type("Sulfa")
        shell.press(.ctrl("s"))
        XCTAssertTrue(screen().contains("ALLERGIES: Sulfa"), screen())
        shell.press(.character("i"))
        type("AAR"); shell.press(.tab)
        type("P-77")
        shell.press(.ctrl("s"))
        XCTAssertTrue(screen().contains("Primary insurance: AAR P-77"), screen())
        shell.press(.character("i"))
        type("Jubilee"); shell.press(.tab)
        type("J-1"); shell.press(.tab); shell.press(.tab); shell.press(.tab)
        shell.press(.ctrl("u")); type("P")
        shell.press(.ctrl("s"))
        XCTAssertTrue(screen().contains("already has a primary policy"), "one primary at most:\n\(screen())")
        shell.press(.escape)
        XCTAssertTrue(screen().contains("Discard what was typed"), "a filled form asks before it goes")
        shell.press(.character("y"))
        shell.press(.character("d"))
        XCTAssertTrue(screen().contains("Remove Allergy: Sulfa?"), screen())
        shell.press(.character("y"))
        XCTAssertTrue(screen().contains("Allergies: none recorded"), screen())
    }

    func testEveryBadInsuranceFieldShowsBesideItAfterOneSave() throws {
        openDesk()
        lookUp("adebayo")
        shell.press(.enter)
        shell.press(.character("i"))
        type("AAR"); shell.press(.tab)
        type("P-77")
        for _ in 0..<3 { shell.press(.tab) }
        shell.press(.ctrl("u")); type("X")
        for _ in 0..<3 { shell.press(.tab) }
        type("150")
        shell.press(.tab)
        type("lots")
        shell.press(.ctrl("s"))
        let lines = screen().split(separator: "\n")
        let priority = try XCTUnwrap(lines.first { $0.hasPrefix("  Priority ") })
        let covers = try XCTUnwrap(lines.first { $0.hasPrefix("  Covers (%) ") })
        let copay = try XCTUnwrap(lines.first { $0.hasPrefix("  Co-pay ") })
        XCTAssertTrue(priority.contains("type P (primary) or S"), screen())
        XCTAssertTrue(covers.contains("type a whole percent"), screen())
        XCTAssertTrue(copay.contains("'lots'"), screen())
        XCTAssertTrue(screen().contains("Priority: type P (primary) or S (secondary) (2 more fields to correct"), screen())
    }

    func testTheIdleLockHidesThePatient() throws {
        openDesk()
        lookUp("okafor amina")
        shell.press(.enter)
        XCTAssertTrue(screen().contains("Okafor, Amina Chidi"))
        clock.advance(61)
        shell.tick()
        XCTAssertFalse(screen().contains("Okafor"))
        XCTAssertFalse(screen().contains("MR00000018"))
        type("clerk-pass-1")
        shell.press(.enter)
        XCTAssertTrue(screen().contains("Okafor, Amina Chidi"))
    }

    func testAnAdministratorSetsTheMRNFormatAndNewPatientsGetIt() throws {
        signIn("admin", "admin-pass-1")
        shell.press(.function(9))
        for _ in 0..<2 { shell.press(.down) }
        shell.press(.ctrl("u")); type("knh")
        shell.press(.down)
        shell.press(.ctrl("u")); type("y")
        shell.press(.down)
        shell.press(.ctrl("u")); type("5")
        let expected = MRNFormat(prefix: "KNH", includesYear: true, sequenceDigits: 5)
        XCTAssertTrue(screen().contains("New MRNs will look like \(expected.mrn(sequence: 1, year: 2026))."), screen())
        shell.press(.ctrl("s"))
        XCTAssertTrue(screen().contains("MRN prefix: MR → KNH"), "saving lists the new values whole:\n\(screen())")
        shell.press(.character("y"))
        XCTAssertTrue(screen().contains("Saved: new MRNs are KNH + year + 5 digits"), screen())
        let clerk = try store.signIn(username: "clerk", password: "clerk-pass-1")
        let next = try store.registerPatient(NewPatient(firstName: "Neema", lastName: "Mushi", sex: "female", dob: "2001-01-01"),
                                             by: clerk)
        XCTAssertEqual(next.mrn, expected.mrn(sequence: 1, year: 2026), "a new year-prefixed sequence starts at 1")
        XCTAssertEqual(try store.findPatients("MR00000018").hits.first?.mrn, "MR00000018", "issued MRNs do not change")
    }
}
