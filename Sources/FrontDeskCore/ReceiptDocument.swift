// What a receipt, refund, invoice or Z report says: its items, totals and payments, before any layout.
import Foundation

/// One item of a receipt or invoice: amounts in minor units, printed as given (sign included).
public struct ReceiptLine: Sendable, Equatable {
    public var description: String
    public var quantity: Int64
    public var unitMinor: Int64
    public var amountMinor: Int64

    public init(description: String, quantity: Int64 = 1, unitMinor: Int64, amountMinor: Int64) {
        self.description = description
        self.quantity = quantity
        self.unitMinor = unitMinor
        self.amountMinor = amountMinor
    }

    /// One of something at `amountMinor`.
    public init(_ description: String, _ amountMinor: Int64) {
        self.init(description: description, quantity: 1, unitMinor: amountMinor, amountMinor: amountMinor)
    }
}

/// A labelled amount under the items: Subtotal, Discount, Insurance (NHIF), Patient pays, Paid, Balance due…
public struct ReceiptTotal: Sendable, Equatable {
    public var label: String
    public var amountMinor: Int64

    public init(_ label: String, _ amountMinor: Int64) {
        self.label = label
        self.amountMinor = amountMinor
    }
}

/// How (part of) the money moved: "Cash", "Mobile money" with its reference.
public struct ReceiptPayment: Sendable, Equatable {
    public var method: String
    public var amountMinor: Int64
    public var reference: String?

    public init(_ method: String, _ amountMinor: Int64, reference: String? = nil) {
        self.method = method
        self.amountMinor = amountMinor
        self.reference = reference
    }
}

/// What a printed document says, already worked out: the renderer adds nothing but layout.
/// Every amount is printed as given: a refund's money going back is passed negative, and is
/// printed with a minus.
public struct ReceiptDocument: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case receipt, refund, invoice, zReport, remittance

        /// The heading under the facility's name.
        public var title: String {
            switch self {
            case .receipt: return "RECEIPT"
            case .refund: return "REFUND"
            case .invoice: return "INVOICE"
            case .zReport: return "Z REPORT"
            case .remittance: return "INSURER REMITTANCE"
            }
        }
    }

    public var kind: Kind
    public var facilityName: String
    /// Address, phone, tax number: one centred line each.
    public var facilityLines: [String]
    /// "RCT-000123", "INV-000045", a shift's number.
    public var number: String
    /// Already in the facility's local time, e.g. "23 Nov 2026 10:42".
    public var issuedAt: String
    /// "Okafor, Amina  MR00000018"; nil for a Z report.
    public var patientLine: String?
    /// Free lines under the patient: "Refund of RCT-000120", "Reason: …", "Authorised by …", shift times.
    public var notes: [String]
    public var lines: [ReceiptLine]
    public var totals: [ReceiptTotal]
    public var payments: [ReceiptPayment]
    public var tenderedMinor: Int64?
    public var changeMinor: Int64?
    public var cashier: String
    /// Centred lines at the end: "Thank you", "Goods once sold…".
    public var footer: [String]
    /// A reprint: `*** COPY ***` at the top and the bottom.
    public var isCopy: Bool
    /// "KES"; heads the amount column.
    public var currency: String
    public var minorUnits: Int

    public init(kind: Kind, facilityName: String, facilityLines: [String] = [], number: String, issuedAt: String,
                patientLine: String? = nil, notes: [String] = [], lines: [ReceiptLine] = [], totals: [ReceiptTotal] = [],
                payments: [ReceiptPayment] = [], tenderedMinor: Int64? = nil, changeMinor: Int64? = nil,
                cashier: String, footer: [String] = [], isCopy: Bool = false, currency: String, minorUnits: Int) {
        self.kind = kind
        self.facilityName = facilityName
        self.facilityLines = facilityLines
        self.number = number
        self.issuedAt = issuedAt
        self.patientLine = patientLine
        self.notes = notes
        self.lines = lines
        self.totals = totals
        self.payments = payments
        self.tenderedMinor = tenderedMinor
        self.changeMinor = changeMinor
        self.cashier = cashier
        self.footer = footer
        self.isCopy = isCopy
        self.currency = currency
        self.minorUnits = minorUnits
    }
}

