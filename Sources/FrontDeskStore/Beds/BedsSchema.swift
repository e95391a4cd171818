// Migration "012 beds": bed types, wards, beds, admissions, bed allocations and bed-day charges.
import GRDB

/// The beds desk's tables. *Occupied* is never stored: a bed is occupied while it has an open
/// allocation, so the board and the rules cannot disagree. Instants are UTC; days are local.
enum BedsSchema {
    static func create(_ db: Database) throws {
        try db.execute(sql: """
            -- A code list the admin extends (the standard six are added, ledgered, with the first ward);
            -- each type's daily rate is the fee schedule's `fee_code`.
            CREATE TABLE bed_types (
              code TEXT PRIMARY KEY NOT NULL CHECK (length(code) BETWEEN 2 AND 20 AND code NOT GLOB '*[^a-z_]*'),
              name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
              fee_code TEXT CHECK (fee_code IS NULL OR length(fee_code) BETWEEN 2 AND 32),
              active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
              created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT, updated_by TEXT
            ) STRICT, WITHOUT ROWID;

            CREATE TABLE wards (
              ward_id TEXT PRIMARY KEY NOT NULL,
              code TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 8 AND code NOT GLOB '*[^A-Z0-9]*'),
              name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
              department_id TEXT NOT NULL REFERENCES departments(department_id),
              active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
              created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT, updated_by TEXT
            ) STRICT, WITHOUT ROWID;

            -- A bed's own state; a reservation needs whom and until when, a block a reason.
            CREATE TABLE beds (
              bed_id TEXT PRIMARY KEY NOT NULL,
              ward_id TEXT NOT NULL REFERENCES wards(ward_id),
              label TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 8 AND label NOT GLOB '*[^A-Z0-9-]*'),
              type_code TEXT NOT NULL REFERENCES bed_types(code),
              tags TEXT NOT NULL DEFAULT '' CHECK (length(tags) <= 100),
              state TEXT NOT NULL CHECK (state IN ('free', 'reserved', 'cleaning', 'blocked')),
              state_reason TEXT CHECK (state_reason IS NULL OR length(state_reason) BETWEEN 1 AND 200),
              reserved_for TEXT REFERENCES patients(patient_id),
              reserved_until TEXT,
              state_changed_at TEXT NOT NULL,
              retired_at TEXT,
              created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT, updated_by TEXT,
              UNIQUE (ward_id, label),
              CHECK ((state = 'reserved') = (reserved_for IS NOT NULL AND reserved_until IS NOT NULL)),
              CHECK (state <> 'blocked' OR state_reason IS NOT NULL)
            ) STRICT, WITHOUT ROWID;

            -- An inpatient or day-case stay: its own encounter, so its charges make the admission invoice.
            CREATE TABLE admissions (
              admission_id TEXT PRIMARY KEY NOT NULL,
              encounter_id TEXT NOT NULL UNIQUE REFERENCES encounters(encounter_id),
              patient_id TEXT NOT NULL REFERENCES patients(patient_id),
              admitted_at TEXT NOT NULL,
              attending_doctor_id TEXT REFERENCES doctors(doctor_id),
              reason TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 200),
              diagnosis TEXT CHECK (diagnosis IS NULL OR length(diagnosis) BETWEEN 1 AND 200),
              expected_days INTEGER CHECK (expected_days IS NULL OR expected_days BETWEEN 1 AND 365),
              discharged_at TEXT,
              disposition TEXT CHECK (disposition IS NULL OR disposition IN ('home', 'referred', 'against_advice', 'died')),
              discharge_note TEXT CHECK (discharge_note IS NULL OR length(discharge_note) BETWEEN 1 AND 500),
              -- How a discharge with money owed was let through: a supervisor (with the reason) at discharge,
              -- or the cashier beforehand (an insurer's guarantee, a company account).
              clearance TEXT CHECK (clearance IS NULL OR clearance IN ('paid', 'cashier', 'supervisor')),
              cleared_by TEXT REFERENCES users(user_id),
              clearance_reason TEXT CHECK (clearance_reason IS NULL OR length(clearance_reason) BETWEEN 1 AND 200),
              balance_at_discharge_minor INTEGER,
              created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT, updated_by TEXT,
              CHECK ((discharged_at IS NULL) = (disposition IS NULL)),
              CHECK (discharged_at IS NULL OR discharged_at >= admitted_at),
              CHECK (clearance IS NULL OR clearance = 'paid' OR (cleared_by IS NOT NULL AND clearance_reason IS NOT NULL))
            ) STRICT, WITHOUT ROWID;
            -- A patient is admitted once at a time.
            CREATE UNIQUE INDEX admissions_one_open ON admissions(patient_id) WHERE discharged_at IS NULL;
            CREATE INDEX admissions_period ON admissions(admitted_at);
            CREATE INDEX admissions_discharged ON admissions(discharged_at) WHERE discharged_at IS NOT NULL;

            -- Who held which bed when. The two partial unique indexes are what let exactly one of two
            -- nurses have a bed, whichever terminal or process they use.
            CREATE TABLE bed_allocations (
              allocation_id TEXT PRIMARY KEY NOT NULL,
              admission_id TEXT NOT NULL REFERENCES admissions(admission_id),
              bed_id TEXT NOT NULL REFERENCES beds(bed_id),
              start_at TEXT NOT NULL,
              end_at TEXT,
              end_reason TEXT CHECK (end_reason IS NULL OR end_reason IN ('transfer', 'swap', 'discharge', 'unassigned')),
              reason TEXT CHECK (reason IS NULL OR length(reason) BETWEEN 1 AND 200),
              created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT, updated_by TEXT,
              CHECK ((end_at IS NULL) = (end_reason IS NULL)),
              CHECK (end_at IS NULL OR end_at >= start_at)
            ) STRICT, WITHOUT ROWID;
            CREATE UNIQUE INDEX bed_allocations_one_per_bed ON bed_allocations(bed_id) WHERE end_at IS NULL;
            CREATE UNIQUE INDEX bed_allocations_one_per_admission ON bed_allocations(admission_id) WHERE end_at IS NULL;
            CREATE INDEX bed_allocations_bed ON bed_allocations(bed_id, start_at);
            CREATE INDEX bed_allocations_admission ON bed_allocations(admission_id, start_at);
            CREATE INDEX bed_allocations_period ON bed_allocations(start_at);
            CREATE INDEX bed_allocations_ended ON bed_allocations(end_at) WHERE end_at IS NOT NULL;

            -- One row per admission and charged day: what makes accrual idempotent. `day` is the local
            -- day of the charge instant; a stay that spanned none is charged its minimum day at discharge.
            CREATE TABLE bed_day_charges (
              day_charge_id TEXT PRIMARY KEY NOT NULL,
              admission_id TEXT NOT NULL REFERENCES admissions(admission_id),
              day TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
              bed_id TEXT NOT NULL REFERENCES beds(bed_id),
              type_code TEXT NOT NULL,
              minimum INTEGER NOT NULL DEFAULT 0 CHECK (minimum IN (0, 1)),
              -- Nil when the bed type had no rate in the schedule that day (the day is still counted once).
              charge_id TEXT REFERENCES charges(charge_id),
              created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT, updated_by TEXT,
              UNIQUE (admission_id, day)
            ) STRICT, WITHOUT ROWID;

            """)
    }
}
