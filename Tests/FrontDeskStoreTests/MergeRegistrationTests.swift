// A supervisor merges a duplicate record: details move, the old MRN finds the survivor, all audited.
import FrontDeskCore
import FrontDeskLedger
import GRDB
import XCTest

@testable import FrontDeskStore

final class MergeRegistrationTests: PatientDeskTestCase {
    func register(_ first: String, _ last: String, allergy: String? = nil, contact: String? = nil,
                  primaryPayer: String? = nil) throws -> RegisteredPatient {
        var new = NewPatient(firstName: first, lastName: last, sex: "female", dob: "1990-04-12")
        if let allergy { new.allergies = [NewAllergy(substance: allergy)] }
        if let contact { new.contacts = [NewContact(kind: .nextOfKin, name: contact, relationship: "sibling")] }
        if let primaryPayer {
            new.policies = [NewPolicy(payer: primaryPayer, policyNumber: primaryPayer + "-1", holderName: first, validFrom: "2026-01-01")]
        }
        return try store.registerPatient(new, by: clerk)
    }

    func testASupervisorMergesBIntoA() throws {
        let a = try register("Amina", "Okafor", allergy: "Penicillin", contact: "Chidi Okafor", primaryPayer: "NHIF")
        let b = try register("Amina", "Okafur", allergy: "Sulfa", contact: "Grace Okafor", primaryPayer: "AAR")
        XCTAssertEqual(try store.patientCount(), 2)
        let before = try counts()
        clock.advance(30)
        try store.mergePatients(survivor: a.patientID, merged: b.patientID, reason: "same person, typo in family name", by: supervisor)

        XCTAssertEqual(try store.patientCount(), 1)
        let result = try store.findPatients(b.mrn)
        XCTAssertEqual(result.hits.map(\.patientID), [a.patientID])
        XCTAssertEqual(result.hits.first?.foundByMergedMRN, b.mrn)

        let r = try XCTUnwrap(store.patientRecord(a.patientID))
        XCTAssertEqual(Set(r.allergies.map(\.substance)), ["Penicillin", "Sulfa"])
        XCTAssertEqual(Set(r.contacts.map(\.name)), ["Chidi Okafor", "Grace Okafor"])
        XCTAssertEqual(r.policies.map(\.payer), ["NHIF", "AAR"])
        XCTAssertEqual(r.policies.map(\.priority), [.primary, .secondary], "the moved primary becomes secondary")
        XCTAssertEqual(r.mergedMRNs, [b.mrn])

        // Opening the merged record opens the survivor.
        let opened = try XCTUnwrap(store.patientRecord(b.patientID))
        XCTAssertEqual(opened.patient.patientID, a.patientID)
        XCTAssertEqual(opened.allergies.count, 2)

        let after = try counts()
        XCTAssertEqual(after["patients"], before["patients"], "the merged record stays")
        XCTAssertEqual(after["patient_merges"]! - before["patient_merges"]!, 1)
        try store.read { db in
            let merged = try XCTUnwrap(Patient.fetchOne(db, key: b.patientID))
            XCTAssertEqual(merged.mergedInto, a.patientID)
            XCTAssertEqual(merged.mrn, b.mrn)
            let row = try XCTUnwrap(Row.fetchOne(db, sql: "SELECT * FROM patient_merges"))
            XCTAssertEqual(row["survivor_patient_id"] as String, a.patientID)
            XCTAssertEqual(row["merged_mrn"] as String, b.mrn)
            XCTAssertEqual(row["reason"] as String, "same person, typo in family name")
            XCTAssertEqual(row["created_by"] as String?, supervisor.userID)
        }
    }

    func testAMergeIsAuditedAndLedgeredInOneTransaction() throws {
        let a = try register("Amina", "Okafor", primaryPayer: "NHIF")
        let b = try register("Amina", "Okafur", allergy: "Sulfa", contact: "Grace Okafor", primaryPayer: "AAR")
        let before = try counts()
        try store.mergePatients(survivor: a.patientID, merged: b.patientID, reason: "same person", by: supervisor)
        let after = try counts()
        let added = after["ledger_entries"]! - before["ledger_entries"]!
        XCTAssertEqual(added, 5)
        XCTAssertEqual(after["record_changes"]! - before["record_changes"]!, added)
        try store.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM ledger_entries WHERE seq > ? ORDER BY seq",
                                        arguments: [before["ledger_entries"]!])
            XCTAssertEqual(rows.map { $0["kind"] as String },
                           ["patient.merged", "patient.merged_away", "contact.moved", "allergy.moved", "policy.moved"])
            XCTAssertEqual(Set(rows.map { $0["tx_id"] as String }).count, 1)
            XCTAssertTrue(rows.allSatisfy { ($0["actor_id"] as String?) == supervisor.userID })
            let audit = try String.fetchAll(db, sql: """
                SELECT l.kind FROM record_changes r JOIN ledger_entries l ON l.seq = r.ledger_seq
                WHERE r.ledger_seq > ? ORDER BY r.ledger_seq
                """,
                                            arguments: [before["ledger_entries"]!])
            XCTAssertEqual(audit, rows.map { $0["kind"] as String })
        }
        XCTAssertTrue(try store.verify().isClean)
    }

    func testAMergedRecordCannotBeMergedOrEditedAgain() throws {
        let a = try register("Amina", "Okafor")
        let b = try register("Amina", "Okafur")
        let c = try register("Amina", "Okafa")
        try store.mergePatients(survivor: a.patientID, merged: b.patientID, reason: "same person", by: supervisor)
        let before = try counts()
        let gone = StoreError.invalid(ValidationError("patient", "\(b.mrn) was merged into another record; open that one"))
        XCTAssertThrowsError(try store.mergePatients(survivor: a.patientID, merged: b.patientID, reason: "again", by: supervisor)) {
            XCTAssertEqual($0 as? StoreError, gone)
        }
        XCTAssertThrowsError(try store.mergePatients(survivor: b.patientID, merged: c.patientID, reason: "into it", by: supervisor)) {
            XCTAssertEqual($0 as? StoreError, gone)
        }
        XCTAssertThrowsError(try store.mergePatients(survivor: a.patientID, merged: a.patientID, reason: "self", by: supervisor)) {
            XCTAssertEqual($0 as? StoreError, .invalid(ValidationError("merge", "a record cannot be merged into itself")))
        }
        XCTAssertThrowsError(try store.mergePatients(survivor: a.patientID, merged: c.patientID, reason: "  ", by: supervisor)) {
            XCTAssertEqual($0 as? StoreError, .invalid(ValidationError("reason", "is required")))
        }
        XCTAssertThrowsError(try store.updatePatient(
            b.patientID, with: NewPatient(firstName: "Amina", lastName: "Okafur", sex: "female", dob: "1990-04-12"), by: clerk)) {
            XCTAssertEqual($0 as? StoreError, gone)
        }
        XCTAssertThrowsError(try store.addAllergy(NewAllergy(substance: "Latex"), to: b.patientID, by: clerk)) {
            XCTAssertEqual($0 as? StoreError, gone)
        }
        XCTAssertEqual(try counts(), before)
    }

    func testAChainOfMergesResolvesToTheLastSurvivor() throws {
        let a = try register("Amina", "Okafor", allergy: "Penicillin")
        let b = try register("Amina", "Okafur", allergy: "Sulfa")
        let d = try register("Amina", "Okafo", allergy: "Latex")
        try store.mergePatients(survivor: a.patientID, merged: b.patientID, reason: "same person", by: supervisor)
        try store.mergePatients(survivor: d.patientID, merged: a.patientID, reason: "same person", by: supervisor)

        XCTAssertEqual(try store.patientCount(), 1)
        for mrn in [a.mrn, b.mrn] {
            let result = try store.findPatients(mrn)
            XCTAssertEqual(result.hits.map(\.patientID), [d.patientID], mrn)
            XCTAssertEqual(result.hits.first?.foundByMergedMRN, mrn)
        }
        XCTAssertEqual(try store.findPatients("amina").hits.map(\.patientID), [d.patientID])
        let r = try XCTUnwrap(store.patientRecord(b.patientID))
        XCTAssertEqual(r.patient.patientID, d.patientID)
        XCTAssertEqual(r.mergedMRNs, [a.mrn, b.mrn].sorted())
        XCTAssertEqual(Set(r.allergies.map(\.substance)), ["Penicillin", "Sulfa", "Latex"])
        XCTAssertTrue(try store.verify().isClean)
    }

    func testMergingAnEarlierSurvivorsVictimFirstAlsoResolves() throws {
        // C into B, then B into A: C's MRN finds A.
        let a = try register("Amina", "Okafor")
        let b = try register("Amina", "Okafur")
        let c = try register("Amina", "Okafa")
        try store.mergePatients(survivor: b.patientID, merged: c.patientID, reason: "same person", by: supervisor)
        try store.mergePatients(survivor: a.patientID, merged: b.patientID, reason: "same person", by: supervisor)
        let result = try store.findPatients(c.mrn)
        XCTAssertEqual(result.hits.map(\.patientID), [a.patientID])
        XCTAssertEqual(result.hits.first?.foundByMergedMRN, c.mrn)
        XCTAssertEqual(try store.patientRecord(c.patientID)?.patient.patientID, a.patientID)
        XCTAssertEqual(try store.patientCount(), 1)
    }
}
