// Sign-in: username and masked password; a wrong one never says which part was wrong.
import FrontDeskStore
import TerminalKit

/// The first screen of every terminal.
public final class LoginScreen: Screen {
    public let title = "Sign in"
    public let keymap = Keymaps.login
    public let isModal = true
    private var username = TextField("Username", maxLength: 32)
    private var password = TextField("Password", maxLength: 128, masked: true)
    private var focus = 0
    private var message: (text: String, isError: Bool)?

    public init(message: String? = nil) {
        self.message = message.map { ($0, false) }
    }

    public func draw(into buffer: inout ScreenBuffer, area: Range<Int>, context: ShellContext) {
        let top = area.lowerBound + max(1, (area.count - 10) / 2)
        let left = max(2, (buffer.width - 50) / 2)
        buffer.put(context.facility.name, row: top, column: left, style: .title, maxWidth: 50)
        buffer.put("Sign in to FrontDesk", row: top + 1, column: left, style: .muted)
        let userCursor = username.draw(into: &buffer, row: top + 3, column: left, labelWidth: 11, fieldWidth: 34)
        let passCursor = password.draw(into: &buffer, row: top + 5, column: left, labelWidth: 11, fieldWidth: 34)
        if let message {
            // Two lines: the refusal also says how the lockout works (the same words for every refusal).
            let lines = TextWidth.wrap(message.text, to: max(10, buffer.width - left - 1)).prefix(2)
            for (offset, line) in lines.enumerated() {
                buffer.put(line, row: top + 7 + offset, column: left, style: message.isError ? .error : .muted)
            }
        }
        buffer.cursor = focus == 0 ? (top + 3, userCursor) : (top + 5, passCursor)
    }

    public func handle(_ key: Key, command: Command?, context: ShellContext) -> Reaction {
        switch command?.id {
        case Commands.nextField.id?, Commands.previousField.id?:
            focus = 1 - focus
            return .redraw
        case Commands.submit.id?:
            if focus == 0 && password.text.isEmpty {
                focus = 1
                return .redraw
            }
            return submit(context)
        default:
            break
        }
        if key == .up || key == .down {
            focus = 1 - focus
            return .redraw
        }
        if focus == 0 ? username.edit(key) : password.edit(key) {
            message = nil
            return .redraw
        }
        return .none
    }

    private func submit(_ context: ShellContext) -> Reaction {
        guard !username.text.isEmpty, !password.text.isEmpty else {
            message = ("Type your username and password.", true)
            return .redraw
        }
        if let unreadable = PasswordText.unreadable(password.text) {
            password.text = ""
            focus = 1
            message = (unreadable, true)
            return .redraw
        }
        do {
            let actor = try context.store.signIn(username: username.text, password: password.text, terminal: context.terminalName)
            return .startSession(SessionInfo(actor: actor))
        } catch let error as StoreError {
            password.text = ""
            focus = 1
            message = (error.description, true)
            return .redraw
        } catch {
            message = (StoreError.sentence(for: error), true)
            return .redraw
        }
    }
}
