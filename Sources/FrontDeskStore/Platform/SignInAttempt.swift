// One sign-in attempt's two short write transactions: counted before its password is checked, settled after.
import Foundation
import FrontDeskCore
import GRDB

/// A sign-in attempt between its two transactions. `begin` runs under the write lock before bcrypt:
/// it refuses a locked account without counting, and otherwise counts the attempt as a failure up
/// front, so that five attempts in flight lock the account however many terminals try at once.
/// `settle` runs after bcrypt: a right password takes the count back to zero; a wrong one is logged.
struct SignInAttempt {
    enum Standing {
        /// No such username: checked against the decoy, logged, refused.
        case unknown
        /// Locked until then: the password is not checked (only the decoy is), the refusal is logged.
        case locked(until: String)
        /// Counted as failure `number` in a row; `lockedUntil` is set when this one reached the threshold.
        case counted(number: Int, lockedUntil: String?)
    }

    let username: String
    let user: User?
    let standing: Standing

    /// The stored hash the password is checked against: the account's when its password may be
    /// checked, else the decoy of the same cost, so every answer takes one bcrypt verification.
    var hashToCheck: String {
        if case .counted = standing, let user { return user.passwordHash }
        return PasswordHasher.decoy
    }

    /// Decides, under the write lock, whether this attempt's password may be checked, and counts it.
    /// A killed process leaves its attempt counted as a failure; the lock it may complete ends on time,
    /// and the first attempt after a lock's end starts the count afresh.
    static func begin(username: String, now: Date, threshold: Int, lockout: TimeInterval, in db: Database) throws -> SignInAttempt {
        guard let user = try User.filter(sql: "username = ?", arguments: [username]).fetchOne(db) else {
            return SignInAttempt(username: username, user: nil, standing: .unknown)
        }
        let nowText = Timestamp.string(now)
        var failures = user.failedAttempts
        if let until = user.lockedUntil {
            if until > nowText { return SignInAttempt(username: username, user: user, standing: .locked(until: until)) }
            failures = 0  // the lock has ended: the attempts it counted are forgiven
        }
        let untilIfLocked = Timestamp.string(now.addingTimeInterval(lockout))
        guard failures < threshold else {
            // Counted out without a lock (a store written by an older FrontDesk, or by hand): lock now,
            // so that it ends.
            try setCount(threshold, lockedUntil: untilIfLocked, of: user, in: db)
            return SignInAttempt(username: username, user: user, standing: .locked(until: untilIfLocked))
        }
        let number = failures + 1
        let lockedUntil = number >= threshold ? untilIfLocked : nil
        try setCount(number, lockedUntil: lockedUntil, of: user, in: db)
        return SignInAttempt(username: username, user: user, standing: .counted(number: number, lockedUntil: lockedUntil))
    }

    /// The verdict after the password check: what the security log says, and what the user is told.
    enum Verdict {
        case signedIn(User)
        case disabled
        case refused
    }

    /// Records the result of the check. A right password clears the count and any lock (attempts
    /// still in flight count as having come before it); a wrong one is logged, and the attempt that
    /// reached the threshold logs the lock, unless a right password lifted it meanwhile.
    func settle(passwordMatched: Bool, now: Date, terminal: String?, unlocking: Bool, in db: Database) throws -> Verdict {
        let at = Timestamp.string(now)
        switch standing {
        case .unknown:
            try SecurityLog.append(.loginFailed, username: username, userID: nil, detail: "unknown username",
                                   terminal: terminal, at: at, in: db)
            return .refused
        case .locked(let until):
            try SecurityLog.append(.loginRefusedLocked, username: username, userID: user?.userID,
                                   detail: "locked until \(until); password not checked", terminal: terminal, at: at, in: db)
            return .refused
        case .counted(let number, let lockedUntil):
            guard let user else { return .refused }
            if passwordMatched {
                try db.execute(
                    sql: "UPDATE users SET failed_attempts = 0, locked_until = NULL, last_login_at = ? WHERE user_id = ?",
                    arguments: [at, user.userID])
                // Read again: an administrator may have disabled the account while bcrypt ran.
                let active = try Bool.fetchOne(db, sql: "SELECT active FROM users WHERE user_id = ?", arguments: [user.userID]) ?? false
                guard active else {
                    try SecurityLog.append(.loginRefusedDisabled, username: username, userID: user.userID,
                                           terminal: terminal, at: at, in: db)
                    return .disabled
                }
                try SecurityLog.append(unlocking ? .sessionUnlocked : .loginSucceeded, username: username,
                                       userID: user.userID, terminal: terminal, at: at, in: db)
                return .signedIn(user)
            }
            try SecurityLog.append(.loginFailed, username: username, userID: user.userID,
                                   detail: "wrong password (\(number) in a row)", terminal: terminal, at: at, in: db)
            if let lockedUntil,
               try String.fetchOne(db, sql: "SELECT locked_until FROM users WHERE user_id = ?", arguments: [user.userID]) == lockedUntil
            {
                try SecurityLog.append(.accountLocked, username: username, userID: user.userID,
                                       detail: "locked until \(lockedUntil)", terminal: terminal, at: at, in: db)
            }
            return .refused
        }
    }

    private static func setCount(_ count: Int, lockedUntil: String?, of user: User, in db: Database) throws {
        try db.execute(sql: "UPDATE users SET failed_attempts = ?, locked_until = ? WHERE user_id = ?",
                       arguments: [count, lockedUntil, user.userID])
    }
}
