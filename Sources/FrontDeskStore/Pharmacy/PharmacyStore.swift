// The pharmacy desk's part of the store, reached as `store.pharmacy`: items, stock, prescriptions, dispensing.
import Foundation
import FrontDeskCore
import GRDB

/// The pharmacy desk's store functions (`store.pharmacy.dispense(…)`); they live in this folder's
/// `PharmacyStore+…` files and write only through the store's one write path.
public struct PharmacyStore: DeskStore {
    let store: FacilityStore
}

extension PharmacyStore {
    /// This store's fold of the stock ledger, shared by every read of it in this process.
    var fold: StockFold { StockFold.shared(for: store.path + "|" + identity.storeID) }
}

extension FacilityStore {
    /// The pharmacy desk's store functions.
    public var pharmacy: PharmacyStore { PharmacyStore(store: self) }
}

/// The pharmacy's facility settings.
public struct PharmacySettings: Sendable, Equatable {
    /// Batches expiring within this many days are flagged (default 90).
    public var expiryAlertDays: Int
    /// A batch must have at least this many days left to be received (default 30).
    public var minimumShelfDays: Int
    /// Who approves stock adjustments (nil: nobody yet, so none can be posted).
    public var inChargeUserID: String?
    public var inChargeName: String?

    public static let dayRange = 0...730
}

extension PharmacyStore {
    // MARK: Settings

    public func settings() throws -> PharmacySettings { try read { db in try Self.settings(db) } }

    static func settings(_ db: Database) throws -> PharmacySettings {
        let values = try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: """
            SELECT key, value FROM settings WHERE key IN ('pharmacy_expiry_alert_days', 'pharmacy_minimum_shelf_days', 'pharmacy_in_charge')
            """).map { ($0["key"] as String, $0["value"] as String) })
        let inCharge = values["pharmacy_in_charge"]
        let name = try inCharge.flatMap {
            try String.fetchOne(db, sql: "SELECT display_name FROM users WHERE user_id = ?", arguments: [$0])
        }
        return PharmacySettings(expiryAlertDays: values["pharmacy_expiry_alert_days"].flatMap { Int($0) } ?? 90,
                                minimumShelfDays: values["pharmacy_minimum_shelf_days"].flatMap { Int($0) } ?? 30,
                                inChargeUserID: inCharge, inChargeName: name)
    }

    /// Sets the expiry alert window and the minimum shelf life at receipt. Needs `facility.manage`.
    public func setDays(expiryAlert: Int, minimumShelf: Int, by actor: Actor) throws {
        guard PharmacySettings.dayRange.contains(expiryAlert) else {
            throw StoreError.invalid(ValidationError("expiry alert", "must be 0 to 730 days"))
        }
        guard PharmacySettings.dayRange.contains(minimumShelf) else {
            throw StoreError.invalid(ValidationError("minimum shelf life", "must be 0 to 730 days"))
        }
        try store.setSettings(["pharmacy_expiry_alert_days": String(expiryAlert),
                               "pharmacy_minimum_shelf_days": String(minimumShelf)], by: actor)
    }

    /// Names the pharmacist in charge, who approves stock adjustments. Needs `facility.manage`.
    public func setInCharge(username: String, by actor: Actor) throws {
        let user = try read { db in
            try Row.fetchOne(db, sql: "SELECT user_id, role_id, active FROM users WHERE username = ?",
                             arguments: [username.lowercased()])
        }
        guard let user, user["active"] as Bool, let userID = user["user_id"] as String? else {
            throw StoreError.invalid(ValidationError("user", "no active user \(Quote.excerpt(username))"))
        }
        guard (user["role_id"] as String?).flatMap(Role.init(rawValue:)).map({ PermissionTable.allows($0, .manageStock) }) == true else {
            throw StoreError.invalid(ValidationError("user", "\(username) is not a pharmacist (the one in charge manages stock)"))
        }
        try store.setSettings(["pharmacy_in_charge": userID], by: actor)
    }

    // MARK: Lookups inside a transaction

    static func item(_ itemID: String, db: Database) throws -> PharmacyItem {
        guard let item = try PharmacyItem.fetchOne(db.cachedStatement(sql: "SELECT * FROM pharmacy_items WHERE item_id = ?"), arguments: [itemID]) else {
            throw StoreError.invalid(ValidationError("item", "no such item"))
        }
        return item
    }

    static func item(code raw: String, db: Database) throws -> PharmacyItem {
        let code = raw.trimmingCharacters(in: .whitespaces).uppercased()
        guard let item = try PharmacyItem.fetchOne(db.cachedStatement(sql: "SELECT * FROM pharmacy_items WHERE code = ?"),
                                                   arguments: [code]) else {
            throw StoreError.invalid(ValidationError("item", "no item with code \(Quote.excerpt(code))"))
        }
        return item
    }

    static func batch(_ batchID: String, db: Database) throws -> PharmacyBatch {
        guard let batch = try PharmacyBatch.fetchOne(db, key: batchID) else {
            throw StoreError.invalid(ValidationError("batch", "no such batch"))
        }
        return batch
    }

    /// The batch `batchNo` of `item`, by its number as printed.
    static func batch(item: PharmacyItem, number raw: String, db: Database) throws -> PharmacyBatch {
        let number = raw.trimmingCharacters(in: .whitespaces).uppercased()
        guard let batch = try PharmacyBatch.filter(sql: "item_id = ? AND batch_no = ?", arguments: [item.itemID, number]).fetchOne(db) else {
            throw StoreError.invalid(ValidationError("batch", "\(item.code) has no batch \(Quote.excerpt(number))"))
        }
        return batch
    }

    /// Stock on hand of one batch: the sum of its movements.
    static func onHand(batchID: String, db: Database) throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: "SELECT total(quantity) FROM stock_movements WHERE batch_id = ?"),
                         arguments: [batchID]) ?? 0
    }

    /// The facility's day now, for reads.
    func today(_ db: Database) throws -> CalendarDay { LocalMoment(clock.now(), in: try FacilityStore.timeZone(db)).day }

    /// The day in the facility's time zone `tx` runs on.
    static func today(_ tx: BusinessTransaction) throws -> CalendarDay { try tx.localNow().day }

    /// Who may approve an adjustment now: the pharmacist in charge, still active and still a pharmacist.
    static func confirmInCharge(_ authorization: Authorization?, actor: Actor, db: Database) throws -> String {
        guard let inCharge = try settings(db).inChargeUserID else {
            throw StoreError.invalid(ValidationError("approval", "no pharmacist in charge is named yet (frontdesk pharmacy in-charge USER)"))
        }
        let approver = authorization?.userID ?? actor.userID
        guard approver == inCharge,
            let role = try String.fetchOne(db, sql: "SELECT role_id FROM users WHERE user_id = ? AND active = 1",
                                           arguments: [inCharge]).flatMap(Role.init(rawValue:)),
            PermissionTable.allows(role, .manageStock)
        else {
            throw StoreError.invalid(ValidationError("approval", "only the pharmacist in charge may approve a stock adjustment"))
        }
        return inCharge
    }

    /// Checks the pharmacist in charge's password for one approval (with the sign-in's lockout and security log).
    public func authorizeInCharge(username: String, password: String, terminal: String? = nil) throws -> Authorization {
        let approver = try store.signIn(username: username, password: password, terminal: terminal.map { "\($0) (approving)" } ?? "approving")
        guard let userID = approver.userID, try settings().inChargeUserID == userID else {
            throw StoreError.notPermitted(action: "approve stock adjustments", role: "user who is not the pharmacist in charge")
        }
        return Authorization(userID: userID, displayName: approver.displayName)
    }
}
