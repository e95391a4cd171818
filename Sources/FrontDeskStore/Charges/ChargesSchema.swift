// Migration "005 fees and charges": the fee schedule and the one pipe of charges (shipped: never edit).
import GRDB

extension Migrations {
    /// The fee schedule (effective-dated rates by service code) and the one pipe of charges
    /// that every desk posts into and the cashier desk collects.
    static func createFeesAndCharges(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE fee_schedule (
              fee_id TEXT PRIMARY KEY NOT NULL,
              code TEXT NOT NULL CHECK (length(code) BETWEEN 2 AND 32 AND code GLOB '[A-Z]*' AND code NOT GLOB '*[^A-Z0-9_-]*'),
              name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
              amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),
              effective_from TEXT NOT NULL CHECK (effective_from GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
              effective_to TEXT CHECK (effective_to IS NULL OR effective_to >= effective_from),
              created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT, updated_by TEXT,
              UNIQUE (code, effective_from)
            ) STRICT, WITHOUT ROWID;

            CREATE TABLE charges (
              charge_id TEXT PRIMARY KEY NOT NULL,
              patient_id TEXT NOT NULL REFERENCES patients(patient_id),
              fee_id TEXT REFERENCES fee_schedule(fee_id),
              code TEXT NOT NULL CHECK (length(code) BETWEEN 1 AND 32),
              description TEXT NOT NULL CHECK (length(description) BETWEEN 1 AND 200),
              quantity INTEGER NOT NULL CHECK (quantity >= 1),
              unit_amount_minor INTEGER NOT NULL CHECK (unit_amount_minor >= 0),
              amount_minor INTEGER NOT NULL CHECK (amount_minor = quantity * unit_amount_minor),
              currency TEXT NOT NULL CHECK (length(currency) = 3),
              source TEXT NOT NULL CHECK (source IN ('registration', 'queue', 'beds', 'pharmacy', 'counter')),
              status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'invoiced', 'void')),
              posted_at TEXT NOT NULL,
              created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT, updated_by TEXT
            ) STRICT, WITHOUT ROWID;
            CREATE INDEX charges_patient ON charges(patient_id, status);
            """)
    }
}
