// Ledger kinds of shifts, invoices, payments, refunds and receipts: typed, no free strings.

/// What the ledger entries of shifts, invoices, payments, refunds and receipts record. Raw values are the ledger's `kind` column.
public enum CashierKind: String, LedgerKind, CaseIterable {
    case shiftOpened = "shift.opened"
    case shiftClosed = "shift.closed"
    case invoiceDrafted = "invoice.drafted"
    case invoiceLineAdded = "invoice.line_added"
    case invoiceChanged = "invoice.changed"
    case invoiceIssued = "invoice.issued"
    case invoiceVoided = "invoice.voided"
    case invoicePayment = "invoice.payment"
    case invoiceDepositApplied = "invoice.deposit_applied"
    case invoiceRefund = "invoice.refund"
    case invoiceMovedByMerge = "invoice.moved_by_merge"
    case paymentReceived = "payment.received"
    case paymentRefunded = "payment.refunded"
    case paymentMethod = "payment.method"
    case paymentAllocated = "payment.allocated"
    case paymentAccountMovedByMerge = "payment.account_moved_by_merge"
    case receiptPrinted = "receipt.printed"

    public var meaning: String {
        switch self {
        case .shiftOpened: return "A cashier opened a shift with a float (or took over a handover)."
        case .shiftClosed: return "A cashier closed a shift with a counted drawer."
        case .invoiceDrafted: return "An invoice was started from open charges."
        case .invoiceLineAdded: return "A charge was added to an invoice as a line."
        case .invoiceChanged: return "An invoice's discount or insurance split changed its totals."
        case .invoiceIssued: return "An invoice was issued to the patient."
        case .invoiceVoided: return "An invoice was voided."
        case .invoicePayment: return "A payment changed what an invoice still owes."
        case .invoiceDepositApplied: return "Money on account was applied to an invoice."
        case .invoiceRefund: return "A refund changed what an invoice still owes."
        case .invoiceMovedByMerge: return "A merged record's unpaid invoice was moved to the survivor."
        case .paymentReceived: return "A payment (or a deposit on account) was taken, with its receipt number."
        case .paymentRefunded: return "A supervisor-authorised refund was paid out."
        case .paymentMethod: return "One method (cash, card, mobile money, …) of a payment."
        case .paymentAllocated: return "Part of a payment was allocated to an invoice."
        case .paymentAccountMovedByMerge: return "A merged record's money on account (its account allocations) was moved to the survivor."
        case .receiptPrinted: return "A receipt was printed or written to a file (or again: a copy); where it went is kept."
        }
    }

    public var tables: [String] {
        switch self {
        case .shiftOpened, .shiftClosed: return ["cashier_shifts"]
        case .invoiceDrafted, .invoiceChanged, .invoiceIssued, .invoiceVoided, .invoicePayment, .invoiceDepositApplied, .invoiceRefund, .invoiceMovedByMerge: return ["invoices"]
        case .invoiceLineAdded: return ["invoice_lines"]
        case .paymentReceived, .paymentRefunded, .receiptPrinted: return ["payments"]
        case .paymentMethod: return ["payment_methods"]
        case .paymentAllocated, .paymentAccountMovedByMerge: return ["payment_allocations"]
        }
    }
}
