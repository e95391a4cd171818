// The bad-input corpus on screens: each form, a good set of values, then one field at a time made
// bad. Saving must stay on the form with the error beside that field, and write nothing.
import FrontDeskCore
import FrontDeskStore
import TerminalKit
import XCTest

@testable import FrontDeskApp
@testable import FrontDeskShell
@testable import RegistrationDesk
@testable import QueueDesk
@testable import CashierDesk

final class FormCorpusTests: ShellTestCase {
    static let invisible = ["Ami\u{202E}na", "Ami\u{200B}na", "Ami\u{2028}na", "Ami\u{1B}[31mna", "Ami\u{7}na", "Ami\u{FFFD}na",
                            "Ami\u{2066}na", "Ami\u{0}na"]
    static let dates = ["2026-02-30", "2026-13-01", "9999-12-31", "31/31/1990", "x'); DROP TABLE patients;--", "\u{202E}1990-01-01"]
    static let money = ["1,50", "1,2,3", ",,,5", "-5", "1e5", "99999999999999", "1.234", "NaN", "5$", "1\u{202E}0"]

    private var patientID: String!

    override func setUpWithError() throws {
        try super.setUpWithError()
        try addUser("clerk", .receptionist, password: "clerk-pass-1")
        try addUser("till", .cashier, password: "till-pass-1")
        let clerk = try store.signIn(username: "clerk", password: "clerk-pass-1")
        patientID = try store.registerPatient(
            NewPatient(firstName: "Amina", lastName: "Okafor", sex: "female", dob: "1990-04-12"), by: clerk).patientID
        shell.context.session = SessionInfo(actor: clerk)
    }

    /// Fills `form` with `values`, makes field `bad` hold `text`, saves, and checks the refusal.
    private func assertRefused(_ make: () -> FormScreen, _ values: [String], field bad: Int, _ text: String,
                               file: StaticString = #filePath, line: UInt = #line) throws {
        let form = make()
        let context = shell.context
        let before = try store.ledgerHead()
        for (index, value) in values.enumerated() {
            if index > 0 { _ = form.handle(.tab, command: Commands.nextField, context: context) }
            guard form.fields[index].choices.isEmpty else { continue }
            _ = form.handle(.ctrl("u"), command: nil, context: context)
            for ch in index == bad ? text : value { _ = form.handle(.character(ch), command: nil, context: context) }
        }
        let typed = form.values[bad]
        if typed != text {
            // The field took the key but not the character: refused at the point of entry.
            XCTAssertFalse(typed.unicodeScalars.contains { TextRules.isInvisible($0) || $0.value == 0xFFFD },
                           "\(typed.debugDescription) got into \(form.fields[bad].input.label)", file: file, line: line)
            return
        }
        let reaction = form.handle(.ctrl("s"), command: Commands.saveForm, context: context)
        let shown = "field \(form.fields[bad].input.label) = \(typed.debugDescription)"
        guard case .redraw = reaction else { return XCTFail("saved: \(shown)", file: file, line: line) }
        XCTAssertEqual(form.focus, bad, "the error is not beside its field: \(shown)", file: file, line: line)
        XCTAssertEqual(try store.ledgerHead().seq, before.seq, "the store changed: \(shown)", file: file, line: line)
    }

    func testTheRegistrationFormRefusesEachBadValueBesideItsField() throws {
        let good = ["Okafor", "Grace", "", "f", "1990-04-12", "", "", "", "", "", "", "", ""]
        let make = { PatientForm.register(prefill: "", context: self.shell.context) }
        for text in Self.invisible + ["Okafor'); DROP TABLE patients;--", "<b>x</b>"] {
            try assertRefused(make, good, field: 0, text)
            try assertRefused(make, good, field: 1, text)
        }
        for text in Self.dates + ["-5", "200", "abc"] { try assertRefused(make, good, field: 4, text) }
        for text in ["abc", "+999999999999999999", "07\u{202E}12345678", "0712\u{0}345678"] { try assertRefused(make, good, field: 5, text) }
        for text in ["a@", "x\u{200B}@y.com", "no-at-sign"] { try assertRefused(make, good, field: 7, text) }
        for text in Self.invisible { try assertRefused(make, good, field: 8, text) }
    }

    func testTheDetailFormsRefuseEachBadValueBesideItsField() throws {
        let allergy = { DetailForms.allergy(patientID: self.patientID) }
        for text in Self.invisible {
            try assertRefused(allergy, ["Penicillin", "rash", "severe"], field: 0, text)
            try assertRefused(allergy, ["Penicillin", "rash", "severe"], field: 1, text)
        }
        let contact = { DetailForms.contact(patientID: self.patientID) }
        let goodContact = ["N", "Emeka Okafor", "husband", "", "", ""]
        for text in Self.invisible + ["Okafor'); DROP TABLE patients;--"] { try assertRefused(contact, goodContact, field: 1, text) }
        for text in ["abc", "0712\u{202E}345678"] { try assertRefused(contact, goodContact, field: 3, text) }
        let record = try XCTUnwrap(store.patientRecord(patientID))
        let policy = { DetailForms.policy(record: record, today: self.shell.context.today, minorUnits: 2) }
        let goodPolicy = ["NHIF", "NH-1", "Amina Okafor", "self", "P", "2026-01-01", "", "80", ""]
        for text in Self.dates { try assertRefused(policy, goodPolicy, field: 5, text) }
        for text in ["-1", "101", "abc", "8\u{200B}0"] { try assertRefused(policy, goodPolicy, field: 7, text) }
        for text in Self.invisible { try assertRefused(policy, goodPolicy, field: 0, text) }
    }

    func testTheCashiersFloatRefusesMalformedMoneyBesideItsField() throws {
        shell.context.session = SessionInfo(actor: try store.signIn(username: "till", password: "till-pass-1"))
        let open = { ShiftForms.open(context: self.shell.context) as! FormScreen }
        for text in Self.money { try assertRefused(open, ["5,000"], field: 0, text) }
    }
}
