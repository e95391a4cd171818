// Migration "004 registration": contacts, allergies, insurance, merges and the lookup index (shipped: never edit).
import GRDB

extension Migrations {
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
}
