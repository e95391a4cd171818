// The queue board a wallboard terminal shows while locked: every service, live, with names or tokens only.
import Foundation
import FrontDeskCore
import FrontDeskShell
import FrontDeskStore
import TerminalKit

/// Drawn by the lock screen of a terminal set as a wallboard (`frontdesk queue wallboard`): it
/// takes no keys (the lock screen does), and follows other terminals' changes through `reload`.
package final class WallboardScreen: Screen {
    package let title = "Queue board"
    package let keymap = Keymap("Wallboard", [])
    private let mode: WallboardMode
    private var rows: [BoardRow] = []
    private var longWait = QueueStore.defaultLongWaitMinutes

    package init(mode: WallboardMode, context: ShellContext) {
        self.mode = mode
        reload(context: context)
    }

    package func reload(context: ShellContext) {
        rows = (try? context.store.queue.board(day: context.today).filter { $0.entry.status.isActive }) ?? []
        longWait = (try? context.store.queue.longWaitMinutes()) ?? longWait
    }

    package func draw(into buffer: inout ScreenBuffer, area: Range<Int>, context: ShellContext) {
        let width = buffer.width - 4
        let now = context.clock.now()
        var row = area.lowerBound
        buffer.put("All services · \(rows.filter { $0.entry.status == .checkedIn }.count) waiting", row: row, column: 2,
                   style: .title, maxWidth: width)
        row += 1
        buffer.put(QueueText.legend(board: 0, of: 0, longWaitMinutes: longWait, width: width), row: row, column: 2,
                   style: .muted, maxWidth: width)
        row += 1
        buffer.put(QueueText.header, row: row, column: 2, style: .title, maxWidth: width)
        row += 1
        if rows.isEmpty {
            buffer.put("Nobody is waiting.", row: row, column: 4, style: .muted, maxWidth: width - 2)
        }
        for line in rows.prefix(max(0, area.upperBound - row - 1)) {
            let long = QueueText.isLongWait(line.entry, now: now, minutes: longWait)
            buffer.put(QueueText.line(line, now: now, longWaitMinutes: longWait, zone: context.timeZone, hidingName: mode == .tokens),
                       row: row, column: 2, style: long ? .warning : .normal, maxWidth: width)
            row += 1
        }
        buffer.put("Locked. Press a key to sign in.", row: area.upperBound - 1, column: 2, style: .muted, maxWidth: width)
    }

    package func handle(_ key: Key, command: Command?, context: ShellContext) -> Reaction { .none }
}
