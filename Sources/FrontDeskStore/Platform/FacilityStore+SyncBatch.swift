// The next batch the sync agent pushes: whole transactions, in seq order, within the protocol's limits.
import FrontDeskLedger
import GRDB

/// A push body ready to send, built straight from the stored columns (`FacilityStore.pushBody`).
public struct SyncPushBody: Sendable, Equatable {
    public let firstSeq: Int64
    public let lastSeq: Int64
    public let entries: Int
    /// `{"entries":[…],"store_id":"…"}`, canonical JSON.
    public let bytes: [UInt8]
}

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
        try batch(after: seq, maxEntries: maxEntries, maxBytes: maxBytes) { row in
            let text: String = row["payload"]
            let entry = LedgerEntry(
                seq: row["seq"], entryID: row["entry_id"], facilityID: row["facility_id"], storeID: row["store_id"],
                txID: row["tx_id"], kind: row["kind"], version: row["version"], occurredAt: row["occurred_at"],
                actorID: row["actor_id"], payload: (try? JSONValue.parse(text)) ?? .string(text),
                prevHash: row["prev_hash"], hash: row["hash"])
            return (entry, try Self.wireLine(row).count)
        }
    }

    /// The same batch as `ledgerBatch`, as the push body itself: each entry's wire form written from
    /// its stored columns, the payload column copied as it is (the store writes it canonical, and the
    /// hash covers those bytes), so the agent neither parses nor re-encodes a payload. Nil when
    /// nothing waits. Byte for byte what `CanonicalJSON` makes of the entries' `wireObject`s.
    public func pushBody(after seq: Int64, maxEntries: Int = syncBatchMaxEntries,
                         maxBytes: Int = syncBatchMaxBytes) throws -> SyncPushBody? {
        let lines = try batch(after: seq, maxEntries: maxEntries, maxBytes: maxBytes) { row -> ((Int64, [UInt8]), Int) in
            let line = try Self.wireLine(row)
            return ((row["seq"], line), line.count)
        }
        guard let first = lines.first, let last = lines.last else { return nil }
        var out = [UInt8]()
        out.reserveCapacity(lines.reduce(Self.pushEnvelopeBytes) { $0 + $1.1.count + 1 })
        out.append(contentsOf: #"{"entries":["#.utf8)
        for (index, line) in lines.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: line.1)
        }
        out.append(contentsOf: #"],"store_id":"#.utf8)
        CanonicalJSON.writeString(identity.storeID, into: &out)
        out.append(UInt8(ascii: "}"))
        return SyncPushBody(firstSeq: first.0, lastSeq: last.0, entries: lines.count, bytes: out)
    }

    /// Walks the ledger after `seq` and keeps whole transactions while both limits hold; `make` turns
    /// a row into its item and the bytes its wire form takes.
    private func batch<T>(after seq: Int64, maxEntries: Int, maxBytes: Int,
                          _ make: (Row) throws -> (T, Int)) throws -> [T] {
        let budget = maxBytes - Self.pushEnvelopeBytes
        return try read { db in
            var batch: [T] = [], batchBytes = 0
            var group: [T] = [], groupBytes = 0, groupTx: String?
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
                db, sql: "SELECT \(Self.batchColumns) FROM ledger_entries WHERE seq > ? ORDER BY seq", arguments: [seq])
            while let row = try rows.next() {
                let tx: String = row[BatchColumn.txID]
                if let groupTx, groupTx != tx, !closeGroup() { return batch }
                groupTx = tx
                let (item, size) = try make(row)
                group.append(item)
                groupBytes += size + 1  // and its comma
            }
            if !group.isEmpty { _ = closeGroup() }
            return batch
        }
    }

    /// The columns `batch` selects, in this order: the wire form reads each row by position, not by
    /// name (looking columns up by name was a fifth of the agent's time while catching up).
    static let batchColumns = "seq, entry_id, facility_id, store_id, tx_id, kind, version, occurred_at, actor_id, payload, prev_hash, hash"

    /// Positions in `batchColumns`.
    enum BatchColumn {
        static let seq = 0, entryID = 1, facilityID = 2, storeID = 3, txID = 4, kind = 5, version = 6
        static let occurredAt = 7, actorID = 8, payload = 9, prevHash = 10, hash = 11
    }

    /// One entry's wire form, keys in code-point order, from the stored columns (a `batch` row).
    static func wireLine(_ row: Row) throws -> [UInt8] {
        let payload: String = row[BatchColumn.payload]
        var out = [UInt8]()
        out.reserveCapacity(payload.utf8.count + 420)
        func key(_ name: StaticString) {
            out.append(out.isEmpty ? UInt8(ascii: "{") : UInt8(ascii: ","))
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
            out.append(contentsOf: #"":"#.utf8)
        }
        func string(_ column: Int) { CanonicalJSON.writeString(row[column] as String, into: &out) }
        key("actor_id")
        if let actor: String = row[BatchColumn.actorID] { CanonicalJSON.writeString(actor, into: &out) } else { out.append(contentsOf: "null".utf8) }
        key("entry_id"); string(BatchColumn.entryID)
        key("facility_id"); string(BatchColumn.facilityID)
        key("hash"); string(BatchColumn.hash)
        key("kind"); string(BatchColumn.kind)
        key("occurred_at"); string(BatchColumn.occurredAt)
        key("payload"); out.append(contentsOf: payload.utf8)
        key("prev_hash"); string(BatchColumn.prevHash)
        key("seq"); try CanonicalJSON.writeInteger(row[BatchColumn.seq], into: &out)
        key("store_id"); string(BatchColumn.storeID)
        key("tx_id"); string(BatchColumn.txID)
        key("version"); try CanonicalJSON.writeInteger(row[BatchColumn.version], into: &out)
        out.append(UInt8(ascii: "}"))
        return out
    }
}
