// The one write path: every business change commits with its ledger entry, its record index and
// the transaction's audit record.
import Foundation
import FrontDeskCore
import FrontDeskLedger
import GRDB

/// Who is acting. Made only by the store (from a successful sign-in, or as the system at init).
public struct Actor: Sendable, Equatable {
    public let userID: String?
    public let username: String
    public let displayName: String
    public let role: Role?

    /// The store itself, for changes no person makes (creating a store).
    static let system = Actor(userID: nil, username: "system", displayName: "System", role: nil)
}

/// One SQLite transaction of business changes. Each `insert`/`update` writes the record, its
/// ledger entry and its `record_changes` row; `finish` adds the audit record; they commit or
/// roll back together.
final class BusinessTransaction {
    let db: Database
    let actor: Actor
    let txID: String
    let now: String
    /// The instant `now` was read from (local days and minutes are worked out from it).
    let clockNow: Date
    let identity: StoreIdentity
    private var lastSeq: Int64
    private var lastHash: String
    /// The first entry this transaction wrote (nil while it has written none).
    private var firstSeq: Int64?
    /// Entries written and their size as pushed (a transaction travels whole in one push).
    private var entryCount = 0
    private var wireBytes = 0

    /// The most entries one transaction may ledger: a push carries at most 500 entries and 1 MiB, and never
    /// splits a transaction (ledger-protocol.md §3), so a larger one could never leave the facility.
    static let maxEntries = 500
    /// The push body's limit, less room for the batch's own brackets and store_id.
    static let maxWireBytes = (1 << 20) - 1024
    /// An entry's fields other than its payload, as pushed: keys, four UUIDs, two hashes, kind, time (generous).
    static let entryOverheadBytes = 700

    init(db: Database, actor: Actor, identity: StoreIdentity, now: Date) throws {
        self.db = db
        self.actor = actor
        self.identity = identity
        self.clockNow = now
        self.now = Timestamp.string(now)
        self.txID = Identifier.make()
        // Under the write lock (BEGIN IMMEDIATE), so no other process can take the same seq.
        if let last = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT seq, hash FROM ledger_entries ORDER BY seq DESC LIMIT 1"))
        {
            lastSeq = last["seq"]
            lastHash = last["hash"]
        } else {
            lastSeq = 0
            lastHash = LedgerEntry.genesisHash
        }
    }

    /// Inserts `record` and ledgers it as `kind`. The transaction stamps the row's
    /// created_at/updated_at (and created_by/updated_by where the table has them) itself.
    func insert<R: LedgeredRecord>(_ record: R, kind: some LedgerKind) throws {
        try ledger([try insertRow(record)], kind: kind)
    }

    /// Inserts two records that make one business fact (a registration's person and patient) and
    /// ledgers them as one entry of `kind` carrying both rows, in this order.
    func insert<A: LedgeredRecord, B: LedgeredRecord>(_ first: A, _ second: B, kind: some LedgerKind) throws {
        try ledger([try insertRow(first), try insertRow(second)], kind: kind)
    }

    /// Inserts records that make one business fact (a dispense: its charge, the dispense and the stock
    /// movement) and ledgers them as one entry of `kind` carrying every row, in this order.
    func insert(all records: [any LedgeredRecord], kind: some LedgerKind) throws {
        try write(inserting: records, updating: [], kind: kind)
    }

    /// Inserts and saves records that make one business fact, ledgered as one entry of `kind` carrying every
    /// row (inserted first, then saved): the last part of a dispense and the prescription it completes.
    func write(inserting inserts: [any LedgeredRecord], updating updates: [any LedgeredRecord], kind: some LedgerKind) throws {
        try ledger(try inserts.map { try insertRow($0) } + updates.map { try updateRow($0) }, kind: kind)
    }

    /// Saves `record` over its stored version and ledgers it as `kind` (its before is the
    /// record's previous ledger entry, found through `record_changes`). The transaction stamps
    /// updated_at (and updated_by where the table has it).
    func update<R: LedgeredRecord>(_ record: R, kind: some LedgerKind) throws {
        try ledger([try updateRow(record)], kind: kind)
    }

    /// Saves `record` (stamped) over its stored version and returns the row as written.
    private func updateRow<R: LedgeredRecord>(_ record: R) throws -> WrittenRow {
        let values = stamped(try record.databaseDictionary, R.self, creating: false)
        let columns = values.keys.sorted().filter { $0 != R.keyColumn }
        let sql = "UPDATE \(R.databaseTableName) SET " + columns.map { "\($0) = ?" }.joined(separator: ", ")
            + " WHERE \(R.keyColumn) = ?"
        try db.cachedStatement(sql: sql).execute(arguments: StatementArguments(columns.map { values[$0]! } + [record.key]))
        guard db.changesCount == 1 else {
            throw StoreError.storageFailure("\(R.databaseTableName) \(record.key) is not stored")
        }
        return try Self.written(R.self, key: record.key, values)
    }

    /// One row as written: its table, key and ledgered columns.
    private struct WrittenRow {
        let table: String
        let key: String
        let row: [String: JSONValue]
    }

    /// Inserts `record` (stamped) and returns the row as written.
    private func insertRow<R: LedgeredRecord>(_ record: R) throws -> WrittenRow {
        let values = stamped(try record.databaseDictionary, R.self, creating: true)
        let columns = values.keys.sorted()
        let sql = "INSERT INTO \(R.databaseTableName) (\(columns.joined(separator: ", "))) VALUES ("
            + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        try db.cachedStatement(sql: sql).execute(arguments: StatementArguments(columns.map { values[$0]! }))
        return try Self.written(R.self, key: record.key, values)
    }

    /// `values` (every column as written: the records map every column, so it is the stored state)
    /// as the ledger carries them.
    private static func written<R: LedgeredRecord>(_ type: R.Type, key: String, _ values: [String: DatabaseValue]) throws -> WrittenRow {
        guard case .object(let row) = try rowObject(R.self, values.lazy.map { ($0.key, $0.value) }) else {
            throw StoreError.storageFailure("\(R.databaseTableName) \(key) cannot be ledgered")
        }
        return WrittenRow(table: R.databaseTableName, key: key, row: row)
    }

    /// `values` with the bookkeeping columns the table has set by the transaction: who and when
    /// (the same values callers used to set, so stored rows are as before; records built in
    /// memory still carry them for the callers that return them).
    private func stamped<R: LedgeredRecord>(_ values: [String: DatabaseValue], _ type: R.Type, creating: Bool) -> [String: DatabaseValue] {
        var out = values
        let stamps: [(String, DatabaseValue)] = creating
            ? [("created_at", now.databaseValue), ("updated_at", now.databaseValue),
               ("created_by", actor.userID.databaseValue), ("updated_by", actor.userID.databaseValue)]
            : [("updated_at", now.databaseValue), ("updated_by", actor.userID.databaseValue)]
        for (column, value) in stamps where out[column] != nil { out[column] = value }
        return out
    }

    /// Writes one ledger entry (payload version 2, LedgerRowChange) for rows changed in this
    /// transaction and indexes it under each record.
    private func ledger(_ rows: [WrittenRow], kind: some LedgerKind) throws {
        // A kind names the tables it writes (docs/ledger-kinds.md); a test run catches a mismatch.
        assert(rows.allSatisfy { kind.tables.contains($0.table) }, "\(kind.rawValue) does not write \(rows.map(\.table))")
        let payload = try LedgerRowChange.encode(rows.map { ($0.table, $0.row) }, occurredAt: now, actorID: actor.userID)
        let seq = try appendLedgerEntry(kind: kind, canonicalPayload: payload)
        for row in rows {
            try db.cachedStatement(sql: "INSERT INTO record_changes (table_name, record_id, ledger_seq) VALUES (?, ?, ?)")
                .execute(arguments: [row.table, row.key, seq])
        }
    }

    /// Writes the transaction's audit record (who, when, why, which entries), if it ledgered
    /// anything. Called once, after the body and before the commit.
    func finish(action: String) throws {
        guard let firstSeq else { return }
        try db.cachedStatement(sql: """
            INSERT INTO audit_trail (first_seq, last_seq, tx_id, at, actor_user_id, action) VALUES (?, ?, ?, ?, ?, ?)
            """
        ).execute(arguments: [firstSeq, lastSeq, txID, now, actor.userID, action])
    }

    /// Appends one hash-chained entry whose payload is `canonicalPayload` and returns its seq.
    @discardableResult
    func appendLedgerEntry(kind: some LedgerKind, canonicalPayload: [UInt8]) throws -> Int64 {
        let version = kind.version
        assert(version == LedgerRowChange.currentVersion, "\(kind.rawValue) is not at the current payload version")
        entryCount += 1
        wireBytes += canonicalPayload.count + Self.entryOverheadBytes + kind.rawValue.utf8.count
        guard entryCount <= Self.maxEntries, wireBytes <= Self.maxWireBytes else {
            throw StoreError.transactionTooLarge(entries: entryCount, bytes: wireBytes)
        }
        let seq = lastSeq + 1
        let entryID = Identifier.make()
        let hash = try LedgerEntry.hash(
            seq: seq, entryID: entryID, facilityID: identity.facilityID, storeID: identity.storeID, txID: txID,
            kind: kind.rawValue, version: version, occurredAt: now, actorID: actor.userID, canonicalPayload: canonicalPayload,
            prevHash: lastHash)
        try db.cachedStatement(sql: """
            INSERT INTO ledger_entries
              (seq, entry_id, facility_id, store_id, tx_id, kind, version, occurred_at, actor_id, payload, prev_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """
        ).execute(arguments: [
            seq, entryID, identity.facilityID, identity.storeID, txID, kind.rawValue, version, now, actor.userID,
            String(decoding: canonicalPayload, as: UTF8.self), lastHash, hash,
        ])
        if firstSeq == nil { firstSeq = seq }
        lastSeq = seq
        lastHash = hash
        return seq
    }

    /// Takes the next number of a gap-free sequence (rolled back with the transaction).
    func nextNumber(_ name: String) throws -> Int64 {
        return try Int64.fetchOne(
            db.cachedStatement(sql: """
                INSERT INTO number_sequences (name, last_value) VALUES (?, 1)
                ON CONFLICT(name) DO UPDATE SET last_value = last_value + 1
                RETURNING last_value
                """), arguments: [name])!
    }

    /// The stored row as a JSON object, credential columns left out.
    static func fetchRow<R: LedgeredRecord>(_ type: R.Type, key: String, db: Database) throws -> JSONValue? {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM \(R.databaseTableName) WHERE \(R.keyColumn) = ?"),
                arguments: [key])
        else { return nil }
        return try rowObject(R.self, row)
    }

    /// Columns as the audit and the ledger carry them: a JSON object, credential columns left out.
    static func rowObject<R: LedgeredRecord>(
        _ type: R.Type, _ columns: some Sequence<(String, DatabaseValue)>
    ) throws -> JSONValue {
        var members: [String: JSONValue] = [:]
        for (column, value) in columns where !R.privateColumns.contains(column) {
            members[column] = try JSONValue(value)
        }
        return .object(members)
    }
}

extension JSONValue {
    /// A column value as the ledger carries it. Business tables hold no floating point.
    init(_ value: DatabaseValue) throws {
        switch value.storage {
        case .null: self = .null
        case .int64(let i): self = .int(i)
        case .string(let s): self = .string(s)
        case .double: throw JSONValueError.floatingPointNumber
        case .blob: throw JSONValueError.malformed("binary column values are not ledgered")
        }
    }
}
