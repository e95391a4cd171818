// One protocol for every screen: draw into the in-memory screen, answer keys with a reaction.
import TerminalKit

/// What a key handler asks the application to do next.
public enum Reaction {
    case none
    case redraw
    case push(any Screen)
    case pop
    /// Pops `popping` screens, then pushes `with` (a form that saved opens what it made).
    case replace(popping: Int, with: any Screen)
    /// Pops `popping` screens and tells the screen that comes back what was done (a token given, …).
    case done(popping: Int, notice: String)
    /// The signed-in session starts (after sign-in or switching user at the lock).
    case startSession(SessionInfo)
    case unlock
    case signOut
    case quit
}

/// A screen: a `draw` and a `handle` pair. Screens hold their own state; formatting is pure.
public protocol Screen: AnyObject {
    /// The screen's title, shown under the status line.
    var title: String { get }
    /// The screen's own keys (the global keymap applies as well unless `isModal`).
    var keymap: Keymap { get }
    /// Modal screens (sign-in, lock) take every key; the global keymap does not apply.
    var isModal: Bool { get }
    /// Draws into `buffer` within rows `area` (between the status line and the footer).
    func draw(into buffer: inout ScreenBuffer, area: Range<Int>, context: ShellContext)
    /// Answers a key that no keymap claimed (or the screen's own commands).
    func handle(_ key: Key, command: Command?, context: ShellContext) -> Reaction
    /// Something was committed (by this or another terminal): reload what is shown.
    func reload(context: ShellContext)
    /// Whether work started by a key (a lookup) is still running; the loop then polls often.
    var isWaiting: Bool { get }
    /// Takes in finished background work; true when the screen changed.
    func poll() -> Bool
    /// Shows what a screen above this one just did (after `.done`).
    func show(notice: String)
    /// What the shell asks before a destructive command confirmed by the shell reaches `handle`.
    func confirmation(for command: Command, context: ShellContext) -> ConfirmQuestion
    /// Whether `command` can act on what the screen shows now (a paid invoice cannot be paid
    /// again). An unavailable command is left out of the footer, F1 help and dispatch, exactly as
    /// one the role may not use; the screen does not have to refuse it itself.
    func isAvailable(_ command: Command, context: ShellContext) -> Bool
    /// Whether leaving the screen would throw away something typed (a filled form): the shell
    /// asks before Esc, a desk key or Ctrl-F takes it away.
    var hasUnsavedChanges: Bool { get }
}

/// The shell's question before a destructive command (see `Confirmation.shell`).
public enum ConfirmQuestion {
    /// Ask this; on "y" the command goes to the screen.
    case ask(String)
    /// Nothing is selected to act on: the key does nothing, and nothing is asked.
    case nothingToDo
}

extension Screen {
    public var isModal: Bool { false }
    public func reload(context: ShellContext) {}
    public var isWaiting: Bool { false }
    public func poll() -> Bool { false }
    public func show(notice: String) {}
    public func confirmation(for command: Command, context: ShellContext) -> ConfirmQuestion { .ask("\(command.title)?") }
    public func isAvailable(_ command: Command, context: ShellContext) -> Bool { true }
    public var hasUnsavedChanges: Bool { false }
}
