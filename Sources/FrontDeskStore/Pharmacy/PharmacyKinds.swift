// Ledger kinds of items, batches, receipts, stock movements, prescriptions and dispenses: typed, no free strings.

/// What the ledger entries of the pharmacy desk record. Raw values are the ledger's `kind` column.
public enum PharmacyKind: String, LedgerKind, CaseIterable {
    case itemAdded = "item.added"
    case itemChanged = "item.changed"
    case batchAdded = "batch.added"
    case goodsReceived = "goods.received"
    case stockReceived = "stock.received"
    case stockAdjusted = "stock.adjusted"
    case stockIssued = "stock.issued"
    case stockReturnedToSupplier = "stock.returned_to_supplier"
    case stockExpired = "stock.expired"
    case prescriptionWritten = "prescription.written"
    case prescriptionLineAdded = "prescription.line_added"
    case prescriptionRestCancelled = "prescription.rest_cancelled"
    case prescriptionClosed = "prescription.closed"
    case prescriptionMovedByMerge = "prescription.moved_by_merge"
    case dispenseCharged = "dispense.charged"
    case dispensed = "dispense.made"
    case dispenseReturned = "dispense.returned"

    public var meaning: String {
        switch self {
        case .itemAdded: return "An item was added to the pharmacy's list (code, names, form, unit, reorder level)."
        case .itemChanged: return "An item's details, reorder level or active flag changed."
        case .batchAdded: return "A batch (lot number and expiry) of an item was first received."
        case .goodsReceived: return "A delivery was received against a supplier's invoice (its lines follow)."
        case .stockReceived: return "A delivery line: a quantity of a batch came into stock, with its cost."
        case .stockAdjusted: return "A batch's stock was corrected (count, damage), with a reason and the pharmacist in charge's say-so."
        case .stockIssued: return "Stock left the pharmacy for a ward or department."
        case .stockReturnedToSupplier: return "Stock went back to its supplier."
        case .stockExpired: return "Expired stock was written off."
        case .prescriptionWritten: return "A prescription was entered (at the counter from paper, or by a doctor)."
        case .prescriptionLineAdded: return "A line of a prescription: item, dose, frequency, duration, quantity, and any allergy acknowledged."
        case .prescriptionRestCancelled: return "What a line still owed was cancelled, with a reason."
        case .prescriptionClosed: return "A prescription was closed: all dispensed, or cancelled with a reason."
        case .prescriptionMovedByMerge: return "A merged record's prescription was moved to the survivor."
        case .dispenseCharged: return "What was kept of a return was charged again, at the price of the original dispense."
        case .dispensed: return "A quantity of one batch was dispensed against a prescription line: its charge (when the item has a price), the dispense and the stock movement in one entry; the last part of a dispense that completes the prescription carries it too, done."
        case .dispenseReturned: return "A patient brought dispensed medicine back: it went back into stock and its charge was reversed."
        }
    }

    public var tables: [String] {
        switch self {
        case .itemAdded, .itemChanged: return ["pharmacy_items"]
        case .batchAdded: return ["pharmacy_batches"]
        case .goodsReceived: return ["goods_receipts"]
        case .stockReceived, .stockAdjusted, .stockIssued, .stockReturnedToSupplier, .stockExpired: return ["stock_movements"]
        case .prescriptionWritten, .prescriptionClosed, .prescriptionMovedByMerge: return ["prescriptions"]
        case .prescriptionLineAdded, .prescriptionRestCancelled: return ["prescription_lines"]
        case .dispenseCharged: return ["charges"]
        case .dispensed: return ["charges", "dispenses", "stock_movements", "prescriptions"]
        case .dispenseReturned: return ["stock_movements", "charges", "dispenses"]
        }
    }
}
