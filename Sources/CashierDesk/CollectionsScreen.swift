// Collections for a day: by method and by cashier (each receipt counted once, on the day it was taken), and the shifts.
import FrontDeskCore
import FrontDeskShell
import FrontDeskStore
import TerminalKit

package final class CollectionsScreen: Screen {
    package let title = "Collections"
    package let keymap = Keymaps.collections
    private var day: CalendarDay
    private var collections: Collections?
    private var shifts: [ShiftReport] = []
    private var failure: String?

    package init(context: ShellContext) {
        day = context.today
        reload(context: context)
    }

    package func reload(context: ShellContext) {
        do {
            collections = try context.store.collections(from: day, to: day)
            shifts = try context.store.shifts(from: day, to: day)
            failure = nil
        } catch {
            failure = StoreError.sentence(for: error)
        }
    }

    package func draw(into buffer: inout ScreenBuffer, area: Range<Int>, context: ShellContext) {
        let width = buffer.width - 4
        let minor = context.facility.currencyMinorUnits
        var row = area.lowerBound
        buffer.put("\(day.weekdayName) \(day)\(day == context.today ? " (today)" : "") · ←/→ changes the day", row: row, column: 2, style: .title, maxWidth: width)
        row += 2
        if let failure { buffer.put(failure, row: row, column: 2, style: .error, maxWidth: width) }
        func cell(_ text: String, _ w: Int) -> String { TextWidth.pad(TextWidth.truncate(text, to: w - 1), to: w) }
        func amount(_ m: Int64) -> String { let t = Money.format(m, minorUnits: minor); return String(repeating: " ", count: max(0, 13 - t.count)) + t + " " }
        guard let collections else { return }
        for (heading, lines) in [("By method", collections.byMethod), ("By cashier", collections.byCashier)] {
            buffer.put(cell(heading, 24) + cell("         In", 14) + cell("        Out", 14) + "        Net", row: row, column: 2, style: .muted, maxWidth: width)
            row += 1
            for line in lines where row < area.upperBound - 3 {
                buffer.put(cell(line.name, 24) + amount(line.inMinor) + amount(line.outMinor) + amount(line.netMinor), row: row, column: 2, maxWidth: width)
                row += 1
            }
            row += 1
        }
        buffer.put(cell("Net collected", 24) + String(repeating: " ", count: 28) + amount(collections.netMinor), row: row, column: 2,
                   style: .title, maxWidth: width)
        row += 2
        for report in shifts where row < area.upperBound - 1 {
            let s = report.shift
            let state = s.status == .open ? "open" : (s.overShortMinor.map { $0 == 0 ? "balanced" : ($0 > 0 ? "over \(Money.format($0, minorUnits: minor))" : "short \(Money.format(-$0, minorUnits: minor))") } ?? "")
            buffer.put("Shift \(s.number) · \(report.cashierName) · expected cash \(Money.format(report.expectedCashMinor, minorUnits: minor)) · \(state)",
                       row: row, column: 2, style: (s.overShortMinor ?? 0) < 0 ? .warning : .muted, maxWidth: width)
            row += 1
        }
    }

    package func handle(_ key: Key, command: Command?, context: ShellContext) -> Reaction {
        switch command?.id {
        case Commands.previousDay.id: day = day.adding(days: -1)
        case Commands.nextDay.id: day = day.adding(days: 1)
        default: return .none
        }
        reload(context: context)
        return .redraw
    }
}
