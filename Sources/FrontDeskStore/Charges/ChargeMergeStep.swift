// The charges pipe's part of a merge: what is still to be paid follows the person.
import GRDB

extension Charge: PatientOwnedRecord {}

extension PatientMergeStep {
    /// Open charges, and charges on invoices not yet paid (which move with their invoice), go to
    /// the survivor. Paid and void charges stay on the record they were made under.
    static let charges = PatientMergeStep(desk: "charges") { mergedID, survivorID, tx in
        try FacilityStore.moveToSurvivor(
            Charge.self,
            where: "status = 'open' OR (status = 'invoiced' AND invoice_id IN (SELECT invoice_id FROM invoices WHERE status IN ('draft', 'issued')))",
            from: mergedID, to: survivorID, kind: ChargeKind.chargeMovedByMerge, tx: tx)
    }
}
