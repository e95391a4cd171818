// The next batch the sync agent pushes: whole transactions, in seq order, within the protocol's limits.
import FrontDeskLedger
import GRDB

extension FacilityStore {
    /// The protocol's limits on one push (ledger-protocol.md §3).
    public static let syncBatchMaxEntries = 500
    public static let syncBatchMaxBytes = 1 << 20

    /// The bytes a push body adds around its entries: `{"entries":[` … `],"store_id":"<36>"}`.
    static let pushEnvelopeBytes = #"{"entries":[],"store_id":""}"#.utf8.count + 36

    /// The entries after `seq`, in seq order, made of whole transactions only (a batch never splits a
    /// `tx_id`), at most `maxEntries` and `maxBytes` of push body. A transaction that alone exceeds a
    /// limit is returned alone: the server answers it 413, which the agent raises as an alarm rather
    /// than splitting what must stay whole. Empty when nothing waits.
    public func ledgerBatch(after seq: Int64, maxEntries: Int = syncBatchMaxEntries,
                            maxBytes: Int = syncBatchMaxBytes) throws -> [LedgerEntry] {
        let budget = maxBytes - Self.pushEnvelopeBytes
        return try read { db in
            var batch: [LedgerEntry] = [], batchBytes = 0
            var group: [LedgerEntry] = [], groupBytes = 0
            // Adds the finished transaction to the batch if it fits; false when the batch is complete.
            func closeGroup() -> Bool {
                if !batch.isEmpty, batch.count + group.count > maxEntries || batchBytes + groupBytes > budget { return false }
                batch += group
                batchBytes += groupBytes
                group = []
                groupBytes = 0
                return batch.count < maxEntries && batchBytes < budget
            }
            let rows = try Row.fetchCursor(
                db, sql: "SELECT * FROM ledger_entries WHERE seq > ? ORDER BY seq", arguments: [seq])
            while let row = try rows.next() {
                let text: String = row["payload"]
                let entry = LedgerEntry(
                    seq: row["seq"], entryID: row["entry_id"], facilityID: row["facility_id"], storeID: row["store_id"],
                    txID: row["tx_id"], kind: row["kind"], version: row["version"], occurredAt: row["occurred_at"],
                    actorID: row["actor_id"], payload: (try? JSONValue.parse(text)) ?? .string(text),
                    prevHash: row["prev_hash"], hash: row["hash"])
                if let last = group.last, last.txID != entry.txID, !closeGroup() { return batch }
                group.append(entry)
                groupBytes += try Self.wireSize(of: entry, payloadBytes: text.utf8.count)
            }
            if !group.isEmpty { _ = closeGroup() }
            return batch
        }
    }

    /// The bytes `entry` takes in a push body, its separating comma included: the envelope with a
    /// `null` payload, plus the stored payload's length (the stored text is the canonical form).
    static func wireSize(of entry: LedgerEntry, payloadBytes: Int) throws -> Int {
        var envelope = entry
        envelope.payload = .null
        return try CanonicalJSON.bytes(envelope.wireObject).count - 4 + payloadBytes + 1
    }
}
