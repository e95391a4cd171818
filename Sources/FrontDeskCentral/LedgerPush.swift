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
    /// `GET /v1/ledger/head`: the store's head (0 and 64 zeros for a store never seen).
    public static func head(storeID: String, token: String?, client: PostgresClient, logger: Logger) async throws
        -> (facilityID: String, head: StoreHead)
    {
        try await FacilityTransaction.run(token: token, client: client, logger: logger) { transaction in
            let facilityID = transaction.facilityID
            let rows = try await transaction.connection.query(
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
                            storeHint: String?, token: String?, labels: PushLabels, client: PostgresClient, logger: Logger) async throws
        -> AcceptedPush
    {
        try await FacilityTransaction.run(token: token, client: client, logger: logger,
                                          earlyStore: storeHint) { transaction in
            let facilityID = transaction.facilityID, connection = transaction.connection
            labels.facility(facilityID)
            if let first = await firstEntries.take(),
               let accepted = try await pushInTwo(first: first, reading: reading, transaction: transaction, labels: labels,
                                                  logger: logger)
            {
                return accepted
            }
            let read = try await reading.value
            labels.store(read.storeID)
            let request = try read.checked(forFacility: facilityID)
            let locked = try await transaction.lockHead(storeID: request.storeID, logger: logger)
            let head = locked.head
            let plan = try await plan(request, head: head, headTxID: locked.txID, facilityID: facilityID, on: connection, logger: logger)
            guard !plan.new.isEmpty else {
                return AcceptedPush(request: request, outcome: PushOutcome(head: head, stored: 0, skipped: plan.skipped), statements: 0)
            }
            // The chain is checked on another core while PostgreSQL inserts: nothing is committed until both
            // are done, and a bad hash rolls the insert back. A bad hash is the answer even when the insert
            // fails too, as it was when the check came first.
            let new = plan.new
            async let badHash = offThePool { firstBadHash(new, after: head.hash) }
            let insert = transaction.send(InsertEntries(new, facilityID: facilityID, storeID: request.storeID, movingHead: true),
                                          logger: logger)
            if let seq = await badHash { throw PushRefusal.badHash(seq: seq) }
            try await insert.value
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
    static func pushInTwo(first: [PushedEntry], reading: Task<PushRequest.UncheckedPush, any Error>,
                          transaction: FacilityTransaction, labels: PushLabels, logger: Logger) async throws -> AcceptedPush?
    {
        let facilityID = transaction.facilityID
        let storeID = first[0].storeID
        guard first.allSatisfy({ $0.facilityID == facilityID }), (try? PushRequest.checkShape(first, storeID: storeID)) != nil
        else { return nil }
        let locked = try await transaction.lockHead(storeID: storeID, logger: logger)
        let head = locked.head
        guard first[0].seq == head.seq + 1, locked.txID != first[0].txID else { return nil }
        labels.store(storeID)
        // Each statement is sent as soon as it is made (`FacilityTransaction.send`): PostgreSQL goes from
        // one to the next without waiting for this task to wake up in between.
        let firstInsert = transaction.send(InsertEntries(first, facilityID: facilityID, storeID: storeID, movingHead: false),
                                           logger: logger)
        // The rest, read and checked and its insert encoded, while PostgreSQL inserts the first entries.
        let read = try await reading.value
        let (request, restQuery) = try await offThePool {
            let request = try read.checked(forFacility: facilityID)
            guard request.storeID == storeID else {
                throw PushRefusal.malformed("seq \(first[0].seq): store_id is not the batch's store_id")
            }
            let rest = Array(request.entries.dropFirst(first.count))
            return (request, InsertEntries(rest, facilityID: facilityID, storeID: storeID, movingHead: true))
        }
        let entries = request.entries
        async let badHash = offThePool { firstBadHash(entries, after: head.hash) }
        let restInsert = transaction.send(restQuery, logger: logger)
        if let seq = await badHash { throw PushRefusal.badHash(seq: seq) }
        try await firstInsert.value
        try await restInsert.value
        let last = request.entries[request.entries.count - 1]
        return AcceptedPush(request: request, outcome: PushOutcome(
            head: StoreHead(seq: last.seq, hash: last.hash), stored: request.entries.count, skipped: 0), statements: 2)
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
