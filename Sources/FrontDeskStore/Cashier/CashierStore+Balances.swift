// What a patient owes before and after invoicing: open charges split as an invoice of them would be split today.
import Foundation
import FrontDeskCore
import GRDB

/// A patient's charges not yet invoiced, with the share their insurer would pay on an invoice made now.
public struct OpenChargesSplit: Sendable, Equatable {
    public let count: Int
    public let totalMinor: Int64
    /// What the patient would pay (the whole total without a covering policy).
    public let patientMinor: Int64
    public let payerMinor: Int64
    /// The payer of the covering policy, when there is one.
    public let payer: String?
}

extension CashierStore {
    /// The patient's open charges, split by the primary policy valid today exactly as `draftInvoice` splits
    /// them, so the summary and the account show the patient's share before anyone invoices.
    public func openChargesSplit(of patientID: String) throws -> OpenChargesSplit {
        try read { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT count(*) AS n, coalesce(sum(amount_minor), 0) AS total FROM charges WHERE patient_id = ? AND status = 'open'
                """, arguments: [patientID])!
            let total: Int64 = row["total"]
            let today = LocalMoment(store.clock.now(), in: try FacilityStore.timeZone(db)).day
            let policy = try Self.coveringPolicy(patientID, on: today, db: db)
            let payer = Self.payerShare(of: total, policy: policy)
            return OpenChargesSplit(count: row["n"], totalMinor: total, patientMinor: total - payer, payerMinor: payer,
                                    payer: policy?.payer)
        }
    }

    // MARK: Rules

    /// The patient's primary policy valid on `day` that says what it covers.
    static func coveringPolicy(_ patientID: String, on day: CalendarDay, db: Database) throws -> InsurancePolicy? {
        try InsurancePolicy.filter(sql: """
            patient_id = ? AND priority = 'primary' AND deleted_at IS NULL AND valid_from <= ?
            AND (valid_to IS NULL OR valid_to >= ?) AND (coverage_percent IS NOT NULL OR copay_minor IS NOT NULL)
            """, arguments: [patientID, day.description, day.description]).fetchOne(db)
    }

    /// The payer's share of `net`: all but a fixed co-pay, else the payer's percentage (rounded down: the
    /// patient never pays less than their share).
    static func payerShare(of net: Int64, policy: InsurancePolicy?) -> Int64 {
        guard let policy else { return 0 }
        if let copay = policy.copayMinor { return max(0, net - copay) }
        if let percent = policy.coveragePercent { return net * Int64(percent) / 100 }
        return 0
    }
}
