// Registration as a desk meets it: what is required, how phones, dates and names are read,
// the audit and ledger of each change, and who may register (details and edits: PatientDetailsTests).
import FrontDeskCore
import FrontDeskLedger
import GRDB
import XCTest

@testable import FrontDeskStore

final class RegistrationTests: PatientDeskTestCase {
    // MARK: - What is required

    func testOnlyTheNamesSexAndBirthDateAreRequired() throws {
        let registered = try store.registerPatient(minimal(), by: clerk)
        XCTAssertEqual(registered.mrn, "MR00000018")
        let r = try record(registered.patientID)
        XCTAssertEqual(r.displayName, "Okafor, Amina")
        XCTAssertEqual(r.person.sex, "female")
        XCTAssertEqual(r.person.dob, "1990-04-12")
        XCTAssertFalse(r.person.dobEstimated)
        XCTAssertNil(r.person.phone)
        XCTAssertNil(r.person.email)
        XCTAssertNil(r.person.address)
        XCTAssertNil(r.person.nationalID)
        XCTAssertEqual(r.patient.status, "active")
        XCTAssertEqual(r.contacts, [])
        XCTAssertEqual(r.allergies, [])
        XCTAssertEqual(r.policies, [])
        XCTAssertEqual(r.patient.createdBy, clerk.userID)
        XCTAssertEqual(try store.patientCount(), 1)
    }

    func testEachMissingRequiredFieldIsNamed() throws {
        try assertRefused(minimal(""), ValidationError("first name", "is required"))
        try assertRefused(minimal("Amina", "   "), ValidationError("last name", "is required"))
        try assertRefused(minimal(dob: nil), ValidationError("date of birth", "a date of birth or an estimated age is required"))
        var noSex = minimal()
        noSex.sex = "f"
        try assertRefused(noSex, ValidationError("sex", "must be female, male, other or unknown"))
    }

    func testAnEstimatedBirthDateIsKeptAsEstimated() throws {
        var new = minimal(dob: "1986-01-01")
        new.dobEstimated = true
        let registered = try store.registerPatient(new, by: clerk)
        let r = try record(registered.patientID)
        XCTAssertEqual(r.person.dob, "1986-01-01")
        XCTAssertTrue(r.person.dobEstimated)
        XCTAssertEqual(try store.findPatients("okafor").hits.first?.dobEstimated, true)
    }

    func testBirthDatesAreReadDayFirstAndImpossibleOnesRefused() throws {
        let typed = try store.registerPatient(minimal(dob: "12/04/1990"), by: clerk)
        XCTAssertEqual(try record(typed.patientID).person.dob, "1990-04-12")
        let newborn = try store.registerPatient(minimal("Baby", "Okafor", dob: "2026-11-22"), by: clerk)  // the test clock's today
        XCTAssertEqual(try record(newborn.patientID).person.dob, "2026-11-22")
        let eldest = try store.registerPatient(minimal("Old", "Okafor", dob: "1896-11-22"), by: clerk)  // exactly 130
        XCTAssertEqual(try record(eldest.patientID).person.dob, "1896-11-22")

        try assertRefused(minimal(dob: "2026-11-23"), ValidationError("date of birth", "is in the future"))
        try assertRefused(minimal(dob: "1895-11-22"), ValidationError("date of birth", "gives an age over 130"))
        try assertRefused(minimal(dob: "31/02/1990"),
                          ValidationError("date of birth", "'31/02/1990' is not a date (e.g. 12/04/1990 or 1990-04-12)"))
    }

    func testABirthJustAfterLocalMidnightIsTodaysWhateverTheUTCDate() throws {
        clock.advance(18 * 3600 + 18 * 60)  // 22:30 UTC on 22 Nov is 01:30 on 23 Nov in Nairobi
        let newborn = try store.registerPatient(minimal("Baby", "Okafor", dob: "2026-11-23"), by: clerk)
        XCTAssertEqual(try record(newborn.patientID).person.dob, "2026-11-23")
        try assertRefused(minimal(dob: "2026-11-24"), ValidationError("date of birth", "is in the future"))
    }

    func testNamesAreTrimmedAndBounded() throws {
        var new = minimal("  Amina   Chidi ", " Okafor  ")
        new.middleName = "   "
        let registered = try store.registerPatient(new, by: clerk)
        XCTAssertEqual(registered.firstName, "Amina Chidi")
        let r = try record(registered.patientID)
        XCTAssertEqual(r.person.firstName, "Amina Chidi")
        XCTAssertEqual(r.person.lastName, "Okafor")
        XCTAssertNil(r.person.middleName, "a blank middle name is no middle name")

        let hundred = String(repeating: "a", count: 100)
        XCTAssertNoThrow(try store.registerPatient(minimal("Amina", hundred), by: clerk))
        try assertRefused(minimal("Amina", hundred + "a"), ValidationError("last name", "must be at most 100 characters"))
        try assertRefused(minimal(hundred + "a"), ValidationError("first name", "must be at most 100 characters"))
        try assertRefused(minimal("Ami\u{7}na"), ValidationError("first name", "contains a control character (U+0007); type it again without it"))
        var email = minimal()
        email.email = "amina@"
        try assertRefused(email, ValidationError("email", "'amina@' is not an email address"))
        var national = minimal()
        national.nationalID = "12#34"
        try assertRefused(national, ValidationError("national ID", "may hold only letters, digits, spaces, - and /"))
    }

    // MARK: - Phones

    func testALocalNumberNeedsTheFacilitysCountryCode() throws {
        var local = minimal()
        local.phone = "0712 345 678"
        try assertRefused(local, ValidationError(
            "phone", "'0712 345 678' needs its country code (+…): this facility has no phone country set"))
        var international = minimal()
        international.phone = "+44 20 7946 0958"
        let london = try store.registerPatient(international, by: clerk)
        XCTAssertEqual(try record(london.patientID).person.phone, "+442079460958")
    }

    func testPhonesAreStoredInE164WithTheFacilitysCountryCode() throws {
        try store.setPhoneCountryCode("254", by: admin)
        XCTAssertEqual(try store.phoneCountryCode(), "254")
        for (i, typed) in ["0712 345 678", "(0712) 345-678", "+254 712 345678", "00254712345678", "712345678"].enumerated() {
            var new = minimal("Amina", "Okafor\(String(repeating: "x", count: i))")
            new.phone = typed
            new.contacts = [NewContact(kind: .nextOfKin, name: "Chidi Okafor", relationship: "brother", phone: typed)]
            let registered = try store.registerPatient(new, by: clerk)
            let r = try record(registered.patientID)
            XCTAssertEqual(r.person.phone, "+254712345678", typed)
            XCTAssertEqual(r.contacts.first?.phone, "+254712345678", "a contact's phone too: \(typed)")
        }
        var bad = minimal()
        bad.phone = "0712 abc"
        XCTAssertThrowsError(try store.registerPatient(bad, by: clerk)) { error in
            guard case .invalid(let v)? = error as? StoreError else { return XCTFail("\(error)") }
            XCTAssertEqual(v.field, "phone")
            XCTAssertTrue(v.message.contains("only digits"), v.message)
        }
    }

    func testOnlyAnAdministratorSetsAValidCountryCode() throws {
        XCTAssertThrowsError(try store.setPhoneCountryCode("254", by: clerk)) {
            XCTAssertEqual($0 as? StoreError, .notPermitted(action: "change facility settings", role: "receptionist"))
        }
        for bad in ["0254", "25401", "", "ke"] {
            XCTAssertThrowsError(try store.setPhoneCountryCode(bad, by: admin), bad) { error in
                guard case .invalid(let v)? = error as? StoreError else { return XCTFail("\(error)") }
                XCTAssertEqual(v.field, "phone country code")
            }
        }
        XCTAssertNil(try store.phoneCountryCode())
        try store.setPhoneCountryCode("+1", by: admin)
        XCTAssertEqual(try store.phoneCountryCode(), "1")
    }

    // MARK: - Audit and ledger

    func testEveryChangeHasItsAuditRowAndLedgerEntry() throws {
        func kinds(since seq: Int) throws -> [String] {
            try store.read { try String.fetchAll($0, sql: "SELECT kind FROM ledger_entries WHERE seq > ? ORDER BY seq", arguments: [seq]) }
        }
        // `rows`: the rows the step writes, when an entry carries more than one (a registration's person and patient).
        func step(_ expectedKinds: [String], rows: Int? = nil, _ body: () throws -> Void, file: StaticString = #filePath, line: UInt = #line) throws {
            let before = try counts()
            try body()
            let after = try counts()
            XCTAssertEqual(after["ledger_entries"]! - before["ledger_entries"]!, expectedKinds.count, file: file, line: line)
            XCTAssertEqual(after["record_changes"]! - before["record_changes"]!, rows ?? expectedKinds.count, file: file, line: line)
            XCTAssertEqual(try kinds(since: before["ledger_entries"]!), expectedKinds, file: file, line: line)
            try store.read { db in
                // Each entry is covered by its transaction's audit record, with the same transaction id.
                let unmatched = try Int.fetchOne(db, sql: """
                    SELECT count(*) FROM ledger_entries l LEFT JOIN audit_trail a ON l.seq BETWEEN a.first_seq AND a.last_seq
                    WHERE l.seq > ? AND (a.tx_id IS NULL OR a.tx_id <> l.tx_id)
                    """, arguments: [before["ledger_entries"]!])
                XCTAssertEqual(unmatched, 0, file: file, line: line)
            }
        }
        var new = minimal()
        new.contacts = [NewContact(kind: .nextOfKin, name: "Chidi Okafor", relationship: "brother")]
        new.allergies = [NewAllergy(substance: "Penicillin")]
        new.policies = [NewPolicy(payer: "NHIF", policyNumber: "NH-1", holderName: "Amina Okafor", validFrom: "2026-01-01")]
        var registered: RegisteredPatient!
        try step(["patient.registered", "contact.added", "allergy.added", "policy.added"], rows: 5) {
            registered = try store.registerPatient(new, by: clerk)
        }
        let id = registered.patientID
        try step(["allergy.added"]) { try store.addAllergy(NewAllergy(substance: "Sulfa"), to: id, by: clerk) }
        try step(["contact.added"]) {
            try store.addContact(NewContact(kind: .emergency, name: "Grace", relationship: "mother"), to: id, by: clerk)
        }
        try step(["policy.added"]) {
            try store.addPolicy(NewPolicy(payer: "AAR", policyNumber: "A-1", holderName: "Amina", priority: .secondary,
                                          validFrom: "2026-01-01"), to: id, by: clerk)
        }
        let sulfa = try XCTUnwrap(record(id).allergies.first { $0.substance == "Sulfa" })
        try step(["allergy.removed"]) { try store.removeDetail(.allergy(sulfa.allergyID), by: clerk) }
        try step(["person.updated"]) { try store.updatePatient(id, with: minimal("Amina", "Adeyemi"), by: clerk) }
        var status = minimal("Amina", "Adeyemi")
        status.status = "deceased"
        try step(["patient.updated"]) { try store.updatePatient(id, with: status, by: clerk) }
        try step([]) { try store.updatePatient(id, with: status, by: clerk) }  // nothing changed, nothing recorded
        try step(["setting.changed"]) { try store.setPhoneCountryCode("254", by: admin) }

        // Its before and after are read from the ledger, through the record index.
        let last = try XCTUnwrap(try store.patientHistory(of: id).last { $0.kind == "patient.updated" })
        XCTAssertEqual(last.recordID, id)
        XCTAssertEqual(last.actorID, clerk.userID)
        XCTAssertEqual(last.columns.first { $0.name == "status" }?.before, "active")
        XCTAssertEqual(last.columns.first { $0.name == "status" }?.after, "deceased")
        let report = try store.verify()
        XCTAssertTrue(report.isClean, "\(report.problems)")
    }

    // MARK: - Who may do what

    func testAReceptionistCannotMergeAndNothingIsWritten() throws {
        let a = try store.registerPatient(minimal(), by: clerk)
        let b = try store.registerPatient(minimal("Amina", "Okafur"), by: clerk)
        let before = try counts()
        XCTAssertThrowsError(try store.mergePatients(survivor: a.patientID, merged: b.patientID, reason: "same person", by: clerk)) {
            XCTAssertEqual($0 as? StoreError, .notPermitted(action: "merge patient records", role: "receptionist"))
        }
        XCTAssertEqual(try counts(), before)
        XCTAssertEqual(try store.patientCount(), 2)
        XCTAssertEqual(try store.findPatients(b.mrn).hits.map(\.patientID), [b.patientID])
        XCTAssertNil(try record(b.patientID).patient.mergedInto)
    }

    func testOtherRolesCannotRegisterOrImport() throws {
        let before = try counts()
        XCTAssertThrowsError(try store.registerPatient(minimal(), by: admin)) {
            XCTAssertEqual($0 as? StoreError, .notPermitted(action: "register patients", role: "administrator"))
        }
        var legacy = minimal()
        legacy.legacyID = "p-1"
        XCTAssertThrowsError(try store.importPatients([legacy], by: clerk)) {
            XCTAssertEqual($0 as? StoreError, .notPermitted(action: "import patients", role: "receptionist"))
        }
        XCTAssertThrowsError(try store.importPatients([minimal()], by: admin)) {
            XCTAssertEqual($0 as? StoreError, .invalid(ValidationError("legacy id", "every imported row needs its legacy id")))
        }
        XCTAssertEqual(try counts(), before)
    }
}
