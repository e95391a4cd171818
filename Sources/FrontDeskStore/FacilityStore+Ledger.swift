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
}
