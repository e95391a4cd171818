// Terminal sessions: sign-out, idle lock and unlock, as the security log records them.
import FrontDeskCore
import GRDB

extension FacilityStore {
    /// Records a session event (logout, lock, unlock) for `actor` in the security log.
    public func recordSessionEvent(_ event: SecurityEvent, actor: Actor, terminal: String? = nil) throws {
        try appendSecurityEvent(event, username: actor.username, userID: actor.userID, terminal: terminal)
    }

    /// Writes one security event in a transaction of its own.
    func appendSecurityEvent(
        _ event: SecurityEvent, username: String, userID: String?, detail: String? = nil, terminal: String?
    ) throws {
        let now = nowString
        do {
            try pool.write { db in
                try SecurityLog.append(event, username: username, userID: userID, detail: detail, terminal: terminal,
                                       at: now, in: db)
            }
        } catch {
            throw StoreError.translating(error)
        }
    }
}
