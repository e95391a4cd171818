// One invoice: lines, discount, the insurance split, what is paid and what is owed; issue, pay, discount, void.
import FrontDeskCore
import FrontDeskShell
import FrontDeskStore
import TerminalKit

package final class InvoiceScreen: Screen {
    package let title = "Invoice"
    package let keymap = Keymaps.invoice
    package let invoiceID: String
    private var detail: InvoiceDetail?
    private var credit: Int64 = 0
    private var message: (text: String, isError: Bool)?

    package init(invoiceID: String, context: ShellContext) {
        self.invoiceID = invoiceID
        reload(context: context)
    }

    package func reload(context: ShellContext) {
        do {
            detail = try context.store.cashier.invoiceDetail(invoiceID)
            credit = try detail.map { try context.store.cashier.accountCredit(of: $0.invoice.patientID) } ?? 0
        } catch {
            message = (StoreError.sentence(for: error), true)
        }
    }

    package func show(notice: String) { message = (notice, false) }

    /// Only what can act on the invoice as it stands: a draft is issued, added to, discounted or voided; an
    /// issued one is paid (from the deposit when there is one), discounted or voided while nothing is paid.
    package func isAvailable(_ command: Command, context: ShellContext) -> Bool {
        guard let detail else { return false }
        let i = detail.invoice
        switch command.id {
        case Commands.issueInvoice.id, Commands.addService.id: return i.status == .draft
        case Commands.pay.id: return i.status == .issued
        case Commands.applyDeposit.id: return i.status == .issued && credit > 0 && i.patientBalanceMinor > 0
        case Commands.discount.id: return i.status == .draft || i.status == .issued
        case Commands.voidInvoice.id: return detail.isVoidable
        default: return true
        }
    }

    package func draw(into buffer: inout ScreenBuffer, area: Range<Int>, context: ShellContext) {
        guard let detail else { return }
        let i = detail.invoice
        let width = buffer.width - 4
        let minor = context.facility.currencyMinorUnits
        var row = area.lowerBound
        let state = i.status == .draft ? "DRAFT (s issues it)" : i.status.rawValue.uppercased()
        buffer.put("\(i.number ?? "Draft invoice") · \(detail.patientName) · \(detail.mrn)", row: row, column: 2, style: .title, maxWidth: width - 24)
        buffer.put(state, row: row, column: max(2, buffer.width - 2 - TextWidth.of(state)), style: i.status == .paid ? .accent : .warning)
        row += 2
        func cell(_ text: String, _ w: Int) -> String { TextWidth.pad(TextWidth.truncate(text, to: w - 1), to: w) }
        func amount(_ m: Int64) -> String { let t = Money.format(m, minorUnits: minor); return String(repeating: " ", count: max(0, 14 - t.count)) + t }
        let lineRoom = max(1, area.upperBound - row - 11)
        for line in detail.lines.prefix(lineRoom) {
            buffer.put(cell(line.code, 14) + cell(line.description + (line.quantity > 1 ? " ×\(line.quantity)" : ""), 44) + amount(line.amountMinor),
                       row: row, column: 2, maxWidth: width)
            row += 1
        }
        if detail.lines.count > lineRoom {
            buffer.put("… and \(detail.lines.count - lineRoom) more lines", row: row, column: 2, style: .muted)
            row += 1
        }
        row += 1
        var totals: [(String, Int64)] = [("Subtotal", i.subtotalMinor)]
        if i.discountMinor > 0 { totals.append(("Discount (\(i.discountReason ?? ""))", -i.discountMinor)) }
        if let payer = i.payer { totals.append(("\(payer) pays", i.payerShareMinor)) }
        totals.append(("Patient pays", i.patientShareMinor))
        totals.append(("Paid by patient", i.patientPaidMinor))
        if i.payer != nil { totals.append(("Paid by \(i.payer!)", i.payerPaidMinor)) }
        for (label, value) in totals {
            buffer.put(cell("", 14) + cell(label, 44) + amount(value), row: row, column: 2, maxWidth: width)
            row += 1
        }
        buffer.put(cell("", 14) + cell("BALANCE DUE (patient)", 44) + amount(i.patientBalanceMinor), row: row, column: 2,
                   style: i.patientBalanceMinor > 0 ? .warning : .accent, maxWidth: width)
        row += 1
        if credit > 0 {
            buffer.put("On account: \(CashierText.money(credit, context)) (u uses it)", row: row, column: 16, style: .muted, maxWidth: width)
        }
        if let message { NoticeLines.draw(message.text, isError: message.isError, into: &buffer, area: area, width: width) }
    }

    package func handle(_ key: Key, command: Command?, context: ShellContext) -> Reaction {
        guard let detail, let actor = context.session?.actor else { return .none }
        let i = detail.invoice
        message = nil
        switch command?.id {
        case Commands.issueInvoice.id:
            do {
                let issued = try context.store.cashier.issueInvoice(i.invoiceID, by: actor)
                message = ("Issued \(issued.number ?? ""). p takes payment.", false)
            } catch {
                message = (StoreError.sentence(for: error), true)
            }
            reload(context: context)
            return .redraw
        case Commands.pay.id:
            guard i.status == .issued else {
                message = (i.status == .draft ? "Issue the invoice first (s)." : "The invoice is \(i.status.rawValue).", true)
                return .redraw
            }
            return .push(PaymentForm.make(patientID: i.patientID, invoice: i, context: context))
        case Commands.addService.id:
            guard i.status == .draft else {
                message = ("Services are added to a draft invoice.", true)
                return .redraw
            }
            return .push(CashierForms.addService(patientID: i.patientID, invoiceID: i.invoiceID))
        case Commands.applyDeposit.id:
            guard credit > 0, i.status == .issued else {
                message = ("There is no deposit to use, or the invoice is not issued.", true)
                return .redraw
            }
            do {
                let amount = min(credit, i.patientBalanceMinor)
                try context.store.cashier.applyDeposit(patientID: i.patientID, invoiceID: i.invoiceID, amountMinor: amount, by: actor)
                message = ("\(CashierText.money(amount, context)) of the deposit paid \(i.number ?? "the invoice").", false)
            } catch {
                message = (StoreError.sentence(for: error), true)
            }
            reload(context: context)
            return .redraw
        case Commands.discount.id:
            return .push(CashierForms.discount(i, context: context))
        case Commands.voidInvoice.id:
            return .push(SupervisorForm.make(title: "Void \(i.number ?? "draft invoice")",
                                             intro: "Void this invoice; its charges can be invoiced again.", action: "voiding an invoice") { _, authorization, reason, actor in
                try context.store.cashier.voidInvoice(i.invoiceID, reason: reason, authorizedBy: authorization, by: actor)
                return "\(i.number ?? "The draft") is void (authorised by \(authorization.displayName))."
            })
        default:
            return .none
        }
    }
}
