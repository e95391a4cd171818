// Staff accounts: add, list, disable, reset a password.
import FrontDeskCore
import GRDB

/// What an administrator fills in to add a user.
public struct NewUser: Sendable {
    public var username: String
    public var displayName: String
    public var role: Role
    public var password: String
    public var departmentID: String?

    public init(username: String, displayName: String, role: Role, password: String, departmentID: String? = nil) {
        self.username = username
        self.displayName = displayName
        self.role = role
        self.password = password
        self.departmentID = departmentID
    }
}

/// A user as listed to an administrator: no credentials.
public struct UserSummary: Sendable, Equatable {
    public let userID: String
    public let username: String
    public let displayName: String
    public let role: Role
    public let active: Bool
    public let lockedUntil: String?
    public let lastLoginAt: String?
}

extension FacilityStore {
    /// Adds a user; needs `users.manage`.
    @discardableResult
    public func addUser(_ new: NewUser, by actor: Actor) throws -> UserSummary {
        let username: String, displayName: String
        do {
            username = try Validate.username(new.username)
            displayName = try Validate.name(new.displayName, field: "name")
            try Validate.password(new.password)
        } catch let error as ValidationError {
            throw StoreError.invalid(error)
        }
        // bcrypt is slow on purpose: hash before taking the write lock.
        let hash = PasswordHasher.hash(new.password)
        return try perform(.manageUsers, action: "add users", by: actor) { tx in
            if try User.filter(sql: "username = ?", arguments: [username]).fetchCount(tx.db) > 0 {
                throw StoreError.duplicate("A user named '\(username)'")
            }
            let user = User(
                userID: Identifier.make(), username: username, displayName: displayName, roleID: new.role.rawValue,
                departmentID: new.departmentID, passwordHash: hash, active: true, failedAttempts: 0, lockedUntil: nil,
                lastLoginAt: nil, passwordChangedAt: tx.now, disabledReason: nil, createdAt: tx.now,
                updatedAt: tx.now, createdBy: tx.actor.userID, updatedBy: tx.actor.userID)
            try tx.insert(user, kind: PlatformKind.userCreated)
            return user.summary
        }
    }

    /// Disables a user with a reason; they can no longer sign in. Needs `users.manage`.
    public func disableUser(_ username: String, reason: String, by actor: Actor) throws {
        let why: String
        do { why = try Validate.name(reason, field: "reason", maxLength: 200) } catch let e as ValidationError {
            throw StoreError.invalid(e)
        }
        try perform(.manageUsers, action: "disable users", by: actor) { tx in
            var user = try Self.user(named: username, in: tx.db)
            guard user.userID != tx.actor.userID else {
                throw StoreError.invalid(ValidationError("username", "you cannot disable your own account"))
            }
            guard user.active else { return }
            user.active = false
            user.disabledReason = why
            user.updatedAt = tx.now
            user.updatedBy = tx.actor.userID
            try tx.update(user, kind: PlatformKind.userDisabled)
        }
    }

    /// Sets a new password and lifts any lockout. Needs `users.manage`.
    public func resetPassword(of username: String, to password: String, by actor: Actor) throws {
        do { try Validate.password(password) } catch let e as ValidationError { throw StoreError.invalid(e) }
        let hash = PasswordHasher.hash(password)
        try perform(.manageUsers, action: "reset passwords", by: actor) { tx in
            var user = try Self.user(named: username, in: tx.db)
            user.passwordHash = hash
            user.failedAttempts = 0
            user.lockedUntil = nil
            user.passwordChangedAt = tx.now
            user.updatedAt = tx.now
            user.updatedBy = tx.actor.userID
            try tx.update(user, kind: PlatformKind.userPasswordReset)
            try SecurityLog.append(
                .passwordReset, username: user.username, userID: user.userID, detail: "by \(tx.actor.username)",
                at: tx.now, in: tx.db)
        }
    }

    /// Every user, by username.
    public func users() throws -> [UserSummary] {
        try read { db in try User.order(sql: "username").fetchAll(db).map(\.summary) }
    }

    static func user(named username: String, in db: Database) throws -> User {
        let key = username.trimmingCharacters(in: .whitespaces).lowercased()
        guard let user = try User.filter(sql: "username = ?", arguments: [key]).fetchOne(db) else {
            throw StoreError.userNotFound(username)
        }
        return user
    }
}

extension User {
    var summary: UserSummary {
        UserSummary(
            userID: userID, username: username, displayName: displayName, role: Role(rawValue: roleID) ?? .receptionist,
            active: active, lockedUntil: lockedUntil, lastLoginAt: lastLoginAt)
    }
}
