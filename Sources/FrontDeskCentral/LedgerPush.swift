// A push answered in one PostgreSQL transaction with the store's head row locked (ledger-protocol.md §3).
import FrontDeskLedger
import Logging
import PostgresNIO
import Synchronization

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

/// A push stored (or found already stored), with the request it came in.
public struct AcceptedPush: Sendable {
    public let request: PushRequest
    public let outcome: PushOutcome
    /// The INSERT statements it took: 2 when the first entries went ahead (`pushInTwo`), else 1 (0: all skipped).
    public var statements = 1
}

/// The facility and store a push turned out to concern, as far as it got: what its log line names.
public final class PushLabels: Sendable {
    private let known = Mutex<Logger.Metadata>([:])

    public init() {}

    func facility(_ id: String) { known.withLock { $0["facility"] = "\(id)" } }
    func store(_ id: String) { known.withLock { $0["store"] = "\(id)" } }
    var metadata: Logger.Metadata { known.withLock { $0 } }
}

/// The database side of the protocol. Every call is one transaction acting as the application role,
/// scoped by row-level security to the token's facility.
public enum LedgerPush {
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
            // One round trip: the token's facility (a SECURITY DEFINER lookup), then, for the rest of the
            // transaction, the application role and the setting row-level security reads.
            let rows = try await connection.query("""
                SELECT f, set_config(\(CentralSchema.facilitySetting), coalesce(f, ''), true),
                       set_config('role', \(CentralSchema.appRole), true)
                FROM (SELECT central.facility_for_token(\(FacilityToken.hash(token)))::text AS f) AS token
                """, logger: logger)
            var facilityID: String?
            for try await (id, _, _) in rows.decode((String?, String, String).self) { facilityID = id }
            guard let facilityID else { throw PushRefusal.unauthorized }
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

    /// `POST /v1/ledger/push`. `reading` parses the body meanwhile; its refusal (413, 400) is the answer
    /// once the token is known good (401 first), and an entry of another facility is 403 before anything
    /// else about the entries is judged.
    public static func push(reading: Task<PushRequest.UncheckedPush, any Error>, firstEntries: FirstEntries,
                            token: String?, labels: PushLabels, client: PostgresClient, logger: Logger) async throws
        -> AcceptedPush
    {
        try await asFacility(token: token, client: client, logger: logger) { connection, facilityID in
            labels.facility(facilityID)
            if let first = await firstEntries.take(),
               let accepted = try await pushInTwo(first: first, reading: reading, facilityID: facilityID, labels: labels,
                                                  on: connection, logger: logger)
            {
                return accepted
            }
            let read = try await reading.value
            labels.store(read.storeID)
            let request = try read.checked(forFacility: facilityID)
            let (head, headTxID) = try await lockHead(facilityID: facilityID, storeID: request.storeID, on: connection, logger: logger)
            let plan = try await plan(request, head: head, headTxID: headTxID, facilityID: facilityID, on: connection, logger: logger)
            guard !plan.new.isEmpty else {
                return AcceptedPush(request: request, outcome: PushOutcome(head: head, stored: 0, skipped: plan.skipped), statements: 0)
            }
            // The chain is checked on another core while PostgreSQL inserts: nothing is committed until both
            // are done, and a bad hash rolls the insert back. A bad hash is the answer even when the insert
            // fails too, as it was when the check came first.
            let new = plan.new
            async let badHash = offThePool { firstBadHash(new, after: head.hash) }
            do {
                _ = try await connection.execute(InsertEntries(new, facilityID: facilityID, storeID: request.storeID, movingHead: true),
                                             logger: logger)
            } catch {
                if let seq = await badHash { throw PushRefusal.badHash(seq: seq) }
                throw error
            }
            if let seq = await badHash { throw PushRefusal.badHash(seq: seq) }
            let last = new[new.count - 1]
            let outcome = PushOutcome(head: StoreHead(seq: last.seq, hash: last.hash), stored: new.count, skipped: plan.skipped)
            return AcceptedPush(request: request, outcome: outcome)
        }
    }

    /// A long batch that plainly continues the store's chain, stored in two statements: PostgreSQL inserts
    /// the first entries while the rest of the body is read, checked and encoded, instead of waiting for
    /// all of it. Nil, before anything is written, for any other batch (a retry, a gap, another facility's
    /// entry…): the one-statement way then judges it. Once the first entries are in, any refusal found
    /// later is thrown (the transaction rolls back), and it is the same refusal the one-statement way
    /// gives: the body's own (413, 400, 403) before a bad hash, a bad hash before a failed insert.
    static func pushInTwo(first: [PushedEntry], reading: Task<PushRequest.UncheckedPush, any Error>, facilityID: String,
                          labels: PushLabels, on connection: PostgresConnection, logger: Logger) async throws -> AcceptedPush?
    {
        let storeID = first[0].storeID
        guard first.allSatisfy({ $0.facilityID == facilityID }), (try? PushRequest.checkShape(first, storeID: storeID)) != nil
        else { return nil }
        let (head, headTxID) = try await lockHead(facilityID: facilityID, storeID: storeID, on: connection, logger: logger)
        guard first[0].seq == head.seq + 1, headTxID != first[0].txID else { return nil }
        labels.store(storeID)
        // The rest, read and checked and its insert encoded, while PostgreSQL inserts the first entries.
        async let prepared = { () async throws -> (PushRequest, InsertEntries) in
            let read = try await reading.value
            return try await offThePool {
                let request = try read.checked(forFacility: facilityID)
                guard request.storeID == storeID else {
                    throw PushRefusal.malformed("seq \(first[0].seq): store_id is not the batch's store_id")
                }
                let rest = Array(request.entries.dropFirst(first.count))
                return (request, InsertEntries(rest, facilityID: facilityID, storeID: storeID, movingHead: true))
            }
        }()
        var inserted: (any Error)?
        do {
            _ = try await connection.execute(InsertEntries(first, facilityID: facilityID, storeID: storeID, movingHead: false),
                                         logger: logger)
        } catch {
            inserted = error
        }
        let (request, restQuery) = try await prepared
        let entries = request.entries
        async let badHash = offThePool { firstBadHash(entries, after: head.hash) }
        if inserted == nil {
            do { _ = try await connection.execute(restQuery, logger: logger) } catch { inserted = error }
        }
        if let seq = await badHash { throw PushRefusal.badHash(seq: seq) }
        if let inserted { throw inserted }
        let last = request.entries[request.entries.count - 1]
        return AcceptedPush(request: request, outcome: PushOutcome(
            head: StoreHead(seq: last.seq, hash: last.hash), stored: request.entries.count, skipped: 0), statements: 2)
    }

    /// The store's head row, created at 0 if new, locked until the transaction ends: pushes of one
    /// store are serialised, whichever `serve` process takes them. With it, the `tx_id` of the entry at
    /// the head, which the next entry must not continue.
    static func lockHead(facilityID: String, storeID: String, on connection: PostgresConnection, logger: Logger) async throws
        -> (head: StoreHead, txID: String?)
    {
        for attempt in 0..<2 {
            // Planned afresh each time, not prepared: a generic plan made while the store's partition was
            // small kept scanning it whole as it grew (a backlog after a quiet spell went four times slower).
            let rows = try await connection.query("""
                SELECT h.last_seq, h.last_hash,
                       (SELECT e.tx_id FROM central.ledger_entries e WHERE e.facility_id = h.facility_id
                          AND e.store_id = h.store_id AND e.seq = h.last_seq)
                FROM central.store_heads h
                WHERE h.facility_id = \(facilityID)::uuid AND h.store_id = \(storeID) FOR UPDATE OF h
                """, logger: logger)
            for try await (seq, hash, txID) in rows.decode((Int64, String, String?).self) {
                return (StoreHead(seq: seq, hash: hash), txID)
            }
            // A store never seen: its row first (another process may make it at the same instant).
            guard attempt == 0 else { break }
            try await connection.query("""
                INSERT INTO central.store_heads (facility_id, store_id) VALUES (\(facilityID)::uuid, \(storeID))
                ON CONFLICT (facility_id, store_id) DO NOTHING
                """, logger: logger)
        }
        throw PushRefusal.unauthorized
    }

    /// Sorts the batch against the head: entries already held (same hash: skipped; another: divergence),
    /// then the new ones, which must start at head+1 and not continue a stored transaction (whether they
    /// chain is `firstBadHash`).
    static func plan(_ request: PushRequest, head: StoreHead, headTxID: String?, facilityID: String, on connection: PostgresConnection,
                     logger: Logger)
        async throws -> (new: [PushedEntry], skipped: Int)
    {
        let old = request.entries.prefix { $0.seq <= head.seq }
        if let first = old.first?.seq, let last = old.last?.seq {
            var stored: [Int64: String] = [:]
            let rows = try await connection.query("""
                SELECT seq, hash FROM central.ledger_entries WHERE facility_id = \(facilityID)::uuid
                  AND store_id = \(request.storeID) AND seq BETWEEN \(first) AND \(last)
                """, logger: logger)
            for try await (seq, hash) in rows.decode((Int64, String).self) { stored[seq] = hash }
            if let differing = old.first(where: { stored[$0.seq] != $0.hash }) {
                throw PushRefusal.divergence(seq: differing.seq)
            }
        }
        let new = Array(request.entries.dropFirst(old.count))
        guard let first = new.first else { return ([], old.count) }
        guard first.seq == head.seq + 1 else { throw PushRefusal.gap(expectedSeq: head.seq + 1) }
        if headTxID == first.txID { throw PushRefusal.splitTransaction(seq: first.seq) }
        return (new, old.count)
    }

    /// The seq of the first entry whose hash is not its own or does not follow the one before, or nil
    /// when the whole run chains on from `previous`.
    static func firstBadHash(_ entries: [PushedEntry], after previous: String) -> Int64? {
        var previousHash = previous
        for entry in entries {
            guard entry.prevHash == previousHash, (try? entry.computedHash()) == entry.hash else { return entry.seq }
            previousHash = entry.hash
        }
        return nil
    }
}
