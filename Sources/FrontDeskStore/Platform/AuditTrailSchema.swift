// Migration 009: the audit trail points into the ledger instead of copying rows (one record per
// transaction, and an index from a record to the ledger entries that wrote it).
import GRDB

enum AuditTrailSchema {
    /// The ledger already holds every row's full new state, so the audit keeps only who, when,
    /// why and which entries (`audit_trail`, one row per transaction), and `record_changes` finds a
    /// record's entries: its history and each before/after are read from the ledger. Rows of the
    /// old `audit_log` are converted (an old transaction's why is the kind of its last entry), then it is
    /// dropped (its before/after were copies of the ledger).
    static func create(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE audit_trail (
              first_seq INTEGER PRIMARY KEY NOT NULL CHECK (first_seq >= 1),
              last_seq INTEGER NOT NULL CHECK (last_seq >= first_seq),
              tx_id TEXT NOT NULL CHECK (length(tx_id) = 36),
              at TEXT NOT NULL,
              actor_user_id TEXT,
              action TEXT NOT NULL
            ) STRICT;
            CREATE INDEX audit_trail_actor ON audit_trail(actor_user_id) WHERE actor_user_id IS NOT NULL;

            CREATE TABLE record_changes (
              table_name TEXT NOT NULL,
              record_id TEXT NOT NULL,
              ledger_seq INTEGER NOT NULL,
              PRIMARY KEY (table_name, record_id, ledger_seq)
            ) STRICT, WITHOUT ROWID;

            INSERT INTO record_changes (table_name, record_id, ledger_seq)
              SELECT table_name, record_id, ledger_seq FROM audit_log;
            INSERT INTO audit_trail (first_seq, last_seq, tx_id, at, actor_user_id, action)
              SELECT t.first_seq, t.last_seq, t.tx_id, t.at, t.actor_user_id,
                     (SELECT kind FROM ledger_entries WHERE seq = t.last_seq)
              FROM (SELECT min(ledger_seq) AS first_seq, max(ledger_seq) AS last_seq, tx_id, min(at) AS at,
                           min(actor_user_id) AS actor_user_id
                    FROM audit_log GROUP BY tx_id) t;
            DROP TABLE audit_log;
            """)
        // Append-only, as the log it replaces.
        for table in ["audit_trail", "record_changes"] {
            try db.execute(sql: """
                CREATE TRIGGER \(table)_no_update BEFORE UPDATE ON \(table)
                BEGIN SELECT RAISE(ABORT, '\(table) is append-only'); END;
                CREATE TRIGGER \(table)_no_delete BEFORE DELETE ON \(table)
                BEGIN SELECT RAISE(ABORT, '\(table) is append-only'); END;
                """)
        }
    }
}
