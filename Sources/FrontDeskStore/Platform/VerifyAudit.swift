// The audit read beside the ledger: each transaction's audit record (who, when, which entries) and
// each row change's line in the record index, which a record's history is read through.
import FrontDeskLedger
import GRDB

/// Audit records (`audit_trail`) in `first_seq` order, walked beside the ledger; each row change
/// looked up in `record_changes`.
struct AuditCursor {
    struct Record {
        let firstSeq: Int64
        let lastSeq: Int64
        let txID: String
        let at: String
        let actor: String?
    }

    private let cursor: RowCursor
    private var pending: Record?
    /// The audit record of the transaction being read.
    private var current: Record?
    private let indexLookup: Statement
    /// Audit records and record-index rows that matched their entries.
    private(set) var matched = 0
    private var indexed = 0

    init(_ db: Database) throws {
        cursor = try Row.fetchCursor(db, sql: """
            SELECT first_seq, last_seq, tx_id, at, actor_user_id FROM audit_trail ORDER BY first_seq
            """)
        indexLookup = try db.makeStatement(sql: """
            SELECT 1 FROM record_changes WHERE table_name = ? AND record_id = ? AND ledger_seq = ?
            """)
        pending = try Self.next(cursor)
    }

    private static func next(_ cursor: RowCursor) throws -> Record? {
        guard let row = try cursor.next() else { return nil }
        return Record(firstSeq: row[0], lastSeq: row[1], txID: row[2], at: row[3], actor: row[4])
    }

    /// Checks `entry` (the next one in order) against the audit record of its transaction, and a
    /// row change against the record index; names every field that disagrees, and an entry that
    /// no audit record covers.
    mutating func match(
        _ entry: LedgerEntry, changes: [LedgerReplay.Change], tables: VerifyTables, db: Database,
        report: inout VerifyReport
    ) throws {
        while let stray = pending, stray.firstSeq < entry.seq {
            report.add(.audit, "audit record of seq \(stray.firstSeq)…\(stray.lastSeq) points at seq \(stray.firstSeq), which has no ledger entry or is inside another transaction")
            pending = try Self.next(cursor)
        }
        let what = changes.first.map { " (\(tables.tables[$0.table].name) \($0.keyText))" } ?? ""
        if let record = pending, record.firstSeq == entry.seq {
            current = record
            pending = try Self.next(cursor)
            matched += 1
        } else if let record = current, entry.seq <= record.lastSeq {
            // Still inside the current record's transaction.
        } else {
            current = nil
            report.add(.audit, "seq \(entry.seq)\(what): no audit record")
        }
        if let record = current {
            var wrong: [String] = []
            func differs(_ field: String, _ audited: String?, _ ledgered: String?) {
                if audited != ledgered {
                    wrong.append("\(field) is \(shortened(audited.map(JSONValue.string))), the ledger says \(shortened(ledgered.map(JSONValue.string)))")
                }
            }
            differs("tx_id", record.txID, entry.txID)
            differs("at", record.at, entry.occurredAt)
            differs("actor", record.actor, entry.actorID)
            if !wrong.isEmpty {
                report.add(.audit, "audit record of seq \(record.firstSeq)…\(record.lastSeq), at seq \(entry.seq)\(what): " + wrong.joined(separator: "; "))
            }
        }
        for change in changes {
            let table = tables.tables[change.table]
            if try Int.fetchOne(indexLookup, arguments: [table.name, change.keyText, entry.seq]) != nil {
                indexed += 1
                matched += 1
            } else {
                report.add(.audit, "seq \(entry.seq) (\(table.name) \(change.keyText)): no audit record in record_changes (the record's history misses it)")
            }
        }
    }

    /// Names the audit records left after the ledger's last entry (the tail of the ledger deleted,
    /// or records added), and record-index rows that point at no change of their record.
    mutating func finish(after lastSeq: Int64, db: Database, report: inout VerifyReport) throws {
        if let record = current, record.lastSeq > lastSeq {
            report.add(.audit, "audit record of seq \(record.firstSeq)…\(record.lastSeq) reaches beyond the ledger's last entry, seq \(lastSeq)")
        }
        while let stray = pending {
            let whereItPoints = stray.firstSeq > lastSeq
                ? "beyond the ledger's last entry, seq \(lastSeq)" : "which has no ledger entry or is inside another transaction"
            report.add(.audit, "audit record of seq \(stray.firstSeq)…\(stray.lastSeq) points at seq \(stray.firstSeq), \(whereItPoints)")
            pending = try Self.next(cursor)
        }
        let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM record_changes") ?? 0
        guard total != indexed else { return }
        // Some rows match no change: find them (only now, since it reads every payload again).
        var keyColumns: [String: String] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT r.table_name, r.record_id, r.ledger_seq, l.version, l.payload, l.occurred_at, l.actor_id
            FROM record_changes r LEFT JOIN ledger_entries l ON l.seq = r.ledger_seq
            """)
        while let row = try rows.next() {
            let table: String = row[0], recordID: String = row[1], seq: Int64 = row[2]
            if keyColumns[table] == nil {
                keyColumns[table] = try String.fetchOne(db, sql: "SELECT name FROM pragma_table_info(?) WHERE pk = 1", arguments: [table]) ?? ""
            }
            let payload = (row[4] as String?).flatMap { try? JSONValue.parse($0) }
            let written = payload.flatMap {
                LedgerRowChange.decode(version: row[3] ?? 0, payload: $0, occurredAt: row[5] ?? "", actorID: row[6], columns: { _ in nil })
            } ?? []
            if written.contains(where: { $0.table == table && $0.row[keyColumns[table]!]?.stringValue == recordID }) { continue }
            report.add(.audit, "record_changes row (\(table) \(shortKey(recordID))) points at seq \(seq), which is not a change of that record")
        }
    }
}
