// Payments at the counter (several methods, cash change, deposits on account) and supervisor-authorised refunds.
import Foundation
import FrontDeskCore
import GRDB

/// One method's part of a settlement as the cashier types it.
public struct TenderLine: Sendable, Equatable {
    public var method: PaymentMethod
    public var amountMinor: Int64
    public var reference: String?

    public init(_ method: PaymentMethod, _ amountMinor: Int64, reference: String? = nil) {
        self.method = method
        self.amountMinor = amountMinor
        self.reference = reference
    }
}

/// A receipt as written: the payment (or refund), how it was settled, and the change given.
public struct Receipt: Sendable, Equatable {
    public let payment: Payment
    public let parts: [PaymentPart]
    /// The insurer's remittance written beside the patient's receipt, when the settlement had an insurance part.
    public var remittance: Payment?

    public init(payment: Payment, parts: [PaymentPart], remittance: Payment? = nil) {
        self.payment = payment
        self.parts = parts
        self.remittance = remittance
    }
}

extension CashierStore {
    /// Numbers an insurer's remittance (`REM-000001`), a sequence apart from receipts.
    static let remittancePrefix = "REM"

    /// Takes a payment into the acting cashier's open shift. With an invoice, insurance parts settle the
    /// payer's share and the rest the patient's; neither may exceed what is owed. Without one, the money
    /// is a deposit on the patient's account. `tenderedMinor` is the cash handed over (change = tendered − cash).
    /// The insurer's part is not the patient's money nor drawer money: it is written as a remittance of its
    /// own (`REM-…`), and the patient's receipt carries only what the patient paid. With only an insurance
    /// part the remittance is what is returned; otherwise the receipt, with the remittance beside it.
    @discardableResult
    public func takePayment(patientID: String, invoiceID: String? = nil, parts: [TenderLine], tenderedMinor: Int64? = nil,
                            by actor: Actor) throws -> Receipt {
        let lines = try Self.checkedTender(parts, tenderedMinor: tenderedMinor)
        return try perform(.takePayment, action: "take payments", by: actor) { tx in
            _ = try FacilityStore.livePatient(patientID, db: tx.db)
            let shift = try Self.openShift(of: tx.actor, db: tx.db)
            let currency = try Self.currency(tx.db)
            let insurance = lines.filter { $0.method == .insurance }.reduce(Int64(0)) { $0 + $1.amountMinor }
            let patientPart = lines.reduce(Int64(0)) { $0 + $1.amountMinor } - insurance
            var allocations: [(PaymentAllocation.Share, Int64)] = []
            var invoice: Invoice?
            if let invoiceID {
                var owed = try Self.invoice(invoiceID, db: tx.db)
                guard owed.patientID == patientID else { throw StoreError.invalid(ValidationError("invoice", "it is another patient's")) }
                guard owed.status == .issued else {
                    throw StoreError.invalid(ValidationError("invoice", owed.status == .draft ? "issue it before taking payment" : "it is \(owed.status.rawValue)"))
                }
                guard patientPart <= owed.patientBalanceMinor else {
                    throw StoreError.invalid(ValidationError("amount", "the patient owes \(currency.format(owed.patientBalanceMinor)) on \(owed.number ?? "it"); \(currency.format(patientPart)) is more"))
                }
                guard insurance <= owed.payerBalanceMinor else {
                    throw StoreError.invalid(ValidationError("amount", "the insurer owes \(currency.format(owed.payerBalanceMinor)) on \(owed.number ?? "it"); \(currency.format(insurance)) is more"))
                }
                owed.patientPaidMinor += patientPart
                owed.payerPaidMinor += insurance
                try Self.settleStatus(&owed, tx: tx, kind: CashierKind.invoicePayment)
                if patientPart > 0 { allocations.append((.patient, patientPart)) }
                if insurance > 0 { allocations.append((.payer, insurance)) }
                invoice = owed
            } else {
                guard insurance == 0 else {
                    throw StoreError.invalid(ValidationError("method", "an insurance settlement pays an invoice, not a deposit"))
                }
                allocations.append((.account, patientPart))
            }
            let patientLines = lines.filter { $0.method != .insurance }
            let insurerLines = lines.filter { $0.method == .insurance }
            let remittance = insurerLines.isEmpty ? nil : try Self.writeReceipt(
                kind: .payment, patientID: patientID, shift: shift, lines: insurerLines, tenderedMinor: nil, refundOf: nil,
                reason: nil, authorizedBy: nil, invoiceID: invoice?.invoiceID, allocations: allocations.filter { $0.0 == .payer },
                numbered: Self.remittancePrefix, tx: tx)
            guard !patientLines.isEmpty else { return remittance! }
            var receipt = try Self.writeReceipt(
                kind: .payment, patientID: patientID, shift: shift, lines: patientLines, tenderedMinor: tenderedMinor,
                refundOf: nil, reason: nil, authorizedBy: nil, invoiceID: invoice?.invoiceID,
                allocations: allocations.filter { $0.0 != .payer }, tx: tx)
            receipt.remittance = remittance?.payment
            return receipt
        }
    }

    /// Moves money from the patient's deposit to an issued invoice's patient share. No receipt: the
    /// money was collected (and counted) on the day it was deposited.
    public func applyDeposit(patientID: String, invoiceID: String, amountMinor: Int64, by actor: Actor) throws {
        guard amountMinor > 0 else { throw StoreError.invalid(ValidationError("amount", "must be more than nothing")) }
        try perform(.takePayment, action: "apply deposits", by: actor) { tx in
            var invoice = try Self.invoice(invoiceID, db: tx.db)
            guard invoice.patientID == patientID, invoice.status == .issued else {
                throw StoreError.invalid(ValidationError("invoice", "a deposit pays this patient's issued invoice"))
            }
            let currency = try Self.currency(tx.db)
            let credit = try Self.accountCredit(patientID, db: tx.db)
            guard amountMinor <= credit else {
                throw StoreError.invalid(ValidationError("amount", "the patient has \(currency.format(credit)) on account"))
            }
            guard amountMinor <= invoice.patientBalanceMinor else {
                throw StoreError.invalid(ValidationError("amount", "the patient owes \(currency.format(invoice.patientBalanceMinor)) on \(invoice.number ?? "it")"))
            }
            invoice.patientPaidMinor += amountMinor
            try Self.settleStatus(&invoice, tx: tx, kind: CashierKind.invoiceDepositApplied)
            try Self.allocate(paymentID: nil, patientID: patientID, invoiceID: nil, .account, -amountMinor, tx: tx)
            try Self.allocate(paymentID: nil, patientID: patientID, invoiceID: invoiceID, .patient, amountMinor, tx: tx)
        }
    }

    /// Gives back (part of) a payment, with a supervisor's authorisation and a reason, from the acting
    /// cashier's open shift. The money comes back out of where it went: the invoice's patient share first,
    /// then the account; an invoice that was paid is owed again. Cash refunds cannot exceed the drawer.
    @discardableResult
    public func refund(_ paymentID: String, parts: [TenderLine], reason rawReason: String,
                       authorizedBy authorization: Authorization, by actor: Actor) throws -> Receipt {
        let lines = try Self.checkedTender(parts, tenderedMinor: nil)
        let reason = try FacilityStore.reason(rawReason)
        return try perform(.takePayment, action: "give refunds", by: actor) { tx in
            // What can be refused without the supervisor is refused first; their password is checked last.
            let original = try Self.refundablePayment(paymentID, db: tx.db)
            let shift = try Self.openShift(of: tx.actor, db: tx.db)
            let currency = try Self.currency(tx.db)
            let amount = lines.reduce(Int64(0)) { $0 + $1.amountMinor }
            let refunded = try Int64.fetchOne(tx.db, sql: "SELECT coalesce(sum(total_minor), 0) FROM payments WHERE refund_of = ?",
                                              arguments: [paymentID]) ?? 0
            guard amount <= original.totalMinor - refunded else {
                throw StoreError.invalid(ValidationError("amount", "\(original.receiptNumber) has \(currency.format(original.totalMinor - refunded)) left to refund"))
            }
            // An insurer's settlement is reversed with the insurer, not in cash at the counter.
            guard !lines.contains(where: { $0.method == .insurance }) else {
                throw StoreError.invalid(ValidationError("method", "a refund is paid back in cash, card, mobile money or a transfer"))
            }
            let cashOut = lines.filter { $0.method == .cash }.reduce(Int64(0)) { $0 + $1.amountMinor }
            let drawer = try Self.expectedCash(shift, db: tx.db)
            guard cashOut <= drawer else {
                throw StoreError.invalid(ValidationError("amount", "the drawer should hold \(currency.format(drawer)); refund the rest by another method"))
            }
            try Self.confirm(authorization, action: "a refund", in: tx.db)
            // Undo the payment's allocations to the patient's share, then the account, as far as the amount goes.
            var left = amount
            var allocations: [(PaymentAllocation.Share, Int64)] = []
            var invoiceID: String?
            let net = try Row.fetchAll(tx.db, sql: """
                SELECT a.share, a.invoice_id, sum(CASE p.kind WHEN 'payment' THEN a.amount_minor ELSE -a.amount_minor END) AS amount
                FROM payment_allocations a JOIN payments p ON p.payment_id = a.payment_id
                WHERE (p.payment_id = ? OR p.refund_of = ?) AND a.share <> 'payer' GROUP BY a.share, a.invoice_id
                ORDER BY CASE a.share WHEN 'patient' THEN 0 ELSE 1 END
                """, arguments: [paymentID, paymentID])
            for row in net where left > 0 {
                guard let share = PaymentAllocation.Share(rawValue: row["share"]) else { continue }
                let available: Int64 = row["amount"]
                var take = min(left, available)
                guard take > 0 else { continue }
                if share == .account {
                    take = min(take, try Self.accountCredit(original.patientID, db: tx.db))
                    guard take > 0 else { continue }
                } else if let id: String = row["invoice_id"] {
                    var invoice = try Self.invoice(id, db: tx.db)
                    invoice.patientPaidMinor -= take
                    try Self.settleStatus(&invoice, tx: tx, kind: CashierKind.invoiceRefund)
                    invoiceID = id
                }
                allocations.append((share, take))
                left -= take
            }
            guard left == 0 else {
                throw StoreError.invalid(ValidationError("amount", "only \(currency.format(amount - left)) of that payment is still refundable at the counter (an insurer's share is settled with the insurer; a deposit already spent cannot be refunded)"))
            }
            return try Self.writeReceipt(
                kind: .refund, patientID: original.patientID, shift: shift, lines: lines, tenderedMinor: nil,
                refundOf: paymentID, reason: reason, authorizedBy: authorization.userID, invoiceID: invoiceID,
                allocations: allocations, tx: tx)
        }
    }

    /// What of a payment the acting cashier can still refund at the counter now: refuses (before anyone asks a
    /// supervisor) a remittance, a refund, a payment with nothing left to give back, or a cashier with no open shift.
    public func refundable(_ paymentID: String, by actor: Actor) throws -> Int64 {
        try read { db in
            let original = try Self.refundablePayment(paymentID, db: db)
            _ = try Self.openShift(of: actor, db: db)
            let net = try Row.fetchAll(db, sql: """
                SELECT a.share, sum(CASE p.kind WHEN 'payment' THEN a.amount_minor ELSE -a.amount_minor END) AS amount
                FROM payment_allocations a JOIN payments p ON p.payment_id = a.payment_id
                WHERE (p.payment_id = ? OR p.refund_of = ?) AND a.share <> 'payer' GROUP BY a.share
                """, arguments: [paymentID, paymentID])
            var left: Int64 = 0
            for row in net {
                let amount: Int64 = row["amount"]
                guard amount > 0 else { continue }
                left += (row["share"] as String) == "account" ? min(amount, try Self.accountCredit(original.patientID, db: db)) : amount
            }
            guard left > 0 else {
                throw StoreError.invalid(ValidationError("refund", "nothing of \(original.receiptNumber) is left to refund at the counter"))
            }
            return left
        }
    }

    /// What the patient has on account (deposits not yet applied or refunded).
    public func accountCredit(of patientID: String) throws -> Int64 {
        try read { db in try Self.accountCredit(patientID, db: db) }
    }

    /// A receipt with its parts.
    public func receipt(_ paymentID: String) throws -> Receipt {
        try read { db in
            guard let payment = try Payment.fetchOne(db, key: paymentID) else {
                throw StoreError.invalid(ValidationError("receipt", "no such receipt"))
            }
            return Receipt(payment: payment, parts: try PaymentPart.filter(sql: "payment_id = ?", arguments: [paymentID])
                .order(sql: PaymentPart.methodOrder).fetchAll(db))
        }
    }

    /// A patient's receipts (payments and refunds), newest first.
    public func receipts(ofPatient patientID: String) throws -> [Payment] {
        try read { db in try Payment.filter(sql: "patient_id = ?", arguments: [patientID]).order(sql: "received_at DESC, receipt_number DESC").fetchAll(db) }
    }

    /// Open charges of a patient (not yet on an invoice), oldest first.
    public func openChargeList(of patientID: String) throws -> [Charge] {
        try read { db in try Charge.filter(sql: "patient_id = ? AND status = 'open'", arguments: [patientID]).order(sql: "posted_at").fetchAll(db) }
    }

    /// Counts a print of the receipt that reached the printer (`toFile` nil) or the file at `toFile`, and says
    /// whether this one is a copy (every print after the first). A print that failed is never recorded.
    public func recordPrint(of paymentID: String, toFile path: String? = nil, by actor: Actor) throws -> Bool {
        try perform(.takePayment, action: "print receipts", by: actor) { tx in
            guard var payment = try Payment.fetchOne(tx.db, key: paymentID) else {
                throw StoreError.invalid(ValidationError("receipt", "no such receipt"))
            }
            payment.prints += 1
            payment.lastOutput = path.map { "file:" + $0 } ?? "printer"
            payment.updatedAt = tx.now
            payment.updatedBy = tx.actor.userID
            try tx.update(payment, kind: CashierKind.receiptPrinted)
            return payment.prints > 1
        }
    }

    // MARK: Rules

    /// A payment the counter may refund: not a refund itself, not an insurer's remittance.
    static func refundablePayment(_ paymentID: String, db: Database) throws -> Payment {
        guard let original = try Payment.fetchOne(db, key: paymentID), original.kind == .payment else {
            throw StoreError.invalid(ValidationError("refund", "no such payment"))
        }
        guard !original.isRemittance else {
            throw StoreError.invalid(ValidationError("refund", "\(original.receiptNumber) is an insurer's remittance: it is corrected with the insurer, not refunded at the counter"))
        }
        return original
    }

    static func checkedTender(_ parts: [TenderLine], tenderedMinor: Int64?) throws -> [TenderLine] {
        guard !parts.isEmpty else { throw StoreError.invalid(ValidationError("amount", "enter what is paid")) }
        var lines: [TenderLine] = []
        for part in parts {
            guard part.amountMinor > 0 else { throw StoreError.invalid(ValidationError("amount", "each amount must be more than nothing")) }
            let reference: String?
            do { reference = try Validate.text(part.reference, field: "reference", maxLength: 64) } catch let e as ValidationError {
                throw StoreError.invalid(e)
            }
            if part.method.needsReference, reference == nil {
                throw StoreError.invalid(ValidationError("reference", "\(part.method.title.lowercased()) needs its reference (transaction or claim number)"))
            }
            if let reference, reference.count > 64 { throw StoreError.invalid(ValidationError("reference", "must be at most 64 characters")) }
            lines.append(TenderLine(part.method, part.amountMinor, reference: reference))
        }
        let cash = lines.filter { $0.method == .cash }.reduce(Int64(0)) { $0 + $1.amountMinor }
        if let tenderedMinor {
            guard cash > 0 else { throw StoreError.invalid(ValidationError("tendered", "cash tendered goes with a cash amount")) }
            guard tenderedMinor >= cash else { throw StoreError.invalid(ValidationError("tendered", "is less than the cash amount")) }
        }
        return lines
    }

    static func writeReceipt(kind: Payment.Kind, patientID: String, shift: CashierShift, lines: [TenderLine], tenderedMinor: Int64?,
                             refundOf: String?, reason: String?, authorizedBy: String?, invoiceID: String?,
                             allocations: [(PaymentAllocation.Share, Int64)], numbered prefix: String = "RCT",
                             tx: BusinessTransaction) throws -> Receipt {
        let cash = lines.filter { $0.method == .cash }.reduce(Int64(0)) { $0 + $1.amountMinor }
        let sequence = prefix == remittancePrefix ? "remittance" : "receipt"
        let payment = Payment(
            paymentID: Identifier.make(), receiptNumber: documentNumber(prefix, try tx.nextNumber(sequence)), kind: kind,
            patientID: patientID, shiftID: shift.shiftID, cashierID: tx.actor.userID ?? "",
            totalMinor: lines.reduce(Int64(0)) { $0 + $1.amountMinor }, tenderedMinor: tenderedMinor,
            changeMinor: tenderedMinor.map { $0 - cash }, refundOf: refundOf, reason: reason, authorizedBy: authorizedBy,
            localDay: try tx.localNow().day.description, receivedAt: tx.now, prints: 0, lastOutput: nil, createdAt: tx.now, updatedAt: tx.now,
            createdBy: tx.actor.userID, updatedBy: tx.actor.userID)
        try tx.insert(payment, kind: kind == .payment ? CashierKind.paymentReceived : CashierKind.paymentRefunded)
        var parts: [PaymentPart] = []
        for line in lines {
            let part = PaymentPart(
                partID: Identifier.make(), paymentID: payment.paymentID, method: line.method, amountMinor: line.amountMinor,
                reference: line.reference, createdAt: tx.now, updatedAt: tx.now, createdBy: tx.actor.userID,
                updatedBy: tx.actor.userID)
            try tx.insert(part, kind: CashierKind.paymentMethod)
            parts.append(part)
        }
        for (share, amount) in allocations {
            try allocate(paymentID: payment.paymentID, patientID: patientID, invoiceID: share == .account ? nil : invoiceID,
                         share, amount, tx: tx)
        }
        return Receipt(payment: payment, parts: parts)
    }

    static func allocate(paymentID: String?, patientID: String, invoiceID: String?, _ share: PaymentAllocation.Share,
                         _ amount: Int64, tx: BusinessTransaction) throws {
        try tx.insert(PaymentAllocation(
            allocationID: Identifier.make(), paymentID: paymentID, patientID: patientID, invoiceID: invoiceID, share: share,
            amountMinor: amount, createdAt: tx.now, updatedAt: tx.now, createdBy: tx.actor.userID,
            updatedBy: tx.actor.userID), kind: CashierKind.paymentAllocated)
    }

    /// Deposits in, less deposits applied (negative account rows without a receipt) and refunded.
    static func accountCredit(_ patientID: String, db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: """
            SELECT coalesce(sum(CASE WHEN p.kind = 'refund' THEN -a.amount_minor ELSE a.amount_minor END), 0)
            FROM payment_allocations a LEFT JOIN payments p ON p.payment_id = a.payment_id
            WHERE a.patient_id = ? AND a.share = 'account'
            """, arguments: [patientID]) ?? 0
    }
}
