// Stock on hand of every batch as a fold over the append-only stock ledger, read on from where it last stopped.
import Foundation
import GRDB
import Synchronization

/// Every batch's stock on hand (and what its receipts cost), folded from `stock_movements` in rowid order.
/// The table only ever grows (triggers refuse updates and deletes), so a fold taken up to some rowid stays
/// true, and bringing it up to date reads only the rows appended since: the alerts and the stock report of
/// a large pharmacy read a handful of rows instead of a million. It is a cache of sums, never a stored
/// number: a fold that no longer matches its store (a restore, another file at the same path) is rebuilt.
final class StockFold: Sendable {
    struct State {
        var lastRowid: Int64 = 0
        var lastMovementID = ""
        var onHand: [String: Int] = [:]
        var receivedCost: [String: Int64] = [:]
        var receivedUnits: [String: Int64] = [:]
    }

    private let state = Mutex(State())

    /// One fold per store file and identity, shared by the store's connections in this process.
    private static let folds = Mutex<[String: StockFold]>([:])

    static func shared(for key: String) -> StockFold {
        folds.withLock { all in
            if let fold = all[key] { return fold }
            let fold = StockFold()
            all[key] = fold
            return fold
        }
    }

    /// The fold brought up to the snapshot `db` reads.
    func current(_ db: Database) throws -> State {
        var folded = state.withLock { $0 }
        var keep = true, reset = false
        if folded.lastRowid > 0 {
            let still = try String.fetchOne(db.cachedStatement(sql: "SELECT movement_id FROM stock_movements WHERE rowid = ?"),
                                            arguments: [folded.lastRowid])
            if still != folded.lastMovementID {
                // Another file under this name, or (the row not there yet) a snapshot older than the fold: fold this
                // snapshot afresh, and keep the result only when the stored fold was wrong rather than ahead.
                keep = still != nil
                reset = keep
                folded = State()
            }
        }
        let rows = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT rowid, movement_id, batch_id, type, quantity, cost_minor FROM stock_movements WHERE rowid > ? ORDER BY rowid
            """), arguments: [folded.lastRowid])
        var advanced = false
        while let row = try rows.next() {
            let batch: String = row[2]
            let quantity: Int = row[4]
            folded.onHand[batch, default: 0] += quantity
            if (row[3] as String) == MovementType.received.rawValue {
                folded.receivedCost[batch, default: 0] += (row[5] as Int64?) ?? 0
                folded.receivedUnits[batch, default: 0] += Int64(quantity)
            }
            folded.lastRowid = row[0]
            folded.lastMovementID = row[1]
            advanced = true
        }
        if advanced, keep {
            let result = folded
            state.withLock { stored in
                if result.lastRowid > stored.lastRowid || reset { stored = result }
            }
        }
        return folded
    }
}
