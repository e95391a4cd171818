// A patient at the cashier: open charges, invoices, money on account and receipts, with what to do next.
import Foundation
import FrontDeskCore
import FrontDeskShell
import FrontDeskStore
import TerminalKit

package final class PatientAccountScreen: Screen {
    package let title = "Patient account"
    package let keymap = Keymaps.account
    package let patientID: String
    private var name = ""
    private var credit: Int64 = 0
    private var openSplit: OpenChargesSplit?
    /// Charges, invoices and receipts; the selected one stays selected when the account changes.
    private var list = ListState<Row> { $0.id }
    private var rows: [Row] { list.rows }
    private var selected: Int {
        get { list.selected }
        set { list.selected = newValue }
    }
    private var message: (text: String, isError: Bool)?

    /// One selectable line: a charge not yet invoiced, an invoice, or a receipt.
    package enum Row {
        case charge(Charge)
        case invoice(Invoice)
        case receipt(Payment)

        /// The record's id, prefixed by its kind.
        package var id: String {
            switch self {
            case .charge(let c): return "charge " + c.chargeID
            case .invoice(let i): return "invoice " + i.invoiceID
            case .receipt(let p): return "receipt " + p.paymentID
            }
        }
    }

    package init(patientID: String, context: ShellContext) {
        self.patientID = patientID
        reload(context: context)
        if let failed = context.recordAccess(patientID: patientID, screen: "patient account") { message = (failed, true) }
    }

    package func reload(context: ShellContext) {
        do {
            let record = try context.store.patientRecord(patientID)
            name = record.map { "\($0.displayName) · \($0.patient.mrn)" } ?? "?"
            credit = try context.store.cashier.accountCredit(of: patientID)
            openSplit = try context.store.cashier.openChargesSplit(of: patientID)
            list.refresh(try context.store.cashier.openChargeList(of: patientID).map(Row.charge)
                + context.store.cashier.invoices(ofPatient: patientID).map(Row.invoice)
                + context.store.cashier.receipts(ofPatient: patientID).prefix(20).map(Row.receipt))
        } catch {
            message = (StoreError.sentence(for: error), true)
        }
    }

    package func show(notice: String) { message = (notice, false) }

    /// Only what can act on the selected row: a receipt is printed or refunded (a payment, not a remittance),
    /// a charge voided, an invoice opened; an invoice is made only from open charges.
    package func isAvailable(_ command: Command, context: ShellContext) -> Bool {
        let current = rows.indices.contains(selected) ? rows[selected] : nil
        switch command.id {
        case Commands.makeInvoice.id:
            return rows.contains { if case .charge = $0 { return true } else { return false } }
        case Commands.makeVisitInvoice.id:
            if case .charge(let charge) = current { return charge.encounterID != nil }
            return false
        case Commands.printReceipt.id, Commands.saveReceipt.id:
            if case .receipt = current { return true }
            return false
        case Commands.refund.id:
            if case .receipt(let p) = current { return p.kind == .payment && !p.isRemittance }
            return false
        case Commands.voidCharge.id:
            if case .charge = current { return true }
            return false
        case Commands.open.id:
            if case .invoice = current { return true }
            return false
        default:
            return true
        }
    }

    package static func line(_ row: Row, _ context: ShellContext) -> String {
        // Kind, what, amount (as typed at the counter), state.
        // The state gets 30 columns at 80: "written to RCT-000001-copy.txt" whole. An amount past
        // 999,999,999.99 pushes the state right rather than being cut.
        let table = Table([Table.text(8), Table.text(22), Table.number(16)])
        let money = context.plainMoney
        switch row {
        case .charge(let c):
            return table.line(["Charge", "\(c.code) \(c.description)" + (c.quantity > 1 ? " ×\(c.quantity)" : ""), money(c.amountMinor),
                               "not invoiced"])
        case .invoice(let i):
            let state: String
            switch i.status {
            case .draft: state = "draft"
            case .issued: state = "owes \(money(i.patientBalanceMinor))" + (i.payerBalanceMinor > 0 ? " + insurer" : "")
            case .paid: state = "paid"
            case .void: state = "void"
            }
            return table.line(["Invoice", i.number ?? "(draft)", money(i.totalMinor), state])
        case .receipt(let p):
            return table.line([p.isRemittance ? "Insurer" : (p.kind == .refund ? "Refund" : "Receipt"), "\(p.receiptNumber) \(p.localDay)",
                               (p.kind == .refund ? "-" : "") + money(p.totalMinor), outputState(p)])
        }
    }

    /// Where the receipt last went, as it went: a file by its name, the printer; a print that failed left no mark.
    static func outputState(_ p: Payment) -> String {
        if let path = p.writtenTo { return "written to " + (path.split(separator: "/").last.map(String.init) ?? path) }
        return p.lastOutput == "printer" ? "printed" : ""
    }

    package func draw(into buffer: inout ScreenBuffer, area: Range<Int>, context: ShellContext) {
        let width = buffer.width - 4
        var row = area.lowerBound
        buffer.put(name, row: row, column: 2, style: .title, maxWidth: width)
        row += 1
        // The patient's share: of open charges as an invoice of them would split today, of invoices as issued.
        let owed = rows.reduce(openSplit?.patientMinor ?? 0) { total, row in
            switch row {
            case .invoice(let i) where i.status == .issued || i.status == .draft: return total + i.patientBalanceMinor
            default: return total
            }
        }
        buffer.put("Balance due: \(CashierText.money(owed, context))", row: row, column: 2, style: owed > 0 ? .warning : .muted, maxWidth: width)
        row += 1
        // Amounts are never cut: the insurer's share and the money on account get a line of their own.
        var more: [String] = []
        if let split = openSplit, split.payerMinor > 0 {
            more.append("\(split.payer ?? "The insurer") pays \(CashierText.money(split.payerMinor, context)) of the open charges")
        }
        if credit > 0 { more.append("on account \(CashierText.money(credit, context))") }
        if !more.isEmpty {
            let text = more.joined(separator: " · ")
            if TextWidth.of(text) <= width {
                buffer.put(text, row: row, column: 2, style: .muted, maxWidth: width)
            } else {
                for part in more { buffer.put(part, row: row, column: 2, style: .muted, maxWidth: width); row += 1 }
                row -= 1
            }
        }
        row += 1
        if rows.isEmpty {
            buffer.put("No charges, invoices or receipts. a adds a service; d takes a deposit.", row: row, column: 4, style: .muted, maxWidth: width)
        }
        let room = area.upperBound - row - 2
        ListRows.draw(rows, selected: selected, top: row, room: room, width: width, into: &buffer) { (Self.line($0, context), .normal) }
        if let message { NoticeLines.draw(message.text, isError: message.isError, into: &buffer, area: area, width: width) }
    }

    package func handle(_ key: Key, command: Command?, context: ShellContext) -> Reaction {
        message = nil
        guard let actor = context.session?.actor else { return .none }
        let current = rows.indices.contains(selected) ? rows[selected] : nil
        switch command?.id {
        case Commands.moveUp.id, Commands.moveDown.id:
            selected = Selection.moved(selected, by: command, count: rows.count) ?? selected
            return .redraw
        case Commands.open.id:
            if case .invoice(let i) = current { return .push(InvoiceScreen(invoiceID: i.invoiceID, context: context)) }
            return .none
        case Commands.makeInvoice.id:
            do {
                // Every open charge of the patient, on their draft invoice when they have one: one invoice, one payment.
                let draft = try context.store.cashier.draftInvoice(patientID: patientID, by: actor)
                return .push(InvoiceScreen(invoiceID: draft.invoiceID, context: context))
            } catch {
                message = (StoreError.sentence(for: error), true)
                return .redraw
            }
        case Commands.makeVisitInvoice.id:
            guard case .charge(let charge) = current, let encounterID = charge.encounterID else { return .none }
            do {
                // Only that encounter's charges: an admission's bill stays apart from the clinic's.
                let draft = try context.store.cashier.draftInvoice(patientID: patientID, encounterID: encounterID, by: actor)
                return .push(InvoiceScreen(invoiceID: draft.invoiceID, context: context))
            } catch {
                message = (StoreError.sentence(for: error), true)
                return .redraw
            }
        case Commands.addService.id:
            return .push(CashierForms.addService(patientID: patientID, invoiceID: nil))
        case Commands.deposit.id:
            return .push(PaymentForm.make(patientID: patientID, invoice: nil, context: context))
        case Commands.voidCharge.id:
            guard case .charge(let charge) = current else {
                message = ("Choose a charge that is not yet invoiced.", true)
                return .redraw
            }
            return .push(SupervisorForm.make(title: "Void a charge", intro: "Void \(charge.description) (\(CashierText.money(charge.amountMinor, context))), posted in error.",
                                             action: "voiding a charge") { _, authorization, reason, actor in
                try context.store.cashier.voidCharge(charge.chargeID, reason: reason, authorizedBy: authorization, by: actor)
                return "\(charge.description) voided (authorised by \(authorization.displayName))."
            })
        case Commands.refund.id:
            guard case .receipt(let payment) = current, payment.kind == .payment else {
                message = ("Choose a receipt (a payment) to refund.", true)
                return .redraw
            }
            // Everything that can refuse the refund without a supervisor (no open shift, a remittance, nothing
            // left) refuses it here, before anyone types a password; the form starts at what is still refundable.
            do {
                let left = try context.store.cashier.refundable(payment.paymentID, by: actor)
                return .push(CashierForms.refund(payment, refundable: left, context: context))
            } catch {
                message = (StoreError.sentence(for: error), true)
                return .redraw
            }
        case Commands.printReceipt.id, Commands.saveReceipt.id:
            guard case .receipt(let payment) = current else {
                message = ("Choose a receipt to print.", true)
                return .redraw
            }
            message = ReceiptPrinter.output(payment.paymentID, toFile: command?.id == Commands.saveReceipt.id, context: context)
            reload(context: context)
            return .redraw
        default:
            return .none
        }
    }
}
