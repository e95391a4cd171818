// Invoices: open charges gathered per visit (or all of a patient's), discounts, the insurance split, issue and void.
import Foundation
import FrontDeskCore
import GRDB

/// An invoice with its lines and the receipts paid against it.
public struct InvoiceDetail: Sendable, Equatable {
    public let invoice: Invoice
    public let lines: [InvoiceLine]
    public let patientName: String
    public let mrn: String
    /// What of the patient's payments came from their deposit (given back to the account on a void).
    public var fromDepositMinor: Int64 = 0
    /// Nothing paid at the counter or by the insurer: a supervisor may void it (a deposit applied goes back).
    public var isVoidable: Bool {
        invoice.status != .void && invoice.patientPaidMinor == fromDepositMinor && invoice.payerPaidMinor == 0
    }
}

/// An issued invoice not yet paid in full.
public struct OutstandingInvoice: Sendable, Equatable {
    public let invoice: Invoice
    public let patientName: String
    public let mrn: String
}

extension CashierStore {
    /// Posts a service the cashier adds at the counter (a fee schedule code, or the start of a code or of a
    /// word of its name that only one of today's rates has), onto the draft invoice given, else onto the
    /// patient's draft invoice when they have one (never a second draft). Needs `cashier.pay`.
    @discardableResult
    public func addCounterCharge(patientID: String, code rawCode: String, quantity: Int64 = 1, toInvoice given: String? = nil,
                                 by actor: Actor) throws -> Charge {
        guard (1...999).contains(quantity) else { throw StoreError.invalid(ValidationError("quantity", "must be 1 to 999")) }
        return try perform(.takePayment, action: "add services at the counter", by: actor) { tx in
            _ = try FacilityStore.livePatient(patientID, db: tx.db)
            let fee = try Self.counterFee(rawCode, on: try tx.localNow().day, db: tx.db)
            let invoiceID = try given ?? Self.draftInvoiceID(of: patientID, db: tx.db)
            var charge = try FacilityStore.postCharge(fee, patientID: patientID, source: "counter", tx: tx)
            if quantity > 1 {
                charge.quantity = quantity
                charge.amountMinor = fee.amountMinor * quantity
                try tx.update(charge, kind: ChargeKind.chargeQuantity)
            }
            if let invoiceID {
                var invoice = try Self.invoice(invoiceID, db: tx.db)
                guard invoice.status == .draft, invoice.patientID == patientID else {
                    throw StoreError.invalid(ValidationError("invoice", "services are added to this patient's draft invoice only"))
                }
                try Self.addLine(charge, to: &invoice, tx: tx)
                charge = try Charge.fetchOne(tx.db, key: charge.chargeID)!
                try Self.recalculate(&invoice, tx: tx)
            }
            return charge
        }
    }

    /// Voids an open charge (posted in error), with a supervisor's authorisation and a reason.
    public func voidCharge(_ chargeID: String, reason rawReason: String, authorizedBy authorization: Authorization,
                           by actor: Actor) throws {
        let reason = try FacilityStore.reason(rawReason)
        try perform(.takePayment, action: "void charges", by: actor) { tx in
            try Self.confirm(authorization, action: "voiding a charge", in: tx.db)
            guard var charge = try Charge.fetchOne(tx.db, key: chargeID), charge.status == "open" else {
                throw StoreError.invalid(ValidationError("charge", "only an open charge (not on an invoice) can be voided"))
            }
            charge.status = "void"
            charge.voidReason = reason
            charge.voidedBy = authorization.userID
            charge.updatedAt = tx.now
            charge.updatedBy = tx.actor.userID
            try tx.update(charge, kind: ChargeKind.chargeVoided)
        }
    }

    /// A draft invoice of the patient's open charges (of one visit when `encounterID` is given). The
    /// patient's primary policy valid today splits it, when the policy says what it covers. Without a
    /// visit, a draft the patient already has gathers them (one invoice for all of a patient's open charges).
    @discardableResult
    public func draftInvoice(patientID: String, encounterID: String? = nil, by actor: Actor) throws -> Invoice {
        try perform(.takePayment, action: "make invoices", by: actor) { tx in
            if encounterID == nil, let draftID = try Self.draftInvoiceID(of: patientID, db: tx.db) {
                var draft = try Self.invoice(draftID, db: tx.db)
                let open = try Charge.filter(sql: "patient_id = ? AND status = 'open'", arguments: [patientID])
                    .order(sql: "posted_at, charge_id").fetchAll(tx.db)
                guard !open.isEmpty else { throw StoreError.invalid(ValidationError("invoice", "there are no open charges to invoice")) }
                for charge in open { try Self.addLine(charge, to: &draft, tx: tx) }
                try Self.recalculate(&draft, tx: tx)
                return draft
            }
            _ = try FacilityStore.livePatient(patientID, db: tx.db)
            var condition = "patient_id = ? AND status = 'open'"
            var arguments: StatementArguments = [patientID]
            if let encounterID { condition += " AND encounter_id = ?"; arguments += [encounterID] }
            let charges = try Charge.filter(sql: condition, arguments: arguments).order(sql: "posted_at, charge_id").fetchAll(tx.db)
            guard !charges.isEmpty else {
                throw StoreError.invalid(ValidationError("invoice", "there are no open charges to invoice"))
            }
            let policy = try Self.coveringPolicy(patientID, on: try tx.localNow().day, db: tx.db)
            var invoice = Invoice(
                invoiceID: Identifier.make(), number: nil, patientID: patientID, encounterID: encounterID, status: .draft,
                currency: try Self.currency(tx.db).code, subtotalMinor: 0, discountMinor: 0, discountReason: nil,
                discountAuthorizedBy: nil, policyID: policy?.policyID, payer: policy?.payer, payerShareMinor: 0,
                patientShareMinor: 0, patientPaidMinor: 0, payerPaidMinor: 0, issuedAt: nil, paidAt: nil, voidedAt: nil,
                voidReason: nil, voidAuthorizedBy: nil, createdAt: tx.now, updatedAt: tx.now, createdBy: tx.actor.userID,
                updatedBy: tx.actor.userID)
            try tx.insert(invoice, kind: CashierKind.invoiceDrafted)
            for charge in charges { try Self.addLine(charge, to: &invoice, tx: tx) }
            try Self.recalculate(&invoice, tx: tx)
            return invoice
        }
    }

    /// Sets (or removes, with 0) a discount on a draft or issued invoice: a supervisor authorises it, with a reason.
    @discardableResult
    public func setDiscount(_ invoiceID: String, amountMinor: Int64, reason rawReason: String,
                            authorizedBy authorization: Authorization, by actor: Actor) throws -> Invoice {
        let reason = amountMinor == 0 ? nil : try FacilityStore.reason(rawReason)
        return try perform(.takePayment, action: "give discounts", by: actor) { tx in
            try Self.confirm(authorization, action: "a discount", in: tx.db)
            var invoice = try Self.invoice(invoiceID, db: tx.db)
            guard invoice.status == .draft || invoice.status == .issued else {
                throw StoreError.invalid(ValidationError("discount", "the invoice is \(invoice.status.rawValue)"))
            }
            guard (0...invoice.subtotalMinor).contains(amountMinor) else {
                throw StoreError.invalid(ValidationError("discount", "must be between nothing and the subtotal"))
            }
            invoice.discountMinor = amountMinor
            invoice.discountReason = reason
            invoice.discountAuthorizedBy = amountMinor == 0 ? nil : authorization.userID
            try Self.recalculate(&invoice, tx: tx)
            return invoice
        }
    }

    /// Issues a draft: it takes the next invoice number (gap-free) and can be paid.
    @discardableResult
    public func issueInvoice(_ invoiceID: String, by actor: Actor) throws -> Invoice {
        try perform(.takePayment, action: "issue invoices", by: actor) { tx in
            var invoice = try Self.invoice(invoiceID, db: tx.db)
            guard invoice.status == .draft else {
                throw StoreError.invalid(ValidationError("invoice", "\(invoice.number ?? "it") is already \(invoice.status.rawValue)"))
            }
            invoice.number = Self.documentNumber("INV", try tx.nextNumber("invoice"))
            invoice.issuedAt = tx.now
            invoice.status = .issued
            try Self.settleStatus(&invoice, tx: tx, kind: CashierKind.invoiceIssued)
            return invoice
        }
    }

    /// Voids an invoice with nothing paid at the counter on it (refund first; a deposit applied to it goes
    /// back to the account): its charges are open again. A supervisor authorises it.
    @discardableResult
    public func voidInvoice(_ invoiceID: String, reason rawReason: String, authorizedBy authorization: Authorization,
                            by actor: Actor) throws -> Invoice {
        let reason = try FacilityStore.reason(rawReason)
        return try perform(.takePayment, action: "void invoices", by: actor) { tx in
            try Self.confirm(authorization, action: "voiding an invoice", in: tx.db)
            var invoice = try Self.invoice(invoiceID, db: tx.db)
            guard invoice.status != .void else { throw StoreError.invalid(ValidationError("invoice", "it is already void")) }
            // Money applied from a deposit goes back to the account; money paid at the counter is refunded first.
            let fromDeposit = try Int64.fetchOne(tx.db, sql: """
                SELECT coalesce(sum(amount_minor), 0) FROM payment_allocations
                WHERE invoice_id = ? AND share = 'patient' AND payment_id IS NULL
                """, arguments: [invoiceID]) ?? 0
            guard invoice.patientPaidMinor == fromDeposit, invoice.payerPaidMinor == 0 else {
                throw StoreError.invalid(ValidationError("invoice", "money has been paid on it; refund that first"))
            }
            if fromDeposit > 0 {
                try Self.allocate(paymentID: nil, patientID: invoice.patientID, invoiceID: invoiceID, .patient, -fromDeposit, tx: tx)
                try Self.allocate(paymentID: nil, patientID: invoice.patientID, invoiceID: nil, .account, fromDeposit, tx: tx)
                invoice.patientPaidMinor = 0
            }
            invoice.status = .void
            invoice.voidedAt = tx.now
            invoice.voidReason = reason
            invoice.voidAuthorizedBy = authorization.userID
            invoice.updatedAt = tx.now
            invoice.updatedBy = tx.actor.userID
            try tx.update(invoice, kind: CashierKind.invoiceVoided)
            for var charge in try Charge.filter(sql: "invoice_id = ?", arguments: [invoiceID]).fetchAll(tx.db) {
                charge.status = "open"
                charge.invoiceID = nil
                charge.updatedAt = tx.now
                charge.updatedBy = tx.actor.userID
                try tx.update(charge, kind: ChargeKind.chargeReopened)
            }
            return invoice
        }
    }

    public func invoiceDetail(_ invoiceID: String) throws -> InvoiceDetail {
        try read { db in
            let invoice = try Self.invoice(invoiceID, db: db)
            let lines = try InvoiceLine.filter(sql: "invoice_id = ?", arguments: [invoiceID]).order(sql: "created_at, line_id").fetchAll(db)
            let row = try Row.fetchOne(db, sql: """
                SELECT coalesce(s.display_name, '?') AS name, p.mrn FROM patients p
                LEFT JOIN patient_search s ON s.patient_id = p.patient_id WHERE p.patient_id = ?
                """, arguments: [invoice.patientID])
            var detail = InvoiceDetail(invoice: invoice, lines: lines, patientName: row?["name"] ?? "?", mrn: row?["mrn"] ?? "?")
            detail.fromDepositMinor = try Int64.fetchOne(db, sql: """
                SELECT coalesce(sum(amount_minor), 0) FROM payment_allocations
                WHERE invoice_id = ? AND share = 'patient' AND payment_id IS NULL
                """, arguments: [invoiceID]) ?? 0
            return detail
        }
    }

    /// A patient's invoices, newest first.
    public func invoices(ofPatient patientID: String) throws -> [Invoice] {
        try read { db in try Invoice.filter(sql: "patient_id = ?", arguments: [patientID]).order(sql: "created_at DESC").fetchAll(db) }
    }

    /// What a patient owes the cashier: invoices not yet paid (their patient share), and money on account.
    public func unpaidInvoices(of patientID: String) throws -> (count: Int, amountMinor: Int64) {
        try read { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT count(*) AS n, coalesce(sum(patient_share_minor - patient_paid_minor), 0) AS owed FROM invoices
                WHERE patient_id = ? AND status IN ('draft', 'issued') AND patient_share_minor > patient_paid_minor
                """, arguments: [patientID])!
            return (row["n"], row["owed"])
        }
    }

    /// Issued invoices with money still owed, oldest first (the first `limit` of them when given).
    public func outstandingInvoices(limit: Int? = nil) throws -> [OutstandingInvoice] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT i.*, coalesce(s.display_name, '?') AS patient_name, p.mrn AS patient_mrn FROM invoices i
                JOIN patients p ON p.patient_id = i.patient_id LEFT JOIN patient_search s ON s.patient_id = i.patient_id
                WHERE i.status = 'issued' ORDER BY i.issued_at LIMIT ?
                """, arguments: [limit ?? -1]).map { OutstandingInvoice(invoice: try Invoice(row: $0), patientName: $0["patient_name"], mrn: $0["patient_mrn"]) }
        }
    }

    // MARK: Rules

    static func invoice(_ invoiceID: String, db: Database) throws -> Invoice {
        guard let invoice = try Invoice.fetchOne(db, key: invoiceID) else {
            throw StoreError.invalid(ValidationError("invoice", "no such invoice"))
        }
        return invoice
    }

    /// `INV-000123`.
    static func documentNumber(_ prefix: String, _ number: Int64) -> String {
        let digits = String(number)
        return prefix + "-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    static func addLine(_ charge: Charge, to invoice: inout Invoice, tx: BusinessTransaction) throws {
        try tx.insert(InvoiceLine(
            lineID: Identifier.make(), invoiceID: invoice.invoiceID, chargeID: charge.chargeID, code: charge.code,
            description: charge.description, quantity: charge.quantity, unitAmountMinor: charge.unitAmountMinor,
            amountMinor: charge.amountMinor, createdAt: tx.now, updatedAt: tx.now, createdBy: tx.actor.userID,
            updatedBy: tx.actor.userID), kind: CashierKind.invoiceLineAdded)
        var invoiced = charge
        invoiced.status = "invoiced"
        invoiced.invoiceID = invoice.invoiceID
        invoiced.updatedAt = tx.now
        invoiced.updatedBy = tx.actor.userID
        try tx.update(invoiced, kind: ChargeKind.chargeInvoiced)
    }

    /// Subtotal from the lines, then the split (`payerShare`): a fixed co-pay (the patient pays at most that), else
    /// the payer's percentage (rounded down: the patient never pays less than their share).
    static func recalculate(_ invoice: inout Invoice, tx: BusinessTransaction) throws {
        invoice.subtotalMinor = try Int64.fetchOne(tx.db, sql: "SELECT coalesce(sum(amount_minor), 0) FROM invoice_lines WHERE invoice_id = ?",
                                                   arguments: [invoice.invoiceID]) ?? 0
        invoice.discountMinor = min(invoice.discountMinor, invoice.subtotalMinor)
        let net = invoice.subtotalMinor - invoice.discountMinor
        let payer = payerShare(of: net, policy: try invoice.policyID.flatMap { try InsurancePolicy.fetchOne(tx.db, key: $0) })
        invoice.payerShareMinor = payer
        invoice.patientShareMinor = net - payer
        guard invoice.patientPaidMinor <= invoice.patientShareMinor, invoice.payerPaidMinor <= invoice.payerShareMinor else {
            throw StoreError.invalid(ValidationError("discount", "more than that has already been paid; refund first"))
        }
        try settleStatus(&invoice, tx: tx, kind: CashierKind.invoiceChanged)
    }

    /// Saves the invoice with its status following its balances: paid exactly when nothing is owed.
    static func settleStatus(_ invoice: inout Invoice, tx: BusinessTransaction, kind: CashierKind) throws {
        if invoice.status == .issued || invoice.status == .paid {
            let settled = invoice.patientBalanceMinor == 0 && invoice.payerBalanceMinor == 0
            invoice.status = settled ? .paid : .issued
            invoice.paidAt = settled ? (invoice.paidAt ?? tx.now) : nil
        }
        invoice.updatedAt = tx.now
        invoice.updatedBy = tx.actor.userID
        try tx.update(invoice, kind: kind)
    }
}
