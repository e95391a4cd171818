// F8: where this store's ledger stands with the central server, and a key to push now.
import Foundation
import FrontDeskCore
import FrontDeskShell
import FrontDeskStore
import TerminalKit

/// The administrator's view of sync: server, agent, heads, what waits, last reply and error, alarms.
final class SyncScreen: Screen {
    let title = "Sync"
    let keymap = Keymaps.syncDesk
    private var status: SyncStatus?
    private var localHash = ""
    private var readError: String?
    private var notice: (text: String, isError: Bool)?

    init(context: ShellContext) { reload(context: context) }

    func reload(context: ShellContext) {
        do {
            status = try context.store.syncStatus()
            localHash = try context.store.ledgerHead().hash
            readError = nil
        } catch {
            readError = StoreError.sentence(for: error)
        }
    }

    /// Clearing an alarm is offered only while there is one.
    func isAvailable(_ command: Command, context: ShellContext) -> Bool {
        command != Commands.clearSyncAlarm || status?.state == .alarm
    }

    func confirmation(for command: Command, context: ShellContext) -> ConfirmQuestion {
        .ask("Clear the sync alarm? The agent checks the server again; a divergence that still holds comes back at once.")
    }

    func handle(_ key: Key, command: Command?, context: ShellContext) -> Reaction {
        if command == Commands.clearSyncAlarm, let actor = context.session?.actor {
            do {
                try context.store.clearSyncAlarm(by: actor, terminal: context.terminalName)
                notice = ("Alarm cleared; the agent checks the server's head again.", false)
            } catch {
                notice = (StoreError.sentence(for: error), true)
            }
            reload(context: context)
            return .redraw
        }
        guard command == Commands.pushNow, let status else { return .none }
        guard status.serverURL != nil else {
            notice = ("No central server is set up: run frontdesk sync setup --url URL --token-stdin.", true)
            return .redraw
        }
        guard status.agentAlive(now: context.clock.now()) else {
            notice = ("The sync agent is not running on this store, so nothing can push: start it "
                      + "(systemctl start frontdesk-sync@NAME, or frontdesk sync run --db PATH).", true)
            return .redraw
        }
        do {
            try context.store.requestPushNow()
            notice = (status.state == .alarm
                      ? "Asked the agent to push; it stays stopped until the alarm's cause is dealt with (below)."
                      : "Asked the agent to push now; this screen follows it.", false)
        } catch {
            notice = (StoreError.sentence(for: error), true)
        }
        return .redraw
    }

    func draw(into buffer: inout ScreenBuffer, area: Range<Int>, context: ShellContext) {
        let width = buffer.width - 4
        guard let status else {
            NoticeLines.draw(readError ?? "The sync state cannot be read.", isError: true, into: &buffer, area: area, width: width)
            return
        }
        var row = area.lowerBound + 1
        for (label, value, style) in SyncText.rows(status, localHash: localHash, context: context) where row < area.upperBound - 5 {
            buffer.put(label, row: row, column: 2, style: .muted)
            row = NoticeLines.draw(value, style: style, into: &buffer, row: row, column: 19, width: buffer.width - 21, maxLines: 2)
        }
        if let advice = SyncText.advice(status, context: context) {
            NoticeLines.draw(advice.text, style: advice.isAlarm ? .error : .muted, into: &buffer, row: row + 1, width: width, maxLines: 4)
        }
        if let notice {
            NoticeLines.draw(notice.text, isError: notice.isError, into: &buffer, area: area, width: width, maxLines: 2)
        }
    }
}
