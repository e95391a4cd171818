// Migration "013 pharmacy": items, batches, goods receipts, the stock ledger, prescriptions and dispenses.
import GRDB

/// The pharmacy desk's tables. Stock on hand is never stored: it is the sum of `stock_movements`, an
/// append-only ledger of its own, and a trigger refuses any movement that would take a batch below
/// zero, whoever writes it. Quantities are whole dispensing units (tablet, capsule, ml, vial…).
enum PharmacySchema {
    static func create(_ db: Database) throws {
        try db.execute(sql: """
            -- What the pharmacy stocks. `code` is also the fee code of its price per unit, unless fee_code says otherwise.
            CREATE TABLE pharmacy_items (
              item_id TEXT PRIMARY KEY NOT NULL,
              code TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 2 AND 32 AND code GLOB '[A-Z]*' AND code NOT GLOB '*[^A-Z0-9_-]*'),
              generic_name TEXT NOT NULL CHECK (length(generic_name) BETWEEN 1 AND 100),
              brand TEXT CHECK (brand IS NULL OR length(brand) BETWEEN 1 AND 100),
              form TEXT NOT NULL CHECK (length(form) BETWEEN 1 AND 40),
              strength TEXT CHECK (strength IS NULL OR length(strength) BETWEEN 1 AND 40),
              route TEXT CHECK (route IS NULL OR length(route) BETWEEN 1 AND 40),
              unit TEXT NOT NULL CHECK (length(unit) BETWEEN 1 AND 20),
              pack_size INTEGER NOT NULL CHECK (pack_size BETWEEN 1 AND 100000),
              reorder_level INTEGER NOT NULL DEFAULT 0 CHECK (reorder_level BETWEEN 0 AND 10000000),
              fee_code TEXT CHECK (fee_code IS NULL OR length(fee_code) BETWEEN 2 AND 32),
              active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
              -- Folded generic name and brand, for the prefix lookup.
              search_text TEXT NOT NULL,
              created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT, updated_by TEXT
            ) STRICT, WITHOUT ROWID;
            CREATE INDEX pharmacy_items_search ON pharmacy_items(search_text);

            -- One lot of an item as the supplier labelled it; receiving the same lot again adds to it.
            CREATE TABLE pharmacy_batches (
              batch_id TEXT PRIMARY KEY NOT NULL,
              item_id TEXT NOT NULL REFERENCES pharmacy_items(item_id),
              batch_no TEXT NOT NULL CHECK (length(batch_no) BETWEEN 1 AND 40),
              expiry TEXT NOT NULL CHECK (expiry GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
              supplier TEXT CHECK (supplier IS NULL OR length(supplier) BETWEEN 1 AND 100),
              created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT, updated_by TEXT,
              UNIQUE (item_id, batch_no)
            ) STRICT, WITHOUT ROWID;
            CREATE INDEX pharmacy_batches_expiry ON pharmacy_batches(expiry);

            -- A delivery: the supplier's invoice; its lines are its GRN movements.
            CREATE TABLE goods_receipts (
              grn_id TEXT PRIMARY KEY NOT NULL,
              number INTEGER NOT NULL UNIQUE CHECK (number >= 1),
              supplier TEXT NOT NULL CHECK (length(supplier) BETWEEN 1 AND 100),
              invoice_no TEXT CHECK (invoice_no IS NULL OR length(invoice_no) BETWEEN 1 AND 40),
              received_at TEXT NOT NULL,
              created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT, updated_by TEXT
            ) STRICT, WITHOUT ROWID;

            CREATE TABLE prescriptions (
              rx_id TEXT PRIMARY KEY NOT NULL,
              number INTEGER NOT NULL UNIQUE CHECK (number >= 1),
              patient_id TEXT NOT NULL REFERENCES patients(patient_id),
              -- The visit or admission its charges go to (nil: the patient's account, no visit).
              encounter_id TEXT REFERENCES encounters(encounter_id),
              prescriber TEXT NOT NULL CHECK (length(prescriber) BETWEEN 1 AND 100),
              doctor_id TEXT REFERENCES doctors(doctor_id),
              written_on TEXT NOT NULL CHECK (written_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
              source TEXT NOT NULL CHECK (source IN ('counter', 'doctor')),
              status TEXT NOT NULL CHECK (status IN ('open', 'done', 'cancelled')),
              closed_reason TEXT CHECK (closed_reason IS NULL OR length(closed_reason) BETWEEN 1 AND 200),
              created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT, updated_by TEXT
            ) STRICT, WITHOUT ROWID;
            CREATE INDEX prescriptions_patient ON prescriptions(patient_id, written_on);
            CREATE INDEX prescriptions_open ON prescriptions(status, written_on) WHERE status = 'open';

            -- What is owed is `quantity` less what was dispensed (less returns), unless the rest was cancelled.
            CREATE TABLE prescription_lines (
              line_id TEXT PRIMARY KEY NOT NULL,
              rx_id TEXT NOT NULL REFERENCES prescriptions(rx_id),
              line_no INTEGER NOT NULL CHECK (line_no BETWEEN 1 AND 50),
              item_id TEXT NOT NULL REFERENCES pharmacy_items(item_id),
              dose TEXT NOT NULL CHECK (length(dose) BETWEEN 1 AND 40),
              frequency TEXT NOT NULL CHECK (length(frequency) BETWEEN 1 AND 40),
              duration_days INTEGER CHECK (duration_days IS NULL OR duration_days BETWEEN 1 AND 365),
              route TEXT CHECK (route IS NULL OR length(route) BETWEEN 1 AND 40),
              instructions TEXT CHECK (instructions IS NULL OR length(instructions) BETWEEN 1 AND 200),
              quantity INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 100000),
              -- A recorded allergy the item's name met, and who saw the warning and went on.
              allergy TEXT CHECK (allergy IS NULL OR length(allergy) BETWEEN 1 AND 200),
              allergy_acknowledged_by TEXT REFERENCES users(user_id),
              rest_cancelled_reason TEXT CHECK (rest_cancelled_reason IS NULL OR length(rest_cancelled_reason) BETWEEN 1 AND 200),
              created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT, updated_by TEXT,
              UNIQUE (rx_id, line_no),
              CHECK (allergy IS NULL OR allergy_acknowledged_by IS NOT NULL)
            ) STRICT, WITHOUT ROWID;

            -- One batch's part of a line's dispensing; a dispense split over two batches is two rows.
            CREATE TABLE dispenses (
              dispense_id TEXT PRIMARY KEY NOT NULL,
              -- Its patient is the prescription's (a merge moves the prescription, and its dispenses with it).
              line_id TEXT NOT NULL REFERENCES prescription_lines(line_id),
              item_id TEXT NOT NULL REFERENCES pharmacy_items(item_id),
              batch_id TEXT NOT NULL REFERENCES pharmacy_batches(batch_id),
              quantity INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 100000),
              -- Nil when the item had no price in the fee schedule that day.
              charge_id TEXT REFERENCES charges(charge_id),
              -- Why the pharmacist chose this batch over the first-expiring one.
              override_reason TEXT CHECK (override_reason IS NULL OR length(override_reason) BETWEEN 1 AND 200),
              dispensed_at TEXT NOT NULL,
              created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT, updated_by TEXT
            ) STRICT, WITHOUT ROWID;
            CREATE INDEX dispenses_line ON dispenses(line_id);
            CREATE INDEX dispenses_period ON dispenses(dispensed_at);

            -- The stock ledger: every movement of every batch, never changed. Receipts and returns from
            -- patients add; dispensing, issues, returns to suppliers and write-offs take away; adjustments either.
            CREATE TABLE stock_movements (
              movement_id TEXT PRIMARY KEY NOT NULL,
              item_id TEXT NOT NULL REFERENCES pharmacy_items(item_id),
              batch_id TEXT NOT NULL REFERENCES pharmacy_batches(batch_id),
              type TEXT NOT NULL CHECK (type IN ('GRN', 'ADJUST', 'ISSUE', 'DISPENSE', 'RETURN', 'EXPIRE')),
              quantity INTEGER NOT NULL CHECK (quantity <> 0 AND abs(quantity) <= 10000000),
              -- GRN only: what the line cost, in minor units (value at cost is worked out from it).
              cost_minor INTEGER CHECK (cost_minor IS NULL OR cost_minor >= 0),
              reason TEXT CHECK (reason IS NULL OR length(reason) BETWEEN 1 AND 200),
              -- ISSUE: the ward or department; RETURN to a supplier: the supplier.
              counterparty TEXT CHECK (counterparty IS NULL OR length(counterparty) BETWEEN 1 AND 100),
              grn_id TEXT REFERENCES goods_receipts(grn_id),
              dispense_id TEXT REFERENCES dispenses(dispense_id),
              authorized_by TEXT REFERENCES users(user_id),
              occurred_at TEXT NOT NULL,
              created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT, updated_by TEXT,
              CHECK (type NOT IN ('GRN') OR (quantity > 0 AND grn_id IS NOT NULL AND cost_minor IS NOT NULL)),
              CHECK (type NOT IN ('DISPENSE') OR (quantity < 0 AND dispense_id IS NOT NULL)),
              CHECK (type NOT IN ('ISSUE', 'EXPIRE') OR quantity < 0),
              CHECK (type NOT IN ('ADJUST', 'EXPIRE', 'ISSUE', 'RETURN') OR reason IS NOT NULL),
              CHECK (type <> 'ADJUST' OR authorized_by IS NOT NULL),
              -- A return from a patient names the dispense it reverses; a return to a supplier names the supplier.
              CHECK (type <> 'RETURN' OR (quantity > 0 AND dispense_id IS NOT NULL) OR (quantity < 0 AND counterparty IS NOT NULL))
            -- A rowid table on purpose: rowid is the order movements were written, which a stock card's running
            -- balance follows when several share an instant.
            ) STRICT;
            -- Covering: stock on hand of a batch or an item is a sum over this index alone. An item's stock card
            -- reads through it too (by the item's batches): an index by item would put every dispense on a page
            -- of its own in a large table, which a busy counter pays for on every commit.
            CREATE INDEX stock_movements_batch ON stock_movements(batch_id, quantity);
            CREATE INDEX stock_movements_period ON stock_movements(occurred_at);
            CREATE INDEX stock_movements_dispense ON stock_movements(dispense_id) WHERE dispense_id IS NOT NULL;

            CREATE TRIGGER stock_movements_no_update BEFORE UPDATE ON stock_movements
            BEGIN SELECT RAISE(ABORT, 'stock_movements is append-only'); END;
            CREATE TRIGGER stock_movements_no_delete BEFORE DELETE ON stock_movements
            BEGIN SELECT RAISE(ABORT, 'stock_movements is append-only'); END;
            -- The last guard against selling what is not there: two terminals at once, a script, a hand edit.
            CREATE TRIGGER stock_movements_not_below_zero AFTER INSERT ON stock_movements
            WHEN NEW.quantity < 0 AND (SELECT sum(quantity) FROM stock_movements WHERE batch_id = NEW.batch_id) < 0
            BEGIN SELECT RAISE(ABORT, 'stock on hand would go below zero'); END;
            """)
    }
}
