// Migration 008: the store's mark (PRAGMA application_id) and the log of who opened which
// patient's record.
import GRDB

enum AccessLogSchema {
    /// Views are not changes, so they are not ledgered; like the security log, the access log is
    /// append-only, numbered without gaps (`verify` checks both), and kept in the store.
    static func create(_ db: Database) throws {
        try db.execute(sql: """
            PRAGMA application_id = \(StoreFile.applicationID);

            CREATE TABLE patient_access_log (
              access_id INTEGER PRIMARY KEY,
              at TEXT NOT NULL CHECK (length(at) = 24),
              user_id TEXT NOT NULL REFERENCES users(user_id),
              patient_id TEXT NOT NULL REFERENCES patients(patient_id),
              desk TEXT NOT NULL CHECK (length(desk) BETWEEN 1 AND 32),
              screen TEXT NOT NULL CHECK (length(screen) BETWEEN 1 AND 64),
              terminal TEXT CHECK (terminal IS NULL OR length(terminal) <= 64)
            ) STRICT;
            CREATE INDEX patient_access_log_patient ON patient_access_log(patient_id, access_id);
            CREATE INDEX patient_access_log_user ON patient_access_log(user_id, access_id);
            CREATE TRIGGER patient_access_log_no_update BEFORE UPDATE ON patient_access_log
            BEGIN SELECT RAISE(ABORT, 'patient_access_log is append-only'); END;
            CREATE TRIGGER patient_access_log_no_delete BEFORE DELETE ON patient_access_log
            BEGIN SELECT RAISE(ABORT, 'patient_access_log is append-only'); END;
            """)
    }
}
