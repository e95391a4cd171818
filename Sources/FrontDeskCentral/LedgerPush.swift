// A push answered in one PostgreSQL transaction with the store's head row locked (ledger-protocol.md §3).
import FrontDeskLedger
import Logging
import PostgresNIO

/// The head a store has on the server.
public struct StoreHead: Sendable, Equatable {
    public var seq: Int64
    public var hash: String

    public static let empty = StoreHead(seq: 0, hash: LedgerEntry.genesisHash)

    var replyBody: JSONValue { ["acked_seq": .int(seq), "acked_hash": .string(hash)] }
}

/// What a push did.
public struct PushOutcome: Sendable {
    public let head: StoreHead
    /// Entries new to the server, stored by this push.
    public let stored: Int
    /// Entries the server already had (a retried batch).
    public let skipped: Int
}

/// The database side of the protocol. Every call is one transaction acting as the application role,
/// scoped by row-level security to the token's facility.
public enum LedgerPush {
    /// The facility a token speaks for, or nil (unknown or revoked).
    static func facility(forToken token: String, on connection: PostgresConnection, logger: Logger) async throws -> String? {
        let rows = try await connection.query(
            "SELECT central.facility_for_token(\(FacilityToken.hash(token)))::text", logger: logger)
        for try await (id) in rows.decode(String?.self) { return id }
        return nil
    }

    /// Runs `body` in a transaction as the application role, for the token's facility; 401 without one.
    static func asFacility<T: Sendable>(
        token: String?, client: PostgresClient, logger: Logger,
        _ body: @Sendable (PostgresConnection, String) async throws -> T
    ) async throws -> T {
        guard let token, !token.isEmpty else { throw PushRefusal.unauthorized }
        do {
            return try await transaction(token: token, client: client, logger: logger, body)
        } catch let error as PostgresTransactionError {
            // A refusal thrown inside rolled the transaction back; it is the answer, not a database failure.
            throw error.closureError ?? error.beginError ?? error.commitError ?? error
        }
    }

    private static func transaction<T: Sendable>(
        token: String, client: PostgresClient, logger: Logger,
        _ body: @Sendable (PostgresConnection, String) async throws -> T
    ) async throws -> T {
        try await client.withTransaction(logger: logger) { connection in
            try await connection.query("SET LOCAL ROLE \(unescaped: CentralSchema.appRole)", logger: logger)
            guard let facilityID = try await facility(forToken: token, on: connection, logger: logger) else {
                throw PushRefusal.unauthorized
            }
            try await connection.query(
                "SELECT set_config(\(CentralSchema.facilitySetting), \(facilityID), true)", logger: logger)
            return try await body(connection, facilityID)
        }
    }

    /// `GET /v1/ledger/head`: the store's head (0 and 64 zeros for a store never seen).
    public static func head(storeID: String, token: String?, client: PostgresClient, logger: Logger) async throws
        -> (facilityID: String, head: StoreHead)
    {
        try await asFacility(token: token, client: client, logger: logger) { connection, facilityID in
            let rows = try await connection.query(
                "SELECT last_seq, last_hash FROM central.store_heads WHERE facility_id = \(facilityID)::uuid AND store_id = \(storeID)",
                logger: logger)
            for try await (seq, hash) in rows.decode((Int64, String).self) { return (facilityID, StoreHead(seq: seq, hash: hash)) }
            return (facilityID, .empty)
        }
    }

    /// The facility a token speaks for, checked in a transaction of its own (before reading a body).
    public static func authorize(token: String?, client: PostgresClient, logger: Logger) async throws -> String {
        try await asFacility(token: token, client: client, logger: logger) { _, facilityID in facilityID }
    }

    /// `POST /v1/ledger/push`, after the token and the body have been checked.
    public static func push(_ request: PushRequest, facilityID: String, token: String?, client: PostgresClient, logger: Logger)
        async throws -> PushOutcome
    {
        try await asFacility(token: token, client: client, logger: logger) { connection, tokenFacility in
            guard tokenFacility == facilityID else { throw PushRefusal.unauthorized }  // revoked and reissued meanwhile
            let head = try await lockHead(facilityID: facilityID, storeID: request.storeID, on: connection, logger: logger)
            let plan = try await plan(request, head: head, facilityID: facilityID, on: connection, logger: logger)
            guard !plan.new.isEmpty else { return PushOutcome(head: head, stored: 0, skipped: plan.skipped) }
            try await insert(plan.new, facilityID: facilityID, on: connection, logger: logger)
            let last = plan.new[plan.new.count - 1].entry
            try await connection.query("""
                UPDATE central.store_heads SET last_seq = \(last.seq), last_hash = \(last.hash), last_push_at = now(),
                  last_occurred_at = \(last.occurredAt)
                WHERE facility_id = \(facilityID)::uuid AND store_id = \(request.storeID)
                """, logger: logger)
            return PushOutcome(head: StoreHead(seq: last.seq, hash: last.hash), stored: plan.new.count, skipped: plan.skipped)
        }
    }

    /// The store's head row, created at 0 if new, locked until the transaction ends: pushes of one
    /// store are serialised, whichever `serve` process takes them.
    static func lockHead(facilityID: String, storeID: String, on connection: PostgresConnection, logger: Logger) async throws -> StoreHead {
        try await connection.query("""
            INSERT INTO central.store_heads (facility_id, store_id) VALUES (\(facilityID)::uuid, \(storeID))
            ON CONFLICT (facility_id, store_id) DO NOTHING
            """, logger: logger)
        let rows = try await connection.query("""
            SELECT last_seq, last_hash FROM central.store_heads
            WHERE facility_id = \(facilityID)::uuid AND store_id = \(storeID) FOR UPDATE
            """, logger: logger)
        for try await (seq, hash) in rows.decode((Int64, String).self) { return StoreHead(seq: seq, hash: hash) }
        throw PushRefusal.unauthorized
    }

    /// Sorts the batch against the head: entries already held (same hash: skipped; another: divergence),
    /// then the new ones, which must start at head+1, not continue a stored transaction, and chain.
    static func plan(_ request: PushRequest, head: StoreHead, facilityID: String, on connection: PostgresConnection, logger: Logger)
        async throws -> (new: [PushedEntry], skipped: Int)
    {
        let old = request.entries.prefix { $0.entry.seq <= head.seq }
        if let first = old.first?.entry.seq, let last = old.last?.entry.seq {
            var stored: [Int64: String] = [:]
            let rows = try await connection.query("""
                SELECT seq, hash FROM central.ledger_entries WHERE facility_id = \(facilityID)::uuid
                  AND store_id = \(request.storeID) AND seq BETWEEN \(first) AND \(last)
                """, logger: logger)
            for try await (seq, hash) in rows.decode((Int64, String).self) { stored[seq] = hash }
            if let differing = old.first(where: { stored[$0.entry.seq] != $0.entry.hash }) {
                throw PushRefusal.divergence(seq: differing.entry.seq)
            }
        }
        let new = Array(request.entries.dropFirst(old.count))
        guard let first = new.first?.entry else { return ([], old.count) }
        guard first.seq == head.seq + 1 else { throw PushRefusal.gap(expectedSeq: head.seq + 1) }
        if head.seq > 0 {
            let rows = try await connection.query("""
                SELECT tx_id FROM central.ledger_entries
                WHERE facility_id = \(facilityID)::uuid AND store_id = \(request.storeID) AND seq = \(head.seq)
                """, logger: logger)
            for try await (txID) in rows.decode(String.self) where txID == first.txID {
                throw PushRefusal.splitTransaction(seq: first.seq)
            }
        }
        var previousHash = head.hash
        for item in new {
            let entry = item.entry
            guard (try? entry.computeHash(canonicalPayload: item.canonicalPayload)) == entry.hash,
                  entry.prevHash == previousHash
            else { throw PushRefusal.badHash(seq: entry.seq) }
            previousHash = entry.hash
        }
        return (new, old.count)
    }

    /// One INSERT of the whole batch, column by column as arrays: far fewer round trips than a row each.
    static func insert(_ entries: [PushedEntry], facilityID: String, on connection: PostgresConnection, logger: Logger) async throws {
        let e = entries.map(\.entry)
        let seqs = e.map(\.seq), ids = e.map(\.entryID), stores = e.map(\.storeID), txs = e.map(\.txID)
        let kinds = e.map(\.kind), versions = e.map(\.version), times = e.map(\.occurredAt)
        let actors = e.map { $0.actorID ?? "" }, prevs = e.map(\.prevHash), hashes = e.map(\.hash)
        let payloads = entries.map { String(decoding: $0.canonicalPayload, as: UTF8.self) }
        let problems = entries.map { $0.payloadProblem ?? "" }
        try await connection.query("""
            INSERT INTO central.ledger_entries (facility_id, store_id, seq, entry_id, tx_id, kind, version, occurred_at,
              actor_id, payload_text, payload, payload_problem, prev_hash, hash)
            SELECT \(facilityID)::uuid, s, q, i, t, k, v, o, nullif(a, ''), p,
                   CASE WHEN pr = '' THEN p::jsonb END, nullif(pr, ''), ph, h
            FROM unnest(\(stores)::text[], \(seqs)::bigint[], \(ids)::text[], \(txs)::text[], \(kinds)::text[],
                        \(versions)::bigint[], \(times)::text[], \(actors)::text[], \(payloads)::text[], \(problems)::text[],
                        \(prevs)::text[], \(hashes)::text[])
              AS x(s, q, i, t, k, v, o, a, p, pr, ph, h)
            """, logger: logger)
    }
}
