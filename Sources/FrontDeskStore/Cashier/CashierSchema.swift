// Migration "007 cashier": shifts, invoices and their lines, payments (and refunds), their methods and allocations.
import GRDB

/// The cashier desk's tables. Money is integer minor units; nothing here is ever deleted: a refund
/// or a void is a row (or a status) of its own, with who authorised it and why.
enum CashierSchema {
    static func create(_ db: Database) throws {
        try db.execute(sql: """
            -- A cashier's turn at the counter. Every payment belongs to the open shift of its cashier.
            CREATE TABLE cashier_shifts (
              shift_id TEXT PRIMARY KEY NOT NULL,
              number INTEGER NOT NULL UNIQUE CHECK (number >= 1),
              cashier_id TEXT NOT NULL REFERENCES users(user_id),
              status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
              opened_at TEXT NOT NULL,
              float_minor INTEGER NOT NULL CHECK (float_minor >= 0),
              -- The shift whose cash this one took over (the handover the next cashier accepted).
              handover_from TEXT UNIQUE REFERENCES cashier_shifts(shift_id),
              closed_at TEXT,
              expected_cash_minor INTEGER,
              counted_cash_minor INTEGER CHECK (counted_cash_minor IS NULL OR counted_cash_minor >= 0),
              over_short_minor INTEGER,
              -- The count by denomination, as JSON: {"100000": 3, "5000": 2, …} (value in minor units: pieces).
              count_detail TEXT,
              float_left_minor INTEGER CHECK (float_left_minor IS NULL OR float_left_minor >= 0),
              close_note TEXT CHECK (close_note IS NULL OR length(close_note) <= 500),
              created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT, updated_by TEXT,
              CHECK (status = 'open' OR (closed_at IS NOT NULL AND expected_cash_minor IS NOT NULL
                     AND counted_cash_minor IS NOT NULL AND over_short_minor = counted_cash_minor - expected_cash_minor
                     AND float_left_minor IS NOT NULL AND float_left_minor <= counted_cash_minor))
            ) STRICT, WITHOUT ROWID;
            CREATE UNIQUE INDEX cashier_shifts_one_open ON cashier_shifts(cashier_id) WHERE status = 'open';

            -- Charges of a visit (or of the counter) gathered for payment. Numbered when issued.
            CREATE TABLE invoices (
              invoice_id TEXT PRIMARY KEY NOT NULL,
              number TEXT UNIQUE,
              patient_id TEXT NOT NULL REFERENCES patients(patient_id),
              encounter_id TEXT REFERENCES encounters(encounter_id),
              status TEXT NOT NULL CHECK (status IN ('draft', 'issued', 'paid', 'void')),
              currency TEXT NOT NULL CHECK (length(currency) = 3),
              subtotal_minor INTEGER NOT NULL CHECK (subtotal_minor >= 0),
              discount_minor INTEGER NOT NULL DEFAULT 0 CHECK (discount_minor BETWEEN 0 AND subtotal_minor),
              discount_reason TEXT CHECK (discount_reason IS NULL OR length(discount_reason) BETWEEN 1 AND 200),
              discount_authorized_by TEXT REFERENCES users(user_id),
              policy_id TEXT REFERENCES insurance_policies(policy_id),
              payer TEXT,
              payer_share_minor INTEGER NOT NULL DEFAULT 0 CHECK (payer_share_minor >= 0),
              patient_share_minor INTEGER NOT NULL CHECK (patient_share_minor >= 0),
              patient_paid_minor INTEGER NOT NULL DEFAULT 0 CHECK (patient_paid_minor BETWEEN 0 AND patient_share_minor),
              payer_paid_minor INTEGER NOT NULL DEFAULT 0 CHECK (payer_paid_minor BETWEEN 0 AND payer_share_minor),
              issued_at TEXT,
              paid_at TEXT,
              voided_at TEXT,
              void_reason TEXT CHECK (void_reason IS NULL OR length(void_reason) BETWEEN 1 AND 200),
              void_authorized_by TEXT REFERENCES users(user_id),
              created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT, updated_by TEXT,
              CHECK (patient_share_minor + payer_share_minor = subtotal_minor - discount_minor),
              CHECK (discount_minor = 0 OR (discount_reason IS NOT NULL AND discount_authorized_by IS NOT NULL)),
              CHECK (status = 'draft' OR status = 'void' OR (number IS NOT NULL AND issued_at IS NOT NULL)),
              CHECK ((status = 'paid') = (status <> 'draft' AND status <> 'void'
                     AND patient_paid_minor = patient_share_minor AND payer_paid_minor = payer_share_minor)),
              CHECK (status <> 'void' OR (void_reason IS NOT NULL AND void_authorized_by IS NOT NULL
                     AND patient_paid_minor = 0 AND payer_paid_minor = 0))
            ) STRICT, WITHOUT ROWID;
            CREATE INDEX invoices_patient ON invoices(patient_id, status);
            CREATE INDEX invoices_open ON invoices(status) WHERE status = 'issued';

            -- What the invoice was made of, as it was when it was made (charges may be re-invoiced after a void).
            CREATE TABLE invoice_lines (
              line_id TEXT PRIMARY KEY NOT NULL,
              invoice_id TEXT NOT NULL REFERENCES invoices(invoice_id),
              charge_id TEXT NOT NULL REFERENCES charges(charge_id),
              code TEXT NOT NULL,
              description TEXT NOT NULL,
              quantity INTEGER NOT NULL CHECK (quantity >= 1),
              unit_amount_minor INTEGER NOT NULL CHECK (unit_amount_minor >= 0),
              amount_minor INTEGER NOT NULL CHECK (amount_minor = quantity * unit_amount_minor),
              created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT, updated_by TEXT,
              UNIQUE (invoice_id, charge_id)
            ) STRICT, WITHOUT ROWID;
            CREATE INDEX invoice_lines_invoice ON invoice_lines(invoice_id);

            -- A receipt: money in (payment) or out (refund, of an earlier payment). Numbered gap-free.
            CREATE TABLE payments (
              payment_id TEXT PRIMARY KEY NOT NULL,
              receipt_number TEXT NOT NULL UNIQUE,
              kind TEXT NOT NULL CHECK (kind IN ('payment', 'refund')),
              patient_id TEXT NOT NULL REFERENCES patients(patient_id),
              shift_id TEXT NOT NULL REFERENCES cashier_shifts(shift_id),
              cashier_id TEXT NOT NULL REFERENCES users(user_id),
              total_minor INTEGER NOT NULL CHECK (total_minor > 0),
              tendered_minor INTEGER CHECK (tendered_minor IS NULL OR tendered_minor > 0),
              change_minor INTEGER CHECK (change_minor IS NULL OR change_minor >= 0),
              refund_of TEXT REFERENCES payments(payment_id),
              reason TEXT CHECK (reason IS NULL OR length(reason) BETWEEN 1 AND 200),
              authorized_by TEXT REFERENCES users(user_id),
              local_day TEXT NOT NULL CHECK (local_day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
              received_at TEXT NOT NULL,
              prints INTEGER NOT NULL DEFAULT 0 CHECK (prints >= 0),
              created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT, updated_by TEXT,
              CHECK (kind = 'payment' OR (refund_of IS NOT NULL AND reason IS NOT NULL AND authorized_by IS NOT NULL)),
              CHECK (kind = 'refund' OR refund_of IS NULL)
            ) STRICT, WITHOUT ROWID;
            -- Covering for the collections report (payment_id, the key, rides along in every index).
            CREATE INDEX payments_day ON payments(local_day, kind, cashier_id);
            CREATE INDEX payments_shift ON payments(shift_id);
            CREATE INDEX payments_patient ON payments(patient_id);
            CREATE INDEX payments_refund_of ON payments(refund_of) WHERE refund_of IS NOT NULL;

            -- How a receipt was settled: one row per method (several methods in one settlement).
            CREATE TABLE payment_methods (
              part_id TEXT PRIMARY KEY NOT NULL,
              payment_id TEXT NOT NULL REFERENCES payments(payment_id),
              method TEXT NOT NULL CHECK (method IN ('cash', 'card', 'mobile_money', 'bank_transfer', 'insurance')),
              amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
              reference TEXT CHECK (reference IS NULL OR length(reference) BETWEEN 1 AND 64),
              created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT, updated_by TEXT,
              CHECK (method IN ('cash', 'card') OR reference IS NOT NULL)
            ) STRICT, WITHOUT ROWID;
            CREATE INDEX payment_methods_payment ON payment_methods(payment_id, method, amount_minor);

            -- Where a receipt's money went (or, for a refund, came back from): an invoice's patient
            -- or payer share, or the patient's account (a deposit). Applying a deposit later moves
            -- money from the account to an invoice without a receipt: it is collected once, when paid.
            CREATE TABLE payment_allocations (
              allocation_id TEXT PRIMARY KEY NOT NULL,
              payment_id TEXT REFERENCES payments(payment_id),
              patient_id TEXT NOT NULL REFERENCES patients(patient_id),
              invoice_id TEXT REFERENCES invoices(invoice_id),
              share TEXT NOT NULL CHECK (share IN ('patient', 'payer', 'account')),
              -- Positive: into the invoice share or the account; negative: out of it (refund, deposit applied).
              amount_minor INTEGER NOT NULL CHECK (amount_minor <> 0),
              created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT, updated_by TEXT,
              CHECK ((share = 'account') = (invoice_id IS NULL))
            ) STRICT, WITHOUT ROWID;
            CREATE INDEX payment_allocations_payment ON payment_allocations(payment_id);
            CREATE INDEX payment_allocations_invoice ON payment_allocations(invoice_id) WHERE invoice_id IS NOT NULL;
            CREATE INDEX payment_allocations_account ON payment_allocations(patient_id) WHERE share = 'account';

            -- A charge names the live invoice it is on; a void charge says why and who allowed it.
            ALTER TABLE charges ADD COLUMN invoice_id TEXT REFERENCES invoices(invoice_id);
            ALTER TABLE charges ADD COLUMN void_reason TEXT CHECK (void_reason IS NULL OR length(void_reason) BETWEEN 1 AND 200);
            ALTER TABLE charges ADD COLUMN voided_by TEXT REFERENCES users(user_id);

            -- What the policy pays: a share of each invoice, or all but a fixed co-pay.
            ALTER TABLE insurance_policies ADD COLUMN coverage_percent INTEGER
              CHECK (coverage_percent IS NULL OR coverage_percent BETWEEN 0 AND 100);
            ALTER TABLE insurance_policies ADD COLUMN copay_minor INTEGER CHECK (copay_minor IS NULL OR copay_minor >= 0);
            """)
    }
}
