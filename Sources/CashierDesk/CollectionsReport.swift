// Collections for a day: by method and by cashier (each receipt counted once, on the day it was taken), insurers apart, and the shifts.
import FrontDeskCore
import FrontDeskShell
import FrontDeskStore
import TerminalKit

package final class CollectionsReport: DayReport {
    private var collections: Collections?
    private var shifts: [ShiftReport] = []

    /// The report's screen, today first.
    package static func screen(context: ShellContext) -> DayReportScreen {
        DayReportScreen(title: "Collections", keymap: Keymaps.collections, report: CollectionsReport(), context: context)
    }

    package func load(day: CalendarDay, context: ShellContext) throws {
        collections = try context.store.cashier.collections(from: day, to: day)
        shifts = try context.store.cashier.shifts(from: day, to: day)
    }

    package func draw(day: CalendarDay, failure: String?, into buffer: inout ScreenBuffer, area: Range<Int>, context: ShellContext) {
        let width = buffer.width - 4
        let minor = context.facility.currencyMinorUnits
        var row = area.lowerBound
        buffer.put("\(day.weekdayName) \(day)\(day == context.today ? " (today)" : "") · ←/→ changes the day", row: row, column: 2, style: .title, maxWidth: width)
        row += 2
        if let failure { row = NoticeLines.draw(failure, style: .error, into: &buffer, row: row, width: width) }
        func cell(_ text: String, _ w: Int) -> String { Table.cell(text, Table.text(w)) }
        let amounts = Table([Table.text(24), Table.number(14), Table.number(14), Table.number(14)])
        guard let collections else { return }
        for (heading, lines) in [("By method", collections.byMethod), ("By cashier", collections.byCashier)] {
            buffer.put(cell(heading, 24) + cell("         In", 14) + cell("        Out", 14) + "        Net", row: row, column: 2, style: .muted, maxWidth: width)
            row += 1
            for line in lines where row < area.upperBound - 3 {
                buffer.put(amounts.line([line.name] + [line.inMinor, line.outMinor, line.netMinor].map(context.plainMoney)), row: row, column: 2, maxWidth: width)
                row += 1
            }
            row += 1
        }
        buffer.put(amounts.line(["Net collected", "", "", context.plainMoney(collections.netMinor)]), row: row, column: 2,
                   style: .title, maxWidth: width)
        row += 1
        // Insurers' settlements are not the counter's money: apart, under the net, never in it.
        for line in collections.byInsurer where row < area.upperBound - 3 {
            buffer.put(amounts.line(["\(line.name) remittances", "", "", context.plainMoney(line.netMinor)]), row: row, column: 2,
                       style: .muted, maxWidth: width)
            row += 1
        }
        row += 1
        for report in shifts where row < area.upperBound - 1 {
            let s = report.shift
            let state = s.status == .open ? "open" : (s.overShortMinor.map { $0 == 0 ? "balanced" : ($0 > 0 ? "over \(Money.format($0, minorUnits: minor))" : "short \(Money.format(-$0, minorUnits: minor))") } ?? "")
            // Wrapped part by part (a long over or short goes to a second line): an amount is never cut.
            let parts = ["Shift \(s.number) · \(report.cashierName)", "expected cash \(Money.format(report.expectedCashMinor, minorUnits: minor))", state]
            for line in CashierText.lines(parts, width: width) where row < area.upperBound - 1 {
                buffer.put(line, row: row, column: 2, style: (s.overShortMinor ?? 0) < 0 ? .warning : .muted, maxWidth: width)
                row += 1
            }
        }
    }
}
