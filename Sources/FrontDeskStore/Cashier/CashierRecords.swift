// The records of the cashier desk's tables: shifts, invoices and lines, payments, their methods and allocations.
import GRDB

/// A cashier's turn at the counter, from the opening float to the counted close.
public struct CashierShift: LedgeredRecord, Equatable, Sendable {
    public static let databaseTableName = "cashier_shifts"
    static let keyColumn = "shift_id"
    var key: String { shiftID }

    public enum Status: String, Codable, Sendable { case open, closed }

    public var shiftID: String
    public var number: Int
    public var cashierID: String
    public var status: Status
    public var openedAt: String
    public var floatMinor: Int64
    public var handoverFrom: String?
    public var closedAt: String?
    public var expectedCashMinor: Int64?
    public var countedCashMinor: Int64?
    public var overShortMinor: Int64?
    public var countDetail: String?
    public var floatLeftMinor: Int64?
    public var closeNote: String?
    public var createdAt: String
    public var updatedAt: String
    public var createdBy: String?
    public var updatedBy: String?

    enum CodingKeys: String, CodingKey {
        case shiftID = "shift_id", number, cashierID = "cashier_id", status, openedAt = "opened_at"
        case floatMinor = "float_minor", handoverFrom = "handover_from", closedAt = "closed_at"
        case expectedCashMinor = "expected_cash_minor", countedCashMinor = "counted_cash_minor"
        case overShortMinor = "over_short_minor", countDetail = "count_detail", floatLeftMinor = "float_left_minor"
        case closeNote = "close_note"
        case createdAt = "created_at", updatedAt = "updated_at", createdBy = "created_by", updatedBy = "updated_by"
    }
}

/// Charges gathered for payment, split between the patient and their insurer.
public struct Invoice: LedgeredRecord, Equatable, Sendable {
    public static let databaseTableName = "invoices"
    static let keyColumn = "invoice_id"
    var key: String { invoiceID }

    public enum Status: String, Codable, Sendable { case draft, issued, paid, void }

    public var invoiceID: String
    public var number: String?
    public var patientID: String
    public var encounterID: String?
    public var status: Status
    public var currency: String
    public var subtotalMinor: Int64
    public var discountMinor: Int64
    public var discountReason: String?
    public var discountAuthorizedBy: String?
    public var policyID: String?
    public var payer: String?
    public var payerShareMinor: Int64
    public var patientShareMinor: Int64
    public var patientPaidMinor: Int64
    public var payerPaidMinor: Int64
    public var issuedAt: String?
    public var paidAt: String?
    public var voidedAt: String?
    public var voidReason: String?
    public var voidAuthorizedBy: String?
    public var createdAt: String
    public var updatedAt: String
    public var createdBy: String?
    public var updatedBy: String?

    /// What is still owed, by the patient and by the payer.
    public var patientBalanceMinor: Int64 { patientShareMinor - patientPaidMinor }
    public var payerBalanceMinor: Int64 { payerShareMinor - payerPaidMinor }
    public var totalMinor: Int64 { subtotalMinor - discountMinor }

    enum CodingKeys: String, CodingKey {
        case invoiceID = "invoice_id", number, patientID = "patient_id", encounterID = "encounter_id", status, currency
        case subtotalMinor = "subtotal_minor", discountMinor = "discount_minor", discountReason = "discount_reason"
        case discountAuthorizedBy = "discount_authorized_by", policyID = "policy_id", payer
        case payerShareMinor = "payer_share_minor", patientShareMinor = "patient_share_minor"
        case patientPaidMinor = "patient_paid_minor", payerPaidMinor = "payer_paid_minor", issuedAt = "issued_at"
        case paidAt = "paid_at", voidedAt = "voided_at", voidReason = "void_reason", voidAuthorizedBy = "void_authorized_by"
        case createdAt = "created_at", updatedAt = "updated_at", createdBy = "created_by", updatedBy = "updated_by"
    }
}

/// One line of an invoice, copied from its charge when the invoice was made.
public struct InvoiceLine: LedgeredRecord, Equatable, Sendable {
    public static let databaseTableName = "invoice_lines"
    static let keyColumn = "line_id"
    var key: String { lineID }

    public var lineID: String
    public var invoiceID: String
    public var chargeID: String
    public var code: String
    public var description: String
    public var quantity: Int64
    public var unitAmountMinor: Int64
    public var amountMinor: Int64
    public var createdAt: String
    public var updatedAt: String
    public var createdBy: String?
    public var updatedBy: String?

    enum CodingKeys: String, CodingKey {
        case lineID = "line_id", invoiceID = "invoice_id", chargeID = "charge_id", code, description, quantity
        case unitAmountMinor = "unit_amount_minor", amountMinor = "amount_minor"
        case createdAt = "created_at", updatedAt = "updated_at", createdBy = "created_by", updatedBy = "updated_by"
    }
}

/// A receipt: money taken (payment) or given back (refund of an earlier payment).
public struct Payment: LedgeredRecord, Equatable, Sendable {
    public static let databaseTableName = "payments"
    static let keyColumn = "payment_id"
    var key: String { paymentID }

    public enum Kind: String, Codable, Sendable { case payment, refund }

    public var paymentID: String
    public var receiptNumber: String
    public var kind: Kind
    public var patientID: String
    public var shiftID: String
    public var cashierID: String
    public var totalMinor: Int64
    public var tenderedMinor: Int64?
    public var changeMinor: Int64?
    public var refundOf: String?
    public var reason: String?
    public var authorizedBy: String?
    public var localDay: String
    public var receivedAt: String
    public var prints: Int
    /// Where the last print went: `printer`, or `file:` and the path (nil before the first).
    public var lastOutput: String?
    public var createdAt: String
    public var updatedAt: String
    public var createdBy: String?
    public var updatedBy: String?

    /// The file the receipt was last written to, when its last output was a file rather than the printer.
    public var writtenTo: String? {
        guard let lastOutput, lastOutput.hasPrefix("file:") else { return nil }
        return String(lastOutput.dropFirst(5))
    }

    /// An insurer's settlement, numbered `REM-…` apart from receipts: not drawer money, not the patient's.
    public var isRemittance: Bool { receiptNumber.hasPrefix(CashierStore.remittancePrefix + "-") }

    enum CodingKeys: String, CodingKey {
        case paymentID = "payment_id", receiptNumber = "receipt_number", kind, patientID = "patient_id"
        case shiftID = "shift_id", cashierID = "cashier_id", totalMinor = "total_minor", tenderedMinor = "tendered_minor"
        case changeMinor = "change_minor", refundOf = "refund_of", reason, authorizedBy = "authorized_by"
        case localDay = "local_day", receivedAt = "received_at", prints, lastOutput = "last_output"
        case createdAt = "created_at", updatedAt = "updated_at", createdBy = "created_by", updatedBy = "updated_by"
    }
}

/// How money moves at the counter.
public enum PaymentMethod: String, Codable, CaseIterable, Sendable {
    case cash, card, mobileMoney = "mobile_money", bankTransfer = "bank_transfer", insurance

    /// Mobile money, bank transfers and insurance settlements are traced by a reference.
    public var needsReference: Bool { !(self == .cash || self == .card) }

    public var title: String {
        switch self {
        case .cash: return "Cash"
        case .card: return "Card"
        case .mobileMoney: return "Mobile money"
        case .bankTransfer: return "Bank transfer"
        case .insurance: return "Insurance"
        }
    }
}

/// One method's part of a receipt.
public struct PaymentPart: LedgeredRecord, Equatable, Sendable {
    public static let databaseTableName = "payment_methods"
    static let keyColumn = "part_id"
    var key: String { partID }

    /// Parts in the order of `PaymentMethod.allCases` (cash first), as receipts list them.
    static let methodOrder = "CASE method " + PaymentMethod.allCases.enumerated()
        .map { "WHEN '\($0.element.rawValue)' THEN \($0.offset)" }.joined(separator: " ") + " END"

    public var partID: String
    public var paymentID: String
    public var method: PaymentMethod
    public var amountMinor: Int64
    public var reference: String?
    public var createdAt: String
    public var updatedAt: String
    public var createdBy: String?
    public var updatedBy: String?

    enum CodingKeys: String, CodingKey {
        case partID = "part_id", paymentID = "payment_id", method, amountMinor = "amount_minor", reference
        case createdAt = "created_at", updatedAt = "updated_at", createdBy = "created_by", updatedBy = "updated_by"
    }
}

/// Where money went: an invoice's patient or payer share, or the patient's account.
struct PaymentAllocation: LedgeredRecord, Equatable, Sendable {
    static let databaseTableName = "payment_allocations"
    static let keyColumn = "allocation_id"
    var key: String { allocationID }

    enum Share: String, Codable, Sendable { case patient, payer, account }

    var allocationID: String
    var paymentID: String?
    var patientID: String
    var invoiceID: String?
    var share: Share
    var amountMinor: Int64
    var createdAt: String
    var updatedAt: String
    var createdBy: String?
    var updatedBy: String?

    enum CodingKeys: String, CodingKey {
        case allocationID = "allocation_id", paymentID = "payment_id", patientID = "patient_id", invoiceID = "invoice_id"
        case share, amountMinor = "amount_minor"
        case createdAt = "created_at", updatedAt = "updated_at", createdBy = "created_by", updatedBy = "updated_by"
    }
}
