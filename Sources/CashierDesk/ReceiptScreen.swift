// A receipt just taken, as it will print: p prints it, w writes it to a file.
import FrontDeskCore
import FrontDeskShell
import FrontDeskStore
import TerminalKit

package final class ReceiptScreen: Screen {
    package let title = "Receipt"
    package let keymap = Keymaps.receipt
    private let paymentID: String
    private var text: [String] = []
    private var headline = ""
    private var message: (text: String, isError: Bool)?
    /// The first receipt line shown: a thermal receipt is longer than the screen.
    private var offset = 0

    package init(paymentID: String, context: ShellContext) {
        self.paymentID = paymentID
        do {
            let receipt = try context.store.receipt(paymentID)
            let p = receipt.payment
            headline = "\(p.receiptNumber): \(CashierText.money(p.totalMinor, context)) \(p.kind == .refund ? "refunded" : "received")"
                + (p.changeMinor.map { $0 > 0 ? ". CHANGE \(CashierText.money($0, context))" : "" } ?? "")
            text = ReceiptText.render(try context.store.receiptDocument(paymentID, isCopy: false), width: ReceiptText.thermalWidth)
                .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        } catch {
            message = (StoreError.sentence(for: error), true)
        }
    }

    package func draw(into buffer: inout ScreenBuffer, area: Range<Int>, context: ShellContext) {
        buffer.put(headline, row: area.lowerBound, column: 2, style: .accent, maxWidth: buffer.width - 4)
        var row = area.lowerBound + 2
        let room = max(0, area.count - 5)
        offset = min(offset, max(0, text.count - room))
        for line in text.dropFirst(offset).prefix(room) {
            buffer.put(line, row: row, column: 4, maxWidth: buffer.width - 6)
            row += 1
        }
        if text.count > room {
            buffer.put(offset + room < text.count ? "↓ more" : "↑ above", row: row, column: 4, style: .muted)
        }
        if let message { NoticeLines.draw(message.text, isError: message.isError, into: &buffer, area: area, width: buffer.width - 4) }
    }

    package func handle(_ key: Key, command: Command?, context: ShellContext) -> Reaction {
        switch command?.id {
        case Commands.printReceipt.id, Commands.saveReceipt.id:
            message = ReceiptPrinter.output(paymentID, toFile: command?.id == Commands.saveReceipt.id, context: context)
            return .redraw
        case Commands.moveDown.id:
            offset += 5
            return .redraw
        case Commands.moveUp.id:
            offset = max(0, offset - 5)
            return .redraw
        default:
            return .none
        }
    }
}
