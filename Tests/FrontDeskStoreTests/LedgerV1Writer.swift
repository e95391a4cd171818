// Test support: rewrites a store's ledger as a forger or an older FrontDesk would have written it
// (version-1 entries, one row each), rehashing the chain and re-pointing the audit at it.
import FrontDeskCore
import FrontDeskLedger
import GRDB
import XCTest

@testable import FrontDeskStore

enum LedgerV1Writer {
    struct Entry {
        var seq: Int64
        var entryID: String
        let facilityID: String
        let storeID: String
        let txID: String
        var kind: String
        var version: Int64
        let occurredAt: String
        let actorID: String?
        var payload: String
    }

    private static func entries(_ db: Database) throws -> [Entry] {
        try Row.fetchAll(db, sql: "SELECT * FROM ledger_entries ORDER BY seq").map {
            Entry(seq: $0["seq"], entryID: $0["entry_id"], facilityID: $0["facility_id"], storeID: $0["store_id"],
                  txID: $0["tx_id"], kind: $0["kind"], version: $0["version"], occurredAt: $0["occurred_at"],
                  actorID: $0["actor_id"], payload: $0["payload"])
        }
    }

    /// Runs `body` with the append-only triggers of the ledger and the audit lifted, then puts them back as they were.
    private static func withoutTriggers(_ raw: DatabaseQueue, _ body: (Database) throws -> Void) throws {
        try raw.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            let triggers = try Row.fetchAll(db, sql: """
                SELECT name, sql FROM sqlite_master WHERE type = 'trigger'
                AND tbl_name IN ('ledger_entries', 'record_changes', 'audit_trail')
                """)
            try db.inTransaction {
                for trigger in triggers { try db.execute(sql: "DROP TRIGGER \(trigger["name"] as String)") }
                try body(db)
                for trigger in triggers { try db.execute(sql: trigger["sql"] as String) }
                return .commit
            }
        }
    }

    /// Writes `entries` as the whole ledger, hash-chained from seq 1.
    private static func write(_ entries: [Entry], _ db: Database) throws {
        try db.execute(sql: "DELETE FROM ledger_entries")
        var previous = LedgerEntry.genesisHash
        for e in entries {
            let hash = try LedgerEntry.hash(
                seq: e.seq, entryID: e.entryID, facilityID: e.facilityID, storeID: e.storeID, txID: e.txID, kind: e.kind,
                version: e.version, occurredAt: e.occurredAt, actorID: e.actorID, canonicalPayload: Array(e.payload.utf8),
                prevHash: previous)
            try db.execute(sql: """
                INSERT INTO ledger_entries
                  (seq, entry_id, facility_id, store_id, tx_id, kind, version, occurred_at, actor_id, payload, prev_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [e.seq, e.entryID, e.facilityID, e.storeID, e.txID, e.kind, e.version, e.occurredAt,
                                 e.actorID, e.payload, previous, hash])
            previous = hash
        }
    }

    /// Edits payloads in place (`edit` returns the new canonical text, or nil to keep it) and rehashes the chain.
    static func rewrite(_ raw: DatabaseQueue, edit: (Entry) -> String?) throws {
        try withoutTriggers(raw) { db in
            var all = try entries(db)
            for n in all.indices { if let text = edit(all[n]) { all[n].payload = text } }
            try write(all, db)
        }
    }

    /// Rewrites every entry as version 1 (`{"row":{every column},"table":"…"}`, one row per entry;
    /// a registration's person as `person.created`), as a store written before version 2 holds it.
    static func toVersion1(_ raw: DatabaseQueue) throws {
        try withoutTriggers(raw) { db in
            let columns = LedgerColumns(db)
            var out: [Entry] = []
            var changes: [(table: String, key: String, seq: Int64)] = []
            var keyColumns: [String: String] = [:]
            for e in try entries(db) {
                let rows = try XCTUnwrap(LedgerRowChange.decode(
                    version: e.version, payload: try JSONValue.parse(e.payload), occurredAt: e.occurredAt, actorID: e.actorID,
                    columns: columns.callAsFunction))
                for (n, change) in rows.enumerated() {
                    var v1 = e
                    v1.seq = Int64(out.count + 1)
                    v1.entryID = n == 0 ? e.entryID : Identifier.make()
                    v1.version = 1
                    if e.kind == "patient.registered", change.table == "persons" { v1.kind = "person.created" }
                    v1.payload = try CanonicalJSON.string(.object(["row": .object(change.row), "table": .string(change.table)]))
                    out.append(v1)
                    if keyColumns[change.table] == nil {
                        keyColumns[change.table] = try String.fetchOne(
                            db, sql: "SELECT name FROM pragma_table_info(?) WHERE pk = 1", arguments: [change.table])
                    }
                    changes.append((change.table, change.row[keyColumns[change.table]!]!.stringValue!, v1.seq))
                }
            }
            try write(out, db)
            try db.execute(sql: "DELETE FROM record_changes")
            for change in changes {
                try db.execute(sql: "INSERT INTO record_changes (table_name, record_id, ledger_seq) VALUES (?, ?, ?)",
                               arguments: [change.table, change.key, change.seq])
            }
            let audits = try Row.fetchAll(db, sql: "SELECT tx_id, at, actor_user_id, action FROM audit_trail")
            try db.execute(sql: "DELETE FROM audit_trail")
            for audit in audits {
                let seqs = out.filter { $0.txID == audit["tx_id"] as String }.map(\.seq)
                try db.execute(sql: """
                    INSERT INTO audit_trail (first_seq, last_seq, tx_id, at, actor_user_id, action) VALUES (?, ?, ?, ?, ?, ?)
                    """, arguments: [seqs.min(), seqs.max(), audit["tx_id"], audit["at"], audit["actor_user_id"], audit["action"]])
            }
        }
    }
}
