// The idle lock: every patient detail hidden; the same user's password, or another user.
import FrontDeskStore
import TerminalKit

/// Covers the whole screen until the signed-in user types their password again.
package final class LockScreen: Screen {
    package let title = "Locked"
    package let keymap = Keymaps.lock
    package let isModal = true
    private var password = TextField("Password", maxLength: 128, masked: true)
    private var message: (text: String, isError: Bool)?
    private var failures = 0
    private let reason: String
    /// What a wallboard terminal shows while locked, until a key is pressed.
    private let wallboard: (any Screen)?
    private var cover: (any Screen)?

    package init(reason: String, cover: (any Screen)? = nil) {
        self.reason = reason
        wallboard = cover
        self.cover = cover
    }

    package func reload(context: ShellContext) { wallboard?.reload(context: context) }

    /// A wallboard whose password prompt was left unused shows its board again (the half-typed
    /// password is dropped). True when the screen changed.
    package func coverAgain() -> Bool {
        guard let wallboard, cover == nil else { return false }
        cover = wallboard
        password.text = ""
        message = nil
        return true
    }

    package func draw(into buffer: inout ScreenBuffer, area: Range<Int>, context: ShellContext) {
        if let cover {
            cover.draw(into: &buffer, area: area, context: context)
            return
        }
        let top = area.lowerBound + max(1, (area.count - 10) / 2)
        let left = max(2, (buffer.width - 56) / 2)
        let user = context.session?.actor
        buffer.put("This terminal is locked", row: top, column: left, style: .title)
        buffer.put(reason, row: top + 1, column: left, style: .muted, maxWidth: 56)
        buffer.put("Signed in: \(user?.displayName ?? "") (\(user?.username ?? ""))", row: top + 3, column: left, maxWidth: 56)
        let cursor = password.draw(into: &buffer, row: top + 5, column: left, labelWidth: 11, fieldWidth: 34)
        buffer.put("Enter unlocks · Tab: sign in as someone else", row: top + 7, column: left, style: .muted)
        if let message {
            let lines = TextWidth.wrap(message.text, to: max(10, buffer.width - left - 1)).prefix(2)
            for (offset, line) in lines.enumerated() {
                buffer.put(line, row: top + 9 + offset, column: left, style: message.isError ? .error : .muted)
            }
        }
        buffer.cursor = (top + 5, cursor)
    }

    package func handle(_ key: Key, command: Command?, context: ShellContext) -> Reaction {
        // The first key on a wallboard only brings up the password.
        if cover != nil {
            cover = nil
            return .redraw
        }
        switch command?.id {
        case "unlock":
            guard let actor = context.session?.actor else { return .signOut }
            if let unreadable = PasswordText.unreadable(password.text) {
                password.text = ""
                message = (unreadable, true)
                return .redraw
            }
            do {
                _ = try context.store.signIn(username: actor.username, password: password.text,
                                             terminal: context.terminalName, unlocking: true)
                return .unlock
            } catch let error as StoreError {
                password.text = ""
                // The store never says "locked" to a wrong password; after as many misses as lock an
                // account, this session ends rather than waiting at a screen that cannot open.
                failures += 1
                if failures >= FacilityStore.lockoutThreshold { return .signOut }
                message = (error.description, true)
                return .redraw
            } catch {
                message = (StoreError.sentence(for: error), true)
                return .redraw
            }
        case Commands.switchUser.id:
            return .signOut
        default:
            if password.edit(key) { message = nil; return .redraw }
            return .none
        }
    }
}
