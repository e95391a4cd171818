// The facility's store: opens or creates the SQLite file and owns the only writer.
import Foundation
import FrontDeskCore
import FrontDeskLedger
import GRDB

/// The identity of a store: which facility, which database file.
public struct StoreIdentity: Sendable, Equatable {
    public let facilityID: String
    public let storeID: String
}

/// One facility's SQLite store. All business writes go through its intention-named methods,
/// each of which checks the actor's permission and commits audit and ledger rows with the change.
public final class FacilityStore: Sendable {
    public let path: String
    public let identity: StoreIdentity
    let pool: DatabasePool
    let clock: any Clock
    /// Whether this store was opened for reading only.
    public let mode: OpenMode
    /// The migrations applied when this store was opened (an older store brought up to date).
    public let upgradedMigrations: [String]
    private let checkpointer: Checkpointer?

    init(path: String, pool: DatabasePool, identity: StoreIdentity, clock: any Clock, mode: OpenMode = .readWrite,
         upgradedMigrations: [String] = []) {
        self.path = path
        self.pool = pool
        self.identity = identity
        self.clock = clock
        self.mode = mode
        self.upgradedMigrations = upgradedMigrations
        // A reader never checkpoints: it may not write the file at all.
        self.checkpointer = mode == .readWrite ? try? Checkpointer(path: path) : nil
    }

    deinit {
        checkpointer?.stop()
    }

    /// How a command means to use the store.
    public enum OpenMode: Sendable {
        /// Reads only: nothing is written, not even a migration; an out-of-date schema is refused.
        case readOnly
        /// Reads and writes; brings an older schema up to date first (`upgradedMigrations` says which).
        case readWrite
    }

    /// Opens an existing store. Never creates a file, and writes nothing to a file that is not a
    /// FrontDesk store, nor to a store made by a newer FrontDesk, nor in `.readOnly` mode.
    public static func open(at path: String, mode: OpenMode = .readWrite, clock: any Clock = SystemClock()) throws -> FacilityStore {
        let probe = try StoreProbe.read(path)
        if let unknown = probe.unknownMigrations.first {
            throw StoreError.madeByNewerFrontDesk(path: path, migration: unknown)
        }
        if mode == .readOnly, !probe.pendingMigrations.isEmpty {
            throw StoreError.needsUpgrade(path: path, pending: probe.pendingMigrations)
        }
        do {
            let pool = try DatabaseSetup.openPool(path: path, readonly: mode == .readOnly)
            if mode == .readWrite, !probe.pendingMigrations.isEmpty {
                try Migrations.migrator.migrate(pool)
            }
            guard
                let row = try pool.read({ db in
                    try Row.fetchOne(db, sql: "SELECT facility_id, store_id FROM store_info WHERE singleton = 1")
                })
            else {
                throw StoreError.notAFrontDeskStore(path: path, reason: "it has no facility; it was never initialised")
            }
            let identity = StoreIdentity(facilityID: row["facility_id"], storeID: row["store_id"])
            return FacilityStore(path: path, pool: pool, identity: identity, clock: clock, mode: mode,
                                 upgradedMigrations: mode == .readWrite ? probe.pendingMigrations : [])
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw StoreError.notAFrontDeskStore(path: path, reason: "not an SQLite database")
        } catch {
            throw StoreError.translating(error)
        }
    }

    /// Closes the connections; the store may not be used afterwards.
    public func close() throws {
        checkpointer?.stop()
        try pool.close()
    }

    /// The current time as stored.
    var nowString: String { Timestamp.string(clock.now()) }

    // MARK: - The one write path

    /// Runs `body` in one IMMEDIATE transaction as `actor`, after checking that the actor is an
    /// active user whose role grants `permission`. Ledger entries, record-index rows and the audit
    /// record written by `body` commit with it; any error rolls all of it back.
    func perform<T>(
        _ permission: Permission, action: String, by actor: Actor,
        _ body: (BusinessTransaction) throws -> T
    ) throws -> T {
        try write(action: action, actor: { db in try Self.authorize(actor, for: permission, action: action, in: db) }, body: body)
    }

    /// Runs `body` as the system (no person, no permission): for the store's own writes, such as
    /// the data a migration or the creation of a store adds. Named apart, so that a desk cannot
    /// reach it by leaving the permission out.
    func performAsSystem<T>(action: String, _ body: (BusinessTransaction) throws -> T) throws -> T {
        try write(action: action, actor: { _ in Actor.system }, body: body)
    }

    /// One system transaction on `db` of a store that has no `FacilityStore` yet (its creation).
    static func performAsSystem<T>(
        in db: Database, identity: StoreIdentity, now: Date, action: String, _ body: (BusinessTransaction) throws -> T
    ) throws -> T {
        let tx = try BusinessTransaction(db: db, actor: .system, identity: identity, now: now)
        let result = try body(tx)
        try tx.finish(action: action)
        return result
    }

    private func write<T>(
        action: String, actor effectiveActor: (Database) throws -> Actor, body: (BusinessTransaction) throws -> T
    ) throws -> T {
        guard mode == .readWrite else { throw StoreError.readOnly }
        do {
            return try pool.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    let effective = try effectiveActor(db)
                    let tx = try BusinessTransaction(db: db, actor: effective, identity: identity, now: clock.now())
                    result = try body(tx)
                    try tx.finish(action: action)
                    return .commit
                }
                return result!
            }
        } catch {
            throw StoreError.translating(error)
        }
    }

    /// Re-reads the actor from the store, so a disabled account or a changed role takes effect at once.
    static func authorize(_ actor: Actor, for permission: Permission, action: String, in db: Database) throws -> Actor {
        // The system never acts through a permission: its writes go through `performAsSystem`.
        guard let userID = actor.userID else { throw StoreError.notSignedIn }
        guard
            let user = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT username, display_name, role_id FROM users WHERE user_id = ? AND active = 1"),
                arguments: [userID]),
            let role = Role(rawValue: user["role_id"])
        else {
            throw StoreError.notSignedIn
        }
        if !PermissionTable.allows(role, permission) {
            throw StoreError.notPermitted(action: action, role: role.title.lowercased())
        }
        return Actor(userID: userID, username: user["username"], displayName: user["display_name"], role: role)
    }

    /// Reads from a consistent snapshot.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try pool.read(body) } catch { throw StoreError.translating(error) }
    }
}
