// The Z-report shown when a shift closes: takings by method, expected and counted cash, over or short.
import FrontDeskCore
import FrontDeskShell
import FrontDeskStore
import TerminalKit

/// The Z-report of one closed shift on a document screen.
package final class ZReportView: PrintableDocument {
    private let report: ShiftReport
    /// The ledger head at the close, printed so the paper can anchor `verify --head` later.
    private let head: LedgerHead?

    /// The Z-report's screen.
    package static func screen(report: ShiftReport, context: ShellContext) -> DocumentScreen {
        DocumentScreen(title: "Z-report", keymap: Keymaps.zReport, document: ZReportView(report: report, context: context),
                       print: Commands.printReceipt, save: Commands.saveReceipt)
    }

    private init(report: ShiftReport, context: ShellContext) {
        self.report = report
        head = try? context.store.ledgerHead(atCloseOf: report.shift)
    }

    package static func lines(_ report: ShiftReport, head: LedgerHead?, _ context: ShellContext) -> [(String, Int64?)] {
        let shift = report.shift
        var lines: [(String, Int64?)] = [("Shift \(shift.number) · \(report.cashierName)", nil),
                                         ("Opened \(context.localClock(shift.openedAt)), closed \(shift.closedAt.map { context.localClock($0) } ?? "—")", nil),
                                         ("Receipts \(report.receipts), refunds \(report.refunds)"
                                            + (report.remittances > 0 ? ", remittances \(report.remittances)" : ""), nil),
                                         ("Float", shift.floatMinor)]
        for total in report.byMethod {
            lines.append(("\(total.method.title) taken", total.inMinor))
            if total.outMinor > 0 { lines.append(("\(total.method.title) refunded", -total.outMinor)) }
        }
        // Insurers settle invoices, not the drawer: shown apart, and never part of the cash expected.
        if report.insurerSettledMinor > 0 { lines.append(("Insurers settled (not in the drawer)", report.insurerSettledMinor)) }
        lines.append(("Cash expected in the drawer", report.expectedCashMinor))
        if let counted = shift.countedCashMinor { lines.append(("Cash counted", counted)) }
        if let overShort = shift.overShortMinor {
            lines.append((overShort == 0 ? "Balanced" : (overShort > 0 ? "OVER" : "SHORT"), overShort))
        }
        if let left = shift.floatLeftMinor { lines.append(("Left for the next cashier", left)) }
        if let note = shift.closeNote { lines.append(("Note: \(note)", nil)) }
        if let head { lines.append((head.description, nil)) }
        return lines
    }

    /// Always fits: `offset` is not used.
    package func draw(offset: inout Int, into buffer: inout ScreenBuffer, area: Range<Int>, context: ShellContext) {
        var row = area.lowerBound + 1
        let minor = context.facility.currencyMinorUnits
        for (label, amount) in Self.lines(report, head: head, context) where row < area.upperBound - 2 {
            let style: Style = label == "SHORT" || label == "OVER" ? .error : (label == "Balanced" ? .accent : .normal)
            buffer.put(TextWidth.pad(TextWidth.truncate(label, to: 44), to: 46), row: row, column: 4, style: style)
            if let amount {
                let text = Money.format(amount, minorUnits: minor)
                buffer.put(text, row: row, column: 4 + 46 + max(0, 14 - text.count), style: style)
            }
            row += 1
        }
    }

    package func output(toFile: Bool, context: ShellContext) -> (text: String, isError: Bool) {
        ReceiptPrinter.outputZReport(report, toFile: toFile, context: context)
    }
}
