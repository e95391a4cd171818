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
            let rows = try Row.fetchCursor(db, sql: "SELECT * FROM ledger_entries WHERE seq > ? ORDER BY seq", arguments: [seq])
            while let row = try rows.next() {
                let tx: String = row["tx_id"]
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

    /// One entry's wire form, keys in code-point order, from the stored columns.
    static func wireLine(_ row: Row) throws -> [UInt8] {
        let payload: String = row["payload"]
        var out = [UInt8]()
        out.reserveCapacity(payload.utf8.count + 420)
        func key(_ name: String) {
            out.append(out.isEmpty ? UInt8(ascii: "{") : UInt8(ascii: ","))
            CanonicalJSON.writeString(name, into: &out)
            out.append(UInt8(ascii: ":"))
        }
        func string(_ column: String) { CanonicalJSON.writeString(row[column] as String, into: &out) }
        key("actor_id")
        if let actor: String = row["actor_id"] { CanonicalJSON.writeString(actor, into: &out) } else { out.append(contentsOf: "null".utf8) }
        key("entry_id"); string("entry_id")
        key("facility_id"); string("facility_id")
        key("hash"); string("hash")
        key("kind"); string("kind")
        key("occurred_at"); string("occurred_at")
        key("payload"); out.append(contentsOf: payload.utf8)
        key("prev_hash"); string("prev_hash")
        key("seq"); try CanonicalJSON.writeInteger(row["seq"], into: &out)
        key("store_id"); string("store_id")
        key("tx_id"); string("tx_id")
        key("version"); try CanonicalJSON.writeInteger(row["version"], into: &out)
        out.append(UInt8(ascii: "}"))
        return out
    }
}
