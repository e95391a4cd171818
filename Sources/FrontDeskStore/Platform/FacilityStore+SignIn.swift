// Signing in: the five-strikes lockout decided under the write lock, one bcrypt check per attempt, a security-log row each.
import Foundation
import FrontDeskCore
import GRDB

extension FacilityStore {
    /// Consecutive failures that lock an account, and for how long.
    public static let lockoutThreshold = 5
    public static let lockoutDuration: TimeInterval = 15 * 60

    /// Checks a username and password. Returns the signed-in actor, or throws `wrongCredentials`, or
    /// `accountDisabled` (said only to the right password of a disabled account).
    ///
    /// An unknown username, a wrong password and a locked account get the same answer in the same
    /// time: each costs one bcrypt verification of the same cost (a locked account's password is not
    /// checked, only a decoy is, so a lock cannot be used to guess), and two short write transactions.
    /// bcrypt runs between them, outside the write lock, so other terminals keep writing meanwhile.
    /// With `unlocking`, the success is logged as `session.unlocked` rather than a new sign-in.
    public func signIn(username rawUsername: String, password: String, terminal: String? = nil,
                       unlocking: Bool = false) throws -> Actor {
        let username = rawUsername.trimmingCharacters(in: .whitespaces).lowercased()
        let attempt = try signInTransaction(durable: false) { db in
            try SignInAttempt.begin(username: username, now: clock.now(), threshold: Self.lockoutThreshold,
                                    lockout: Self.lockoutDuration, in: db)
        }
        let matches = PasswordHasher.verify(password, against: attempt.hashToCheck)
        let verdict = try signInTransaction(durable: true) { db in
            try attempt.settle(passwordMatched: matches, now: clock.now(), terminal: terminal, unlocking: unlocking, in: db)
        }
        switch verdict {
        case .signedIn(let user):
            return Actor(userID: user.userID, username: user.username, displayName: user.displayName,
                         role: Role(rawValue: user.roleID))
        case .disabled:
            throw StoreError.accountDisabled
        case .refused:
            throw StoreError.wrongCredentials
        }
    }

    /// One short IMMEDIATE transaction: the write lock is taken before the account is read.
    ///
    /// The first one is not `durable`: it commits without its own fsync (synchronous=NORMAL for
    /// that commit; other terminals see it at once all the same). Until the second transaction the
    /// attempt has told nobody anything, and the second one's fsync makes both durable: the WAL is
    /// synced as a whole. This is also what keeps the answers equally fast: a counted attempt writes
    /// in the first transaction and an unknown username or a locked account does not, and an fsync
    /// (0.2–5 ms here) would be enough to tell them apart.
    private func signInTransaction<T>(durable: Bool, _ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.writeWithoutTransaction { db in
                if !durable { try db.execute(sql: "PRAGMA synchronous = NORMAL") }
                defer { if !durable { try? db.execute(sql: "PRAGMA synchronous = FULL") } }
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                return result!
            }
        } catch {
            throw StoreError.translating(error)
        }
    }
}
