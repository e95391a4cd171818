// A request's transaction as the application role for its token's facility, opened in one go.
import Logging
import NIOCore
import PostgresNIO
import Synchronization

/// A store's head row, locked until the transaction ends, and the `tx_id` of the entry at it.
struct LockedHead: Sendable {
    let head: StoreHead
    let txID: String?
}

/// The transaction a request runs in: its connection and the token's facility, with the head of the
/// store the body named first already locked when it was named in time.
struct FacilityTransaction: Sendable {
    let connection: PostgresConnection
    let facilityID: String
    /// The store named early and its head as locked at the start (nil: no row yet, or none named).
    let early: (storeID: String, head: LockedHead?)?
    private let pending = PendingStatements()

    /// Opens the transaction: `BEGIN`, the token's facility with the application role and the setting
    /// row-level security reads, and the head of `earlyStore` (if given) locked. The three are
    /// queued on the connection together, so PostgreSQL runs them back to back: waking this task between
    /// them was most of the time a push took before its first insert (`scripts/bench sync`). 401 for a
    /// token that names no facility; the closure's error as it was thrown, after a rollback.
    static func run<T: Sendable>(
        token: String?, client: PostgresClient, logger: Logger,
        earlyStore storeID: String? = nil,
        _ body: @Sendable (FacilityTransaction) async throws -> T
    ) async throws -> T {
        guard let token, !token.isEmpty else { throw PushRefusal.unauthorized }
        return try await client.withConnection { connection in
            let begin: EventLoopFuture<PostgresQueryResult> = connection.query("BEGIN", logger: logger)
            let facility: EventLoopFuture<PostgresQueryResult> = connection.query("""
                SELECT f, set_config(\(CentralSchema.facilitySetting), coalesce(f, ''), true),
                       set_config('role', \(CentralSchema.appRole), true)
                FROM (SELECT central.facility_for_token(\(FacilityToken.hash(token)))::text AS f) AS token
                """, logger: logger)
            let head: EventLoopFuture<PostgresQueryResult>? = storeID.map {
                connection.query(lockHeadQuery(storeID: $0), logger: logger)
            }
            // Every one answered before anything else is sent: the connection goes back to the pool idle.
            let began = await outcome(of: begin)
            let found = await outcome(of: facility)
            let locked = await head.asyncMap { await outcome(of: $0) }
            _ = try began.get()
            let opened: FacilityTransaction
            do {
                let facilityID = try found.get().first.flatMap { try $0.decode((String?, String, String).self).0 }
                guard let facilityID else { throw PushRefusal.unauthorized }
                let early = try storeID.map { ($0, try locked?.get().first.map(lockedHead)) }
                opened = FacilityTransaction(connection: connection, facilityID: facilityID, early: early)
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: logger)
                throw error
            }
            let value: T
            do {
                value = try await body(opened)
            } catch {
                await opened.settle()
                _ = try? await connection.query("ROLLBACK", logger: logger)
                throw error
            }
            await opened.settle()
            // A failed COMMIT has ended the transaction all the same (PostgreSQL rolls it back). One that
            // PostgreSQL turned into a ROLLBACK (a statement before it failed unseen) is a failure too.
            let committed = try await connection.query("COMMIT", logger: logger).get()
            guard committed.metadata.command == "COMMIT" else { throw TransactionRolledBack(command: committed.metadata.command) }
            return value
        }
    }

    /// Sends `statement` now, without waiting for its answer (the caller goes on checking the batch while
    /// PostgreSQL inserts), and keeps it to be waited for before the transaction ends.
    ///
    /// Why the wait is kept here and not left to callers: a connection that has not prepared the statement
    /// yet prepares it first and only then runs it, so it can reach PostgreSQL after a COMMIT or ROLLBACK
    /// sent later. It would then run on its own, outside the transaction and its head lock: a refused
    /// batch kept, or a loser of two forks inserting after the winner (Tests/sync/test_push_fresh_connections.py).
    func send(_ statement: InsertEntries, logger: Logger) -> Task<Void, any Error> {
        let connection = connection
        let task = Task.immediate { _ = try await connection.execute(statement, logger: logger) }
        pending.add(task)
        return task
    }

    /// Waits until every statement `send` sent has been answered, whatever the answers.
    private func settle() async {
        for task in pending.takeAll() { _ = await task.result }
    }

    /// The head of `storeID`, locked (from the start when the store was named early), its row made at 0
    /// for a store never seen: pushes of one store are serialised, whichever `serve` process takes them.
    func lockHead(storeID: String, logger: Logger) async throws -> LockedHead {
        if let early, early.storeID == storeID, let head = early.head { return head }
        for attempt in 0..<2 {
            let rows = try await connection.query(Self.lockHeadQuery(storeID: storeID), logger: logger)
            for try await row in rows { return try Self.lockedHead(row) }
            // A store never seen: its row first (another process may make it at the same instant).
            guard attempt == 0 else { break }
            try await connection.query("""
                INSERT INTO central.store_heads (facility_id, store_id) VALUES (\(facilityID)::uuid, \(storeID))
                ON CONFLICT (facility_id, store_id) DO NOTHING
                """, logger: logger)
        }
        throw PushRefusal.unauthorized
    }

    /// The head row locked, with the `tx_id` of the entry at it. Planned afresh each time, not prepared:
    /// a generic plan made while the store's partition was small kept scanning it whole as it grew (a
    /// backlog after a quiet spell went four times slower). The facility is the one the transaction's
    /// setting names, the token's: the statement may be queued before the token's answer is back.
    static func lockHeadQuery(storeID: String) -> PostgresQuery {
        """
        SELECT h.last_seq, h.last_hash,
               (SELECT e.tx_id FROM central.ledger_entries e WHERE e.facility_id = h.facility_id
                  AND e.store_id = h.store_id AND e.seq = h.last_seq)
        FROM central.store_heads h
        WHERE h.facility_id = nullif(current_setting(\(CentralSchema.facilitySetting), true), '')::uuid
          AND h.store_id = \(storeID) FOR UPDATE OF h
        """
    }

    private static func lockedHead(_ row: PostgresRow) throws -> LockedHead {
        let (seq, hash, txID) = try row.decode((Int64, String, String?).self)
        return LockedHead(head: StoreHead(seq: seq, hash: hash), txID: txID)
    }

    private static func outcome(of future: EventLoopFuture<PostgresQueryResult>) async -> Result<PostgresQueryResult, any Error> {
        do { return .success(try await future.get()) } catch { return .failure(error) }
    }
}

/// The statements a transaction sent and has not yet seen answered (`FacilityTransaction.send`).
private final class PendingStatements: Sendable {
    private let tasks = Mutex<[Task<Void, any Error>]>([])
    func add(_ task: Task<Void, any Error>) { tasks.withLock { $0.append(task) } }
    func takeAll() -> [Task<Void, any Error>] { tasks.withLock { tasks in defer { tasks = [] }; return tasks } }
}

/// PostgreSQL answered the COMMIT with something else (a ROLLBACK, after a statement failed).
struct TransactionRolledBack: Error, CustomStringConvertible {
    let command: String
    var description: String { "the transaction was not committed (PostgreSQL answered \(command))" }
}

extension Optional {
    fileprivate func asyncMap<U>(_ transform: (Wrapped) async -> U) async -> U? {
        guard let value = self else { return nil }
        return await transform(value)
    }
}
