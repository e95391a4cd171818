// Facility settings: values an administrator sets for every terminal (the idle lock, …).
import FrontDeskCore
import GRDB

/// A stored setting.
struct Setting: LedgeredRecord, Equatable {
    static let databaseTableName = "settings"
    static let keyColumn = "key"
    var key: String
    var value: String
    var updatedAt: String
    var updatedBy: String?

    enum CodingKeys: String, CodingKey {
        case key, value, updatedAt = "updated_at", updatedBy = "updated_by"
    }
}

extension FacilityStore {
    /// Minutes without a key before a terminal locks; 1 to 120, default 5.
    public static let idleLockRange = 1...120
    public static let defaultIdleLockMinutes = 5

    /// The idle-lock delay every terminal uses.
    public func idleLockMinutes() throws -> Int {
        try read { db in
            try String.fetchOne(db, sql: "SELECT value FROM settings WHERE key = 'idle_lock_minutes'").flatMap { Int($0) }
        } ?? Self.defaultIdleLockMinutes
    }

    /// Sets the idle-lock delay; needs `facility.manage`.
    public func setIdleLockMinutes(_ minutes: Int, by actor: Actor) throws {
        guard Self.idleLockRange.contains(minutes) else {
            throw StoreError.invalid(ValidationError("idle lock", "must be 1 to 120 minutes"))
        }
        try perform(.manageFacility, action: "change facility settings", by: actor) { tx in
            let setting = Setting(key: "idle_lock_minutes", value: String(minutes), updatedAt: tx.now, updatedBy: tx.actor.userID)
            if try Setting.fetchOne(tx.db, key: setting.key) == nil {
                try tx.insert(setting, kind: "setting.changed")
            } else {
                try tx.update(setting, kind: "setting.changed")
            }
        }
    }
}
