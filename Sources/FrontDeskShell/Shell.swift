// The frame every desk lives in: a stack of screens, global keys, the idle lock, live reload.
import Foundation
import FrontDeskStore
import TerminalKit

/// One terminal's application state. Keys go in through `press`, frames come out of `render`;
/// `run` connects them to a real terminal. Tests drive `press` and read `render` directly.
public final class Shell {
    public let context: ShellContext
    public private(set) var stack: [any Screen]
    public private(set) var finished = false
    private var lastActivity: Date
    private let idleLockOverride: TimeInterval?
    private var idleLockSeconds: TimeInterval
    /// Whether the last frame drawn was the too-small notice: keys then do nothing (Ctrl-Q
    /// still asks to quit), since the user cannot see what they would act on.
    public private(set) var isTooSmall = false

    /// `idleLockSeconds` overrides the facility's setting (tests, kiosks).
    public init(context: ShellContext, idleLockSeconds: TimeInterval? = nil) {
        self.context = context
        idleLockOverride = idleLockSeconds
        self.idleLockSeconds = idleLockSeconds ?? TimeInterval(FacilityStore.defaultIdleLockMinutes * 60)
        stack = [LoginScreen()]
        lastActivity = context.clock.now()
    }

    public var top: any Screen { stack[stack.count - 1] }

    // MARK: Drawing

    /// The whole screen for a terminal of `width` × `height`.
    public func render(width: Int, height: Int) -> ScreenBuffer {
        var buffer = ScreenBuffer(width: width, height: height)
        isTooSmall = width < Chrome.minimumWidth || height < Chrome.minimumHeight
        guard !isTooSmall else {
            Chrome.drawTooSmall(into: &buffer, quitting: (top as? ConfirmScreen)?.command == Commands.quit)
            return buffer
        }
        Chrome.drawStatus(into: &buffer, context: context, title: top.title)
        top.draw(into: &buffer, area: 2..<(height - 2), context: context)
        Chrome.drawFooter(into: &buffer, keymaps: visibleKeymaps(of: top))
        return buffer
    }

    // MARK: Keys

    /// The keymaps of `screen` (and the global one unless it is modal) as the signed-in role sees
    /// them, on what the screen shows now: the one filter behind the footer, F1 help and dispatch.
    /// A key whose command the role may not use, or that cannot act now (`Screen.isAvailable`),
    /// reaches the screen with no command (a text box may still take it as typing).
    public func visibleKeymaps(of screen: any Screen) -> [Keymap] {
        let role = context.session?.actor.role
        let maps = screen.isModal ? [screen.keymap] : [screen.keymap, Keymaps.global]
        // With no one signed in (help over the sign-in screen) there is no session to lock or end.
        let signedIn = context.session != nil
        return maps.map {
            $0.visible(to: role).filter {
                (signedIn || ($0 != Commands.lock && $0 != Commands.signOut)) && screen.isAvailable($0, context: context)
            }
        }
    }

    /// Handles one key press.
    public func press(_ key: Key) {
        lastActivity = context.clock.now()
        let screen = top
        if isTooSmall {
            // Nothing the user cannot see may change: only quitting (Ctrl-Q, then y or n) goes on.
            let quitting = (screen as? ConfirmScreen)?.command == Commands.quit
            guard key == .ctrl("q") || quitting else { return }
            if key == .ctrl("q"), !quitting {
                apply(globalReaction(to: Commands.quit, on: screen) ?? .none)
                return
            }
        }
        let maps = visibleKeymaps(of: screen)
        let command = maps.lazy.compactMap { $0.command(for: key) }.first
        if let command, let reaction = globalReaction(to: command, on: screen) {
            apply(reaction)
            return
        }
        if let command, command.destructive, command.confirmedBy == .shell {
            apply(confirm(command, key: key, on: screen))
            return
        }
        apply(screen.handle(key, command: command, context: context))
    }

    /// A destructive command with no form of its own: ask first; on "y" the confirm screen goes
    /// and the screen that asked gets the command.
    private func confirm(_ command: Command, key: Key, on screen: any Screen) -> Reaction {
        guard case .ask(let question) = screen.confirmation(for: command, context: context) else { return .none }
        return .push(ConfirmScreen(command: command, question: question) { [weak self, context] in
            self?.stack.removeLast()
            return screen.handle(key, command: command, context: context)
        })
    }

    /// Commands the shell answers itself, whatever the screen.
    private func globalReaction(to command: Command, on screen: any Screen) -> Reaction? {
        switch command.id {
        case Commands.help.id:
            return screen is HelpOverlay ? nil : .push(HelpOverlay(for: screen, keymaps: visibleKeymaps(of: screen)))
        case Commands.findPatient.id:
            guard !(screen is PatientLookupScreen) else { return Reaction.none }
            // Back to the lookup already open (a desk's first screen, or an earlier Ctrl-F): lookups never pile up.
            if let index = stack.lastIndex(where: { ($0 as? PatientLookupScreen)?.isFinder == true }) {
                return leaving(keeping: index + 1, then: nil)
            }
            return leaving(keeping: stack.count, then: PatientLookupScreen(context: context))
        case Commands.back.id:
            guard stack.count > 1, !(screen is LockScreen) else { return Reaction.none }
            return leaving(keeping: stack.count - 1, then: nil)
        case Commands.lock.id:
            lock(reason: "Locked by \(context.session?.actor.username ?? "the user").")
            return Reaction.none
        case Commands.signOut.id:
            return .push(ConfirmScreen(command: command, question: "Sign out? Anything typed on this screen and not saved is lost.", onYes: .signOut))
        case Commands.quit.id:
            return .push(ConfirmScreen(command: command, question: "Quit FrontDesk on this terminal?", onYes: .quit))
        default:
            // A desk's key (and Settings, Fees) works from every screen: it replaces what is open.
            guard let opened = opening(command) else { return nil }
            return leaving(keeping: 1, then: opened)
        }
    }

    /// The screen a desk key (F2–F8), Settings (F9) or Fees (F11) opens; nil for other commands.
    private func opening(_ command: Command) -> (() -> any Screen)? {
        let context = context
        if command == Commands.settings { return { SettingsScreen(context: context) } }
        if command == Commands.feeSchedule { return { FeeScheduleScreen(context: context) } }
        guard let desk = Commands.desks.first(where: { $0.1 == command })?.0 else { return nil }
        return { context.open(desk) }
    }

    /// Keeps the first `keeping` screens, then opens `then`. When a screen that goes holds typed
    /// changes (a filled form), asks first: y goes ahead, anything else stays.
    private func leaving(keeping: Int, then opened: (() -> any Screen)?) -> Reaction {
        let go: () -> Void = { [weak self] in
            guard let self else { return }
            self.stack.removeLast(max(0, min(self.stack.count - keeping, self.stack.count - 1)))
            if let opened {
                self.stack.append(opened())
            } else {
                self.top.reload(context: self.context)
            }
        }
        let losing = stack.dropFirst(keeping).filter(\.hasUnsavedChanges)
        guard let form = losing.last else {
            go()
            return .none
        }
        return .push(ConfirmScreen(command: Commands.discard, question: "Discard what was typed in \(form.title)? It has not been saved.") { [weak self] in
            self?.stack.removeLast()
            go()
            return .none
        })
    }

    private func leaving(keeping: Int, then opened: any Screen) -> Reaction {
        leaving(keeping: keeping, then: { opened })
    }

    private func apply(_ reaction: Reaction) {
        switch reaction {
        case .none, .redraw: break
        case .push(let screen): stack.append(screen)
        case .replace(let popping, let screen):
            stack.removeLast(min(popping, stack.count - 1))
            top.reload(context: context)
            stack.append(screen)
        case .done(let popping, let notice):
            stack.removeLast(min(popping, stack.count - 1))
            top.reload(context: context)
            top.show(notice: notice)
        case .pop:
            // The screen that comes back may show data the one above just changed.
            if stack.count > 1 { stack.removeLast(); top.reload(context: context) }
        case .startSession(let session):
            endSession(event: .logout)
            context.session = session
            if idleLockOverride == nil, let minutes = try? context.store.idleLockMinutes() {
                idleLockSeconds = TimeInterval(minutes * 60)
            }
            stack = [HomeScreen(context: context)]
        case .unlock:
            stack.removeAll { $0 is LockScreen }
            if stack.isEmpty { stack = [HomeScreen(context: context)] }
        case .signOut:
            endSession(event: .logout)
            stack = [LoginScreen(message: "Signed out.")]
        case .quit:
            endSession(event: .logout)
            finished = true
        }
    }

    private func endSession(event: SecurityEvent) {
        guard let actor = context.session?.actor else { return }
        try? context.store.recordSessionEvent(event, actor: actor, terminal: context.terminalName)
        context.session = nil
        context.lastPatientID = nil
    }

    /// Shows `screen` straight above the first screen (home), as if a desk had opened it: the
    /// keymap rules test drives every screen's keymap through the real dispatch this way.
    package func show(_ screen: any Screen) {
        stack = [stack[0], screen]
    }

    // MARK: Time and other terminals

    /// Locks the terminal when it has been idle too long. Returns true when the screen changed.
    @discardableResult
    public func tick() -> Bool {
        guard context.session != nil else { return false }
        guard context.clock.now().timeIntervalSince(lastActivity) >= idleLockSeconds else { return false }
        if let locked = top as? LockScreen { return locked.coverAgain() }
        lock(reason: "Locked after \(Int(idleLockSeconds / 60) > 0 ? "\(Int(idleLockSeconds / 60)) min" : "\(Int(idleLockSeconds)) s") without a key.")
        return true
    }

    private func lock(reason: String) {
        guard let actor = context.session?.actor, !(top is LockScreen) else { return }
        try? context.store.recordSessionEvent(.sessionLocked, actor: actor, terminal: context.terminalName)
        // A wallboard terminal keeps showing its board (names hidden if so set) over the lock.
        stack.append(LockScreen(reason: reason, cover: context.desks.lazy.compactMap { $0.lockedView(context: self.context) }.first))
    }

    /// Another terminal (or this one) committed: every screen reloads what it shows.
    public func dataChanged() {
        context.forgetSyncIndicator()
        for screen in stack { screen.reload(context: context) }
    }

    /// Waits for the top screen's background work and takes it in (tests: no run loop polls).
    public func settle(timeout: TimeInterval = 5) {
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            _ = top.poll()
            if !top.isWaiting { return }
            usleep(1000)
        } while Date() < deadline
    }

    /// Ends the session because the process is stopping (a signal, a lost terminal).
    public func abandon() {
        endSession(event: .logout)
        finished = true
    }
}
