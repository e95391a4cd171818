// Ledger kinds of the fee schedule and the one pipe of charges every desk posts into: typed, no free strings.

/// What the ledger entries of the fee schedule and the one pipe of charges every desk posts into record. Raw values are the ledger's `kind` column.
public enum ChargeKind: String, LedgerKind, CaseIterable {
    case feeSet = "fee.set"
    case feeChanged = "fee.changed"
    case feeEnded = "fee.ended"
    case chargePosted = "charge.posted"
    case chargeVoided = "charge.voided"
    case chargeQuantity = "charge.quantity"
    case chargeInvoiced = "charge.invoiced"
    case chargeReopened = "charge.reopened"
    case chargeMovedByMerge = "charge.moved_by_merge"

    public var meaning: String {
        switch self {
        case .feeSet: return "A rate was set for a service code from a day on."
        case .feeChanged: return "A rate not yet in force was changed in place."
        case .feeEnded: return "A rate was ended the day before a new one starts."
        case .chargePosted: return "A desk posted a charge for the cashier."
        case .chargeVoided: return "A charge was voided (a check-in undone, or by the cashier)."
        case .chargeQuantity: return "An open charge's quantity was changed."
        case .chargeInvoiced: return "A charge was put on an invoice."
        case .chargeReopened: return "A voided invoice's charge was opened again."
        case .chargeMovedByMerge: return "A merged record's open charge was moved to the survivor."
        }
    }

    public var tables: [String] {
        switch self {
        case .feeSet, .feeChanged, .feeEnded: return ["fee_schedule"]
        case .chargePosted, .chargeVoided, .chargeQuantity, .chargeInvoiced, .chargeReopened, .chargeMovedByMerge: return ["charges"]
        }
    }
}
