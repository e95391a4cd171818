// SQLite's constraint failures in words: each unique key of the schema named, the rest in a plain sentence.
import GRDB

/// Says why the store refused a change, from SQLite's constraint failure. Code checks these rules
/// first with better messages; this is what a person reads when something slipped past them (two
/// terminals at once, a store edited by hand). Never SQL: tables and columns only through this table.
enum ConstraintFailure {
    /// Every UNIQUE constraint, unique index and meaningful primary key of migrations 001–007, by the
    /// columns SQLite names in "UNIQUE constraint failed: …". A test checks that none is missing.
    static let uniqueKeys: [String: String] = [
        // 001 core tables
        "facilities.name": "A facility of that name already exists",
        "store_info.singleton": "This store already has its identity",
        "store_info.store_id": "This store already has its identity",
        "departments.facility_id, departments.code": "A department with that code already exists",
        "staff_roles.role_id": "That role already exists",
        "staff_roles.name": "A role of that name already exists",
        "users.username": "That username is already taken",
        "patients.person_id": "That person already has a patient record",
        "patients.facility_id, patients.mrn": "That MRN is already in use",
        "patients.facility_id, patients.legacy_id": "A patient with that legacy id was already imported",
        "codes.system, codes.code": "That code is already in its code system",
        "number_sequences.name": "That number sequence already exists",
        "sync_state.store_id": "This store's sync state already exists",
        // 002 logs
        "ledger_entries.seq": "Another change took the same ledger number at the same moment; try again",
        "ledger_entries.entry_id": "That ledger entry is already recorded",
        // 003 settings
        "settings.key": "That setting already exists",
        // 004 registration
        "insurance_policies.patient_id": "That patient already has a primary insurance policy",
        "patient_merges.merged_patient_id": "That record has already been merged into another",
        "patient_search.patient_id": "That patient is already in the lookup index",
        // 005 fees and charges
        "fee_schedule.code, fee_schedule.effective_from": "That fee code already has a rate from that day",
        // 006 queue
        "services.code": "A service with that code already exists",
        "holidays.day": "That day is already a holiday",
        "queue_entries.encounter_id": "That visit is already in the queue",
        "queue_entries.service_id, queue_entries.day, queue_entries.token_number":
            "That token number was already given for the service and day",
        "queue_entries.patient_id, queue_entries.service_id, queue_entries.day":
            "That patient is already waiting for that service today",
        // 007 cashier
        "cashier_shifts.number": "That shift number is already taken",
        "cashier_shifts.handover_from": "That shift's cash was already handed over",
        "cashier_shifts.cashier_id": "That cashier already has an open shift",
        "invoices.number": "That invoice number is already taken",
        "invoice_lines.invoice_id, invoice_lines.charge_id": "That charge is already on the invoice",
        "payments.receipt_number": "That receipt number is already taken",
        // 009 audit trail
        "audit_trail.first_seq": "Another change took the same ledger number at the same moment; try again",
        "record_changes.table_name, record_changes.record_id, record_changes.ledger_seq":
            "That change of the record is already in the audit",
        // 012 beds
        "bed_types.code": "A bed type with that code already exists",
        "wards.code": "A ward with that code already exists",
        "beds.ward_id, beds.label": "That ward already has a bed with that label",
        "admissions.patient_id": "That patient is already admitted",
        "admissions.encounter_id": "That encounter already has an admission",
        "bed_allocations.admission_id": "That patient already has a bed; transfer them instead",
        "bed_allocations.bed_id": "Someone else took that bed a moment ago; choose another",
        "bed_day_charges.admission_id, bed_day_charges.day": "That bed-day is already charged",
        // 013 pharmacy
        "pharmacy_items.code": "An item with that code already exists",
        "pharmacy_batches.item_id, pharmacy_batches.batch_no": "That item already has a batch with that number",
        "goods_receipts.number": "That goods received number is already taken",
        "prescriptions.number": "That prescription number is already taken",
        "prescription_lines.rx_id, prescription_lines.line_no": "That prescription already has a line with that number",
    ]

    static let otherUnique = "A record with the same key already exists"
    static let check = "A value breaks one of the store's rules"
    static let foreignKey = "This refers to a record that is not in the store (removed, merged, or never saved)"
    static let appendOnly = "The ledger, the stock ledger, the audit log and the security log can only be added to, never changed"
    static let belowZero = "There is not that much of the batch on hand (another terminal may have just used it)"
    static let other = "The store's rules refused this change"

    /// The sentence (without "; nothing was saved.") for a failed constraint.
    static func reason(for error: DatabaseError) -> String {
        let message = error.message ?? ""
        switch error.extendedResultCode {
        case .SQLITE_CONSTRAINT_UNIQUE, .SQLITE_CONSTRAINT_PRIMARYKEY:
            return uniqueKeys[detail(of: message, after: "UNIQUE constraint failed: ")] ?? otherUnique
        case .SQLITE_CONSTRAINT_CHECK, .SQLITE_CONSTRAINT_DATATYPE:
            return check
        case .SQLITE_CONSTRAINT_NOTNULL:
            let column = detail(of: message, after: "NOT NULL constraint failed: ").split(separator: ".").last
            return column.map { "A required value (\($0.replacingOccurrences(of: "_", with: " "))) is missing" } ?? check
        case .SQLITE_CONSTRAINT_FOREIGNKEY:
            return foreignKey
        case .SQLITE_CONSTRAINT_TRIGGER:
            if message.hasSuffix("would go below zero") { return belowZero }
            return message.hasSuffix("is append-only") ? appendOnly : other
        default:
            return other
        }
    }

    private static func detail(of message: String, after prefix: String) -> String {
        message.hasPrefix(prefix) ? String(message.dropFirst(prefix.count)) : ""
    }
}
