// Reading the ledger back: streaming entries in seq order.
import FrontDeskLedger
import GRDB

extension FacilityStore {
    /// Calls `body` with each entry from `seq` on, in order, without holding them all in memory.
    /// A payload that no longer parses is passed as a string, so that checks can name it.
    public func forEachLedgerEntry(from seq: Int64 = 1, _ body: (LedgerEntry, _ storedPayload: String) throws -> Void) throws {
        try read { db in
            let rows = try Row.fetchCursor(
                db, sql: "SELECT * FROM ledger_entries WHERE seq >= ? ORDER BY seq", arguments: [seq])
            while let row = try rows.next() {
                let text: String = row["payload"]
                let payload = (try? JSONValue.parse(text)) ?? .string(text)
                let entry = LedgerEntry(
                    seq: row["seq"], entryID: row["entry_id"], facilityID: row["facility_id"], storeID: row["store_id"],
                    txID: row["tx_id"], kind: row["kind"], version: row["version"], occurredAt: row["occurred_at"],
                    actorID: row["actor_id"], payload: payload, prevHash: row["prev_hash"], hash: row["hash"])
                try body(entry, text)
            }
        }
    }

    /// The last seq and hash (0 and 64 zeros for an empty ledger).
    public func ledgerHead() throws -> (seq: Int64, hash: String) {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT seq, hash FROM ledger_entries ORDER BY seq DESC LIMIT 1")
            else { return (0, LedgerEntry.genesisHash) }
            return (row["seq"], row["hash"])
        }
    }

    /// The ledger head now, as reports print it (`Ledger head 48213:3fa9c2e01b7d`).
    public func currentLedgerHead() throws -> LedgerHead {
        let head = try ledgerHead()
        return LedgerHead(seq: head.seq, hash: head.hash)
    }

    /// The head as it stood when `shift` closed: the last entry of the transaction that closed it
    /// (so a reprinted Z-report carries the same anchor). The current head for a shift still open.
    public func ledgerHead(atCloseOf shift: CashierShift) throws -> LedgerHead {
        guard shift.status == .closed else { return try currentLedgerHead() }
        return try read { db in
            try Self.ledgerHead(afterLastChangeOf: CashierShift.databaseTableName, key: shift.shiftID, db: db)
        } ?? currentLedgerHead()
    }

    /// The last entry of the transaction that last changed a record (one transaction's entries are
    /// contiguous: they are written under the write lock). Found through `record_changes`.
    static func ledgerHead(afterLastChangeOf table: String, key: String, db: Database) throws -> LedgerHead? {
        guard
            let seq = try Int64.fetchOne(
                db, sql: "SELECT max(ledger_seq) FROM record_changes WHERE table_name = ? AND record_id = ?", arguments: [table, key]),
            let txID = try String.fetchOne(db, sql: "SELECT tx_id FROM ledger_entries WHERE seq = ?", arguments: [seq])
        else { return nil }
        var head: LedgerHead?
        let rows = try Row.fetchCursor(
            db, sql: "SELECT seq, hash, tx_id FROM ledger_entries WHERE seq >= ? ORDER BY seq", arguments: [seq])
        while let row = try rows.next(), (row[2] as String) == txID { head = LedgerHead(seq: row[0], hash: row[1]) }
        return head
    }
}
