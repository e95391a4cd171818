// A patient's wider record as the registration desk keeps it: contacts, allergies, insurance, and edits.
import FrontDeskCore
import FrontDeskLedger
import GRDB
import XCTest

@testable import FrontDeskStore

final class PatientDetailsTests: PatientDeskTestCase {
    // MARK: - Contacts, allergies, insurance

    func testContactsAllergiesAndPoliciesAreStoredAndShown() throws {
        try store.setPhoneCountryCode("254", by: admin)
        var new = minimal()
        new.contacts = [NewContact(kind: .nextOfKin, name: "Chidi Okafor", relationship: "brother", phone: "0722 000 111",
                                   address: "Kisumu")]
        new.allergies = [NewAllergy(substance: "Penicillin", reaction: "rash", severity: .severe)]
        new.policies = [NewPolicy(payer: "NHIF", policyNumber: "NH-1234", holderName: "Amina Okafor", validFrom: "01/01/2026")]
        new.bloodType = "o +"
        let registered = try store.registerPatient(new, by: clerk)

        var r = try record(registered.patientID)
        XCTAssertEqual(r.patient.bloodType, "O+")
        XCTAssertEqual(r.contacts.count, 1)
        XCTAssertEqual(r.contacts.first?.kind, .nextOfKin)
        XCTAssertEqual(r.contacts.first?.name, "Chidi Okafor")
        XCTAssertEqual(r.contacts.first?.phone, "+254722000111")
        XCTAssertEqual(r.contacts.first?.address, "Kisumu")
        XCTAssertEqual(r.allergies.map(\.substance), ["Penicillin"])
        XCTAssertEqual(r.allergies.first?.severity, .severe)
        XCTAssertEqual(r.allergies.first?.reaction, "rash")
        XCTAssertEqual(r.policies.count, 1)
        XCTAssertEqual(r.policies.first?.validFrom, "2026-01-01")
        XCTAssertEqual(r.policies.first?.priority, .primary)
        XCTAssertEqual(r.policies.first?.holderRelationship, .self)

        clock.advance(1)
        try store.addContact(NewContact(kind: .emergency, name: "Grace Okafor", relationship: "mother", phone: "+254733000222"),
                             to: registered.patientID, by: clerk)
        try store.addAllergy(NewAllergy(substance: "Sulfa"), to: registered.patientID, by: clerk)
        try store.addPolicy(NewPolicy(payer: "AAR", policyNumber: "AAR-9", holderName: "Chidi Okafor", holderRelationship: .spouse,
                                      priority: .secondary, validFrom: "2026-02-01", validTo: "31/12/2026"),
                            to: registered.patientID, by: clerk)
        r = try record(registered.patientID)
        XCTAssertEqual(r.contacts.map(\.name), ["Chidi Okafor", "Grace Okafor"])
        XCTAssertEqual(r.contacts.map(\.kind), [.nextOfKin, .emergency])
        XCTAssertEqual(r.allergies.map(\.substance), ["Penicillin", "Sulfa"])
        XCTAssertEqual(r.allergies.last?.severity, .unknown)
        XCTAssertEqual(r.policies.map(\.payer), ["NHIF", "AAR"], "primary first")
        XCTAssertEqual(r.policies.last?.validTo, "2026-12-31")

        XCTAssertThrowsError(try store.addPolicy(
            NewPolicy(payer: "AAR", policyNumber: "X", holderName: "Amina", priority: .secondary, validFrom: "2026-02-01",
                      validTo: "2026-01-01"), to: registered.patientID, by: clerk)) {
            XCTAssertEqual($0 as? StoreError, .invalid(ValidationError("valid to", "is before valid from")))
        }
        XCTAssertThrowsError(try store.addAllergy(NewAllergy(substance: " "), to: registered.patientID, by: clerk)) {
            XCTAssertEqual($0 as? StoreError, .invalid(ValidationError("allergy", "is required")))
        }
    }

    func testASecondPrimaryPolicyIsRefused() throws {
        var new = minimal()
        new.policies = [NewPolicy(payer: "NHIF", policyNumber: "NH-1", holderName: "Amina Okafor", validFrom: "2026-01-01")]
        let registered = try store.registerPatient(new, by: clerk)
        let before = try counts()
        let message = ValidationError("insurance", "the patient already has a primary policy; add this one as secondary or remove the other")
        XCTAssertThrowsError(try store.addPolicy(
            NewPolicy(payer: "AAR", policyNumber: "AAR-1", holderName: "Amina Okafor", validFrom: "2026-03-01"),
            to: registered.patientID, by: clerk)) {
            XCTAssertEqual($0 as? StoreError, .invalid(message))
        }
        XCTAssertEqual(try counts(), before)

        // Two primaries in one registration: refused whole.
        var twice = minimal("Brian", "Otieno")
        twice.policies = [
            NewPolicy(payer: "NHIF", policyNumber: "NH-2", holderName: "Brian Otieno", validFrom: "2026-01-01"),
            NewPolicy(payer: "AAR", policyNumber: "AAR-2", holderName: "Brian Otieno", validFrom: "2026-01-01"),
        ]
        XCTAssertThrowsError(try store.registerPatient(twice, by: clerk)) { XCTAssertEqual($0 as? StoreError, .invalid(message)) }
        XCTAssertEqual(try counts(), before)

        // Once the primary is removed, another may be added.
        let primary = try XCTUnwrap(record(registered.patientID).policies.first)
        try store.removeDetail(.policy(primary.policyID), by: clerk)
        try store.addPolicy(NewPolicy(payer: "AAR", policyNumber: "AAR-1", holderName: "Amina Okafor", validFrom: "2026-03-01"),
                            to: registered.patientID, by: clerk)
        XCTAssertEqual(try record(registered.patientID).policies.map(\.payer), ["AAR"])
    }

    func testARemovedDetailIsHiddenButItsRowStays() throws {
        var new = minimal()
        new.contacts = [NewContact(kind: .guardian, name: "Grace Okafor", relationship: "mother")]
        new.allergies = [NewAllergy(substance: "Penicillin"), NewAllergy(substance: "Latex")]
        new.policies = [NewPolicy(payer: "NHIF", policyNumber: "NH-1", holderName: "Grace Okafor", validFrom: "2026-01-01")]
        let registered = try store.registerPatient(new, by: clerk)
        var r = try record(registered.patientID)
        let penicillin = try XCTUnwrap(r.allergies.first { $0.substance == "Penicillin" })
        clock.advance(90)
        try store.removeDetail(.allergy(penicillin.allergyID), by: clerk)
        try store.removeDetail(.contact(r.contacts[0].contactID), by: clerk)
        try store.removeDetail(.policy(r.policies[0].policyID), by: clerk)

        r = try record(registered.patientID)
        XCTAssertEqual(r.allergies.map(\.substance), ["Latex"])
        XCTAssertEqual(r.contacts, [])
        XCTAssertEqual(r.policies, [])
        try store.read { db in
            let row = try XCTUnwrap(Row.fetchOne(db, sql: "SELECT * FROM patient_allergies WHERE allergy_id = ?",
                                                 arguments: [penicillin.allergyID]))
            XCTAssertEqual(row["substance"] as String, "Penicillin")
            XCTAssertEqual(row["deleted_at"] as String?, Timestamp.string(clock.now()))
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM patient_contacts WHERE deleted_at IS NOT NULL"), 1)
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM insurance_policies WHERE deleted_at IS NOT NULL"), 1)
        }
        XCTAssertThrowsError(try store.removeDetail(.allergy(penicillin.allergyID), by: clerk)) {
            XCTAssertEqual($0 as? StoreError, .invalid(ValidationError("allergy", "is already removed or does not exist")))
        }
        XCTAssertThrowsError(try store.removeDetail(.contact("no-such-contact"), by: clerk)) {
            XCTAssertEqual($0 as? StoreError, .invalid(ValidationError("contact", "is already removed or does not exist")))
        }
    }

    func testANurseRecordsAnAllergyButEditsNothingElse() throws {
        let registered = try store.registerPatient(minimal(), by: clerk)
        try store.addUser(NewUser(username: "nurse1", displayName: "Test Nurse", role: .nurse, password: "pass-nurse1"), by: admin)
        let nurse = try store.signIn(username: "nurse1", password: "pass-nurse1")
        try store.addAllergy(NewAllergy(substance: "Latex", reaction: "hives", severity: .moderate), to: registered.patientID, by: nurse)
        let r = try record(registered.patientID)
        XCTAssertEqual(r.allergies.map(\.substance), ["Latex"])
        XCTAssertEqual(r.allergies.first?.createdBy, nurse.userID)
        let before = try counts()
        XCTAssertThrowsError(try store.addContact(NewContact(kind: .emergency, name: "Grace Okafor", relationship: "mother"),
                                                  to: registered.patientID, by: nurse)) {
            guard case .notPermitted = $0 as? StoreError else { return XCTFail("\($0)") }
        }
        XCTAssertThrowsError(try store.updatePatient(registered.patientID, with: minimal("Amina", "Adeyemi"), by: nurse)) {
            guard case .notPermitted = $0 as? StoreError else { return XCTFail("\($0)") }
        }
        XCTAssertThrowsError(try store.removeDetail(.allergy(r.allergies[0].allergyID), by: nurse)) {
            guard case .notPermitted = $0 as? StoreError else { return XCTFail("\($0)") }
        }
        XCTAssertEqual(try counts(), before)
    }

    // MARK: - Edits

    func testAnEditSavesTheNewDetailsAndKeepsTheMRN() throws {
        try store.setPhoneCountryCode("254", by: admin)
        var new = minimal()
        new.phone = "0712 345 678"
        let registered = try store.registerPatient(new, by: clerk)
        var details = minimal("Amina", "Adeyemi", dob: "06/05/1991")
        details.middleName = "Chidi"
        details.phone = "0799 000 111"
        details.email = "amina@example.org"
        details.status = "inactive"
        details.bloodType = "AB-"
        try store.updatePatient(registered.patientID, with: details, by: clerk)
        let r = try record(registered.patientID)
        XCTAssertEqual(r.displayName, "Adeyemi, Amina Chidi")
        XCTAssertEqual(r.person.dob, "1991-05-06")
        XCTAssertEqual(r.person.phone, "+254799000111")
        XCTAssertEqual(r.person.email, "amina@example.org")
        XCTAssertEqual(r.patient.status, "inactive")
        XCTAssertEqual(r.patient.bloodType, "AB-")
        XCTAssertEqual(r.patient.mrn, registered.mrn)
        XCTAssertEqual(r.person.updatedBy, clerk.userID)

        var wrong = details
        wrong.dob = "2030-01-01"
        let before = try counts()
        XCTAssertThrowsError(try store.updatePatient(registered.patientID, with: wrong, by: clerk)) {
            XCTAssertEqual($0 as? StoreError, .invalid(ValidationError("date of birth", "is in the future")))
        }
        XCTAssertEqual(try counts(), before)
        XCTAssertEqual(try record(registered.patientID).person.dob, "1991-05-06")
        XCTAssertThrowsError(try store.updatePatient("no-such-patient", with: details, by: clerk)) {
            XCTAssertEqual($0 as? StoreError, .invalid(ValidationError("patient", "no such patient")))
        }
    }
}
