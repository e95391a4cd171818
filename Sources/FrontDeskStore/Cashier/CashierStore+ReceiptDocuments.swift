// Receipts and Z-reports as printable documents: what was paid for, how, and what is still owed.
import Foundation
import FrontDeskCore
import GRDB

extension CashierStore {
    /// The receipt (or refund slip) of a payment, laid out for `ReceiptText`.
    public func receiptDocument(_ paymentID: String, isCopy: Bool) throws -> ReceiptDocument {
        try read { db in
            guard let payment = try Payment.fetchOne(db, key: paymentID) else {
                throw StoreError.invalid(ValidationError("receipt", "no such receipt"))
            }
            let facility = try Facility.fetchOne(db, key: identity.facilityID)!
            let zone = try FacilityStore.timeZone(db)
            let parts = try PaymentPart.filter(sql: "payment_id = ?", arguments: [paymentID]).order(sql: PaymentPart.methodOrder).fetchAll(db)
            let patient = try Row.fetchOne(db, sql: """
                SELECT coalesce(s.display_name, '?') AS name, p.mrn FROM patients p
                LEFT JOIN patient_search s ON s.patient_id = p.patient_id WHERE p.patient_id = ?
                """, arguments: [payment.patientID])
            let invoiceID = try String.fetchOne(db, sql: """
                SELECT invoice_id FROM payment_allocations WHERE payment_id = ? AND invoice_id IS NOT NULL LIMIT 1
                """, arguments: [paymentID])
            var lines: [ReceiptLine] = []
            var totals: [ReceiptTotal] = []
            var notes: [String] = []
            if let invoiceID, let invoice = try Invoice.fetchOne(db, key: invoiceID) {
                notes.append("Invoice \(invoice.number ?? "")")
                lines = try InvoiceLine.filter(sql: "invoice_id = ?", arguments: [invoiceID]).order(sql: "created_at, line_id")
                    .fetchAll(db).map { ReceiptLine(description: $0.description, quantity: $0.quantity, unitMinor: $0.unitAmountMinor, amountMinor: $0.amountMinor) }
                totals.append(ReceiptTotal("Subtotal", invoice.subtotalMinor))
                if invoice.discountMinor > 0 { totals.append(ReceiptTotal("Discount", -invoice.discountMinor)) }
                if let payer = invoice.payer { totals.append(ReceiptTotal("\(payer) pays", invoice.payerShareMinor)) }
                if payment.isRemittance {
                    // The insurer's document: what it was to pay, what it settled now, what it still owes.
                    totals.append(ReceiptTotal("Settled now", payment.totalMinor))
                    totals.append(ReceiptTotal("\(invoice.payer ?? "Insurer") still owes", invoice.payerBalanceMinor))
                } else {
                    totals.append(ReceiptTotal("Patient pays", invoice.patientShareMinor))
                    totals.append(ReceiptTotal(payment.kind == .refund ? "Refunded now" : "Paid now",
                                               payment.kind == .refund ? -payment.totalMinor : payment.totalMinor))
                    totals.append(ReceiptTotal("Balance due", invoice.patientBalanceMinor))
                }
            } else {
                lines = [ReceiptLine(payment.kind == .refund ? "Refund from account" : "Deposit on account",
                                     payment.kind == .refund ? -payment.totalMinor : payment.totalMinor)]
                totals.append(ReceiptTotal("On account now", try Self.accountCredit(payment.patientID, db: db)))
            }
            if payment.kind == .refund {
                if let original = try payment.refundOf.flatMap({ try Payment.fetchOne(db, key: $0) }) {
                    notes.append("Refund of \(original.receiptNumber)")
                }
                notes.append("Reason: \(payment.reason ?? "")")
                let approver = try String.fetchOne(db, sql: "SELECT display_name FROM users WHERE user_id = ?", arguments: [payment.authorizedBy])
                notes.append("Authorised by \(approver ?? "?")")
            }
            let cashier = try String.fetchOne(db, sql: "SELECT display_name FROM users WHERE user_id = ?", arguments: [payment.cashierID]) ?? "?"
            let sign: Int64 = payment.kind == .refund ? -1 : 1
            return ReceiptDocument(
                kind: payment.isRemittance ? .remittance : (payment.kind == .refund ? .refund : .receipt), facilityName: facility.name, number: payment.receiptNumber,
                issuedAt: Timestamp.date(payment.receivedAt).map { LocalMoment($0, in: zone).description } ?? payment.receivedAt,
                patientLine: patient.map { "\($0["name"] as String)  \($0["mrn"] as String)" }, notes: notes, lines: lines, totals: totals,
                payments: parts.map { ReceiptPayment($0.method.title, sign * $0.amountMinor, reference: $0.reference) },
                tenderedMinor: payment.tenderedMinor, changeMinor: payment.changeMinor, cashier: cashier,
                footer: ["Thank you"], isCopy: isCopy, currency: facility.currency, minorUnits: facility.currencyMinorUnits)
        }
    }

    /// A shift's Z-report as a printable document.
    /// It ends with the ledger head at the close: an anchor outside the file that `verify --head` checks.
    public func zReportDocument(_ report: ShiftReport) throws -> ReceiptDocument {
        let head = try store.ledgerHead(atCloseOf: report.shift)
        return try read { db in
            let facility = try Facility.fetchOne(db, key: identity.facilityID)!
            let zone = try FacilityStore.timeZone(db)
            func local(_ t: String?) -> String { t.flatMap(Timestamp.date).map { LocalMoment($0, in: zone).description } ?? "—" }
            let shift = report.shift
            var totals = [ReceiptTotal("Float", shift.floatMinor)]
            for m in report.byMethod {
                totals.append(ReceiptTotal("\(m.method.title) taken", m.inMinor))
                if m.outMinor > 0 { totals.append(ReceiptTotal("\(m.method.title) refunded", -m.outMinor)) }
            }
            if report.insurerSettledMinor > 0 {
                totals.append(ReceiptTotal("Insurers settled (not drawer)", report.insurerSettledMinor))
            }
            totals.append(ReceiptTotal("Cash expected", report.expectedCashMinor))
            if let counted = shift.countedCashMinor { totals.append(ReceiptTotal("Cash counted", counted)) }
            if let overShort = shift.overShortMinor {
                totals.append(ReceiptTotal(overShort == 0 ? "Balanced" : (overShort > 0 ? "OVER" : "SHORT"), overShort))
            }
            if let left = shift.floatLeftMinor { totals.append(ReceiptTotal("Left for next cashier", left)) }
            return ReceiptDocument(
                kind: .zReport, facilityName: facility.name, number: "Shift \(shift.number)", issuedAt: local(shift.closedAt ?? shift.openedAt),
                notes: ["Opened \(local(shift.openedAt))", "Closed \(local(shift.closedAt))",
                        "Receipts \(report.receipts), refunds \(report.refunds)"
                        + (report.remittances > 0 ? ", remittances \(report.remittances)" : "")] + (shift.closeNote.map { ["Note: \($0)"] } ?? [])
                    + [head.description],
                totals: totals, cashier: report.cashierName, currency: facility.currency, minorUnits: facility.currencyMinorUnits)
        }
    }

    /// The command receipts are printed through (`lp` unless the admin set another), and the width (42 or 80).
    public func receiptPrinter() throws -> (command: String, width: Int) {
        (try store.setting("receipt_printer_command") ?? "lp", try store.setting("receipt_width").flatMap { Int($0) } ?? ReceiptText.thermalWidth)
    }

    /// Sets the print command and width; needs `facility.manage`.
    public func setReceiptPrinter(command: String, width: Int, by actor: Actor) throws {
        let cleaned = command.trimmingCharacters(in: .whitespaces)
        guard !cleaned.isEmpty, cleaned.count <= 200 else {
            throw StoreError.invalid(ValidationError("printer", "the print command must be 1 to 200 characters"))
        }
        guard width == ReceiptText.thermalWidth || width == ReceiptText.pageWidth else {
            throw StoreError.invalid(ValidationError("receipt width", "must be 42 (80 mm thermal) or 80 columns"))
        }
        try store.setSettings(["receipt_printer_command": cleaned, "receipt_width": String(width)], by: actor)
    }
}
