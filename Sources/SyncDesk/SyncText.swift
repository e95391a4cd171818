// The sync desk's words: each line of the state, and what to do about an alarm.
import Foundation
import FrontDeskCore
import FrontDeskShell
import FrontDeskStore
import TerminalKit

enum SyncText {
    /// Label, value and style of each line of the desk.
    static func rows(_ s: SyncStatus, localHash: String, context: ShellContext) -> [(String, String, Style)] {
        let now = context.clock.now()
        func when(_ stamp: String?) -> String {
            guard let stamp, let date = Timestamp.date(stamp) else { return "" }
            return " at \(context.localClock(stamp)) (\(SyncIndicator.age(now.timeIntervalSince(date))) ago)"
        }
        var rows: [(String, String, Style)] = []
        rows.append(("Central server", s.serverURL.map { $0 + (s.insecure ? "  (insecure: no TLS)" : "") } ?? "not set up", s.serverURL == nil ? .warning : .normal))
        rows.append(("Token", s.hasToken ? "set (kept beside the store, never shown)" : "none: run frontdesk sync setup", s.hasToken ? .normal : .warning))
        let ownCertificates = (SyncFiles.trustPath(forStore: context.store.path) as NSString).lastPathComponent
        rows.append(("Certificates", s.trustsOwnCertificates ? "this store's own, in \(ownCertificates)" : "the machine's (/etc/ssl/certs)",
                     .normal))
        let alive = s.agentAlive(now: now)
        rows.append(("Sync agent", alive ? "running" + when(s.agentSeenAt) : "not running" + (s.agentSeenAt.map { _ in ", last heard" + when(s.agentSeenAt) } ?? ""),
                     alive ? .normal : .warning))
        rows.append(("State", stateWords(s, now: now, context: context), s.state == .alarm ? .error : (s.state == .upToDate ? .normal : .warning)))
        rows.append(("Local head", "seq \(s.localHead)  \(localHash.prefix(12))", .normal))
        rows.append(("Acknowledged", "seq \(s.ackedSeq)  \(s.ackedHash.prefix(12))" + when(s.lastAckedAt), .normal))
        let oldest = s.oldestWaitingAt.flatMap(Timestamp.date).map { ", the oldest from \(SyncIndicator.age(now.timeIntervalSince($0))) ago" } ?? ""
        rows.append(("Waiting", s.waiting == 0 ? "nothing" : "\(s.waiting) entr\(s.waiting == 1 ? "y" : "ies")\(oldest)", s.waiting == 0 ? .normal : .warning))
        rows.append(("Last reply", s.lastReply.map { $0 + when(s.lastReplyAt) } ?? "none yet", .normal))
        rows.append(("Last error", s.lastError.map { $0 + when(s.lastErrorAt) } ?? "none", s.lastError == nil ? .normal : .warning))
        return rows
    }

    static func stateWords(_ s: SyncStatus, now: Date, context: ShellContext) -> String {
        switch s.state {
        case .upToDate: return "up to date"
        case .waiting: return "\(s.waiting) waiting"
        case .offline: return "offline since " + (s.offlineSince.map(context.localClock) ?? "?")
        case .alarm: return "ALARM: " + (s.alarm ?? "the agent stopped pushing")
        }
    }

    /// What an administrator should do now, when something needs a person.
    static func advice(_ s: SyncStatus, context: ShellContext) -> (text: String, isAlarm: Bool)? {
        if s.serverURL == nil {
            return ("This store's ledger has never left the building. An administrator sets up sync with "
                    + "frontdesk sync setup --url URL --token-stdin (the token comes from frontdesk-central facility add).", false)
        }
        switch s.alarmKind.flatMap(SyncAlarmKind.init(rawValue:)) {
        case .divergence?:
            return ("The central server holds other entries than this store for the same seq: this store was probably replaced "
                    + "by an older backup, or copied. Nothing is pushed and nothing is overwritten on either side. Call your "
                    + "IT support: compare frontdesk ledger export with the server before anything else.", true)
        case .refusedToken?:
            return ("The server refused the token (unknown or revoked). Ask the central administrator for a new one, then run "
                    + "frontdesk sync setup again; pushing resumes.", true)
        case .forbidden?:
            return ("The token belongs to another facility than this store's. Set up the right token with frontdesk sync setup.", true)
        case .badHash?:
            return ("The server recomputed an entry's hash and it differs: run frontdesk verify on this store now, and call IT support.", true)
        case .tooLarge?, .malformed?:
            return ("The server refused what the agent sent (\(s.alarm ?? "")). Call IT support with this message.", true)
        case nil:
            return nil
        }
    }
}
