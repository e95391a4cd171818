// Who looked at a record and who changed what: the access log and the trail read from the ledger.
import FrontDeskCore
import GRDB
import XCTest

@testable import FrontDeskStore

final class AuditTrailTests: PatientDeskTestCase {
    private func register(_ first: String, _ last: String, phone: String? = nil) throws -> RegisteredPatient {
        var new = NewPatient(firstName: first, lastName: last, sex: "female", dob: "1990-04-12")
        new.phone = phone
        return try store.registerPatient(new, by: clerk)
    }

    func testOpeningARecordIsLoggedAndTheLogIsAppendOnly() throws {
        let amina = try register("Amina", "Okafor")
        try store.recordPatientAccess(patientID: amina.patientID, desk: "registration", screen: "patient summary",
                                      terminal: "pts/3", by: clerk)
        clock.advance(60)
        try store.recordPatientAccess(patientID: amina.patientID, desk: "cashier", screen: "patient account",
                                      terminal: "pts/4", by: supervisor)
        let seen = try store.patientAccesses(of: amina.patientID)
        XCTAssertEqual(seen.map(\.username), ["clerk1", "super1"])
        XCTAssertEqual(seen.map(\.desk), ["registration", "cashier"])
        XCTAssertEqual(seen.map(\.terminal), ["pts/3", "pts/4"])
        XCTAssertEqual(try store.patientAccesses(byUser: clerk.userID!).map(\.screen), ["patient summary"])
        let raw = try rawConnection()
        XCTAssertThrowsError(try raw.write { try $0.execute(sql: "DELETE FROM patient_access_log") })
        XCTAssertThrowsError(try raw.write { try $0.execute(sql: "UPDATE patient_access_log SET user_id = NULL") })
        try raw.close()
        XCTAssertEqual(try store.patientAccesses(of: amina.patientID).count, 2)
    }

    func testAViewNeedsAnActiveAccount() throws {
        let amina = try register("Amina", "Okafor")
        try store.disableUser("clerk1", reason: "left", by: admin)
        XCTAssertThrowsError(try store.recordPatientAccess(patientID: amina.patientID, desk: "registration",
                                                           screen: "patient summary", terminal: nil, by: clerk))
        XCTAssertEqual(try store.patientAccesses(of: amina.patientID), [])
    }

    func testThePatientsTrailNamesWhoChangedWhatFromTheLedger() throws {
        let amina = try register("Amina", "Okafor", phone: "+254700000001")
        clock.advance(60)
        var edited = NewPatient(firstName: "Amina", lastName: "Okafor", sex: "female", dob: "1990-04-12")
        edited.phone = "+254711000002"
        try store.updatePatient(amina.patientID, with: edited, by: supervisor)
        try store.recordPatientAccess(patientID: amina.patientID, desk: "registration", screen: "patient summary",
                                      terminal: "pts/1", by: clerk)
        let other = try register("Other", "Person")

        let audit = try store.auditPatient(mrn: amina.mrn, by: admin)
        XCTAssertEqual(audit.accesses.count, 1)
        let phoneChange = try XCTUnwrap(audit.changes.first { change in change.columns.contains { $0.name == "phone" && $0.before != nil } })
        XCTAssertEqual(audit.usernames[phoneChange.actorID ?? ""], "super1")
        let column = try XCTUnwrap(phoneChange.columns.first { $0.name == "phone" })
        XCTAssertEqual(column.before, "+254700000001")
        XCTAssertEqual(column.after, "+254711000002")
        XCTAssertTrue(audit.changes.contains { $0.created && $0.table == "patients" })
        XCTAssertFalse(audit.changes.contains { $0.recordID == other.patientID }, "another patient's rows are not in this trail")

        let clerkTrail = try store.auditUser(username: "clerk1", by: admin)
        XCTAssertTrue(clerkTrail.changes.contains { $0.recordID == other.patientID && $0.created })
        XCTAssertFalse(clerkTrail.changes.contains { $0.seq == phoneChange.seq }, "the supervisor's edit is not the clerk's")
        XCTAssertEqual(clerkTrail.accesses.count, 1)
        XCTAssertTrue(clerkTrail.securityEvents.contains { $0.event == "login.succeeded" })
    }

    func testOnlyAuditorsReadTheTrail() throws {
        let amina = try register("Amina", "Okafor")
        XCTAssertThrowsError(try store.auditPatient(mrn: amina.mrn, by: clerk)) {
            XCTAssertEqual($0 as? StoreError, .notPermitted(action: "read the audit trail", role: "receptionist"))
        }
        XCTAssertThrowsError(try store.auditPatient(mrn: "MR9999999X", by: admin)) {
            XCTAssertTrue("\($0)".contains("no patient has the MRN"))
        }
    }

    func testVerifyNamesAViewDeletedFromTheAccessLog() throws {
        let amina = try register("Amina", "Okafor")
        for terminal in ["pts/1", "pts/2", "pts/3"] {
            try store.recordPatientAccess(patientID: amina.patientID, desk: "registration", screen: "patient summary",
                                          terminal: terminal, by: clerk)
        }
        XCTAssertTrue(try store.verify().isClean)
        let raw = try rawConnection()
        try raw.writeWithoutTransaction { db in
            try db.execute(sql: "DROP TRIGGER patient_access_log_no_delete; DELETE FROM patient_access_log WHERE access_id = 2")
        }
        try raw.close()
        let report = try store.verify()
        XCTAssertTrue(report.problems.contains { $0.contains("access log") && $0.contains("event 2 is missing") }, "\(report.problems)")
        XCTAssertTrue(report.problems.contains { $0.contains("patient_access_log_no_delete") }, "the dropped trigger is named too: \(report.problems)")
    }
}
