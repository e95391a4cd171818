// `frontdesk-central verify`: recomputes every chain held from seq 1, as ledger-protocol.md §5 says anyone can.
import FrontDeskLedger
import Logging
import PostgresNIO

/// One store's chain, checked.
public struct ChainReport: Sendable {
    public let facilityID: String
    public let storeID: String
    public let entries: Int64
    public let fault: String?

    public var line: String {
        "facility \(facilityID) store \(storeID): " + (fault.map { "BAD at \($0)" } ?? "\(entries) entries, chain verifies")
    }
}

/// Walks each store's entries in seq order without holding them in memory.
public enum CentralVerify {
    public static func run(facility: String?, client: PostgresClient, logger: Logger) async throws -> [ChainReport] {
        var stores: [(String, String, StoreHead)] = []
        let rows = try await client.query("""
            SELECT facility_id::text, store_id, last_seq, last_hash FROM central.store_heads
            WHERE \(facility?.lowercased())::uuid IS NULL OR facility_id = \(facility?.lowercased())::uuid
            ORDER BY facility_id, store_id
            """, logger: logger)
        for try await (f, s, seq, hash) in rows.decode((String, String, Int64, String).self) { stores.append((f, s, StoreHead(seq: seq, hash: hash))) }
        if let facility, stores.isEmpty { throw CentralError.notFound("facility \(facility) has pushed nothing (or is not registered)") }
        var reports: [ChainReport] = []
        for (facilityID, storeID, head) in stores {
            reports.append(try await check(facilityID: facilityID, storeID: storeID, head: head, client: client, logger: logger))
        }
        return reports
    }

    static func check(facilityID: String, storeID: String, head: StoreHead, client: PostgresClient, logger: Logger) async throws -> ChainReport {
        var checker = ChainChecker(facilityID: facilityID, storeID: storeID)
        let rows = try await client.query("""
            SELECT seq, entry_id, facility_id::text, store_id, tx_id, kind, version, occurred_at, actor_id, payload_text,
                   prev_hash, hash
            FROM central.ledger_entries WHERE facility_id = \(facilityID)::uuid AND store_id = \(storeID) ORDER BY seq
            """, logger: logger)
        var count: Int64 = 0
        func report(_ fault: String?) -> ChainReport {
            ChainReport(facilityID: facilityID, storeID: storeID, entries: count, fault: fault)
        }
        for try await row in rows {
            let (seq, entryID, facility, store, tx, kind, version, occurredAt, actor, payloadText, prevHash, hash) =
                try row.decode((Int64, String, String, String, String, String, Int64, String, String?, String, String, String).self)
            let payload: JSONValue
            do { payload = try JSONValue.parse(payloadText) } catch { return report("seq \(seq): payload unreadable (\(error))") }
            let stored = Array(payloadText.utf8)
            guard (try? CanonicalJSON.bytes(payload)) == stored else { return report(ChainFault.nonCanonicalPayload(seq: seq).description) }
            let entry = LedgerEntry(seq: seq, entryID: entryID, facilityID: facility, storeID: store, txID: tx, kind: kind,
                                    version: version, occurredAt: occurredAt, actorID: actor, payload: payload,
                                    prevHash: prevHash, hash: hash)
            do { try checker.check(entry, canonicalPayload: stored) } catch { return report("\(error)") }
            count += 1
        }
        guard checker.lastGoodSeq == head.seq, checker.lastHash == head.hash else {
            return report("the head says seq \(head.seq) (\(head.hash.prefix(12))) but the chain ends at seq \(checker.lastGoodSeq)")
        }
        return report(nil)
    }
}
