// Terminal sessions: sign-out, idle lock and unlock, as the security log records them.
import FrontDeskCore
import GRDB

extension FacilityStore {
    /// Records a session event (logout, lock, unlock) for `actor` in the security log.
    public func recordSessionEvent(_ event: SecurityEvent, actor: Actor, terminal: String? = nil) throws {
        let now = nowString
        do {
            try pool.write { db in
                try SecurityLog.append(event, username: actor.username, userID: actor.userID, terminal: terminal, at: now, in: db)
            }
        } catch {
            throw StoreError.translating(error)
        }
    }
}
