// Which tables of a store the ledger describes, and how verify checks the ones it does not.
import Foundation
import FrontDeskLedger
import GRDB

/// The store's tables as `verify` sees them: every business table is ledgered row by row; a few
/// are kept outside the ledger on purpose, each checked another way.
struct VerifyTables {
    /// Tables written outside the ledger on purpose, and how verify checks each instead.
    static let unledgered: [String: String] = [
        "store_info": "the file's identity: every ledger entry must carry its facility and store ids",
        "sync_state": "the sync agent's acknowledgement: its seq and hash must be in the chain",
        "number_sequences": "each must stand at the highest number the ledger's rows issued from it",
        "staff_roles": "fixed by migration 001: compared with what the migrations make",
        "grdb_migrations": "compared with the migrator's list",
        "ledger_entries": "the chain itself",
        "audit_trail": "one record per transaction, against its ledger entries",
        "record_changes": "one row per row change, against its ledger entry",
        "security_log": "numbered 1..N without gaps; append-only triggers",
        "patient_access_log": "who opened which record: numbered 1..N without gaps; append-only triggers",
        "patient_search": "derived from persons and patients (the lookup index check; `frontdesk reindex`)",
    ]

    /// Columns of ledgered tables that never reach the ledger (credentials: sign-in bookkeeping
    /// is in the security log).
    static let privateColumns: [String: Set<String>] = [User.databaseTableName: User.privateColumns]

    /// One ledgered table: its key, and its columns as the ledger row carries them.
    struct Table {
        let name: String
        let keyColumn: String
        /// Ledgered columns in canonical (code point) order; private columns left out.
        let columns: [String]
        let keyIndex: Int
        /// The declared default of each column, for rows ledgered before a migration added it.
        let defaults: [String: JSONValue]
    }

    let tables: [Table]
    let byName: [String: Int]
    /// Tables that are neither ledgered nor known above (a table nobody declared): named by verify.
    let problems: [String]

    init(_ db: Database) throws {
        let master = try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name")
        let virtual = master.compactMap { row -> String? in
            let sql = (row[1] as String?) ?? ""
            return sql.uppercased().hasPrefix("CREATE VIRTUAL TABLE") ? row[0] : nil
        }
        var tables: [Table] = []
        var problems: [String] = []
        for row in master {
            let name: String = row[0]
            if name.hasPrefix("sqlite_") || Self.unledgered[name] != nil { continue }
            // A full-text index and its shadow tables are derived data.
            if virtual.contains(where: { name == $0 || name.hasPrefix($0 + "_") }) { continue }
            let info = try Row.fetchAll(db, sql: "SELECT name, dflt_value, pk FROM pragma_table_info(?)", arguments: [name])
            let keys = info.filter { ($0[2] as Int) > 0 }.map { $0[0] as String }
            guard keys.count == 1 else {
                problems.append("table \(name) has no single-column primary key; verify cannot compare it with the ledger")
                continue
            }
            let hidden = Self.privateColumns[name] ?? []
            let columns = info.map { $0[0] as String }.filter { !hidden.contains($0) }
                .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            var defaults: [String: JSONValue] = [:]
            for column in info { defaults[column[0]] = Self.literal(column[1]) }
            tables.append(Table(name: name, keyColumn: keys[0], columns: columns,
                                keyIndex: columns.firstIndex(of: keys[0]) ?? 0, defaults: defaults))
        }
        self.tables = tables
        self.byName = Dictionary(uniqueKeysWithValues: tables.enumerated().map { ($1.name, $0) })
        self.problems = problems
    }

    /// A column default as SQLite reports it (`'active'`, `0`, NULL) as a ledger value; nil for an
    /// expression verify does not read.
    static func literal(_ sql: String?) -> JSONValue? {
        guard let sql = sql?.trimmingCharacters(in: .whitespaces) else { return .null }
        if sql.uppercased() == "NULL" { return .null }
        if let i = Int64(sql) { return .int(i) }
        if sql.count >= 2, sql.hasPrefix("'"), sql.hasSuffix("'") {
            return .string(String(sql.dropFirst().dropLast()).replacingOccurrences(of: "''", with: "'"))
        }
        return nil
    }
}
