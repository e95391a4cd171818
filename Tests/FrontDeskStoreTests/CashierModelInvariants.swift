// The model test's comparison: after every step, the store against the reference model and the invariants.
import Foundation
import FrontDeskCore
import GRDB
import XCTest

@testable import FrontDeskStore

extension CashierModelRun {
    // MARK: The comparison

    func check() throws {
        var problems: [String] = []
        func expect<T: Equatable>(_ actual: T, _ expected: T, _ what: @autoclosure () -> String) {
            if actual != expected { problems.append("\(what()): store \(actual), model \(expected)") }
        }

        // Each invoice, read through the store.
        for id in invoiceOrder {
            let model = invoices[id]!
            let detail = try store.cashier.invoiceDetail(id)
            let stored = detail.invoice
            let label = "invoice \(model.number.map { "\($0)" } ?? String(id.prefix(8)))"
            expect(stored.status, model.status, "\(label) status")
            expect(stored.subtotalMinor, model.subtotal, "\(label) subtotal")
            expect(stored.discountMinor, model.discount, "\(label) discount")
            expect(stored.patientShareMinor, model.patientShare, "\(label) patient share")
            expect(stored.payerShareMinor, model.payerShare, "\(label) payer share")
            expect(stored.patientPaidMinor, model.patientPaid, "\(label) patient paid")
            expect(stored.payerPaidMinor, model.payerPaid, "\(label) payer paid")
            expect(stored.patientBalanceMinor, model.patientBalance, "\(label) patient balance")
            expect(stored.payerBalanceMinor, model.payerBalance, "\(label) payer balance")
            expect(stored.number, model.number.map { CashierStore.documentNumber("INV", Int64($0)) }, "\(label) number")
            expect(stored.policyID != nil, model.insured, "\(label) policy")
            expect(Set(detail.lines.map(\.chargeID)), Set(model.charges), "\(label) lines")
            expect(detail.lines.reduce(0) { $0 + $1.amountMinor }, model.subtotal, "\(label) lines' total")
            if stored.status == .paid { expect(stored.paidAt != nil, true, "\(label) paid_at") }
        }
        for patient in patients {
            expect(try store.cashier.accountCredit(of: patient), credit[patient]!, "account credit of \(name(patient))")
            let open = chargeOrder.filter { charges[$0]!.patient == patient && charges[$0]!.status == "open" }
            let stored = try store.openCharges(of: patient)
            expect(stored.count, open.count, "open charges of \(name(patient))")
            expect(stored.amountMinor, open.reduce(0) { $0 + charges[$1]!.amount }, "open charges' amount of \(name(patient))")
        }
        expect(try store.cashier.outstandingInvoices().map(\.invoice.invoiceID).sorted(),
               invoiceOrder.filter { invoices[$0]!.status == .issued }.sorted(), "outstanding invoices")

        // Shifts through the store: each one's report, and the sum of all of them.
        var shiftsNet: Int64 = 0, shiftsInsurers: Int64 = 0
        for (index, model) in shifts.enumerated() {
            let report = try store.cashier.shiftReport(model.id)
            expect(report.shift.number, index + 1, "shift \(index + 1) number")
            expect(report.shift.status, model.closed ? .closed : .open, "shift \(index + 1) status")
            expect(report.shift.floatMinor, model.float, "shift \(index + 1) float")
            expect(report.shift.handoverFrom, model.handoverFrom, "shift \(index + 1) handover")
            expect(report.expectedCashMinor, model.drawer, "shift \(index + 1) expected cash")
            if model.closed {
                expect(report.shift.expectedCashMinor, model.expected, "shift \(index + 1) expected at close")
                expect(report.shift.countedCashMinor, model.counted, "shift \(index + 1) counted")
                expect(report.shift.floatLeftMinor, model.floatLeft, "shift \(index + 1) float left")
                expect(report.shift.overShortMinor, model.counted.map { $0 - model.expected! }, "shift \(index + 1) over/short")
            }
            shiftsNet += report.byMethod.reduce(0) { $0 + $1.inMinor - $1.outMinor }
            shiftsInsurers += report.insurerSettledMinor
        }
        expect(try store.cashier.shifts(from: CalendarDay("2026-01-01")!, to: CalendarDay("2027-12-31")!).map(\.shift.shiftID),
               shifts.reversed().map(\.id), "shifts, newest first")
        expect(try store.cashier.pendingHandovers().map(\.shiftID).sorted(),
               shifts.filter { $0.closed && !$0.takenOver && ($0.floatLeft ?? 0) > 0 }.map(\.id).sorted(), "pending handovers")

        // Collections through the store.
        // Insurers' settlements are not the counter's money: apart from the net, in shifts and collections alike.
        let modelNet = PaymentMethod.allCases.filter { $0 != .insurance }
            .reduce(Int64(0)) { $0 + methodIn[$1, default: 0] - methodOut[$1, default: 0] }
        let collections = try store.cashier.collections(from: CalendarDay("2026-01-01")!, to: CalendarDay("2027-12-31")!)
        expect(collections.netMinor, modelNet, "collections net")
        expect(shiftsNet, modelNet, "Σ shifts' net")
        expect(shiftsInsurers, methodIn[.insurance, default: 0], "Σ shifts' insurers settled")
        expect(collections.insurersMinor, methodIn[.insurance, default: 0], "collections by insurer")
        expect(collections.byCashier.reduce(0) { $0 + $1.netMinor }, modelNet, "collections by cashier, net")
        for method in PaymentMethod.allCases where method != .insurance {
            let line = collections.byMethod.first { $0.name == method.title }
            expect(line?.inMinor ?? 0, methodIn[method, default: 0], "collections in by \(method.rawValue)")
            expect(line?.outMinor ?? 0, methodOut[method, default: 0], "collections out by \(method.rawValue)")
        }

        // Invariants straight from the tables.
        try db.read { db in
            func zero(_ sql: String, _ what: String) throws {
                let n = try Int.fetchOne(db, sql: "SELECT count(*) FROM (\(sql))")!
                if n != 0 { problems.append("\(what): \(n) row(s)") }
            }
            var sqlIn: [PaymentMethod: Int64] = [:], sqlOut: [PaymentMethod: Int64] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT m.method, p.kind, sum(m.amount_minor) AS total FROM payments p
                JOIN payment_methods m ON m.payment_id = p.payment_id GROUP BY m.method, p.kind
                """) {
                let method = PaymentMethod(rawValue: row["method"])!
                if (row["kind"] as String) == "payment" { sqlIn[method] = row["total"] } else { sqlOut[method] = row["total"] }
            }
            for method in PaymentMethod.allCases {
                expect(sqlIn[method] ?? 0, methodIn[method] ?? 0, "payment_methods in by \(method.rawValue)")
                expect(sqlOut[method] ?? 0, methodOut[method] ?? 0, "payment_methods out by \(method.rawValue)")
            }
            // Receipts: RCT-000001… gap-free, in the order they were taken; remittances REM-000001… likewise.
            let remittanceRows = try Row.fetchAll(db, sql: "SELECT payment_id, receipt_number FROM payments WHERE receipt_number LIKE 'REM-%' ORDER BY receipt_number")
            expect(remittanceRows.map { $0["receipt_number"] as String },
                   (0..<remittances.count).map { CashierStore.documentNumber("REM", Int64($0 + 1)) }, "remittance numbers")
            expect(remittanceRows.map { $0["payment_id"] as String }, remittances, "remittances in order")
            let receiptRows = try Row.fetchAll(db, sql: "SELECT payment_id, receipt_number FROM payments WHERE receipt_number NOT LIKE 'REM-%' ORDER BY receipt_number")
            expect(receiptRows.map { $0["receipt_number"] as String },
                   (0..<receipts.count).map { CashierStore.documentNumber("RCT", Int64($0 + 1)) }, "receipt numbers")
            expect(receiptRows.map { $0["payment_id"] as String }, receipts, "receipts in order")
            // Invoice numbers: INV-000001… gap-free, in issue order.
            let invoiceRows = try Row.fetchAll(db, sql: "SELECT invoice_id, number FROM invoices WHERE number IS NOT NULL ORDER BY number")
            expect(invoiceRows.map { $0["number"] as String },
                   (0..<issued.count).map { CashierStore.documentNumber("INV", Int64($0 + 1)) }, "invoice numbers")
            expect(invoiceRows.map { $0["invoice_id"] as String }, issued, "invoices in issue order")
            expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM invoices")!, invoiceOrder.count, "invoices")
            // Charges as the model has them.
            var stored: [String: (String, String?, Int64)] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT charge_id, status, invoice_id, amount_minor FROM charges") {
                stored[row["charge_id"]] = (row["status"], row["invoice_id"], row["amount_minor"])
            }
            expect(Set(stored.keys), Set(chargeOrder), "charges")
            for id in chargeOrder {
                guard let (status, invoice, amount) = stored[id] else { continue }
                let model = charges[id]!
                expect(status, model.status, "charge \(id.prefix(8)) status")
                expect(invoice, model.invoice, "charge \(id.prefix(8)) invoice")
                expect(amount, model.amount, "charge \(id.prefix(8)) amount")
            }
            try zero("""
                SELECT l.charge_id FROM invoice_lines l JOIN invoices i ON i.invoice_id = l.invoice_id
                WHERE i.status <> 'void' GROUP BY l.charge_id HAVING count(*) > 1
                """, "charges on more than one live invoice")
            try zero("""
                SELECT 1 FROM charges c WHERE (c.status = 'invoiced') <> (c.invoice_id IS NOT NULL)
                OR (c.invoice_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM invoice_lines l JOIN invoices i ON i.invoice_id = l.invoice_id
                    WHERE l.charge_id = c.charge_id AND i.invoice_id = c.invoice_id AND i.status <> 'void'))
                OR (c.status <> 'invoiced' AND EXISTS (SELECT 1 FROM invoice_lines l JOIN invoices i ON i.invoice_id = l.invoice_id
                    WHERE l.charge_id = c.charge_id AND i.status <> 'void'))
                """, "charges out of step with their live invoice")
            // Invoices: paid exactly at zero balances, nothing paid beyond a share, paid = what was allocated.
            try zero("""
                SELECT 1 FROM invoices WHERE status IN ('issued', 'paid')
                AND (status = 'paid') <> (patient_paid_minor = patient_share_minor AND payer_paid_minor = payer_share_minor)
                """, "invoices paid ≠ both balances zero")
            try zero("""
                SELECT 1 FROM invoices WHERE patient_paid_minor > patient_share_minor OR payer_paid_minor > payer_share_minor
                OR patient_paid_minor < 0 OR payer_paid_minor < 0
                OR patient_share_minor + payer_share_minor <> subtotal_minor - discount_minor
                OR subtotal_minor <> (SELECT coalesce(sum(amount_minor), 0) FROM invoice_lines l WHERE l.invoice_id = invoices.invoice_id)
                """, "invoices paid beyond a share, or shares not adding up")
            try zero("""
                SELECT 1 FROM invoices i WHERE
                i.patient_paid_minor <> (SELECT coalesce(sum(CASE p.kind WHEN 'refund' THEN -a.amount_minor ELSE a.amount_minor END), 0)
                    FROM payment_allocations a LEFT JOIN payments p ON p.payment_id = a.payment_id
                    WHERE a.invoice_id = i.invoice_id AND a.share = 'patient')
                OR i.payer_paid_minor <> (SELECT coalesce(sum(CASE p.kind WHEN 'refund' THEN -a.amount_minor ELSE a.amount_minor END), 0)
                    FROM payment_allocations a LEFT JOIN payments p ON p.payment_id = a.payment_id
                    WHERE a.invoice_id = i.invoice_id AND a.share = 'payer')
                """, "invoices whose paid amounts differ from their allocations")
            // Receipts: total = its methods = its allocations; change = tendered − cash; refunds within the payment.
            try zero("""
                SELECT 1 FROM payments p WHERE
                p.total_minor <> (SELECT coalesce(sum(amount_minor), 0) FROM payment_methods m WHERE m.payment_id = p.payment_id)
                OR p.total_minor <> (SELECT coalesce(sum(amount_minor), 0) FROM payment_allocations a WHERE a.payment_id = p.payment_id)
                OR (p.tendered_minor IS NOT NULL AND p.change_minor <> p.tendered_minor
                    - (SELECT coalesce(sum(amount_minor), 0) FROM payment_methods m WHERE m.payment_id = p.payment_id AND m.method = 'cash'))
                """, "receipts whose total, methods, allocations or change disagree")
            try zero("""
                SELECT 1 FROM payments o WHERE o.kind = 'payment'
                AND (SELECT coalesce(sum(total_minor), 0) FROM payments r WHERE r.refund_of = o.payment_id) > o.total_minor
                """, "payments refunded beyond their total")
            try zero("""
                SELECT 1 FROM payment_allocations a LEFT JOIN payments p ON p.payment_id = a.payment_id
                GROUP BY a.patient_id HAVING sum(CASE WHEN a.share <> 'account' THEN 0
                    WHEN p.kind = 'refund' THEN -a.amount_minor ELSE a.amount_minor END) < 0
                """, "accounts below nothing")
            // Shifts: the close is float + cash in − cash out, over/short = counted − expected.
            try zero("""
                SELECT 1 FROM cashier_shifts s WHERE s.status = 'closed' AND (
                  s.expected_cash_minor <> s.float_minor + (SELECT coalesce(sum(CASE p.kind WHEN 'payment' THEN m.amount_minor
                      ELSE -m.amount_minor END), 0) FROM payments p JOIN payment_methods m ON m.payment_id = p.payment_id
                      WHERE p.shift_id = s.shift_id AND m.method = 'cash')
                  OR s.over_short_minor <> s.counted_cash_minor - s.expected_cash_minor)
                """, "closed shifts whose expected cash or over/short is off")
            try zero("""
                SELECT 1 FROM cashier_shifts s JOIN cashier_shifts prev ON prev.shift_id = s.handover_from
                WHERE s.float_minor <> prev.float_left_minor
                """, "handovers whose float is not what was left")
            try zero("SELECT cashier_id FROM cashier_shifts WHERE status = 'open' GROUP BY cashier_id HAVING count(*) > 1",
                     "cashiers with two open shifts")
            try zero("SELECT 1 FROM payments p JOIN cashier_shifts s ON s.shift_id = p.shift_id WHERE s.cashier_id <> p.cashier_id",
                     "receipts in another cashier's shift")
            // Every amount an integer.
            let amounts = [
                ("invoices", ["subtotal_minor", "discount_minor", "payer_share_minor", "patient_share_minor", "patient_paid_minor", "payer_paid_minor"]),
                ("invoice_lines", ["unit_amount_minor", "amount_minor"]),
                ("payments", ["total_minor", "tendered_minor", "change_minor"]),
                ("payment_methods", ["amount_minor"]), ("payment_allocations", ["amount_minor"]), ("charges", ["amount_minor"]),
                ("cashier_shifts", ["float_minor", "expected_cash_minor", "counted_cash_minor", "over_short_minor", "float_left_minor"]),
            ]
            for (table, columns) in amounts {
                let condition = columns.map { "(\($0) IS NOT NULL AND typeof(\($0)) <> 'integer')" }.joined(separator: " OR ")
                try zero("SELECT 1 FROM \(table) WHERE \(condition)", "\(table) amounts that are not integers")
            }
        }
        if !problems.isEmpty { throw mismatch(problems.joined(separator: "\n")) }
    }

    // MARK: Descriptions

    func name(_ patient: String) -> String { patient == insuredPatient ? "baraka" : "amina" }
    func describe(_ parts: [TenderLine]) -> String {
        parts.map { "\($0.method.rawValue) \($0.amountMinor)" }.joined(separator: " + ")
    }
}
