// Commands and keymaps are data: the footer, the F1 help, dispatch and docs/keybindings.md come from them.
import FrontDeskCore
import TerminalKit

/// Who asks before a destructive command does anything.
public enum Confirmation: Hashable, Sendable {
    /// The shell asks (ConfirmScreen) before the screen sees the command.
    case shell
    /// The command opens a form of its own (a reason, a count, a supervisor's password) and nothing
    /// is written until that form is saved.
    case form
}

/// A user action: what it is called, what help says, where help groups it, the permission it
/// needs (the shell hides it from roles without it), and whether it destroys something
/// (destructive commands always ask first: the shell, or their own form).
public struct Command: Hashable, Sendable {
    public let id: String
    public let title: String
    public let help: String
    public let group: String
    public let permission: Permission?
    public let destructive: Bool
    public let confirmedBy: Confirmation

    public init(_ id: String, _ title: String, help: String, group: String, permission: Permission? = nil,
                destructive: Bool = false, confirmedBy: Confirmation = .shell) {
        self.id = id
        self.title = title
        self.help = help
        self.group = group
        self.permission = permission
        self.destructive = destructive
        self.confirmedBy = confirmedBy
    }

    /// Whether `role` may see and use the command.
    public func isAllowed(for role: Role?) -> Bool {
        guard let permission else { return true }
        guard let role else { return false }
        return PermissionTable.allows(role, permission)
    }
}

/// A key bound to a command. `inFooter` puts it in the footer line as well as in help.
public struct Binding: Hashable, Sendable {
    public let key: Key
    public let command: Command
    public let inFooter: Bool

    public init(_ key: Key, _ command: Command, inFooter: Bool = true) {
        self.key = key
        self.command = command
        self.inFooter = inFooter
    }
}

/// The keys of one screen (or the global ones every screen shares).
public struct Keymap: Sendable {
    public let name: String
    public let bindings: [Binding]

    public init(_ name: String, _ bindings: [Binding]) {
        self.name = name
        self.bindings = bindings
    }

    public func command(for key: Key) -> Command? {
        bindings.first { $0.key == key }?.command
    }

    /// The bindings `role` may use: the one filter behind the footer, F1 help and dispatch.
    public func visible(to role: Role?) -> Keymap {
        filter { $0.isAllowed(for: role) }
    }

    /// The bindings whose command passes `include`.
    public func filter(_ include: (Command) -> Bool) -> Keymap {
        Keymap(name, bindings.filter { include($0.command) })
    }
}
