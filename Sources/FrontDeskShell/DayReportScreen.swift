// A report of one day (queue report, collections): ←/→ change the day; the report reads and draws it.
import FrontDeskCore
import FrontDeskStore
import TerminalKit

/// What a day report reads and draws; `DayReportScreen` keeps the day, the keys and the failure.
package protocol DayReport: AnyObject {
    /// Reads the report of `day` (on open, on ←/→, and whenever the store changes).
    func load(day: CalendarDay, context: ShellContext) throws
    /// Draws the report of `day`; `failure` is why the last read failed, if it did.
    func draw(day: CalendarDay, failure: String?, into buffer: inout ScreenBuffer, area: Range<Int>, context: ShellContext)
}

/// One day's report, today first; ←/→ show the day before or after.
package final class DayReportScreen: Screen {
    package let title: String
    package let keymap: Keymap
    private let report: any DayReport
    private var day: CalendarDay
    private var failure: String?

    /// `keymap`: the report's own (its F1 help names it), with the previous/next day commands. `day`: the
    /// day shown first (today unless given: a census opens on yesterday, the last day complete).
    package init(title: String, keymap: Keymap, report: any DayReport, context: ShellContext, day: CalendarDay? = nil) {
        self.title = title
        self.keymap = keymap
        self.report = report
        self.day = day ?? context.today
        reload(context: context)
    }

    package func reload(context: ShellContext) {
        do {
            try report.load(day: day, context: context)
            failure = nil
        } catch {
            failure = StoreError.sentence(for: error)
        }
    }

    package func draw(into buffer: inout ScreenBuffer, area: Range<Int>, context: ShellContext) {
        report.draw(day: day, failure: failure, into: &buffer, area: area, context: context)
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
