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

    /// Turns the store back into one made before migration 009: the audit log with its copies of
    /// every row (before/after), as the old write path wrote it, and no audit trail.
    private func makeStoreBefore009() throws {
        let path = store.path
        try store.close()
        let raw = try DatabaseQueue(path: path)
        try raw.write { db in
            try db.execute(sql: """
                CREATE TABLE audit_log (
                  audit_id INTEGER PRIMARY KEY, at TEXT NOT NULL, actor_user_id TEXT, action TEXT NOT NULL,
                  table_name TEXT NOT NULL, record_id TEXT NOT NULL, before TEXT, after TEXT, tx_id TEXT NOT NULL,
                  ledger_seq INTEGER NOT NULL REFERENCES ledger_entries(seq)
                ) STRICT;
                CREATE INDEX audit_log_record ON audit_log(table_name, record_id);
                INSERT INTO audit_log (at, actor_user_id, action, table_name, record_id, before, after, tx_id, ledger_seq)
                  SELECT l.occurred_at, l.actor_id, l.kind, r.table_name, r.record_id,
                         (SELECT json_extract(p.payload, '$.row') FROM record_changes q JOIN ledger_entries p ON p.seq = q.ledger_seq
                          WHERE q.table_name = r.table_name AND q.record_id = r.record_id AND q.ledger_seq < r.ledger_seq
                          ORDER BY q.ledger_seq DESC LIMIT 1),
                         json_extract(l.payload, '$.row'), l.tx_id, l.seq
                  FROM record_changes r JOIN ledger_entries l ON l.seq = r.ledger_seq ORDER BY l.seq;
                DROP TABLE audit_trail;
                DROP TABLE record_changes;
                DELETE FROM grdb_migrations WHERE identifier LIKE '009 %';
                """)
            for table in ["audit_log"] {
                try db.execute(sql: """
                    CREATE TRIGGER \(table)_no_update BEFORE UPDATE ON \(table)
                    BEGIN SELECT RAISE(ABORT, '\(table) is append-only'); END;
                    CREATE TRIGGER \(table)_no_delete BEFORE DELETE ON \(table)
                    BEGIN SELECT RAISE(ABORT, '\(table) is append-only'); END;
                    """)
            }
        }
        try raw.close()
        store = try FacilityStore.open(at: path, clock: clock)
    }

    func testMigration009ConvertsTheOldAuditLogAndTheTrailReadsTheSame() throws {
        let amina = try register("Amina", "Okafor", phone: "+254700000001")
        clock.advance(60)
        var edited = NewPatient(firstName: "Amina", lastName: "Okafor", sex: "female", dob: "1990-04-12")
        edited.phone = "+254711000002"
        try store.updatePatient(amina.patientID, with: edited, by: supervisor)
        let patientTrail = try store.auditPatient(mrn: amina.mrn, by: admin).changes
        let clerkTrail = try store.auditUser(username: "clerk1", by: admin).changes
        let transactions = try store.read { db in
            try Row.fetchAll(db, sql: "SELECT first_seq, last_seq, tx_id, at, actor_user_id FROM audit_trail ORDER BY first_seq")
        }

        try makeStoreBefore009()
        XCTAssertEqual(store.upgradedMigrations, ["009 audit trail points into the ledger"])
        XCTAssertEqual(try store.auditPatient(mrn: amina.mrn, by: admin).changes, patientTrail)
        XCTAssertEqual(try store.auditUser(username: "clerk1", by: admin).changes, clerkTrail)
        try store.read { db in
            XCTAssertFalse(try db.tableExists("audit_log"))
            XCTAssertEqual(try Row.fetchAll(db, sql: """
                SELECT first_seq, last_seq, tx_id, at, actor_user_id FROM audit_trail ORDER BY first_seq
                """), transactions)
        }
        let report = try store.verify()
        XCTAssertTrue(report.isClean, "\(report.problems)")
        // The converted store keeps being written the new way.
        _ = try register("Other", "Person")
        XCTAssertTrue(try store.verify().isClean)
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
