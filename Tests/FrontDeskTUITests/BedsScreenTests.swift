// The beds desk at 80×24: a 40-bed ward's board, the admit form with an error, a discharge with a balance, a transfer.
import FrontDeskCore
import FrontDeskStore
import TerminalKit
import XCTest

@testable import BedsDesk
@testable import FrontDeskApp
@testable import FrontDeskShell

final class BedsScreenTests: ShellTestCase {
    private var patients: [String] = []

    /// Ward A of 40 general beds (A1–A4 with oxygen) at KES 1,500.00 a day; nurse `sister`, supervisor `boss`;
    /// twelve patients in beds since Sunday morning, one bed needing cleaning, one blocked, one reserved.
    override func setUpWithError() throws {
        try super.setUpWithError()
        let admin = try store.signIn(username: "admin", password: "admin-pass-1")
        try store.setFee(code: "BED-GENERAL", name: "General ward bed-day", amountMinor: 150_000, from: CalendarDay("2026-01-01")!, by: admin)
        _ = try store.beds.addWard(code: "A", name: "Medical Ward A", by: admin)
        _ = try store.beds.addBeds(wardCode: "A", labels: "A1-A4", typeCode: "general", tags: ["oxygen"], by: admin)
        _ = try store.beds.addBeds(wardCode: "A", labels: "A5-A40", typeCode: "general", by: admin)
        try addUser("clerk", .receptionist, password: "clerk-pass-1")
        try addUser("sister", .nurse, password: "sister-pass-1")
        try addUser("boss", .supervisor, password: "boss-pass-1")
        let clerk = try store.signIn(username: "clerk", password: "clerk-pass-1")
        let nurse = try store.signIn(username: "sister", password: "sister-pass-1")
        let names = [("Amina", "Okafor"), ("Baraka", "Mutua"), ("Wei", "Chen"), ("Grace", "Njeri"), ("Juma", "Hassan"),
                     ("Priya", "Sharma"), ("Tunde", "Adeyemi"), ("Mary", "Wanjiku"), ("Otieno", "Ochieng"), ("Fatuma", "Ali"),
                     ("Kofi", "Mensah"), ("Lina", "Haddad"), ("Yusuf", "Omar"), ("Rosa", "García"), ("Ngozi", "Eze")]
        patients = try names.map { try store.registerPatient(NewPatient(firstName: $0.0, lastName: $0.1, sex: "female", dob: "1980-01-01"),
                                                             by: clerk).patientID }
        for (index, label) in ["A1", "A2", "A3", "A5", "A6", "A8", "A9", "A12", "A15", "A20", "A21", "A33"].enumerated() {
            _ = try store.beds.admit(NewAdmission(patientID: patients[index], reason: "Observation", bedID: store.beds.bedID(named: "A \(label)")),
                                     by: nurse)
        }
        let leaving = try store.beds.admit(NewAdmission(patientID: patients[12], reason: "Observation", bedID: store.beds.bedID(named: "A A7")),
                                           by: nurse)
        try store.beds.moveToBed(admissionID: leaving.admission.admissionID, bedID: store.beds.bedID(named: "A A10"),
                                 reason: "Nearer the station", by: nurse)
        try store.beds.block(bedID: store.beds.bedID(named: "A A4"), reason: "Broken rail", by: nurse)
        clock.advance(2 * 86_400 + 3 * 3600)  // Tuesday 10:12: two bed-days each
        try store.beds.accrueBedDays()
        try store.beds.reserve(bedID: store.beds.bedID(named: "A A11"), for: patients[13], until: clock.now().addingTimeInterval(6 * 3600), by: nurse)
    }

    private func openWard() {
        signIn("sister", "sister-pass-1")
        shell.press(.function(4))
        shell.press(.tab)  // all wards → ward A
    }

    func testTheBoardOfAFortyBedWard() throws {
        openWard()
        XCTAssertTrue(screen().contains("Ward A Medical Ward A"), screen())
        XCTAssertTrue(screen().contains("24 free · 1 reserved · 13 occupied · 1 cleaning · 1 blocked · 33 % full"), screen())
        try assertGolden("beds-board-ward")
        shell.press(.right)
        shell.press(.down)
        XCTAssertTrue(screen().contains("Enter Open"), screen())
    }

    func testTheAdmitFormShowsEachErrorBesideItsField() throws {
        openWard()
        shell.press(.character("a"))
        type("ngozi eze")
        shell.settle()
        shell.press(.enter)
        XCTAssertTrue(screen().contains("Admit Eze, Ngozi"), screen())
        shell.press(.tab)       // reason left empty
        shell.press(.tab)
        shell.press(.tab)
        shell.press(.tab)
        type("0")               // expected days
        shell.press(.ctrl("s"))
        XCTAssertTrue(screen().contains("is required"), screen())
        XCTAssertTrue(screen().contains("give whole days, 1 to 365"), screen())
        try assertGolden("beds-admit-error")
        XCTAssertEqual(try store.beds.waitingForBed().count, 0, "nothing admitted")
    }

    func testADischargeWithABalanceAsksForASupervisor() throws {
        openWard()
        shell.press(.enter)    // A1, Okafor: two bed-days, no deposit
        XCTAssertTrue(screen().contains("Bill            KES 3,000.00 · deposit KES 0.00 · due KES 3,000.00"), screen())
        shell.press(.character("d"))
        XCTAssertTrue(screen().contains("A supervisor must authorise it."), screen())
        try assertGolden("beds-discharge-balance")
        shell.press(.tab)
        shell.press(.tab)
        type("boss")
        shell.press(.tab)
        type("wrong-password")
        shell.press(.tab)
        type("Pays at the next clinic visit")
        shell.press(.ctrl("s"))
        XCTAssertNotNil(try store.beds.currentAdmission(of: patients[0]), "a wrong password discharges nobody")
        XCTAssertTrue(screen().contains("Discharge"), screen())
    }

    func testATransferLeavesTheBedNeedingCleaningOnTheBoard() throws {
        openWard()
        shell.press(.enter)    // A1
        shell.press(.character("t"))
        XCTAssertTrue(screen().contains("Move Okafor, Amina from A A1 to another bed"), screen())
        shell.press(.tab)
        type("Needs isolation")
        shell.press(.ctrl("s"))
        XCTAssertTrue(screen().contains("Okafor, Amina is now in A A"), screen())
        XCTAssertTrue(screen().contains("A A1 needs cleaning."), screen())
        shell.press(.escape)
        XCTAssertTrue(screen().contains("A1   C"), "the board shows A1 needing cleaning:\n\(screen())")
    }

    /// The cashier invoices an admission apart from the patient's clinic charges: `v` on a bed-day charge.
    func testTheCashierMakesTheAdmissionInvoiceApartFromClinicCharges() throws {
        let admin = try store.signIn(username: "admin", password: "admin-pass-1")
        try store.setFee(code: "CONSULT", name: "Consultation", amountMinor: 100_000, from: CalendarDay("2026-01-01")!, by: admin)
        try addUser("till", .cashier, password: "till-pass-1")
        try store.cashier.addCounterCharge(patientID: patients[0], code: "CONSULT", by: try store.signIn(username: "till", password: "till-pass-1"))
        signIn("till", "till-pass-1")
        shell.press(.function(6))
        shell.press(.character("f"))
        type("okafor")
        shell.settle()
        shell.press(.enter)
        XCTAssertTrue(screen().contains("Charge  BED-GENERAL"), screen())
        shell.press(.character("v"))
        XCTAssertTrue(screen().contains("DRAFT"), screen())
        XCTAssertTrue(screen().contains("3,000.00"), "the two bed-days:\n\(screen())")
        XCTAssertFalse(screen().contains("Consultation"), "the clinic's charge stays off the admission invoice:\n\(screen())")
    }

    /// On a patient's summary, admit is offered only to a patient not admitted; the stay and its bill show instead.
    func testTheSummaryOffersAdmitOnlyToAPatientNotAdmitted() throws {
        signIn("sister", "sister-pass-1")
        shell.press(.ctrl("f"))
        type("ngozi eze")
        shell.settle()
        shell.press(.enter)
        XCTAssertTrue(screen().contains("w Admit"), screen())
        shell.press(.escape)
        shell.press(.escape)
        shell.press(.ctrl("f"))
        type("amina okafor")
        shell.settle()
        shell.press(.enter)
        XCTAssertFalse(screen().contains("w Admit"), screen())
        XCTAssertTrue(screen().contains(", in A A1: Observation"), screen())
        XCTAssertTrue(screen().contains("Bill KES 3,000.00 · deposit KES 0.00 · due KES 3,000.00"), screen())
        shell.press(.character("w"))
        XCTAssertFalse(screen().contains("Admit Okafor"), "the key does nothing:\n\(screen())")
    }

    func testAReceptionistHasNoBedsDesk() throws {
        signIn("clerk", "clerk-pass-1")
        shell.press(.function(4))
        XCTAssertFalse(screen().contains("Bed board"), screen())
    }
}

final class BedDaysByTheAppTests: ShellTestCase {
    /// A running terminal posts the night's bed-days once the charge time's grace has passed, without anyone
    /// running `frontdesk beds accrue`; a second terminal's minute posts nothing twice.
    func testATerminalPostsTheNightsBedDaysAfterTheGrace() throws {
        let admin = try store.signIn(username: "admin", password: "admin-pass-1")
        try store.setFee(code: "BED-GENERAL", name: "General ward bed-day", amountMinor: 150_000, from: CalendarDay("2026-01-01")!, by: admin)
        _ = try store.beds.addWard(code: "A", name: "Medical Ward A", by: admin)
        _ = try store.beds.addBeds(wardCode: "A", labels: "A1-A2", typeCode: "general", by: admin)
        try addUser("sister", .nurse, password: "sister-pass-1")
        try addUser("clerk", .receptionist, password: "clerk-pass-1")
        let nurse = try store.signIn(username: "sister", password: "sister-pass-1")
        let clerk = try store.signIn(username: "clerk", password: "clerk-pass-1")
        let patient = try store.registerPatient(NewPatient(firstName: "Amina", lastName: "Okafor", sex: "female", dob: "1990-04-12"),
                                                by: clerk).patientID
        _ = try store.beds.admit(NewAdmission(patientID: patient, reason: "Observation", bedID: store.beds.bedID(named: "A A1")), by: nurse)
        let beds = BedsDeskModule()
        BedDayAccrual.lastRun.withLock { $0 = nil }
        clock.advance(18 * 3600)  // Mon 01:12: the grace of Monday's midnight has not passed
        beds.minutePassed(context: shell.context)
        XCTAssertEqual(try store.cashier.openChargeList(of: patient).count, 0)
        clock.advance(3600)       // Mon 02:12
        beds.minutePassed(context: shell.context)
        beds.minutePassed(context: shell.context)
        XCTAssertEqual(try store.cashier.openChargeList(of: patient).map(\.amountMinor), [150_000])
    }
}

final class WardSetupScreenTests: ShellTestCase {
    /// An administrator sets up a ward and its beds from the home screen; a slip shows beside its field.
    func testAnAdministratorAddsAWardAndItsBeds() throws {
        signIn("admin", "admin-pass-1")
        XCTAssertTrue(screen().contains("w Wards and beds"), screen())
        shell.press(.character("w"))
        XCTAssertTrue(screen().contains("No wards yet: n adds one, then b adds its beds."), screen())
        shell.press(.character("n"))
        type("MAT!")
        shell.press(.tab)
        type("Maternity")
        shell.press(.ctrl("s"))
        XCTAssertTrue(screen().contains("1-8 letters or digits, e.g. MAT"), screen())
        shell.press(.backspace)   // the form goes to the field in error
        shell.press(.ctrl("s"))
        XCTAssertTrue(screen().contains("Ward MAT Maternity added: b adds its beds."), screen())
        shell.press(.character("b"))
        shell.press(.tab)
        type("M1-M12")
        shell.press(.tab)
        type("m")       // maternity
        shell.press(.tab)
        type("female")
        shell.press(.ctrl("s"))
        XCTAssertTrue(screen().contains("12 bed(s) added to ward MAT: M1 … M12."), screen())
        XCTAssertTrue(screen().contains("12 bed(s): 12 maternity"), screen())
        shell.press(.character("r"))
        type("mat m12")
        shell.press(.ctrl("s"))
        XCTAssertTrue(screen().contains("11 bed(s): 11 maternity; 1 retired"), screen())
    }

    func testANurseHasNoSetUpKey() throws {
        try addUser("sister", .nurse, password: "sister-pass-1")
        signIn("sister", "sister-pass-1")
        XCTAssertFalse(screen().contains("Wards and beds"), screen())
        shell.press(.character("w"))
        XCTAssertTrue(screen().contains("Welcome"), "nothing opens:\n\(screen())")
    }
}
