// What each desk does when two patient records are merged: one step per desk, in one list.
import GRDB

/// A record that belongs to one patient by its `patient_id`.
protocol PatientOwnedRecord: LedgeredRecord {
    var patientID: String { get set }
}

/// One desk's part of a merge: moves what is the desk's own from the merged record to the survivor,
/// inside the merge's transaction (so each move is ledgered like any change).
struct PatientMergeStep: Sendable {
    let desk: String
    let run: @Sendable (_ merged: String, _ survivor: String, _ tx: BusinessTransaction) throws -> Void
}

extension FacilityStore {
    /// Every desk's merge step, run in this order. A new desk adds its line here.
    static let mergeSteps: [PatientMergeStep] = [
        .registration, .queue, .charges, .cashier, .beds, .pharmacy,
    ]

    /// Moves the merged record's rows of `type` that match `condition` (SQL on the row's own
    /// columns, after `patient_id = ?`) to the survivor, each ledgered as `kind`.
    static func moveToSurvivor<R: PatientOwnedRecord>(
        _ type: R.Type, where condition: String = "1", arguments: StatementArguments = [], from mergedID: String,
        to survivorID: String, kind: some LedgerKind, tx: BusinessTransaction
    ) throws {
        let rows = try R.filter(sql: "patient_id = ? AND (\(condition))", arguments: [mergedID] + arguments)
            .order(sql: R.keyColumn).fetchAll(tx.db)
        for var row in rows {
            row.patientID = survivorID
            try tx.update(row, kind: kind)
        }
    }
}

extension PatientMergeStep {
    /// Registration: contacts, allergies and insurance policies (one primary at most).
    static let registration = PatientMergeStep(desk: "registration") { mergedID, survivorID, tx in
        try FacilityStore.moveDetails(PatientContact.self, from: mergedID, to: survivorID, tx: tx)
        try FacilityStore.moveDetails(PatientAllergy.self, from: mergedID, to: survivorID, tx: tx)
        var survivorHasPrimary = try Bool.fetchOne(tx.db, sql: """
            SELECT 1 FROM insurance_policies WHERE patient_id = ? AND priority = 'primary' AND deleted_at IS NULL
            """, arguments: [survivorID]) ?? false
        // The survivor's primary stays primary; a moved one becomes secondary.
        try FacilityStore.moveDetails(InsurancePolicy.self, from: mergedID, to: survivorID, tx: tx) { policy in
            guard policy.priority == .primary else { return }
            if survivorHasPrimary { policy.priority = .secondary } else { survivorHasPrimary = true }
        }
    }
}
