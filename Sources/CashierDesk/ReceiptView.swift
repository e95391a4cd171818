// A receipt just taken, as it will print: p prints it, w writes it to a file.
import FrontDeskCore
import FrontDeskShell
import FrontDeskStore
import TerminalKit

/// The receipt of one payment on a document screen.
package final class ReceiptView: PrintableDocument {
    private let paymentID: String
    private var text: [String] = []
    private var headline = ""

    /// The receipt's screen; a receipt that cannot be read says why at the foot (else `notice`, when given).
    package static func screen(paymentID: String, notice: String? = nil, context: ShellContext) -> DocumentScreen {
        let view = ReceiptView(paymentID: paymentID)
        var failure: (text: String, isError: Bool)? = notice.map { ($0, false) }
        do { try view.load(context: context) } catch { failure = (StoreError.sentence(for: error), true) }
        return DocumentScreen(title: "Receipt", keymap: Keymaps.receipt, document: view, print: Commands.printReceipt,
                              save: Commands.saveReceipt, message: failure)
    }

    private init(paymentID: String) {
        self.paymentID = paymentID
    }

    private func load(context: ShellContext) throws {
        let receipt = try context.store.cashier.receipt(paymentID)
        let p = receipt.payment
        headline = p.isRemittance ? "\(p.receiptNumber): \(context.money(p.totalMinor)) settled by the insurer (not drawer money)"
            : "\(p.receiptNumber): \(context.money(p.totalMinor)) \(p.kind == .refund ? "refunded" : "received")"
            + (p.changeMinor.map { $0 > 0 ? ". CHANGE \(context.money($0))" : "" } ?? "")
        text = ReceiptText.render(try context.store.cashier.receiptDocument(paymentID, isCopy: false), width: ReceiptText.thermalWidth)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    package func draw(offset: inout Int, into buffer: inout ScreenBuffer, area: Range<Int>, context: ShellContext) {
        // The headline wraps rather than cut an amount (the change given, a long total).
        var row = area.lowerBound
        for line in TextWidth.wrap(headline, to: buffer.width - 4).prefix(2) {
            buffer.put(line, row: row, column: 2, style: .accent, maxWidth: buffer.width - 4)
            row += 1
        }
        row += 1
        let room = max(0, area.upperBound - row - 3)
        offset = min(offset, max(0, text.count - room))
        for line in text.dropFirst(offset).prefix(room) {
            buffer.put(line, row: row, column: 4, maxWidth: buffer.width - 6)
            row += 1
        }
        if text.count > room {
            buffer.put(offset + room < text.count ? "↓ more" : "↑ above", row: row, column: 4, style: .muted)
        }
    }

    package func output(toFile: Bool, context: ShellContext) -> (text: String, isError: Bool) {
        ReceiptPrinter.output(paymentID, toFile: toFile, context: context)
    }
}
