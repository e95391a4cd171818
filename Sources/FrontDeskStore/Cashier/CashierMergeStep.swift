// The cashier desk's part of a merge: unpaid invoices and money on account follow the person.
import GRDB

extension Invoice: PatientOwnedRecord {}
extension PaymentAllocation: PatientOwnedRecord {}

extension PatientMergeStep {
    /// Invoices not yet paid (draft or issued) and the account's allocations (deposits, and
    /// deposits applied or refunded) move to the survivor, so the survivor's account shows what is
    /// owed and what is held. Receipts already taken stay under the record they were issued to.
    static let cashier = PatientMergeStep(desk: "cashier") { mergedID, survivorID, tx in
        try FacilityStore.moveToSurvivor(Invoice.self, where: "status IN ('draft', 'issued')", from: mergedID, to: survivorID,
                                         kind: CashierKind.invoiceMovedByMerge, tx: tx)
        try FacilityStore.moveToSurvivor(PaymentAllocation.self, where: "share = 'account'", from: mergedID, to: survivorID,
                                         kind: CashierKind.paymentAccountMovedByMerge, tx: tx)
    }
}
