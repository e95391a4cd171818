// What a patient still owes for one encounter (an admission), and the deposit on account set against it.
import Foundation
import FrontDeskCore
import GRDB

/// A stay's bill as the bed and the discharge show it.
public struct EncounterBalance: Sendable, Equatable {
    /// The patient's share of the encounter's charges not yet paid: open charges as an invoice made today
    /// would split them, plus what is left of the patient's share on its issued invoices.
    public let owedMinor: Int64
    /// What the patient has on account (deposits not yet applied or refunded).
    public let depositMinor: Int64

    /// What is still to pay once the deposit is applied.
    public var dueMinor: Int64 { max(0, owedMinor - depositMinor) }
    /// The deposit left over once the bill so far is set against it.
    public var depositLeftMinor: Int64 { max(0, depositMinor - owedMinor) }
}

extension CashierStore {
    /// The cashier's rule for what an encounter still costs the patient: the one other desks (beds) read
    /// for a running bill or a discharge, so that it cannot differ from the cashier's own account screen.
    static func encounterBalance(patientID: String, encounterID: String, on today: CalendarDay, db: Database) throws
        -> EncounterBalance
    {
        let open = try Int64.fetchOne(db, sql: """
            SELECT coalesce(sum(amount_minor), 0) FROM charges WHERE patient_id = ? AND encounter_id = ? AND status = 'open'
            """, arguments: [patientID, encounterID]) ?? 0
        let policy = try coveringPolicy(patientID, on: today, db: db)
        let invoiced = try Int64.fetchOne(db, sql: """
            SELECT coalesce(sum(patient_share_minor - patient_paid_minor), 0) FROM invoices
            WHERE patient_id = ? AND encounter_id = ? AND status = 'issued'
            """, arguments: [patientID, encounterID]) ?? 0
        return EncounterBalance(owedMinor: open - payerShare(of: open, policy: policy) + invoiced,
                                depositMinor: try accountCredit(patientID, db: db))
    }
}
