// verify's one pass over the ledger in seq order: the chain, the audit beside each entry,
// and the state the entries build (a fingerprint of the last row per record).
import FrontDeskLedger
import GRDB

/// The state the ledger describes, one 40-byte slot per record, built by reading it once.
struct LedgerReplay {
    /// The last ledger row of a record: its fingerprint and the seq that wrote it.
    struct Slot {
        var digest: Bits128
        var seq: Int64
    }

    let tables: VerifyTables
    /// Per table (as `tables.tables`), the last row of each record the ledger wrote.
    var state: [[Bits128: Slot]]
    var issued = IssuedNumbers()
    var head = LedgerHead(seq: 0, hash: LedgerEntry.genesisHash)
    var entries = 0
    var audits = 0

    init(tables: VerifyTables, db: Database) throws {
        self.tables = tables
        // Sized from the tables' row counts, so the maps do not grow (and briefly double) midway.
        state = try tables.tables.map { table in
            var slots: [Bits128: Slot] = [:]
            slots.reserveCapacity(try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table.name.quotedDatabaseIdentifier)") ?? 0)
            return slots
        }
    }

    /// Reads every entry in seq order: checks the chain until its first fault, matches the audit
    /// record written with each entry, and records the row each entry leaves.
    mutating func run(_ db: Database, identity: StoreIdentity, report: inout VerifyReport) throws {
        var checker = ChainChecker(facilityID: identity.facilityID, storeID: identity.storeID)
        var chainFault: ChainFault?
        var audit = try AuditCursor(db)
        let entries = try Row.fetchCursor(db, sql: """
            SELECT seq, entry_id, facility_id, store_id, tx_id, kind, version, occurred_at, actor_id, payload, prev_hash, hash
            FROM ledger_entries ORDER BY seq
            """)
        while let row = try entries.next() {
            let text: String = row[9]
            var payload: JSONValue = .string(text)
            var parseFault: ChainFault?
            let seq: Int64 = row[0]
            do {
                payload = try JSONValue.parse(text)
            } catch JSONValueError.numberNotAllowed(let number, let isFraction) {
                parseFault = .payloadNumber(seq: seq, text: number, isFraction: isFraction)
            } catch {
                parseFault = .unreadablePayload(seq: seq, reason: "not JSON: \(error)")
            }
            let entry = LedgerEntry(
                seq: seq, entryID: row[1], facilityID: row[2], storeID: row[3], txID: row[4], kind: row[5],
                version: row[6], occurredAt: row[7], actorID: row[8], payload: payload, prevHash: row[10], hash: row[11])
            let canonical = parseFault == nil ? try? CanonicalJSON.bytes(payload) : nil
            if chainFault == nil {
                do {
                    if let parseFault { throw parseFault }
                    try checker.check(entry, canonicalPayload: canonical ?? [])
                    if !(canonical ?? []).elementsEqual(text.utf8) { throw ChainFault.nonCanonicalPayload(seq: seq) }
                } catch let fault as ChainFault {
                    chainFault = fault
                    report.firstBadSeq = fault.seq
                    report.add(.ledger, fault.description)
                }
            } else if let parseFault {
                // Past the first fault the chain is not followed, but an unreadable payload is still named.
                report.add(.ledger, parseFault.description)
            }
            self.entries += 1
            head = LedgerHead(seq: seq, hash: entry.hash)
            let changes = record(entry, canonical: canonical, report: &report)
            try audit.match(entry, changes: changes, tables: tables, db: db, report: &report)
            for change in changes { state[change.table][change.key] = Slot(digest: change.digest, seq: seq) }
        }
        try audit.finish(after: head.seq, db: db, report: &report)
        audits = audit.matched
        report.ledgerEntries = checker.lastGoodSeq
        report.head = head
    }

    /// What one entry changed: which record, its new row's canonical bytes and fingerprint, and
    /// the slot it replaces.
    struct Change {
        let table: Int
        let key: Bits128
        let keyText: String
        let row: ArraySlice<UInt8>
        let digest: Bits128
        let previous: Slot?
    }

    /// Reads an entry as row changes of ledgered tables (LedgerRowChange, either version); names
    /// what does not read as one.
    private mutating func record(_ entry: LedgerEntry, canonical: [UInt8]?, report: inout VerifyReport) -> [Change] {
        let tables = self.tables
        guard let rows = LedgerRowChange.decode(
            version: entry.version, payload: entry.payload, occurredAt: entry.occurredAt, actorID: entry.actorID,
            columns: { tables.byName[$0].map { tables.tables[$0].columns } })
        else {
            if case .object = entry.payload {
                report.add(.state, entry.version == 1
                    ? "seq \(entry.seq): the payload is not a row change ({\"row\":…,\"table\":…})"
                    : "seq \(entry.seq): the payload is not a version-\(entry.version) row change ({\"rows\":[{\"row\":…,\"table\":…}]})")
            }
            return []
        }
        var changes: [Change] = []
        for change in rows {
            guard let index = tables.byName[change.table] else {
                report.add(.state, "seq \(entry.seq): a row of \(shortKey(change.table)), which is not a ledgered table of this store")
                continue
            }
            let table = tables.tables[index]
            guard let keyText = change.row[table.keyColumn]?.stringValue else {
                report.add(.state, "seq \(entry.seq): a row of \(table.name) without its key \(table.keyColumn)")
                continue
            }
            let rowBytes: ArraySlice<UInt8>
            if entry.version == 1, let canonical, let slice = Self.rowSlice(canonical, table: change.table) {
                // A version-1 payload is canonical `{"row":{…},"table":"…"}`: the row's bytes are a slice of it.
                rowBytes = slice
            } else {
                rowBytes = ((try? CanonicalJSON.bytes(.object(change.row))) ?? [])[...]
            }
            let key = Bits128.key(keyText)
            let previous = state[index][key]
            issued.note(table: change.table, row: change.row, isFirst: previous == nil, seq: entry.seq)
            changes.append(Change(table: index, key: key, keyText: keyText, row: rowBytes, digest: Bits128.digest(rowBytes),
                                  previous: previous))
        }
        return changes
    }

    /// The bytes of the row inside a canonical version-1 payload of `table`, if it is one.
    private static func rowSlice(_ canonical: [UInt8], table: String) -> ArraySlice<UInt8>? {
        var suffix = Array(#","table":"#.utf8)
        CanonicalJSON.writeString(table, into: &suffix)
        suffix.append(UInt8(ascii: "}"))
        guard canonical.count > 7 + suffix.count, canonical.starts(with: #"{"row":"#.utf8),
            canonical.suffix(suffix.count).elementsEqual(suffix)
        else { return nil }
        return canonical[7..<(canonical.count - suffix.count)]
    }

    /// The row of `table` `key` the ledger entry at `seq` carries, rebuilt in full (re-read only to
    /// name a difference).
    func ledgerRow(at seq: Int64, table: VerifyTables.Table, key: String?, _ db: Database) throws -> [String: JSONValue]? {
        let tables = self.tables
        let rows = try LedgerRowChange.decode(seq: seq, db, columns: { tables.byName[$0].map { tables.tables[$0].columns } })
        return rows?.first { $0.table == table.name && (key == nil || $0.row[table.keyColumn]?.stringValue == key) }?.row
    }

    /// The columns where `stored` and `ledgered` differ. A column the ledger row lacks is a column
    /// a later migration added: it must hold its declared default.
    static func differences(_ stored: [String: JSONValue], _ ledgered: [String: JSONValue], table: VerifyTables.Table)
        -> [(column: String, stored: JSONValue?, ledgered: JSONValue?)]
    {
        let columns = Set(stored.keys).union(ledgered.keys).sorted()
        return columns.compactMap { column in
            let s = stored[column], l = ledgered[column]
            if s == l { return nil }
            if l == nil, let s, let fallback = table.defaults[column], s == fallback { return nil }
            return (column, s, l)
        }
    }
}
