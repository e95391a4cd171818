// The schema and triggers against what the migrations make, and the tables kept outside the
// ledger on purpose (security log, the file's identity, the sync acknowledgement).
import Foundation
import FrontDeskLedger
import GRDB

extension FacilityStore {
    /// Builds a fresh in-memory database with the same migrator (up to the migrations this store
    /// has applied) and compares `sqlite_master` object by object: a dropped, added or changed
    /// table, index, trigger or view is named. Tables the migrations fill are compared row by row.
    static func schemaProblems(_ db: Database, report: inout VerifyReport) throws {
        let migrator = Migrations.migrator
        let known = migrator.migrations
        let appliedIDs = try migrator.appliedIdentifiers(db)
        let unknown = appliedIDs.subtracting(known).sorted()
        if !unknown.isEmpty {
            report.add(.schema, "migrations this FrontDesk does not know were applied: \(unknown.joined(separator: ", "))")
        }
        let completed = try migrator.completedMigrations(db)
        let applied = try migrator.appliedMigrations(db)
        if completed.count < applied.count, let gap = known.dropFirst(completed.count).first {
            report.add(.schema, "migration \(gap) was never applied, though later ones were")
        }
        // The same migrator, so the comparison stays right as migrations are added.
        let fresh = try DatabaseQueue()
        if let last = completed.last { try migrator.migrate(fresh, upTo: last) }
        let expected = try fresh.read { try schemaObjects($0) }
        let actual = try schemaObjects(db)
        report.schemaObjects = actual.count
        for (id, sql) in expected.sorted(by: { $0.key < $1.key }) {
            guard let stored = actual[id] else {
                report.add(.schema, "\(id.type) \(id.name) is missing (the migrations made it)")
                continue
            }
            if stored != sql {
                report.add(.schema, "\(id.type) \(id.name) differs from what the migrations made, from \(divergence(stored, sql))")
            }
        }
        for id in actual.keys.sorted() where expected[id] == nil {
            report.add(.schema, "\(id.type) \(id.name) was added (the migrations did not make it): \(shortened(.string(actual[id]!)))")
        }
        // Rows the migrations write (the staff roles) must be exactly theirs.
        for table in ["staff_roles"] where expected[SchemaID(type: "table", name: table)] != nil {
            let sql = "SELECT * FROM \(table.quotedDatabaseIdentifier)"
            let want = Set(try fresh.read { try Row.fetchAll($0, sql: sql) }.map(\.description))
            let have = try Row.fetchAll(db, sql: sql).map(\.description)
            for row in have where !want.contains(row) { report.add(.schema, "\(table): \(shortKey(row)) is not a row the migrations made") }
            for row in want.subtracting(have).sorted() { report.add(.schema, "\(table): \(shortKey(row)) is missing (the migrations made it)") }
        }
    }

    /// Where `stored` parts from `expected`: a few characters before, then the stored text.
    static func divergence(_ stored: String, _ expected: String) -> String {
        let same = zip(stored, expected).prefix { $0 == $1 }.count
        let start = stored.index(stored.startIndex, offsetBy: max(0, same - 12))
        let rest = stored[start...]
        return "\"" + (rest.count <= 60 ? String(rest) : String(rest.prefix(57)) + "…") + "\""
    }

    struct SchemaID: Hashable, Comparable {
        let type: String
        let name: String
        static func < (a: SchemaID, b: SchemaID) -> Bool { (a.type, a.name) < (b.type, b.name) }
    }

    /// Every object in `sqlite_master` with its SQL, whitespace collapsed. Statistics tables that
    /// ANALYZE makes are left out: they change no data.
    static func schemaObjects(_ db: Database) throws -> [SchemaID: String] {
        var objects: [SchemaID: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT type, name, tbl_name, sql FROM sqlite_master") {
            let name: String = row[1]
            if name.hasPrefix("sqlite_stat") { continue }
            let sql = (row[3] as String?).map { $0.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
            objects[SchemaID(type: row[0], name: name)] = "on \(row[2] as String): " + (sql ?? "(made by SQLite)")
        }
        return objects
    }

    /// `security_log.event_id` runs 1..N without a gap (rows are never deleted: a trigger refuses it).
    static func securityLogProblems(_ db: Database, report: inout VerifyReport) throws {
        report.securityEvents = try numberedLogProblems("security_log", key: "event_id", check: .securityLog, db, report: &report)
    }

    /// `patient_access_log.access_id` runs 1..N without a gap, like the security log.
    static func accessLogProblems(_ db: Database, report: inout VerifyReport) throws {
        _ = try numberedLogProblems("patient_access_log", key: "access_id", check: .accessLog, db, report: &report)
    }

    /// An append-only log kept outside the ledger: its ids must run 1..N. Returns N.
    private static func numberedLogProblems(_ table: String, key: String, check: VerifyCheck, _ db: Database,
                                            report: inout VerifyReport) throws -> Int {
        let ids = try Int64.fetchCursor(db, sql: "SELECT \(key) FROM \(table) ORDER BY \(key)")
        var expected: Int64 = 1, count = 0
        while let id = try ids.next() {
            count += 1
            if id != expected {
                report.add(check, id > expected
                    ? (id - 1 > expected ? "events \(expected)–\(id - 1) are missing (deleted)" : "event \(expected) is missing (deleted)")
                    : "event \(id) is out of order")
            }
            expected = max(expected, id + 1)
        }
        return count
    }

    /// The file's identity and the sync acknowledgement, which are not ledgered: the identity must
    /// name the facility the ledger created, and an acknowledged seq must be in the chain with its hash.
    static func identityProblems(_ db: Database, identity: StoreIdentity, report: inout VerifyReport) throws {
        let infos = try Row.fetchAll(db, sql: "SELECT store_id, facility_id FROM store_info")
        if infos.count != 1 { report.add(.state, "store_info has \(infos.count) rows; it must have one") }
        let facilities = try String.fetchAll(db, sql: "SELECT facility_id FROM facilities")
        if facilities != [identity.facilityID] {
            report.add(.state, "store_info names facility \(identity.facilityID), but facilities holds \(facilities.joined(separator: ", "))")
        }
        for row in try Row.fetchAll(db, sql: "SELECT store_id, acked_seq, acked_hash FROM sync_state") {
            let storeID: String = row[0], seq: Int64 = row[1], hash: String = row[2]
            if storeID != identity.storeID { report.add(.state, "sync_state is kept for store \(storeID), not this store \(identity.storeID)") }
            let chained = seq == 0 ? LedgerEntry.genesisHash
                : try String.fetchOne(db, sql: "SELECT hash FROM ledger_entries WHERE seq = ?", arguments: [seq])
            if chained != hash {
                report.add(.state, "sync_state says the server acknowledged seq \(seq) with hash \(hash.prefix(12)), but the ledger's seq \(seq) is \(chained.map { String($0.prefix(12)) } ?? "missing")")
            }
        }
    }
}
