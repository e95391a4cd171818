// Named, append-only schema migrations. Never edit one that has shipped: add the next.
import GRDB

enum Migrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("001 core tables", migrate: createCoreTables)
        migrator.registerMigration("002 ledger, audit and security logs", migrate: createLogs)
        migrator.registerMigration("003 facility settings", migrate: createSettings)
        migrator.registerMigration("004 registration", migrate: createRegistration)
        migrator.registerMigration("005 fees and charges", migrate: createFeesAndCharges)
        migrator.registerMigration("006 queue", migrate: QueueSchema.create)
        migrator.registerMigration("007 cashier", migrate: CashierSchema.create)
        migrator.registerMigration("008 store marking and patient access log", migrate: AccessLogSchema.create)
        migrator.registerMigration("009 audit trail points into the ledger", migrate: AuditTrailSchema.create)
        migrator.registerMigration("010 receipt output", migrate: ReceiptOutputSchema.create)
        migrator.registerMigration("011 sync state", migrate: SyncStateSchema.create)
        migrator.registerMigration("012 beds", migrate: BedsSchema.create)
        migrator.registerMigration("013 pharmacy", migrate: PharmacySchema.create)
        return migrator
    }

    /// Every migration this FrontDesk knows, in order.
    static let identifiers: [String] = migrator.migrations
    /// The migration every FrontDesk store has had since its first release.
    static let first = "001 core tables"

    /// Tables are named as in seeds/003 with the schema prefix dropped. Times are UTC text
    /// (`Timestamp`), identifiers lowercase UUID text, booleans 0/1, money integer minor units.
    static func createCoreTables(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE facilities (
              facility_id TEXT PRIMARY KEY NOT NULL CHECK (length(facility_id) = 36),
              name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
              timezone TEXT NOT NULL CHECK (length(timezone) BETWEEN 1 AND 64),
              currency TEXT NOT NULL CHECK (length(currency) = 3 AND currency = upper(currency)),
              currency_minor_units INTEGER NOT NULL CHECK (currency_minor_units BETWEEN 0 AND 3),
              created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT, updated_by TEXT
            ) STRICT;

            -- One row: the identity of this database file (store_id is made once, at init).
            CREATE TABLE store_info (
              singleton INTEGER PRIMARY KEY NOT NULL CHECK (singleton = 1),
              store_id TEXT NOT NULL UNIQUE CHECK (length(store_id) = 36),
              facility_id TEXT NOT NULL REFERENCES facilities(facility_id),
              created_at TEXT NOT NULL
            ) STRICT;

            CREATE TABLE departments (
              department_id TEXT PRIMARY KEY NOT NULL,
              facility_id TEXT NOT NULL REFERENCES facilities(facility_id),
              code TEXT NOT NULL CHECK (length(code) BETWEEN 1 AND 16),
              name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
              type TEXT NOT NULL CHECK (type IN ('OPD','WARD','ER','LAB','PHARMACY','ADMIN')),
              active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
              created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT, updated_by TEXT,
              UNIQUE (facility_id, code)
            ) STRICT;

            -- Fixed by the code's Role enum; the permission table lives in FrontDeskCore.
            CREATE TABLE staff_roles (
              role_id TEXT PRIMARY KEY NOT NULL,
              name TEXT NOT NULL UNIQUE,
              scope TEXT NOT NULL CHECK (scope IN ('desk', 'clinical', 'admin'))
            ) STRICT;
            INSERT INTO staff_roles (role_id, name, scope) VALUES
              ('admin', 'Administrator', 'admin'),
              ('receptionist', 'Receptionist', 'desk'),
              ('nurse', 'Nurse', 'clinical'),
              ('pharmacist', 'Pharmacist', 'desk'),
              ('cashier', 'Cashier', 'desk'),
              ('supervisor', 'Supervisor', 'admin'),
              ('doctor', 'Doctor', 'clinical');

            CREATE TABLE users (
              user_id TEXT PRIMARY KEY NOT NULL,
              username TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(username) BETWEEN 3 AND 32),
              display_name TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
              role_id TEXT NOT NULL REFERENCES staff_roles(role_id),
              department_id TEXT REFERENCES departments(department_id),
              password_hash TEXT NOT NULL CHECK (length(password_hash) >= 60),
              active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
              failed_attempts INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts BETWEEN 0 AND 5),
              locked_until TEXT,
              last_login_at TEXT,
              password_changed_at TEXT NOT NULL,
              disabled_reason TEXT CHECK (disabled_reason IS NULL OR length(disabled_reason) <= 200),
              created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT, updated_by TEXT,
              CHECK (active = 1 OR disabled_reason IS NOT NULL)
            ) STRICT;

            CREATE TABLE persons (
              person_id TEXT PRIMARY KEY NOT NULL,
              first_name TEXT NOT NULL CHECK (length(first_name) BETWEEN 1 AND 100),
              last_name TEXT NOT NULL CHECK (length(last_name) BETWEEN 1 AND 100),
              middle_name TEXT CHECK (middle_name IS NULL OR length(middle_name) <= 100),
              dob TEXT CHECK (dob IS NULL OR dob GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
              dob_estimated INTEGER NOT NULL DEFAULT 0 CHECK (dob_estimated IN (0, 1)),
              sex TEXT NOT NULL CHECK (sex IN ('female', 'male', 'other', 'unknown')),
              phone TEXT CHECK (phone IS NULL OR phone GLOB '+[1-9]*'),
              email TEXT CHECK (email IS NULL OR length(email) <= 254),
              address TEXT CHECK (address IS NULL OR length(address) <= 500),
              national_id TEXT CHECK (national_id IS NULL OR length(national_id) <= 40),
              created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT, updated_by TEXT,
              deleted_at TEXT
            ) STRICT, WITHOUT ROWID;

            CREATE TABLE patients (
              patient_id TEXT PRIMARY KEY NOT NULL,
              person_id TEXT NOT NULL UNIQUE REFERENCES persons(person_id),
              facility_id TEXT NOT NULL REFERENCES facilities(facility_id),
              mrn TEXT NOT NULL CHECK (length(mrn) BETWEEN 1 AND 32),
              legacy_id TEXT,
              created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT, updated_by TEXT,
              deleted_at TEXT,
              UNIQUE (facility_id, mrn)
            ) STRICT, WITHOUT ROWID;
            CREATE UNIQUE INDEX patients_legacy_id ON patients(facility_id, legacy_id) WHERE legacy_id IS NOT NULL;

            CREATE TABLE codes (
              code_id TEXT PRIMARY KEY NOT NULL,
              system TEXT NOT NULL CHECK (length(system) BETWEEN 1 AND 64),
              code TEXT NOT NULL CHECK (length(code) BETWEEN 1 AND 64),
              display TEXT NOT NULL CHECK (length(display) BETWEEN 1 AND 200),
              active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
              created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
              UNIQUE (system, code)
            ) STRICT;

            -- Gap-free people-facing numbers (MRN, receipts, invoices): taken inside the
            -- transaction that uses them, so a rollback gives the number back.
            CREATE TABLE number_sequences (
              name TEXT PRIMARY KEY NOT NULL,
              last_value INTEGER NOT NULL DEFAULT 0 CHECK (last_value >= 0)
            ) STRICT;

            -- Where the sync agent stands with the central server, per store.
            CREATE TABLE sync_state (
              store_id TEXT PRIMARY KEY NOT NULL,
              server_url TEXT,
              acked_seq INTEGER NOT NULL DEFAULT 0 CHECK (acked_seq >= 0),
              acked_hash TEXT NOT NULL DEFAULT '0000000000000000000000000000000000000000000000000000000000000000'
                CHECK (length(acked_hash) = 64),
              last_acked_at TEXT,
              last_error TEXT,
              alarm TEXT,
              updated_at TEXT NOT NULL
            ) STRICT;
            """)
    }

    static func createLogs(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE ledger_entries (
              seq INTEGER PRIMARY KEY NOT NULL CHECK (seq >= 1),
              entry_id TEXT NOT NULL UNIQUE CHECK (length(entry_id) = 36),
              facility_id TEXT NOT NULL CHECK (length(facility_id) = 36),
              store_id TEXT NOT NULL CHECK (length(store_id) = 36),
              tx_id TEXT NOT NULL CHECK (length(tx_id) = 36),
              kind TEXT NOT NULL CHECK (kind GLOB '[a-z]*.[a-z]*'),
              version INTEGER NOT NULL CHECK (version >= 1),
              occurred_at TEXT NOT NULL CHECK (length(occurred_at) = 24),
              actor_id TEXT,
              payload TEXT NOT NULL,
              prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64),
              hash TEXT NOT NULL CHECK (length(hash) = 64)
            ) STRICT;

            CREATE TABLE audit_log (
              audit_id INTEGER PRIMARY KEY,
              at TEXT NOT NULL,
              actor_user_id TEXT,
              action TEXT NOT NULL,
              table_name TEXT NOT NULL,
              record_id TEXT NOT NULL,
              before TEXT,
              after TEXT,
              tx_id TEXT NOT NULL,
              ledger_seq INTEGER NOT NULL REFERENCES ledger_entries(seq)
            ) STRICT;
            CREATE INDEX audit_log_record ON audit_log(table_name, record_id);

            CREATE TABLE security_log (
              event_id INTEGER PRIMARY KEY,
              at TEXT NOT NULL,
              event TEXT NOT NULL CHECK (event IN (
                'login.succeeded', 'login.failed', 'login.refused.locked', 'login.refused.disabled',
                'account.locked', 'password.reset', 'logout', 'session.locked', 'session.unlocked')),
              username TEXT NOT NULL,
              user_id TEXT,
              detail TEXT,
              terminal TEXT
            ) STRICT;
            CREATE INDEX security_log_user ON security_log(username, at);
            """)
        // Append-only: the store refuses to rewrite history, whoever asks.
        for table in ["ledger_entries", "audit_log", "security_log"] {
            try db.execute(sql: """
                CREATE TRIGGER \(table)_no_update BEFORE UPDATE ON \(table)
                BEGIN SELECT RAISE(ABORT, '\(table) is append-only'); END;
                CREATE TRIGGER \(table)_no_delete BEFORE DELETE ON \(table)
                BEGIN SELECT RAISE(ABORT, '\(table) is append-only'); END;
                """)
        }
    }

    /// Facility-wide settings an administrator changes (idle lock, …): one row per key.
    static func createSettings(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE settings (
              key TEXT PRIMARY KEY NOT NULL CHECK (length(key) BETWEEN 1 AND 64),
              value TEXT NOT NULL CHECK (length(value) <= 1000),
              updated_at TEXT NOT NULL,
              updated_by TEXT
            ) STRICT;
            """)
    }
}
