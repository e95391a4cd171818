// Who looked at a patient's record: one access record each time a screen opens it.
import FrontDeskCore
import GRDB

/// One opening of a patient's record.
public struct PatientAccess: Sendable, Equatable {
    public let accessID: Int64
    public let at: String
    public let userID: String
    public let username: String
    public let patientID: String
    public let desk: String
    public let screen: String
    public let terminal: String?
}

extension FacilityStore {
    /// Records that `actor` opened `patientID`'s record on `screen` of `desk`, from `terminal`
    /// (HIPAA §164.312(b)). A view changes no business row, so it is logged, not ledgered.
    public func recordPatientAccess(patientID: String, desk: String, screen: String, terminal: String?,
                                    by actor: Actor) throws {
        try perform(.viewPatients, action: "open a patient's record", by: actor) { tx in
            try tx.db.execute(
                sql: """
                    INSERT INTO patient_access_log (at, user_id, patient_id, desk, screen, terminal)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [tx.now, tx.actor.userID, patientID, String(desk.prefix(32)),
                            String(screen.prefix(64)), terminal.map { String($0.prefix(64)) }])
        }
    }

    /// Every opening of the patient's record (and of records merged into it), oldest first.
    public func patientAccesses(of patientID: String) throws -> [PatientAccess] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT a.*, u.username FROM patient_access_log a JOIN users u USING (user_id)
                WHERE a.patient_id = ? OR a.patient_id IN (SELECT patient_id FROM patients WHERE merged_into = ?)
                ORDER BY a.access_id
                """, arguments: [patientID, patientID]).map(Self.access)
        }
    }

    /// Every patient record `userID` opened, oldest first.
    public func patientAccesses(byUser userID: String) throws -> [PatientAccess] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT a.*, u.username FROM patient_access_log a JOIN users u USING (user_id)
                WHERE a.user_id = ? ORDER BY a.access_id
                """, arguments: [userID]).map(Self.access)
        }
    }

    private static func access(_ row: Row) -> PatientAccess {
        PatientAccess(accessID: row["access_id"], at: row["at"], userID: row["user_id"], username: row["username"],
                      patientID: row["patient_id"], desk: row["desk"], screen: row["screen"], terminal: row["terminal"])
    }
}
