// `frontdesk sync status`: where this store stands with the central server, as `key value` lines.
import ArgumentParser
import Foundation
import FrontDeskStore

extension SyncCommand {
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status",
            abstract: "Show the sync state: server, local head, acknowledged head, entries waiting, alarm, last error.",
            discussion: "One `key value` line each; `state` is up_to_date, waiting, offline or alarm. An empty value leaves the key alone on its line.")

        @OptionGroup var store: StoreOptions

        func run() throws {
            try store.reading { opened in
                let status = try opened.syncStatus()
                let lines: [(String, String?)] = [
                    ("server", status.serverURL),
                    ("local_head", String(status.localHead)),
                    ("acked_seq", String(status.ackedSeq)),
                    ("acked_hash", status.ackedHash),
                    ("waiting", String(status.waiting)),
                    ("state", status.state.rawValue),
                    ("alarm", status.alarm),
                    ("last_error", status.lastError),
                    ("oldest_waiting_at", status.oldestWaitingAt),
                    ("last_acked_at", status.lastAckedAt),
                    ("last_reply", status.lastReply),
                    ("last_reply_at", status.lastReplyAt),
                    ("last_error_at", status.lastErrorAt),
                    ("offline_since", status.offlineSince),
                    ("alarm_kind", status.alarmKind),
                    ("agent_seen_at", status.agentSeenAt),
                    ("insecure", status.insecure ? "yes" : "no"),
                    ("token", status.hasToken ? "set" : "missing"),
                    ("trust", status.trustsOwnCertificates ? "own \(SyncFiles.trustPath(forStore: opened.path))" : "system"),
                ]
                for (key, value) in lines { print(value.map { "\(key) \(OneLine.make($0))" } ?? key) }
            }
        }
    }
}
