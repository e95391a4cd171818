// A look at a store before it is opened for use: is it ours, from which FrontDesk, does it
// need migrating. Read-only: a file that turns out not to be a store is left byte for byte.
import GRDB

/// What a read-only look at a store path found.
struct StoreProbe {
    /// Migrations this FrontDesk knows and the store has not had yet.
    var pendingMigrations: [String]
    /// Migrations the store has had that this FrontDesk does not know: a newer FrontDesk made it.
    var unknownMigrations: [String]

    static func read(_ path: String) throws -> StoreProbe {
        switch StoreFile.inspect(path) {
        case .missing: throw StoreError.notFound(path: path)
        case .notAStore(let reason): throw StoreError.notAFrontDeskStore(path: path, reason: reason)
        case .frontDesk, .unmarkedSQLite: break
        }
        var config = Configuration()
        config.readonly = true
        // A reader never waits long: in WAL mode only a crashed writer's recovery can hold it up.
        config.busyMode = .timeout(5)
        config.label = "frontdesk.probe"
        do {
            let queue = try DatabaseQueue(path: DatabaseSetup.readOnlyLocation(path), configuration: config)
            defer { try? queue.close() }
            return try queue.read { db in
                let marked = try Int32.fetchOne(db, sql: "PRAGMA application_id") == StoreFile.applicationID
                let hasMigrations = try db.tableExists("grdb_migrations")
                let applied = hasMigrations ? try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") : []
                // An unmarked file is ours only if it carries FrontDesk's first migration (a store
                // made before stores were marked); anything else is another program's database.
                guard marked || applied.contains(Migrations.first) else {
                    throw StoreError.notAFrontDeskStore(path: path, reason: "it is another program's SQLite database")
                }
                let known = Migrations.identifiers
                return StoreProbe(
                    pendingMigrations: known.filter { !applied.contains($0) },
                    unknownMigrations: applied.filter { !known.contains($0) }.sorted())
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw StoreError.notAFrontDeskStore(path: path, reason: "it is not an SQLite database")
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CANTOPEN {
            throw StoreError.storageFailure("\(path) cannot be opened: \(error.message ?? "permission denied")")
        } catch {
            throw StoreError.translating(error)
        }
    }
}
