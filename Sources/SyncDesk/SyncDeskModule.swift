// The sync desk, declared once: F8 for administrators, where the ledger stands with the central server.
import FrontDeskCore
import FrontDeskShell
import FrontDeskStore
import TerminalKit

/// The server, the local and acknowledged heads, what waits, the last reply and error, alarms, push now.
public struct SyncDeskModule: DeskModule {
    public init() {}

    public var desk: Desk { .sync }

    public var keymaps: [Keymap] { [Keymaps.syncDesk] }

    public func firstScreen(context: ShellContext) -> any Screen { SyncScreen(context: context) }
}

extension Commands {
    public static let pushNow = Command(
        "push-now", "Push now",
        help: "Push what waits now: the running agent stops waiting out its back-off and tries at once.",
        group: "Sync", permission: .manageSync)
    public static let clearSyncAlarm = Command(
        "clear-sync-alarm", "Clear alarm",
        help: "Once the alarm's cause is dealt with, let the agent check the server's head and push again; a divergence that still holds is raised again at once.",
        group: "Sync", permission: .manageSync, destructive: true)
}

extension Keymaps {
    public static let syncDesk = Keymap("Sync desk", [
        Binding(.character("p"), Commands.pushNow),
        Binding(.character("c"), Commands.clearSyncAlarm),
    ])
}
