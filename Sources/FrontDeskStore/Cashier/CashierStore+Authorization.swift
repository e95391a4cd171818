// A supervisor's password typed on the spot: what refunds, voids and discounts need besides the cashier's own session.
import FrontDeskCore
import GRDB

/// A supervisor's say-so for one action, checked against their password just now. Only the store makes one.
public struct Authorization: Sendable, Equatable {
    public let userID: String
    public let displayName: String
}

extension CashierStore {
    /// Checks `username`'s password (with the sign-in's lockout and security log) and that their role
    /// may authorise (`cashier.authorize`). Wrong passwords count towards the account's lockout.
    public func authorize(username: String, password: String, action: String, terminal: String? = nil) throws -> Authorization {
        let approver = try store.signIn(username: username, password: password, terminal: terminal.map { "\($0) (authorising)" } ?? "authorising")
        guard let role = approver.role, PermissionTable.allows(role, .authorizeRefund), let userID = approver.userID else {
            throw StoreError.notPermitted(action: "authorise \(action)", role: approver.role?.title.lowercased() ?? "user")
        }
        return Authorization(userID: userID, displayName: approver.displayName)
    }

    /// Re-reads an authorisation inside the transaction that uses it: the approver must still be active and allowed.
    static func confirm(_ authorization: Authorization, action: String, in db: Database) throws {
        guard let role = try String.fetchOne(db, sql: "SELECT role_id FROM users WHERE user_id = ? AND active = 1",
                                             arguments: [authorization.userID]).flatMap(Role.init(rawValue:)),
            PermissionTable.allows(role, .authorizeRefund)
        else { throw StoreError.notPermitted(action: "authorise \(action)", role: "user") }
    }
}
