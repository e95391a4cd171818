// The frame around every screen: status line on top, footer of keys below, and the notice
// for a terminal smaller than 80×24. Pure functions of their inputs.
import TerminalKit

package enum Chrome {
    package static let minimumWidth = 80
    package static let minimumHeight = 24

    /// `Facility │ user (Role)` on the left, `time │ sync` on the right (an alarm in the alarm colour). When the terminal is
    /// narrow the facility's name gives way first (with …): who is signed in always shows.
    package static func drawStatus(into buffer: inout ScreenBuffer, context: ShellContext, title: String) {
        buffer.fill(row: 0, style: .statusBar)
        let sync = context.syncIndicator
        let time = context.localTime + " │ "
        let right = time + sync.text + " "
        let rightWidth = TextWidth.of(right)
        var user = ""
        if let actor = context.session?.actor {
            user = " │ \(actor.username) (\(actor.role?.title ?? "System"))"
        }
        let room = max(0, buffer.width - rightWidth - 2)
        let facilityRoom = max(8, room - 1 - TextWidth.of(user))
        let left = " " + TextWidth.truncate(context.facility.name, to: facilityRoom) + user
        buffer.put(TextWidth.truncate(left, to: room), row: 0, column: 0, style: .statusBar)
        let column = buffer.put(time, row: 0, column: max(0, buffer.width - rightWidth), style: .statusBar)
        buffer.put(sync.text + " ", row: 0, column: column, style: sync.isAlarm ? .error : .statusBar)
        buffer.put(title, row: 1, column: 1, style: .title, maxWidth: buffer.width - 2)
    }

    /// The footer: each key in footer style, then its title, as many as fit.
    package static func drawFooter(into buffer: inout ScreenBuffer, keymaps: [Keymap]) {
        let row = buffer.height - 1
        buffer.fill(row: row, style: .footerText)
        var column = 0
        var seen = Set<Key>()
        for binding in keymaps.flatMap(\.bindings) where binding.inFooter && seen.insert(binding.key).inserted {
            let need = TextWidth.of(binding.key.name) + TextWidth.of(binding.command.title) + 3
            guard column + need <= buffer.width else { break }
            column = buffer.put(binding.key.name, row: row, column: column, style: .footerKey)
            column = buffer.put(" " + binding.command.title + "  ", row: row, column: column, style: .footerText)
        }
    }

    /// Keys wait until the terminal is large enough (the shell ignores them); Ctrl-Q still quits.
    package static func drawTooSmall(into buffer: inout ScreenBuffer, quitting: Bool = false) {
        let lines = ["Enlarge the terminal", "to at least \(minimumWidth)×\(minimumHeight)",
                     "(now \(buffer.width)×\(buffer.height))", "",
                     quitting ? "Quit? y: yes, n: no" : "Keys wait; Ctrl-Q quits"]
        for (i, line) in lines.enumerated() {
            let row = max(0, buffer.height / 2 - 1) + i
            buffer.put(line, row: row, column: max(0, (buffer.width - TextWidth.of(line)) / 2), maxWidth: buffer.width)
        }
    }
}
