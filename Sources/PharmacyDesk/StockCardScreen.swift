// An item's stock card: its batches (expiry, on hand), then every movement with the running balance; the stock moves from here.
import FrontDeskCore
import FrontDeskShell
import FrontDeskStore
import TerminalKit

package final class StockCardScreen: Screen {
    package let title = "Stock card"
    package let keymap = Keymaps.stockCard
    private let itemID: String
    private var card: StockCard?
    private var price: Int64?
    /// Movements scrolled back from the latest (0: the latest show at the bottom).
    private var back = 0
    private var message: (text: String, isError: Bool)?

    package init(itemID: String, context: ShellContext) {
        self.itemID = itemID
        reload(context: context)
    }

    package func reload(context: ShellContext) {
        do {
            card = try context.store.pharmacy.stockCard(itemID: itemID)
            price = try context.store.pharmacy.price(itemID: itemID)
        } catch {
            message = (StoreError.sentence(for: error), true)
        }
    }

    package func show(notice: String) { message = (notice, false) }

    package func isAvailable(_ command: Command, context: ShellContext) -> Bool {
        guard let card else { return false }
        switch command {
        case Commands.adjustStock: return !card.batches.isEmpty
        case Commands.issueStock: return card.batches.contains { !$0.expired && $0.onHand > 0 }
        case Commands.returnToSupplier: return card.batches.contains { $0.onHand > 0 }
        case Commands.writeOff: return card.batches.contains { $0.expired && $0.onHand > 0 }
        default: return true
        }
    }

    static let batches = Table([Table.text(14), Table.text(12), Table.number(9), Table.text(12)])
    static let movements = Table([Table.text(18), Table.text(10), Table.text(12), Table.number(6), Table.number(8)])

    package func draw(into buffer: inout ScreenBuffer, area: Range<Int>, context: ShellContext) {
        let width = buffer.width - 4
        var row = area.lowerBound
        guard let card else {
            if let message { NoticeLines.draw(message.text, isError: true, into: &buffer, area: area, width: width) }
            return
        }
        let item = card.item
        buffer.put("\(item.code)  \(item.title)" + (item.brand.map { " (\($0))" } ?? ""), row: row, column: 2, style: .title, maxWidth: width)
        row += 1
        let priceText = price.map { "\(context.money($0)) a \(item.unit)" } ?? "no price in the fee schedule"
        buffer.put("\(card.onHand) \(item.unit)(s) on hand; reorder at \(item.reorderLevel); \(priceText)\(item.active ? "" : "; not stocked")",
                   row: row, column: 2, style: .muted, maxWidth: width)
        row += 2
        buffer.put(Self.batches.line(["Batch", "Expiry", "On hand", ""]), row: row, column: 2, style: .title, maxWidth: width)
        row += 1
        let shownBatches = card.batches.filter { $0.onHand != 0 }
        if shownBatches.isEmpty { buffer.put("No stock.", row: row, column: 4, style: .muted); row += 1 }
        for stock in shownBatches.prefix(5) {
            buffer.put(Self.batches.line([stock.batch.batchNo, stock.batch.expiry, "\(stock.onHand)", stock.expired ? "EXPIRED" : ""]), row: row,
                       column: 2, style: stock.expired ? .error : .normal, maxWidth: width)
            row += 1
        }
        if shownBatches.count > 5 { buffer.put("… and \(shownBatches.count - 5) more batches", row: row, column: 2, style: .muted); row += 1 }
        row += 1
        buffer.put(Self.movements.line(["When", "Movement", "Batch", "Qty", "Balance", "  By, detail"]), row: row, column: 2, style: .title,
                   maxWidth: width)
        row += 1
        // Each movement is a row; its detail (who, where, why) wraps onto rows of its own under it rather than being cut.
        let detailColumn = Self.movements.width + 2
        var rows: [String] = []
        for line in card.lines {
            let m = line.movement
            let detail = [line.by, m.counterparty, m.reason].compactMap { $0 }.joined(separator: ", ")
            let wrapped = TextWidth.wrap(detail, to: max(10, width - detailColumn))
            rows.append(Self.movements.line([context.localDateTime(m.occurredAt), m.type.title, line.batchNo, String(format: "%+d", m.quantity),
                                             "\(line.balance)", "  " + (wrapped.first ?? "")]))
            rows += wrapped.dropFirst().map { String(repeating: " ", count: detailColumn) + $0 }
        }
        let room = max(0, area.upperBound - row - 2)
        back = max(0, min(back, rows.count - room))
        let end = rows.count - back
        if card.lines.isEmpty { buffer.put("No movements yet.", row: row, column: 4, style: .muted) }
        for text in rows[max(0, end - room)..<max(0, end)] {
            buffer.put(text, row: row, column: 2, style: .normal, maxWidth: width)
            row += 1
        }
        if back > 0 || end - room > 0 {
            buffer.put(back > 0 ? "↑/↓ scroll (later movements below)" : "↑ shows earlier movements", row: area.upperBound - 2, column: 2,
                       style: .muted)
        }
        if let message { NoticeLines.draw(message.text, isError: message.isError, into: &buffer, area: area, width: width) }
    }

    package func handle(_ key: Key, command: Command?, context: ShellContext) -> Reaction {
        guard let command, let card else { return .none }
        message = nil
        switch command {
        case Commands.scrollUp: back += 1; return .redraw
        case Commands.scrollDown: back = max(0, back - 1); return .redraw
        case Commands.editItem: return .push(ItemForm.make(item: card.item, context: context))
        case Commands.adjustStock: return .push(StockMoveForms.adjust(card, context: context))
        case Commands.issueStock: return .push(StockMoveForms.issue(card))
        case Commands.returnToSupplier: return .push(StockMoveForms.toSupplier(card))
        case Commands.writeOff: return .push(StockMoveForms.writeOff(card))
        default: return .none
        }
    }
}
