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
        try setSettings(["idle_lock_minutes": String(minutes)], by: actor)
    }

    /// The country calling code local phone numbers are read with ("254"), if the admin set one.
    public func phoneCountryCode() throws -> String? {
        try setting("phone_country_code")
    }

    /// Sets the country calling code (1 to 3 digits, not starting with 0); needs `facility.manage`.
    public func setPhoneCountryCode(_ code: String, by actor: Actor) throws {
        let digits = code.trimmingCharacters(in: .whitespaces).drop { $0 == "+" }
        guard (1...3).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }), digits.first != "0" else {
            throw StoreError.invalid(ValidationError("phone country code", "'\(code)' is not a country calling code (1 to 3 digits, e.g. 254)"))
        }
        try setSettings(["phone_country_code": String(digits)], by: actor)
    }

    /// How new MRNs are written; `MRNFormat.standard` until an admin sets one.
    public func mrnFormat() throws -> MRNFormat {
        try read { db in try Self.mrnFormat(in: db) }
    }

    /// Sets the format of MRNs issued from now on (issued MRNs never change); needs `facility.manage`.
    public func setMRNFormat(_ format: MRNFormat, by actor: Actor) throws {
        let checked: MRNFormat
        do {
            checked = try MRNFormat.validated(prefix: format.prefix, includesYear: format.includesYear,
                                              sequenceDigits: format.sequenceDigits)
        } catch let error as ValidationError { throw StoreError.invalid(error) }
        try setSettings([
            "mrn_prefix": checked.prefix, "mrn_includes_year": checked.includesYear ? "1" : "0",
            "mrn_sequence_digits": String(checked.sequenceDigits),
        ], by: actor)
    }

    func setting(_ key: String) throws -> String? {
        try read { db in try String.fetchOne(db, sql: "SELECT value FROM settings WHERE key = ?", arguments: [key]) }
    }

    /// Writes settings in one transaction, each change audited and ledgered.
    func setSettings(_ values: [String: String], by actor: Actor) throws {
        try perform(.manageFacility, action: "change facility settings", by: actor) { tx in
            for (key, value) in values.sorted(by: { $0.key < $1.key }) {
                let setting = Setting(key: key, value: value, updatedAt: tx.now, updatedBy: tx.actor.userID)
                if let stored = try Setting.fetchOne(tx.db, key: key) {
                    if stored.value != value { try tx.update(setting, kind: PlatformKind.settingChanged) }
                } else {
                    try tx.insert(setting, kind: PlatformKind.settingChanged)
                }
            }
        }
    }
}
