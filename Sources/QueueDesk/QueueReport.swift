// The daily queue report: per service, patients, seen, still waiting, left, no-show, median and p90 wait.
import FrontDeskCore
import FrontDeskShell
import FrontDeskStore
import TerminalKit

package final class QueueReport: DayReport {
    private var reports: [QueueDayReport] = []
    /// Printed under the totals: an anchor for `verify --head`.
    private var head: LedgerHead?

    /// The report's screen, today first.
    package static func screen(context: ShellContext) -> DayReportScreen {
        DayReportScreen(title: "Queue report", keymap: Keymaps.queueReport, report: QueueReport(), context: context)
    }

    package func load(day: CalendarDay, context: ShellContext) throws {
        reports = try context.store.queue.queueReport(day: day)
        head = try context.store.currentLedgerHead()
    }

    package static let header = row("Service", "Patients", "Seen", "Waiting", "Left", "No-show", "Median", "p90")

    /// Service, then the counts and waits.
    package static let table = Table([Table.text(24), Table.text(9), Table.text(5), Table.text(8), Table.text(5), Table.text(8),
                                      Table.text(8), Table.text(8)])

    package static func row(_ cells: String...) -> String { table.line(cells) }

    package func draw(day: CalendarDay, failure: String?, into buffer: inout ScreenBuffer, area: Range<Int>, context: ShellContext) {
        var row = area.lowerBound
        let width = buffer.width - 4
        buffer.put("\(day.weekdayName) \(day)" + (day == context.today ? " (today)" : ""), row: row, column: 2, style: .title)
        buffer.put("Wait = called − checked in. ←/→ changes the day.", row: row + 1, column: 2, style: .muted, maxWidth: width)
        row += 3
        buffer.put(Self.header, row: row, column: 2, style: .title, maxWidth: width)
        row += 1
        if let failure { row = NoticeLines.draw(failure, style: .error, into: &buffer, row: row, width: width) }
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
}
