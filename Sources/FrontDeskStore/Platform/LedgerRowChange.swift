// The rows a ledger entry wrote, in both payload versions: the one encoder for what the store
// writes now (version 2) and the one decoder every reader rebuilds full rows through.
import FrontDeskLedger
import GRDB

/// One row a ledger entry wrote, rebuilt in full: every ledgered column of its table, with the
/// values the payload leaves implied filled in.
struct LedgerRowChange: Equatable {
    let table: String
    let row: [String: JSONValue]

    /// The payload version the store writes. Version 1: `{"row":{every column},"table":"…"}`, one row
    /// per entry. Version 2: `{"rows":[{"row":{…},"table":"…"},…]}`, one or more rows per entry, each
    /// leaving out a column whose value is implied: NULL for most columns; for `created_at`/`updated_at`
    /// this entry's `occurred_at`, for `created_by`/`updated_by` this entry's `actor_id`.
    static let currentVersion: Int64 = 2

    /// The columns version 2 fills from the entry's envelope when the row leaves them out.
    static let stampColumns: Set<String> = ["created_at", "updated_at", "created_by", "updated_by"]

    /// The value a version-2 row leaves implied for `column`.
    static func implied(_ column: String, occurredAt: String, actorID: String?) -> JSONValue {
        switch column {
        case "created_at", "updated_at": return .string(occurredAt)
        case "created_by", "updated_by": return actorID.map(JSONValue.string) ?? .null
        default: return .null
        }
    }

    /// The canonical version-2 payload of `rows` (each every column as stored, credential columns
    /// already left out), written by an entry at `occurredAt` by `actorID`.
    static func encode(_ rows: [(table: String, row: [String: JSONValue])], occurredAt: String, actorID: String?) throws -> [UInt8] {
        let items: [JSONValue] = rows.map { change in
            var kept: [String: JSONValue] = [:]
            for (column, value) in change.row where value != implied(column, occurredAt: occurredAt, actorID: actorID) {
                kept[column] = value
            }
            return .object(["row": .object(kept), "table": .string(change.table)])
        }
        return try CanonicalJSON.bytes(.object(["rows": .array(items)]))
    }

    /// The rows the entry wrote, rebuilt in full; nil when its payload is not a row change of a
    /// known version. `columns` gives a table's ledgered columns (nil for a table the store does not
    /// have: its row is returned as the payload carries it). A column the payload carries that the
    /// table lacks is kept, so that a check can name it.
    static func decode(
        version: Int64, payload: JSONValue, occurredAt: String, actorID: String?, columns: (String) -> [String]?
    ) -> [LedgerRowChange]? {
        switch version {
        case 1:
            guard case .object(let members) = payload, members.count == 2, let table = members["table"]?.stringValue,
                case .object(let row)? = members["row"]
            else { return nil }
            return [LedgerRowChange(table: table, row: row)]
        case 2:
            guard case .object(let members) = payload, members.count == 1, case .array(let items)? = members["rows"],
                !items.isEmpty
            else { return nil }
            var out: [LedgerRowChange] = []
            for item in items {
                guard case .object(let change) = item, change.count == 2, let table = change["table"]?.stringValue,
                    case .object(let row)? = change["row"]
                else { return nil }
                var full = row
                for column in columns(table) ?? [] where full[column] == nil {
                    full[column] = implied(column, occurredAt: occurredAt, actorID: actorID)
                }
                out.append(LedgerRowChange(table: table, row: full))
            }
            return out
        default:
            return nil
        }
    }

    /// The rows of the stored entry at `seq`, rebuilt in full (nil when it is not a row change).
    static func decode(seq: Int64, _ db: Database, columns: (String) -> [String]?) throws -> [LedgerRowChange]? {
        guard let entry = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT version, payload, occurred_at, actor_id FROM ledger_entries WHERE seq = ?"),
            arguments: [seq]),
            let payload = try? JSONValue.parse(entry[1] as String)
        else { return nil }
        return decode(version: entry[0], payload: payload, occurredAt: entry[2], actorID: entry[3], columns: columns)
    }
}

/// The ledgered columns of each table (its columns, credential columns left out), read from the
/// store's schema once per table: what a version-2 row is filled out to.
final class LedgerColumns {
    private let db: Database
    private var cache: [String: [String]?] = [:]

    init(_ db: Database) { self.db = db }

    func callAsFunction(_ table: String) -> [String]? {
        if let known = cache[table] { return known }
        let hidden = VerifyTables.privateColumns[table] ?? []
        let names = (try? String.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?)", arguments: [table])) ?? []
        let columns: [String]? = names.isEmpty ? nil : names.filter { !hidden.contains($0) }
        cache[table] = columns
        return columns
    }
}
