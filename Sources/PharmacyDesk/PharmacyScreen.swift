// The pharmacy counter: prescriptions waiting (oldest first) and the stock alerts; the desk's other screens open from here.
import FrontDeskCore
import FrontDeskShell
import FrontDeskStore
import TerminalKit

package final class PharmacyScreen: Screen {
    package let title = "Pharmacy"
    package let keymap = Keymaps.pharmacy
    private var list = ListState<PrescriptionSummary> { $0.prescription.rxID }
    private var alerts: StockAlerts?
    private var message: (text: String, isError: Bool)?

    package init(context: ShellContext) { reload(context: context) }

    package func reload(context: ShellContext) {
        do {
            list.refresh(try context.store.pharmacy.openPrescriptions())
            alerts = try context.store.pharmacy.alerts()
        } catch {
            message = (StoreError.sentence(for: error), true)
        }
    }

    package func show(notice: String) { message = (notice, false) }

    package func isAvailable(_ command: Command, context: ShellContext) -> Bool {
        command == Commands.dispenseRx || command == Commands.openPatientFromRx ? list.selectedRow != nil : true
    }

    package func draw(into buffer: inout ScreenBuffer, area: Range<Int>, context: ShellContext) {
        let width = buffer.width - 4
        var row = area.lowerBound
        if let alerts {
            let parts = [(alerts.belowReorder.count, "to reorder"), (alerts.expiringSoon.count, "expiring in \(alerts.windowDays) days"),
                         (alerts.expiredOnShelf.count, "expired")].filter { $0.0 > 0 }
            let text = parts.isEmpty ? "Stock: no alerts." : "Stock alerts: " + parts.map { "\($0.0) \($0.1)" }.joined(separator: ", ") + " (a lists them)"
            buffer.put(text, row: row, column: 2, style: parts.isEmpty ? .muted : .warning, maxWidth: width)
        }
        row += 2
        buffer.put("\(list.rows.count) prescription\(list.rows.count == 1 ? "" : "s") waiting", row: row, column: 2, style: .title, maxWidth: width)
        row += 1
        let table = Self.table
        buffer.put(table.line(["Rx", "Written", "Patient", "MRN", "Lines"]), row: row, column: 2, style: .title, maxWidth: width)
        row += 1
        if list.rows.isEmpty {
            buffer.put("No prescription is waiting. n enters one from paper.", row: row, column: 4, style: .muted, maxWidth: width - 2)
        }
        ListRows.draw(list.rows, selected: list.selected, top: row, room: area.upperBound - row - 2, width: width, into: &buffer) { rx in
            let owed = rx.owedLines == rx.lines ? "\(rx.lines)" : "\(rx.owedLines) of \(rx.lines) owed"
            return (table.line(["\(rx.prescription.number)", rx.prescription.writtenOn, rx.patientName, rx.mrn, owed]), .normal)
        }
        if let message { NoticeLines.draw(message.text, isError: message.isError, into: &buffer, area: area, width: width) }
    }

    static let table = Table([Table.text(7), Table.text(12), Table.text(28), Table.text(13), Table.text(16)])

    package func handle(_ key: Key, command: Command?, context: ShellContext) -> Reaction {
        guard let command else { return .none }
        message = nil
        if list.move(by: command) { return .redraw }
        switch command.id {
        case Commands.dispenseRx.id:
            guard let rx = list.selectedRow else { return .none }
            return .push(DispenseScreen(rxID: rx.prescription.rxID, context: context))
        case Commands.openPatientFromRx.id:
            guard let rx = list.selectedRow else { return .none }
            return .push(PatientSummaryScreen(patientID: rx.prescription.patientID, context: context))
        case Commands.newPrescription.id:
            return .push(PatientLookupScreen(context: context, title: "New prescription: find the patient") { patientID, context in
                PrescriptionEntry.start(patientID: patientID, context: context, popping: 2)
            })
        case Commands.itemsAndStock.id:
            return .push(ItemsScreen(context: context))
        case Commands.receiveGoods.id:
            return .push(GoodsReceiptScreen.start())
        case Commands.stockAlerts.id:
            return .push(StockAlertsScreen(context: context))
        case Commands.stockCount.id:
            return .push(StockCountScreen(context: context))
        case Commands.pharmacyReports.id:
            return .push(PharmacyReportsScreen(context: context))
        default:
            return .none
        }
    }
}
