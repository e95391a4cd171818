// Creating a new store: schema, facility, first admin, all or nothing.
import Foundation
import FrontDeskCore
import GRDB

#if canImport(Glibc)
import Glibc
#endif

/// What `init` needs to create a store.
public struct NewFacility: Sendable {
    public var name: String
    public var timezone: String
    public var currency: String
    public var adminUsername: String
    public var adminDisplayName: String
    public var adminPassword: String

    public init(name: String, timezone: String, currency: String, adminUsername: String,
                adminDisplayName: String? = nil, adminPassword: String) {
        self.name = name
        self.timezone = timezone
        self.currency = currency
        self.adminUsername = adminUsername
        self.adminDisplayName = adminDisplayName ?? adminUsername
        self.adminPassword = adminPassword
    }
}

extension FacilityStore {
    /// Creates a store at `path` and returns it open. Refuses to overwrite anything. The file is
    /// built under a temporary name and linked into place at the end, so a crash or a kill
    /// midway leaves no half-made store behind. The store and its -wal and -shm are owner-only
    /// (0600). A missing folder is created (0700) only with `creatingFolder`: FrontDesk's own
    /// data folder, never a folder a mistyped `--db` names.
    public static func create(at path: String, _ spec: NewFacility, creatingFolder: Bool = false,
                              clock: any Clock = SystemClock()) throws -> FacilityStore {
        switch StoreFile.inspect(path) {
        case .missing: break
        case .frontDesk, .unmarkedSQLite: throw StoreError.alreadyExists(path: path)
        case .notAStore(let reason): throw StoreError.pathTaken(path: path, reason: reason)
        }
        let name: String, timezone: String, currency: Currency, username: String, displayName: String
        do {
            name = try Validate.name(spec.name, field: "facility", maxLength: 200)
            timezone = try Validate.timeZone(spec.timezone)
            currency = try Validate.currency(spec.currency)
            username = try Validate.username(spec.adminUsername)
            displayName = try Validate.name(spec.adminDisplayName, field: "admin name")
            try Validate.password(spec.adminPassword)
        } catch let error as ValidationError {
            throw StoreError.invalid(error)
        }
        let directory = (path as NSString).deletingLastPathComponent
        var isFolder: ObjCBool = false
        if !directory.isEmpty, !(FileManager.default.fileExists(atPath: directory, isDirectory: &isFolder) && isFolder.boolValue) {
            guard creatingFolder else { throw StoreError.folderMissing(directory) }
            try StoreFile.createFolder(directory)
        }
        let temporary = path + ".creating-\(getpid())"
        defer {
            for suffix in ["", "-wal", "-shm"] { unlink(temporary + suffix) }
        }
        do {
            try StoreFile.createEmpty(temporary)
            let pool = try DatabaseSetup.openPool(path: temporary)
            try Migrations.migrator.migrate(pool)
            let instant = clock.now()
            let now = Timestamp.string(instant)
            let identity = StoreIdentity(facilityID: Identifier.make(), storeID: Identifier.make())
            let passwordHash = PasswordHasher.hash(spec.adminPassword)
            try pool.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    try FacilityStore.performAsSystem(in: db, identity: identity, now: instant, action: "create the store") { tx in
                        try tx.insert(
                            Facility(
                                facilityID: identity.facilityID, name: name, timezone: timezone, currency: currency.code,
                                currencyMinorUnits: currency.minorUnits, createdAt: now, updatedAt: now),
                            kind: PlatformKind.facilityCreated)
                        try db.execute(
                            sql: "INSERT INTO store_info (singleton, store_id, facility_id, created_at) VALUES (1, ?, ?, ?)",
                            arguments: [identity.storeID, identity.facilityID, now])
                        try db.execute(
                            sql: "INSERT INTO sync_state (store_id, updated_at) VALUES (?, ?)",
                            arguments: [identity.storeID, now])
                        try tx.insert(
                            User(
                                userID: Identifier.make(), username: username, displayName: displayName, roleID: "admin",
                                departmentID: nil, passwordHash: passwordHash, active: true, failedAttempts: 0,
                                lockedUntil: nil, lastLoginAt: nil, passwordChangedAt: now, disabledReason: nil,
                                createdAt: now, updatedAt: now),
                            kind: PlatformKind.userCreated)
                        for code in StandardCodes.all {
                            try tx.insert(
                                Code(codeID: Identifier.make(), system: code.system, code: code.code, display: code.display,
                                     active: true, createdAt: now, updatedAt: now),
                                kind: PlatformKind.codeAdded)
                        }
                    }
                    return .commit
                }
            }
            try pool.close()
            // link() fails if `path` appeared meanwhile: the no-overwrite promise holds even in a race.
            guard link(temporary, path) == 0 else {
                if errno == EEXIST { throw StoreError.alreadyExists(path: path) }
                throw StoreError.storageFailure(String(cString: strerror(errno)))
            }
        } catch {
            throw StoreError.translating(error)
        }
        return try open(at: path, clock: clock)
    }
}

/// Vocabularies every store starts with.
enum StandardCodes {
    struct Entry {
        let system: String, code: String, display: String
    }
    static let all: [Entry] = [
        Entry(system: "sex", code: "female", display: "Female"),
        Entry(system: "sex", code: "male", display: "Male"),
        Entry(system: "sex", code: "other", display: "Other"),
        Entry(system: "sex", code: "unknown", display: "Unknown"),
        Entry(system: "relationship", code: "parent", display: "Parent"),
        Entry(system: "relationship", code: "spouse", display: "Spouse"),
        Entry(system: "relationship", code: "child", display: "Child"),
        Entry(system: "relationship", code: "sibling", display: "Sibling"),
        Entry(system: "relationship", code: "guardian", display: "Guardian"),
        Entry(system: "relationship", code: "other", display: "Other"),
    ]
}
