// The security log: every sign-in attempt, lockout, password reset, lock and unlock.
import GRDB

/// An event the security log records.
public enum SecurityEvent: String, Sendable {
    case loginSucceeded = "login.succeeded"
    case loginFailed = "login.failed"
    case loginRefusedLocked = "login.refused.locked"
    case loginRefusedDisabled = "login.refused.disabled"
    case accountLocked = "account.locked"
    case passwordReset = "password.reset"
    case logout = "logout"
    case sessionLocked = "session.locked"
    case sessionUnlocked = "session.unlocked"
    /// An administrator set the central server's URL and the facility's token (never logged).
    case syncServerSet = "sync.server.set"
    /// An administrator cleared the sync alarm, so the agent tries again.
    case syncAlarmCleared = "sync.alarm.cleared"
}

/// One row of the security log.
public struct SecurityLogEntry: Sendable, Equatable {
    public let at: String
    public let event: String
    public let username: String
    public let userID: String?
    public let detail: String?
}

enum SecurityLog {
    static func append(
        _ event: SecurityEvent, username: String, userID: String?, detail: String? = nil, terminal: String? = nil,
        at: String, in db: Database
    ) throws {
        try db.execute(
            sql: "INSERT INTO security_log (at, event, username, user_id, detail, terminal) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [at, event.rawValue, String(username.prefix(64)), userID, detail, terminal])
    }
}

extension FacilityStore {
    /// The newest security events first.
    public func securityLog(limit: Int = 100) throws -> [SecurityLogEntry] {
        try read { db in
            try Row.fetchAll(
                db, sql: "SELECT at, event, username, user_id, detail FROM security_log ORDER BY event_id DESC LIMIT ?",
                arguments: [limit]
            ).map {
                SecurityLogEntry(at: $0["at"], event: $0["event"], username: $0["username"], userID: $0["user_id"],
                                 detail: $0["detail"])
            }
        }
    }
}
