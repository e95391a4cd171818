// Signing in: password check, five-strikes lockout, and a security-log row for every attempt.
import Foundation
import FrontDeskCore
import GRDB

extension FacilityStore {
    /// Consecutive failures that lock an account, and for how long.
    public static let lockoutThreshold = 5
    public static let lockoutDuration: TimeInterval = 15 * 60

    /// Checks a username and password. Returns the signed-in actor, or throws
    /// `wrongCredentials` (never saying which part was wrong), `accountLocked` or `accountDisabled`.
    /// With `unlocking`, the success is logged as `session.unlocked` rather than a new sign-in.
    public func signIn(username rawUsername: String, password: String, terminal: String? = nil,
                       unlocking: Bool = false) throws -> Actor {
        let username = rawUsername.trimmingCharacters(in: .whitespaces).lowercased()
        let user = try read { db in try User.filter(sql: "username = ?", arguments: [username]).fetchOne(db) }
        let now = clock.now()
        let nowText = Timestamp.string(now)

        guard let user else {
            PasswordHasher.burnVerification(password)
            try appendSecurityEvent(.loginFailed, username: username, userID: nil, detail: "unknown username", terminal: terminal)
            throw StoreError.wrongCredentials
        }
        if let until = user.lockedUntil, until > nowText {
            try appendSecurityEvent(.loginRefusedLocked, username: username, userID: user.userID, terminal: terminal)
            throw StoreError.accountLocked(until: until)
        }
        // bcrypt outside the write lock: other terminals keep writing meanwhile.
        let matches = PasswordHasher.verify(password, against: user.passwordHash)
        do {
            try pool.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    if matches {
                        try db.execute(
                            sql: "UPDATE users SET failed_attempts = 0, locked_until = NULL, last_login_at = ? WHERE user_id = ?",
                            arguments: [nowText, user.userID])
                        if !user.active {
                            try SecurityLog.append(.loginRefusedDisabled, username: username, userID: user.userID,
                                                   terminal: terminal, at: nowText, in: db)
                        } else {
                            try SecurityLog.append(unlocking ? .sessionUnlocked : .loginSucceeded, username: username, userID: user.userID,
                                                   terminal: terminal, at: nowText, in: db)
                        }
                    } else {
                        try recordFailure(of: user, now: now, terminal: terminal, in: db)
                    }
                    return .commit
                }
            }
        } catch {
            throw StoreError.translating(error)
        }
        guard matches else { throw StoreError.wrongCredentials }
        guard user.active else { throw StoreError.accountDisabled }
        return Actor(userID: user.userID, username: user.username, displayName: user.displayName,
                     role: Role(rawValue: user.roleID))
    }

    private func recordFailure(of user: User, now: Date, terminal: String?, in db: Database) throws {
        let nowText = Timestamp.string(now)
        // Read the count again under the write lock: another terminal may have failed meanwhile.
        let failures = (try Int.fetchOne(db, sql: "SELECT failed_attempts FROM users WHERE user_id = ?",
                                         arguments: [user.userID]) ?? 0) + 1
        try SecurityLog.append(.loginFailed, username: user.username, userID: user.userID,
                               detail: "wrong password (\(failures) in a row)", terminal: terminal, at: nowText, in: db)
        if failures >= Self.lockoutThreshold {
            let until = Timestamp.string(now.addingTimeInterval(Self.lockoutDuration))
            try db.execute(sql: "UPDATE users SET failed_attempts = 0, locked_until = ? WHERE user_id = ?",
                           arguments: [until, user.userID])
            try SecurityLog.append(.accountLocked, username: user.username, userID: user.userID,
                                   detail: "locked until \(until)", terminal: terminal, at: nowText, in: db)
        } else {
            try db.execute(sql: "UPDATE users SET failed_attempts = ? WHERE user_id = ?",
                           arguments: [failures, user.userID])
        }
    }
}
