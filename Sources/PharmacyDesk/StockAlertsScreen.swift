// Stock alerts: expired stock on the shelf, batches expiring within the window, items at or below their reorder level.
import FrontDeskCore
import FrontDeskShell
import FrontDeskStore
import TerminalKit

package final class StockAlertsScreen: Screen {
    package let title = "Stock alerts"
    package let keymap = Keymaps.stockAlerts

    /// One alert line and the item it opens.
    struct Alert {
        let itemID: String
        let id: String
        let text: String
        let style: Style
    }

    private var list = ListState<Alert> { $0.id }
    private var windowDays = 90
    private var message: (text: String, isError: Bool)?

    package init(context: ShellContext) { reload(context: context) }

    static let table = Table([Table.text(9), Table.text(10), Table.text(27), Table.text(10), Table.text(12), Table.number(8)])

    package func reload(context: ShellContext) {
        do {
            let alerts = try context.store.pharmacy.alerts()
            windowDays = alerts.windowDays
            var rows: [Alert] = []
            for batch in alerts.expiredOnShelf {
                rows.append(Alert(itemID: batch.item.itemID, id: "x" + batch.batch.batchID, text: Self.table.line([
                    "EXPIRED", batch.item.code, batch.item.title, batch.batch.batchNo, batch.batch.expiry, "\(batch.onHand)",
                ]), style: .error))
            }
            for batch in alerts.expiringSoon {
                rows.append(Alert(itemID: batch.item.itemID, id: "e" + batch.batch.batchID, text: Self.table.line([
                    "EXPIRING", batch.item.code, batch.item.title, batch.batch.batchNo, batch.batch.expiry, "\(batch.onHand)",
                ]), style: .warning))
            }
            for stock in alerts.belowReorder {
                rows.append(Alert(itemID: stock.item.itemID, id: "r" + stock.item.itemID, text: Self.table.line([
                    "REORDER", stock.item.code, stock.item.title, "", "level \(stock.item.reorderLevel)", "\(stock.usable)",
                ]), style: .normal))
            }
            list.refresh(rows)
        } catch {
            message = (StoreError.sentence(for: error), true)
        }
    }

    package func isAvailable(_ command: Command, context: ShellContext) -> Bool {
        command == Commands.open ? list.selectedRow != nil : true
    }

    package func draw(into buffer: inout ScreenBuffer, area: Range<Int>, context: ShellContext) {
        let width = buffer.width - 4
        var row = area.lowerBound
        buffer.put("Expired (to write off), expiring within \(windowDays) days, at or below reorder level.",
                   row: row, column: 2, style: .muted, maxWidth: width)
        row += 2
        buffer.put(Self.table.line(["Alert", "Code", "Item", "Batch", "Expiry", "On hand"]), row: row, column: 2, style: .title, maxWidth: width)
        row += 1
        if list.rows.isEmpty { buffer.put("No stock alerts.", row: row, column: 4, style: .muted) }
        ListRows.draw(list.rows, selected: list.selected, top: row, room: area.upperBound - row - 2, width: width, into: &buffer) {
            ($0.text, $0.style)
        }
        if let message { NoticeLines.draw(message.text, isError: message.isError, into: &buffer, area: area, width: width) }
    }

    package func handle(_ key: Key, command: Command?, context: ShellContext) -> Reaction {
        if list.move(by: command) { return .redraw }
        guard command == Commands.open, let alert = list.selectedRow else { return .none }
        return .push(StockCardScreen(itemID: alert.itemID, context: context))
    }
}
