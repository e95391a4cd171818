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

    /// Registration: the patient's wider record (contacts, allergies, insurance, merges) and
    /// the lookup index. `patient_search` and `patient_name_index` are derived from persons
    /// and patients, kept in the same transactions, and never ledgered: they can be rebuilt.
    static func createRegistration(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE patients ADD COLUMN merged_into TEXT REFERENCES patients(patient_id);
            ALTER TABLE patients ADD COLUMN status TEXT NOT NULL DEFAULT 'active'
              CHECK (status IN ('active', 'inactive', 'deceased'));
            ALTER TABLE patients ADD COLUMN blood_type TEXT
              CHECK (blood_type IS NULL OR blood_type IN ('A+','A-','B+','B-','AB+','AB-','O+','O-'));
            ALTER TABLE patients ADD COLUMN chronic_conditions TEXT
              CHECK (chronic_conditions IS NULL OR length(chronic_conditions) <= 2000);
            ALTER TABLE patients ADD COLUMN current_medications TEXT
              CHECK (current_medications IS NULL OR length(current_medications) <= 2000);

            -- Next of kin, emergency contacts and guardians (a guardian may be a patient too).
            CREATE TABLE patient_contacts (
              contact_id TEXT PRIMARY KEY NOT NULL,
              patient_id TEXT NOT NULL REFERENCES patients(patient_id),
              kind TEXT NOT NULL CHECK (kind IN ('next_of_kin', 'emergency', 'guardian')),
              name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
              relationship TEXT NOT NULL CHECK (length(relationship) BETWEEN 1 AND 40),
              phone TEXT CHECK (phone IS NULL OR phone GLOB '+[1-9]*'),
              address TEXT CHECK (address IS NULL OR length(address) <= 500),
              related_patient_id TEXT REFERENCES patients(patient_id),
              created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT, updated_by TEXT,
              deleted_at TEXT
            ) STRICT, WITHOUT ROWID;
            CREATE INDEX patient_contacts_patient ON patient_contacts(patient_id);

            CREATE TABLE patient_allergies (
              allergy_id TEXT PRIMARY KEY NOT NULL,
              patient_id TEXT NOT NULL REFERENCES patients(patient_id),
              substance TEXT NOT NULL CHECK (length(substance) BETWEEN 1 AND 100),
              reaction TEXT CHECK (reaction IS NULL OR length(reaction) <= 200),
              severity TEXT NOT NULL CHECK (severity IN ('mild', 'moderate', 'severe', 'unknown')),
              created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT, updated_by TEXT,
              deleted_at TEXT
            ) STRICT, WITHOUT ROWID;
            CREATE INDEX patient_allergies_patient ON patient_allergies(patient_id);

            CREATE TABLE insurance_policies (
              policy_id TEXT PRIMARY KEY NOT NULL,
              patient_id TEXT NOT NULL REFERENCES patients(patient_id),
              payer TEXT NOT NULL CHECK (length(payer) BETWEEN 1 AND 100),
              policy_number TEXT NOT NULL CHECK (length(policy_number) BETWEEN 1 AND 40),
              holder_name TEXT NOT NULL CHECK (length(holder_name) BETWEEN 1 AND 200),
              holder_relationship TEXT NOT NULL
                CHECK (holder_relationship IN ('self', 'spouse', 'parent', 'child', 'other')),
              priority TEXT NOT NULL CHECK (priority IN ('primary', 'secondary')),
              valid_from TEXT NOT NULL CHECK (valid_from GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
              valid_to TEXT CHECK (valid_to IS NULL OR valid_to >= valid_from),
              created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT, updated_by TEXT,
              deleted_at TEXT
            ) STRICT, WITHOUT ROWID;
            CREATE INDEX insurance_policies_patient ON insurance_policies(patient_id);
            CREATE UNIQUE INDEX insurance_one_primary ON insurance_policies(patient_id)
              WHERE priority = 'primary' AND deleted_at IS NULL;

            -- A duplicate folded into a survivor; the merged record's MRN still finds the survivor.
            CREATE TABLE patient_merges (
              merge_id TEXT PRIMARY KEY NOT NULL,
              survivor_patient_id TEXT NOT NULL REFERENCES patients(patient_id),
              merged_patient_id TEXT NOT NULL UNIQUE REFERENCES patients(patient_id),
              merged_mrn TEXT NOT NULL,
              reason TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
              created_at TEXT NOT NULL, created_by TEXT,
              CHECK (survivor_patient_id <> merged_patient_id)
            ) STRICT, WITHOUT ROWID;

            -- One card per patient record: what a result line shows and the keys it is found by.
            -- card_id orders recency (newest first) and is the rowid in patient_name_index.
            -- Every index here is written by each registration, so there are as few as lookups
            -- allow: a whole MRN is found through mrn_reversed (its digits) and then compared.
            CREATE TABLE patient_search (
              card_id INTEGER PRIMARY KEY,
              patient_id TEXT NOT NULL UNIQUE,
              opens_patient_id TEXT NOT NULL,
              terms TEXT NOT NULL,
              family_terms TEXT NOT NULL,
              display_name TEXT NOT NULL,
              sex TEXT NOT NULL,
              dob TEXT,
              dob_estimated INTEGER NOT NULL,
              phone TEXT,
              phone_reversed TEXT,
              mrn TEXT NOT NULL,
              mrn_reversed TEXT NOT NULL,
              national_id TEXT,
              last_visit_at TEXT
            ) STRICT;
            CREATE INDEX patient_search_phone ON patient_search(phone_reversed) WHERE phone_reversed IS NOT NULL;
            CREATE INDEX patient_search_mrn_tail ON patient_search(mrn_reversed);
            CREATE INDEX patient_search_dob ON patient_search(dob) WHERE dob IS NOT NULL;
            CREATE INDEX patient_search_national_id ON patient_search(national_id) WHERE national_id IS NOT NULL;

            -- Name terms, folded in Swift and space-separated, so the ascii tokenizer keeps each
            -- term whole. Prefix indexes up to 8 characters let every prefix query read one
            -- doclist newest-first and stop early (see docs/CodebaseGuide.md, "Patient lookup").
            CREATE VIRTUAL TABLE patient_name_index USING fts5(
              terms, content='', detail=none, prefix='1 2 3 4 5 6 7 8', tokenize='ascii');
            """)
        try PatientSearchIndex.rebuild(db)
    }

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
