// The store's side of sync: status, acknowledgements, replies, errors, alarms, and the server set-up.
import Foundation
import FrontDeskCore
import FrontDeskLedger
import GRDB

/// The server a store pushes to, with its token (read from the 0600 file beside the store).
public struct SyncConfiguration: Sendable, Equatable {
    public let serverURL: String
    public let insecure: Bool
    public let token: String
    /// The certificates (PEM) trusted for the server instead of the system's; nil: the system's.
    public let trustedCertificates: String?

    public init(serverURL: String, insecure: Bool, token: String, trustedCertificates: String? = nil) {
        self.serverURL = serverURL
        self.insecure = insecure
        self.token = token
        self.trustedCertificates = trustedCertificates
    }
}

/// Which certificates the agent trusts for the central server, as a set-up changes them.
public enum SyncTrust: Sendable, Equatable {
    /// As they were.
    case unchanged
    /// The system's (Debian's `/etc/ssl/certs`, where `update-ca-certificates` puts a hospital's own).
    case system
    /// These only, in PEM: a hospital's own certificate authority, for this store's agent alone.
    case certificates(String)
}

extension FacilityStore {
    /// Where this store stands with the central server, read in one snapshot.
    public func syncStatus() throws -> SyncStatus {
        let hasToken = (try? SyncFiles.readToken(storePath: path)).flatMap { $0 } != nil
        // The agent's heartbeat is on its lock file; replies and acknowledgements stamp the row too.
        let heartbeat = SyncFiles.heartbeat(storePath: path).map(Timestamp.string)
        return try read { db in
            let head = try Int64.fetchOne(db, sql: "SELECT max(seq) FROM ledger_entries") ?? 0
            let row = try Row.fetchOne(db, sql: "SELECT * FROM sync_state WHERE store_id = ?", arguments: [identity.storeID])
            let acked: Int64 = row?["acked_seq"] ?? 0
            let oldest = head > acked
                ? try String.fetchOne(db, sql: "SELECT occurred_at FROM ledger_entries WHERE seq = ?", arguments: [acked + 1])
                : nil
            return SyncStatus(
                serverURL: row?["server_url"], insecure: (row?["insecure"] as Int64?) == 1, hasToken: hasToken,
                localHead: head, ackedSeq: acked, ackedHash: row?["acked_hash"] ?? LedgerEntry.genesisHash,
                lastAckedAt: row?["last_acked_at"], oldestWaitingAt: oldest,
                lastReply: row?["last_reply"], lastReplyAt: row?["last_reply_at"],
                lastError: row?["last_error"], lastErrorAt: row?["last_error_at"], offlineSince: row?["offline_since"],
                alarm: row?["alarm"], alarmKind: row?["alarm_kind"], alarmAt: row?["alarm_at"],
                agentSeenAt: [row?["agent_heartbeat_at"] as String?, heartbeat].compactMap { $0 }.max(),
                trustsOwnCertificates: FileManager.default.fileExists(atPath: SyncFiles.trustPath(forStore: path)))
        }
    }

    /// The server and token the agent pushes with; nil until an administrator set them up.
    public func syncConfiguration() throws -> SyncConfiguration? {
        guard let token = try SyncFiles.readToken(storePath: path) else { return nil }
        let row = try read { db in
            try Row.fetchOne(db, sql: "SELECT server_url, insecure FROM sync_state WHERE store_id = ?", arguments: [identity.storeID])
        }
        guard let url: String = row?["server_url"] else { return nil }
        return SyncConfiguration(serverURL: url, insecure: (row?["insecure"] as Int64?) == 1, token: token,
                                 trustedCertificates: try SyncFiles.readTrust(storePath: path))
    }

    /// The local entry's hash at `seq` (64 zeros at 0), nil when the ledger has no such entry.
    public func localHash(at seq: Int64) throws -> String? {
        if seq == 0 { return LedgerEntry.genesisHash }
        return try read { db in
            try String.fetchOne(db, sql: "SELECT hash FROM ledger_entries WHERE seq = ?", arguments: [seq])
        }
    }

    /// Moves the acknowledgement to `seq`/`hash` after the server's 200, in a transaction of its own.
    /// Refuses to move backwards, and refuses a hash that is not the local entry's at that seq (the
    /// server holds something else: divergence). The same acknowledgement twice is a no-op. `reply`,
    /// when given, is recorded as the last reply in the same transaction.
    public func acknowledge(seq: Int64, hash: String, reply: String? = nil) throws {
        try bookkeeping { db, now in
            let stored = try Row.fetchOne(db, sql: "SELECT acked_seq, acked_hash FROM sync_state WHERE store_id = ?",
                                          arguments: [identity.storeID])
            let storedSeq: Int64 = stored?["acked_seq"] ?? 0
            let local = seq == 0 ? LedgerEntry.genesisHash
                : try String.fetchOne(db, sql: "SELECT hash FROM ledger_entries WHERE seq = ?", arguments: [seq])
            guard local == hash else { throw SyncStoreError.acknowledgementMismatch(seq: seq, local: local, offered: hash) }
            guard seq >= storedSeq else { throw SyncStoreError.acknowledgementBackwards(stored: storedSeq, offered: seq) }
            try ensureRow(db, now: now)
            try db.execute(sql: """
                UPDATE sync_state SET acked_seq = ?, acked_hash = ?, last_acked_at = CASE WHEN acked_seq = ? THEN last_acked_at ELSE ? END,
                  last_reply = coalesce(?, last_reply), last_reply_at = CASE WHEN ? IS NULL THEN last_reply_at ELSE ? END,
                  offline_since = NULL, agent_heartbeat_at = ?, updated_at = ? WHERE store_id = ?
                """, arguments: [seq, hash, seq, now, reply.map(Self.bounded), reply, now, now, now, identity.storeID])
        }
    }

    /// Records what the server last answered (a 200 or a refusal), which also ends "offline".
    public func recordSyncReply(_ text: String) throws {
        try bookkeeping { db, now in
            try ensureRow(db, now: now)
            try db.execute(
                sql: "UPDATE sync_state SET last_reply = ?, last_reply_at = ?, offline_since = NULL, agent_heartbeat_at = ?, updated_at = ? WHERE store_id = ?",
                arguments: [Self.bounded(text), now, now, now, identity.storeID])
        }
    }

    /// Records a failed attempt. `offline` (network errors, 5xx, 429) starts "offline since" if it has not started.
    public func recordSyncError(_ text: String, offline: Bool) throws {
        try bookkeeping { db, now in
            try ensureRow(db, now: now)
            try db.execute(sql: """
                UPDATE sync_state SET last_error = ?, last_error_at = ?, agent_heartbeat_at = ?, updated_at = ?,
                  offline_since = CASE WHEN ? THEN coalesce(offline_since, ?) ELSE offline_since END WHERE store_id = ?
                """, arguments: [Self.bounded(text), now, now, now, offline, now, identity.storeID])
        }
    }

    /// Raises the alarm every terminal shows; the agent pushes nothing more until it is cleared.
    public func recordSyncAlarm(_ kind: SyncAlarmKind, detail: String) throws {
        try bookkeeping { db, now in
            try ensureRow(db, now: now)
            try db.execute(sql: """
                UPDATE sync_state SET alarm = ?, alarm_kind = ?, alarm_at = ?, last_error = ?, last_error_at = ?,
                  agent_heartbeat_at = ?, updated_at = ? WHERE store_id = ?
                """, arguments: [Self.bounded(detail), kind.rawValue, now, Self.bounded(detail), now, now, now, identity.storeID])
        }
    }

    /// The agent is alive: given every few seconds so that terminals can tell, on the agent's lock file
    /// and not in the store (`SyncFiles.touchHeartbeat` says why).
    public func recordAgentHeartbeat() throws {
        guard mode == .readWrite else { throw StoreError.readOnly }
        try SyncFiles.touchHeartbeat(storePath: path, at: clock.now())
    }

    /// Sets the central server and the facility's token, and which certificates are trusted for it;
    /// needs `sync.manage` (administrators). The token goes to the 0600 file beside the store, never
    /// into the store, and certificates to another beside it; the security log records the URL and
    /// the trust only. A new set-up clears the alarm and the last error, so the agent tries again.
    public func setSyncServer(url: String, insecure: Bool, token: String, trust: SyncTrust = .unchanged, by actor: Actor,
                              terminal: String? = nil) throws {
        let checkedURL: String, checkedToken: String
        do {
            checkedURL = try SyncServerAddress.checked(url, insecure: insecure)
            checkedToken = try SyncServerAddress.checkedToken(token)
            if case .certificates(let pem) = trust { _ = try SyncServerAddress.checkedCertificates(pem) }
        } catch let error as ValidationError { throw StoreError.invalid(error) }
        let trustNote: String
        switch trust {
        case .unchanged: trustNote = ""
        case .system: trustNote = " trust=system"
        case .certificates: trustNote = " trust=own-certificates"
        }
        try bookkeeping { db, now in
            let admin = try Self.authorize(actor, for: .manageSync, action: "set up the sync server", in: db)
            try ensureRow(db, now: now)
            try db.execute(sql: """
                UPDATE sync_state SET server_url = ?, insecure = ?, alarm = NULL, alarm_kind = NULL, alarm_at = NULL,
                  last_error = NULL, last_error_at = NULL, offline_since = NULL, updated_at = ? WHERE store_id = ?
                """, arguments: [checkedURL, insecure, now, identity.storeID])
            try SecurityLog.append(.syncServerSet, username: admin.username, userID: admin.userID,
                                   detail: "url=\(checkedURL)\(insecure ? " insecure" : "")\(trustNote)", terminal: terminal,
                                   at: now, in: db)
            // Last, inside the transaction: a token or certificates that cannot be written roll the set-up back.
            switch trust {
            case .unchanged: break
            case .system: try SyncFiles.writeTrust(nil, storePath: path)
            case .certificates(let pem): try SyncFiles.writeTrust(pem, storePath: path)
            }
            try SyncFiles.writeToken(checkedToken, storePath: path)
        }
    }

    /// Clears the sync alarm so the agent checks the server's head again; needs `sync.manage`.
    /// A divergence that still holds is raised again at the agent's next head check.
    public func clearSyncAlarm(by actor: Actor, terminal: String? = nil) throws {
        try bookkeeping { db, now in
            let admin = try Self.authorize(actor, for: .manageSync, action: "clear the sync alarm", in: db)
            let alarm = try String.fetchOne(db, sql: "SELECT alarm FROM sync_state WHERE store_id = ?", arguments: [identity.storeID])
            guard let alarm else { return }
            try db.execute(sql: "UPDATE sync_state SET alarm = NULL, alarm_kind = NULL, alarm_at = NULL, updated_at = ? WHERE store_id = ?",
                           arguments: [now, identity.storeID])
            try SecurityLog.append(.syncAlarmCleared, username: admin.username, userID: admin.userID,
                                   detail: Self.bounded(alarm), terminal: terminal, at: now, in: db)
        }
    }

    /// One small IMMEDIATE transaction outside the ledger (sync_state is bookkeeping, like security_log).
    private func bookkeeping(_ body: (Database, _ now: String) throws -> Void) throws {
        guard mode == .readWrite else { throw StoreError.readOnly }
        do {
            try pool.writeWithoutTransaction { db in
                // Sync bookkeeping is what the server can always tell again: an acknowledgement a power cut
                // takes back is found on the next head check (ledger-protocol.md §4, the lost reply), so its
                // commit does not wait for the disk. A process crash loses nothing either way (WAL), and the
                // business writes after it are FULL again. One fsync less per push while catching up.
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
                let written = Result {
                    try db.inTransaction(.immediate) {
                        try body(db, nowString)
                        return .commit
                    }
                }
                try db.execute(sql: "PRAGMA synchronous = FULL")
                try written.get()
            }
        } catch let error as SyncStoreError {
            throw error
        } catch {
            throw StoreError.translating(error)
        }
    }

    /// `init` writes the row; a store whose row went missing gets it back rather than losing a write.
    private func ensureRow(_ db: Database, now: String) throws {
        try db.execute(sql: "INSERT OR IGNORE INTO sync_state (store_id, updated_at) VALUES (?, ?)", arguments: [identity.storeID, now])
    }

    /// Replies and errors are kept to a line the screens can show.
    static func bounded(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        return line.count > 480 ? String(line.prefix(480)) + "…" : line
    }
}
