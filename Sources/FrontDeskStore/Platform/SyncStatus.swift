// Where a store stands with the central server, as the status line, the F8 desk and `sync status` show it.
import Foundation
import FrontDeskCore

/// The sync state of one store, read in one snapshot (`FacilityStore.syncStatus()`). Times are the
/// store's UTC text (`Timestamp`).
public struct SyncStatus: Sendable, Equatable {
    /// What a terminal says about sync, most urgent first.
    public enum State: String, Sendable {
        /// Everything up to the local head is acknowledged.
        case upToDate = "up_to_date"
        /// Entries wait to be pushed (the agent is pushing, or not running).
        case waiting
        /// The last attempts found no server (network errors, 5xx, 429) since `offlineSince`.
        case offline
        /// The agent stopped pushing: divergence, a refused token, a bad hash… until an administrator clears it.
        case alarm
    }

    public var serverURL: String?
    public var insecure: Bool
    /// Whether a token file is beside the store (its content is never read here).
    public var hasToken: Bool
    public var localHead: Int64
    public var ackedSeq: Int64
    public var ackedHash: String
    public var lastAckedAt: String?
    /// When the oldest entry not yet acknowledged occurred (informational: order is seq).
    public var oldestWaitingAt: String?
    public var lastReply: String?
    public var lastReplyAt: String?
    public var lastError: String?
    public var lastErrorAt: String?
    public var offlineSince: String?
    public var alarm: String?
    /// `SyncAlarmKind`'s raw value, when there is an alarm.
    public var alarmKind: String?
    public var alarmAt: String?
    /// The sync agent's last heartbeat or acknowledgement: whether one is running.
    public var agentSeenAt: String?
    /// Whether the agent trusts certificates of the store's own for the server (`sync setup --ca-file`)
    /// rather than the system's.
    public var trustsOwnCertificates: Bool = false

    /// Entries not yet acknowledged.
    public var waiting: Int64 { max(0, localHead - ackedSeq) }

    /// Whether a server is set up at all.
    public var isConfigured: Bool { serverURL != nil && hasToken }

    public var state: State {
        if alarm != nil { return .alarm }
        if offlineSince != nil { return .offline }
        if waiting > 0 { return .waiting }
        return .upToDate
    }

    /// Whether the agent was heard from within `seconds` of `now`.
    public func agentAlive(now: Date, within seconds: TimeInterval = 30) -> Bool {
        guard let agentSeenAt, let seen = Timestamp.date(agentSeenAt) else { return false }
        return now.timeIntervalSince(seen) <= seconds
    }
}

/// Why the sync agent stopped pushing. Each needs a person: nothing is retried until the alarm is cleared.
public enum SyncAlarmKind: String, Sendable, CaseIterable {
    /// The server holds other entries than this store for the same seq, or more than it: a store
    /// replaced by an older backup, or another store with this store's identity. Never overwritten.
    case divergence
    /// 401: the token is missing, unknown or revoked.
    case refusedToken = "refused_token"
    /// 422: the server recomputed an entry's hash and it differs: the local chain is damaged.
    case badHash = "bad_hash"
    /// 403: the token's facility is not this store's.
    case forbidden
    /// 413: one transaction is larger than a batch may be.
    case tooLarge = "too_large"
    /// 400: the server could not read what was sent.
    case malformed
}

/// Refusals of the store's sync bookkeeping.
public enum SyncStoreError: Error, Equatable, CustomStringConvertible {
    /// An acknowledgement older than the one stored: acknowledgements only move forward.
    case acknowledgementBackwards(stored: Int64, offered: Int64)
    /// The acknowledged hash is not the local entry's at that seq (or the store has no such entry).
    case acknowledgementMismatch(seq: Int64, local: String?, offered: String)
    /// No central server is set up for this store.
    case notConfigured

    public var description: String {
        switch self {
        case .acknowledgementBackwards(let stored, let offered):
            return "The server acknowledged seq \(offered), but seq \(stored) is already acknowledged; acknowledgements only move forward."
        case .acknowledgementMismatch(let seq, let local, let offered):
            let mine = local.map { "hash \($0.prefix(12))" } ?? "no entry"
            return "The server acknowledged seq \(seq) with hash \(offered.prefix(12)), but this store has \(mine) there: the ledgers diverge."
        case .notConfigured:
            return "No central server is set up for this store; run `frontdesk sync setup --url URL --token-stdin`."
        }
    }
}
