// The daily queue report: per service, patients, seen, still waiting, left, no-show, median and p90 wait.
import FrontDeskCore
import FrontDeskShell
import FrontDeskStore
import TerminalKit

package final class QueueReportScreen: Screen {
    package let title = "Queue report"
    package let keymap = Keymaps.queueReport
    private var day: CalendarDay
    private var reports: [QueueDayReport] = []
    /// Printed under the totals: an anchor for `verify --head`.
    private var head: LedgerHead?
    private var failure: String?

    package init(context: ShellContext) {
        day = context.today
        reload(context: context)
    }

    package func reload(context: ShellContext) {
        do {
            reports = try context.store.queueReport(day: day)
            head = try context.store.currentLedgerHead()
            failure = nil
        } catch {
            failure = StoreError.sentence(for: error)
        }
    }

    package static let header = row("Service", "Patients", "Seen", "Waiting", "Left", "No-show", "Median", "p90")

    package static func row(_ cells: String...) -> String {
        let widths = [24, 9, 5, 8, 5, 8, 8, 8]
        return zip(cells, widths).map { TextWidth.pad(TextWidth.truncate($0, to: $1 - 1), to: $1) }.joined()
    }

    package func draw(into buffer: inout ScreenBuffer, area: Range<Int>, context: ShellContext) {
        var row = area.lowerBound
        let width = buffer.width - 4
        buffer.put("\(day.weekdayName) \(day)" + (day == context.today ? " (today)" : ""), row: row, column: 2, style: .title)
        buffer.put("Wait = called − checked in. ←/→ changes the day.", row: row + 1, column: 2, style: .muted, maxWidth: width)
        row += 3
        buffer.put(Self.header, row: row, column: 2, style: .title, maxWidth: width)
        row += 1
        if let failure { buffer.put(failure, row: row, column: 2, style: .error, maxWidth: width) }
        for r in reports where row < area.upperBound - 2 {
            buffer.put(Self.row("\(r.serviceCode) \(r.serviceName)", "\(r.patients)", "\(r.seen)", "\(r.waiting)", "\(r.left)",
                                "\(r.noShow)", QueueText.reportWait(r.medianWaitSeconds), QueueText.reportWait(r.p90WaitSeconds)),
                       row: row, column: 2, style: r.patients == 0 ? .muted : .normal, maxWidth: width)
            row += 1
        }
        let total = reports.reduce(0) { $0 + $1.patients }
        buffer.put("\(total) patient\(total == 1 ? "" : "s") in \(reports.filter { $0.patients > 0 }.count) service(s)."
                   + (head.map { "  \($0)" } ?? ""), row: area.upperBound - 1, column: 2, style: .muted, maxWidth: width)
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
