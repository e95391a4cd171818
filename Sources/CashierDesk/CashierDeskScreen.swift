// The cashier desk's first screen: your shift (float, takings, what the drawer should hold), who waits to pay, what is owed.
import FrontDeskCore
import FrontDeskShell
import FrontDeskStore
import TerminalKit

/// Without an open shift: open one (o) or take over the last cashier's cash (t). With one: the
/// takings by method so far. Then who is waiting to pay (charges not yet invoiced, longest first) and the
/// outstanding invoices; Enter opens the selected patient's account.
package final class CashierDeskScreen: Screen {
    /// One line of the list: a patient waiting to pay, or an issued invoice still owed.
    package enum DeskRow {
        case waiting(WaitingToPay)
        case invoice(OutstandingInvoice)

        package var id: String {
            switch self {
            case .waiting(let w): return "patient " + w.patientID
            case .invoice(let o): return "invoice " + o.invoice.invoiceID
            }
        }

        package var patientID: String {
            switch self {
            case .waiting(let w): return w.patientID
            case .invoice(let o): return o.invoice.patientID
            }
        }
    }

    package let title = "Cashier"
    package let keymap = Keymaps.cashierDesk
    private var shift: CashierShift?
    private var report: ShiftReport?
    private var handovers: [CashierShift] = []
    /// Patients waiting to pay, then outstanding invoices; the selected one stays selected when another
    /// terminal changes the list.
    private var list = ListState<DeskRow> { $0.id }
    private var outstanding: [DeskRow] { list.rows }
    private var selected: Int {
        get { list.selected }
        set { list.selected = newValue }
    }
    private var message: (text: String, isError: Bool)?

    package init(context: ShellContext) {
        reload(context: context)
    }

    package func reload(context: ShellContext) {
        guard let actor = context.session?.actor else { return }
        do {
            shift = try context.store.cashier.currentShift(of: actor)
            report = try shift.map { try context.store.cashier.shiftReport($0.shiftID) }
            handovers = try context.store.cashier.pendingHandovers()
            // Re-read on every commit anywhere: a screenful and some to scroll, not the whole ledger of debts.
            list.refresh(try context.store.cashier.waitingToPay(limit: 100).map(DeskRow.waiting)
                + context.store.cashier.outstandingInvoices(limit: 200).map(DeskRow.invoice))
        } catch {
            message = (StoreError.sentence(for: error), true)
        }
    }

    package func show(notice: String) { message = (notice, false) }

    /// A shift is opened (or taken over) only without one, and closed only with one.
    package func isAvailable(_ command: Command, context: ShellContext) -> Bool {
        switch command.id {
        case Commands.openShift.id: return shift == nil
        case Commands.acceptHandover.id: return shift == nil && !handovers.isEmpty
        case Commands.closeShift.id: return shift != nil
        case Commands.open.id: return !outstanding.isEmpty
        default: return true
        }
    }

    package func draw(into buffer: inout ScreenBuffer, area: Range<Int>, context: ShellContext) {
        let width = buffer.width - 4
        var row = area.lowerBound
        if let shift, let report {
            buffer.put("Shift \(shift.number) open since \(context.localClock(shift.openedAt)) · float \(CashierText.money(shift.floatMinor, context))",
                       row: row, column: 2, style: .title, maxWidth: width)
            row += 1
            let takings = report.byMethod.map { "\($0.method.title) \(CashierText.money($0.inMinor - $0.outMinor, context))" }
            let insurers = report.insurerSettledMinor > 0 ? ["insurers \(CashierText.money(report.insurerSettledMinor, context)) (not drawer)"] : []
            // Wrapped part by part: an amount is never cut at 80 columns.
            for line in (takings.isEmpty && insurers.isEmpty ? ["No receipts yet."] : CashierText.lines(takings + insurers, width: width)).prefix(2) {
                buffer.put(line, row: row, column: 2, maxWidth: width)
                row += 1
            }
            buffer.put("\(report.receipts) receipt\(report.receipts == 1 ? "" : "s"), \(report.refunds) refund\(report.refunds == 1 ? "" : "s")",
                       row: row, column: 2, style: .muted, maxWidth: width)
        } else {
            buffer.put("No open shift: no payments can be taken. o opens a shift with a float.", row: row, column: 2,
                       style: .warning, maxWidth: width)
            row += 1
            if let last = handovers.first {
                buffer.put("Shift \(last.number) left \(CashierText.money(last.floatLeftMinor ?? 0, context)) in the drawer: t takes it over.",
                           row: row, column: 2, maxWidth: width)
            }
            row += 1
        }
        row += 2
        buffer.put("Waiting to pay, and owed on issued invoices", row: row, column: 2, style: .title)
        row += 1
        // Amounts right-aligned in columns wide enough for 9,999,999,999.00: never cut.
        let table = Table([Table.text(11), Table.text(20), Table.text(11), Table.number(17), Table.number(17)])
        buffer.put(table.line(["Invoice", "Patient", "MRN", "Patient owes", "Insurer owes"]), row: row, column: 2, style: .muted, maxWidth: width)
        row += 1
        if outstanding.isEmpty {
            buffer.put("Nobody waiting and nothing outstanding. f finds a patient.", row: row, column: 4, style: .muted, maxWidth: width)
        }
        let room = area.upperBound - row - 2
        ListRows.draw(outstanding, selected: selected, top: row, room: room, width: width, into: &buffer) { line in
            switch line {
            case .waiting(let w):
                // Charges not yet invoiced: the patient's share as an invoice of them would split today.
                return (table.line(["to invoice", w.patientName, w.mrn, context.plainMoney(w.split.patientMinor),
                                    context.plainMoney(w.split.payerMinor)]), .warning)
            case .invoice(let o):
                let i = o.invoice
                return (table.line([i.number ?? "draft", o.patientName, o.mrn,
                                    context.plainMoney(i.patientBalanceMinor), context.plainMoney(i.payerBalanceMinor)]), .normal)
            }
        }
        if let message { NoticeLines.draw(message.text, isError: message.isError, into: &buffer, area: area, width: width) }
    }

    package func handle(_ key: Key, command: Command?, context: ShellContext) -> Reaction {
        message = nil
        switch command?.id {
        case Commands.openShift.id:
            guard shift == nil else { return notice("Your shift \(shift!.number) is open.") }
            return .push(ShiftForms.open(context: context))
        case Commands.acceptHandover.id:
            guard shift == nil, let last = handovers.first else { return notice("There is no cash waiting to be taken over.") }
            return .push(ShiftForms.takeOver(last, context: context))
        case Commands.closeShift.id:
            guard let shift else { return notice("You have no open shift.") }
            return .push(ShiftForms.close(shift, context: context))
        case Commands.findAccount.id:
            return .push(PatientLookupScreen(context: context, title: "Cashier: find the patient") { patientID, context in
                .replace(popping: 1, with: PatientAccountScreen(patientID: patientID, context: context))
            })
        case Commands.collectionsReport.id:
            return .push(CollectionsReport.screen(context: context))
        case Commands.open.id:
            guard outstanding.indices.contains(selected) else { return .none }
            return .push(PatientAccountScreen(patientID: outstanding[selected].patientID, context: context))
        case Commands.moveUp.id, Commands.moveDown.id:
            selected = Selection.moved(selected, by: command, count: outstanding.count) ?? selected
            return .redraw
        default:
            return .none
        }
    }

    private func notice(_ text: String) -> Reaction {
        message = (text, true)
        return .redraw
    }
}
