// Facility settings an administrator changes from a terminal: the idle lock.
import FrontDeskStore
import TerminalKit

/// Admin-only: the minutes without a key before every terminal locks.
final class SettingsScreen: Screen {
    let title = "Facility settings"
    let keymap = Keymaps.settings
    private var minutes = TextField("Idle lock (minutes)", maxLength: 3)
    private var message: (text: String, isError: Bool)?

    init(context: ShellContext) {
        minutes.text = String((try? context.store.idleLockMinutes()) ?? FacilityStore.defaultIdleLockMinutes)
    }

    func draw(into buffer: inout ScreenBuffer, area: Range<Int>, context: ShellContext) {
        let row = area.lowerBound + 2
        let cursor = minutes.draw(into: &buffer, row: row, column: 2, labelWidth: 22, fieldWidth: 6)
        buffer.put("Every terminal locks after this many minutes without a key (1-120).", row: row + 2, column: 2,
                   style: .muted, maxWidth: buffer.width - 4)
        if let message {
            buffer.put(message.text, row: row + 4, column: 2, style: message.isError ? .error : .accent, maxWidth: buffer.width - 4)
        }
        buffer.cursor = (row, cursor)
    }

    func handle(_ key: Key, command: Command?, context: ShellContext) -> Reaction {
        if command?.id == Commands.save.id {
            guard let value = Int(minutes.text), let actor = context.session?.actor else {
                message = ("Type a whole number of minutes, 1 to 120.", true)
                return .redraw
            }
            do {
                try context.store.setIdleLockMinutes(value, by: actor)
                message = ("Saved: terminals lock after \(value) minutes without a key.", false)
            } catch {
                message = ("\(error)", true)
            }
            return .redraw
        }
        if case .character(let c) = key, !c.isNumber { return .none }
        if minutes.edit(key) { message = nil; return .redraw }
        return .none
    }

    func reload(context: ShellContext) {}
}
