// The audit log read beside the ledger: one record per entry, written in the same transaction
// with the same transaction id, record, time, actor and after-state.
import FrontDeskLedger
import GRDB

/// Audit records in `audit_id` order, which is the order their ledger entries were written in.
struct AuditCursor {
    struct Record {
        let id: Int64
        let at: String
        let actor: String?
        let action: String
        let table: String
        let recordID: String
        let before: String?
        let after: String?
        let txID: String
        let ledgerSeq: Int64
    }

    private let cursor: RowCursor
    private var pending: Record?
    private(set) var matched = 0

    init(_ db: Database) throws {
        cursor = try Row.fetchCursor(db, sql: """
            SELECT audit_id, at, actor_user_id, action, table_name, record_id, before, after, tx_id, ledger_seq
            FROM audit_log ORDER BY audit_id
            """)
        pending = try Self.next(cursor)
    }

    private static func next(_ cursor: RowCursor) throws -> Record? {
        guard let row = try cursor.next() else { return nil }
        return Record(id: row[0], at: row[1], actor: row[2], action: row[3], table: row[4], recordID: row[5],
                      before: row[6], after: row[7], txID: row[8], ledgerSeq: row[9])
    }

    /// Checks the audit record of `entry` (the next one in order) and names every field that
    /// disagrees; a record out of step, or an entry without one, is named too.
    mutating func match(
        _ entry: LedgerEntry, change: LedgerReplay.Change?, table: VerifyTables.Table?, db: Database,
        report: inout VerifyReport
    ) throws {
        while let stray = pending, stray.ledgerSeq < entry.seq {
            report.add(.audit, "audit record \(stray.id) (\(stray.table) \(shortKey(stray.recordID))) points at seq \(stray.ledgerSeq), which has no ledger entry or has its record already")
            pending = try Self.next(cursor)
        }
        let what = change.map { " (\(table?.name ?? "?") \($0.keyText))" } ?? ""
        guard let record = pending, record.ledgerSeq == entry.seq else {
            report.add(.audit, "seq \(entry.seq)\(what): no audit record")
            return
        }
        pending = try Self.next(cursor)
        matched += 1
        var wrong: [String] = []
        func differs(_ field: String, _ audited: String?, _ ledgered: String?) {
            if audited != ledgered {
                wrong.append("\(field) is \(shortened(audited.map(JSONValue.string))), the ledger says \(shortened(ledgered.map(JSONValue.string)))")
            }
        }
        differs("tx_id", record.txID, entry.txID)
        differs("action", record.action, entry.kind)
        differs("at", record.at, entry.occurredAt)
        differs("actor", record.actor, entry.actorID)
        if let change, let table {
            differs("table", record.table, table.name)
            differs("record", record.recordID, change.keyText)
            if !(record.after?.utf8.elementsEqual(change.row) ?? false) {
                wrong.append("after differs from the ledger's row" + Self.firstDifference(record.after, Array(change.row), table))
            }
            wrong += try beforeProblems(record, change: change, table: table, db: db)
        }
        if !wrong.isEmpty {
            report.add(.audit, "audit record \(record.id) of seq \(entry.seq)\(what): " + wrong.joined(separator: "; "))
        }
    }

    /// `before` is the record's previous ledger row (none for a new record). A column a later
    /// migration added may appear in `before` with its default.
    private func beforeProblems(_ record: Record, change: LedgerReplay.Change, table: VerifyTables.Table, db: Database) throws -> [String] {
        guard let previous = change.previous else {
            return record.before == nil ? [] : ["before is set, but the ledger has no earlier row of this record"]
        }
        guard let before = record.before else { return ["before is empty, but the ledger has this record's row at seq \(previous.seq)"] }
        if Bits128.digest(Array(before.utf8)) == previous.digest { return [] }
        guard case .object(let audited)? = try? JSONValue.parse(before) else { return ["before is not a JSON object"] }
        let ledgered = try LedgerReplay.ledgerRow(at: previous.seq, db) ?? [:]
        guard let first = LedgerReplay.differences(audited, ledgered, table: table).first else { return [] }
        return ["before differs from the ledger's row at seq \(previous.seq): \(first.column) is \(shortened(first.stored)), the ledger says \(shortened(first.ledgered))"]
    }

    private static func firstDifference(_ audited: String?, _ ledgered: [UInt8], _ table: VerifyTables.Table) -> String {
        guard let audited, case .object(let a)? = try? JSONValue.parse(audited),
            case .object(let l)? = try? JSONValue.parse(String(decoding: ledgered, as: UTF8.self)),
            let first = LedgerReplay.differences(a, l, table: table).first
        else { return "" }
        return ": \(first.column) is \(shortened(first.stored)), the ledger says \(shortened(first.ledgered))"
    }

    /// Names the records left after the ledger's last entry (the tail of the ledger deleted, or records added).
    mutating func finish(after lastSeq: Int64, report: inout VerifyReport) throws {
        while let stray = pending {
            let whereItPoints = stray.ledgerSeq > lastSeq
                ? "beyond the ledger's last entry, seq \(lastSeq)" : "which has no ledger entry or has its record already"
            report.add(.audit, "audit record \(stray.id) (\(stray.table) \(shortKey(stray.recordID))) points at seq \(stray.ledgerSeq), \(whereItPoints)")
            pending = try Self.next(cursor)
        }
    }
}
