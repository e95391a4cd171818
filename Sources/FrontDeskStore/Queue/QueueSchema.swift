// Migration "006 queue": services, doctors and their schedules, appointments, encounters, the queue, vitals.
import GRDB

/// The queue desk's tables. Days are the facility's local days (`YYYY-MM-DD`) and times of day
/// are local minutes since midnight, because that is what a patient is told; instants are UTC.
enum QueueSchema {
    static func create(_ db: Database) throws {
        try db.execute(sql: """
            -- A service line patients queue for; its code prefixes the day's tokens (CARD-014).
            CREATE TABLE services (
              service_id TEXT PRIMARY KEY NOT NULL,
              code TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 2 AND 6 AND code NOT GLOB '*[^A-Z]*'),
              name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
              department_id TEXT REFERENCES departments(department_id),
              fee_code TEXT CHECK (fee_code IS NULL OR length(fee_code) BETWEEN 2 AND 32),
              active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
              created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT, updated_by TEXT
            ) STRICT, WITHOUT ROWID;

            -- A doctor (or clinician) who can be booked; may or may not have a FrontDesk account.
            CREATE TABLE doctors (
              doctor_id TEXT PRIMARY KEY NOT NULL,
              service_id TEXT NOT NULL REFERENCES services(service_id),
              name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
              user_id TEXT REFERENCES users(user_id),
              room TEXT CHECK (room IS NULL OR length(room) BETWEEN 1 AND 20),
              active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
              created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT, updated_by TEXT
            ) STRICT, WITHOUT ROWID;

            -- Weekly sessions: weekday 1 = Monday; slots of slot_minutes from start to end.
            CREATE TABLE doctor_schedules (
              schedule_id TEXT PRIMARY KEY NOT NULL,
              doctor_id TEXT NOT NULL REFERENCES doctors(doctor_id),
              weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
              start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
              end_minute INTEGER NOT NULL CHECK (end_minute > start_minute AND end_minute <= 1440),
              slot_minutes INTEGER NOT NULL CHECK (slot_minutes BETWEEN 5 AND 240),
              capacity INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 50),
              valid_from TEXT NOT NULL CHECK (valid_from GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
              valid_to TEXT CHECK (valid_to IS NULL OR valid_to >= valid_from),
              created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT, updated_by TEXT,
              CHECK ((end_minute - start_minute) % slot_minutes = 0)
            ) STRICT, WITHOUT ROWID;
            CREATE INDEX doctor_schedules_doctor ON doctor_schedules(doctor_id, weekday);

            CREATE TABLE doctor_leave (
              leave_id TEXT PRIMARY KEY NOT NULL,
              doctor_id TEXT NOT NULL REFERENCES doctors(doctor_id),
              first_day TEXT NOT NULL CHECK (first_day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
              last_day TEXT NOT NULL CHECK (last_day >= first_day),
              reason TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 200),
              created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT, updated_by TEXT
            ) STRICT, WITHOUT ROWID;
            CREATE INDEX doctor_leave_doctor ON doctor_leave(doctor_id, first_day);

            -- Days the facility's clinics are closed.
            CREATE TABLE holidays (
              day TEXT PRIMARY KEY NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
              name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
              created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT, updated_by TEXT
            ) STRICT, WITHOUT ROWID;

            -- One visit: an outpatient attendance now; admissions later.
            CREATE TABLE encounters (
              encounter_id TEXT PRIMARY KEY NOT NULL,
              patient_id TEXT NOT NULL REFERENCES patients(patient_id),
              kind TEXT NOT NULL CHECK (kind IN ('outpatient', 'inpatient', 'day_case')),
              service_id TEXT REFERENCES services(service_id),
              doctor_id TEXT REFERENCES doctors(doctor_id),
              day TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
              status TEXT NOT NULL CHECK (status IN ('open', 'finished', 'closed')),
              started_at TEXT NOT NULL,
              ended_at TEXT,
              created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT, updated_by TEXT,
              CHECK (status = 'open' OR ended_at IS NOT NULL)
            ) STRICT, WITHOUT ROWID;
            CREATE INDEX encounters_patient ON encounters(patient_id, day);

            CREATE TABLE appointments (
              appointment_id TEXT PRIMARY KEY NOT NULL,
              patient_id TEXT NOT NULL REFERENCES patients(patient_id),
              doctor_id TEXT NOT NULL REFERENCES doctors(doctor_id),
              service_id TEXT NOT NULL REFERENCES services(service_id),
              day TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
              start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
              end_minute INTEGER NOT NULL CHECK (end_minute > start_minute AND end_minute <= 1440),
              status TEXT NOT NULL CHECK (status IN ('booked', 'checked_in', 'cancelled', 'no_show')),
              visit_reason TEXT CHECK (visit_reason IS NULL OR length(visit_reason) <= 200),
              cancel_reason TEXT CHECK (cancel_reason IS NULL OR length(cancel_reason) BETWEEN 1 AND 200),
              follow_up_of TEXT REFERENCES encounters(encounter_id),
              encounter_id TEXT REFERENCES encounters(encounter_id),
              reschedule_count INTEGER NOT NULL DEFAULT 0 CHECK (reschedule_count >= 0),
              created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT, updated_by TEXT,
              CHECK (status <> 'cancelled' OR cancel_reason IS NOT NULL),
              CHECK (status <> 'checked_in' OR encounter_id IS NOT NULL)
            ) STRICT, WITHOUT ROWID;
            CREATE INDEX appointments_slot ON appointments(doctor_id, day, start_minute);
            CREATE INDEX appointments_patient ON appointments(patient_id, day);

            -- The day's queue per service: walk-ins and booked arrivals alike. Tokens are gap-free
            -- per service and day (number_sequences 'token:CODE:DAY', taken in the check-in transaction).
            CREATE TABLE queue_entries (
              entry_id TEXT PRIMARY KEY NOT NULL,
              encounter_id TEXT NOT NULL UNIQUE REFERENCES encounters(encounter_id),
              patient_id TEXT NOT NULL REFERENCES patients(patient_id),
              service_id TEXT NOT NULL REFERENCES services(service_id),
              doctor_id TEXT REFERENCES doctors(doctor_id),
              appointment_id TEXT REFERENCES appointments(appointment_id),
              day TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
              token_number INTEGER NOT NULL CHECK (token_number >= 1),
              token TEXT NOT NULL,
              priority TEXT NOT NULL CHECK (priority IN ('emergency', 'urgent', 'normal')),
              assistance TEXT CHECK (assistance IS NULL OR assistance IN ('elderly', 'disabled')),
              source TEXT NOT NULL CHECK (source IN ('walk_in', 'appointment')),
              status TEXT NOT NULL CHECK (status IN
                ('checked_in', 'called', 'in_consultation', 'done', 'cancelled', 'no_show', 'left')),
              checked_in_at TEXT NOT NULL,
              called_at TEXT,
              consultation_at TEXT,
              finished_at TEXT,
              status_changed_at TEXT NOT NULL,
              called_by TEXT,
              room TEXT,
              close_reason TEXT CHECK (close_reason IS NULL OR length(close_reason) BETWEEN 1 AND 200),
              created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT, updated_by TEXT,
              UNIQUE (service_id, day, token_number),
              CHECK (status NOT IN ('cancelled', 'no_show', 'left') OR close_reason IS NOT NULL),
              CHECK (status = 'checked_in' OR status IN ('cancelled', 'no_show', 'left') OR called_at IS NOT NULL)
            ) STRICT, WITHOUT ROWID;
            -- A patient waits at most once per service and day.
            CREATE UNIQUE INDEX queue_entries_one_waiting ON queue_entries(patient_id, service_id, day)
              WHERE status IN ('checked_in', 'called', 'in_consultation');
            CREATE INDEX queue_entries_board ON queue_entries(day, service_id);

            -- Vital signs taken at triage, integers only (tenths of °C, grams, millimetres).
            CREATE TABLE vital_signs (
              vitals_id TEXT PRIMARY KEY NOT NULL,
              encounter_id TEXT NOT NULL REFERENCES encounters(encounter_id),
              patient_id TEXT NOT NULL REFERENCES patients(patient_id),
              systolic INTEGER CHECK (systolic IS NULL OR systolic BETWEEN 50 AND 300),
              diastolic INTEGER CHECK (diastolic IS NULL OR diastolic BETWEEN 20 AND 200),
              pulse INTEGER CHECK (pulse IS NULL OR pulse BETWEEN 20 AND 300),
              temperature_tenths INTEGER CHECK (temperature_tenths IS NULL OR temperature_tenths BETWEEN 250 AND 450),
              spo2 INTEGER CHECK (spo2 IS NULL OR spo2 BETWEEN 50 AND 100),
              respiratory_rate INTEGER CHECK (respiratory_rate IS NULL OR respiratory_rate BETWEEN 4 AND 80),
              weight_grams INTEGER CHECK (weight_grams IS NULL OR weight_grams BETWEEN 300 AND 500000),
              height_mm INTEGER CHECK (height_mm IS NULL OR height_mm BETWEEN 200 AND 2720),
              bmi_tenths INTEGER,
              recorded_at TEXT NOT NULL,
              created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT, updated_by TEXT,
              CHECK ((systolic IS NULL) = (diastolic IS NULL)),
              CHECK (diastolic IS NULL OR diastolic < systolic)
            ) STRICT, WITHOUT ROWID;
            CREATE INDEX vital_signs_encounter ON vital_signs(encounter_id);

            -- Charges gather per visit: the consultation fee names its encounter.
            ALTER TABLE charges ADD COLUMN encounter_id TEXT REFERENCES encounters(encounter_id);
            CREATE INDEX charges_encounter ON charges(encounter_id) WHERE encounter_id IS NOT NULL;
            """)
    }
}
