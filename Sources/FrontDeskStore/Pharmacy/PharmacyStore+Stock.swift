// The stock ledger's other movements (adjust, issue, return to supplier, write off), and what is on hand.
import Foundation
import FrontDeskCore
import GRDB

/// A batch with its stock on hand.
public struct BatchStock: Sendable, Equatable {
    public let batch: PharmacyBatch
    public let onHand: Int
    /// Expired on the day it was read (never dispensed or issued).
    public let expired: Bool
}

/// One line of a stock card: a movement and the item's balance after it.
public struct StockCardLine: Sendable, Equatable {
    public let movement: StockMovement
    public let batchNo: String
    public let balance: Int
    /// Who wrote it (display name).
    public let by: String
}

/// An item's stock card: its batches, and its movements oldest first with the running balance.
public struct StockCard: Sendable, Equatable {
    public let item: PharmacyItem
    public let batches: [BatchStock]
    /// The balance before the first line shown (older lines are left off past `limit`).
    public let opening: Int
    public let lines: [StockCardLine]
    public var onHand: Int { batches.reduce(0) { $0 + $1.onHand } }
}

extension PharmacyStore {
    /// The item's batches with stock (or all of them), first expiry first.
    public func batches(itemID: String, withStockOnly: Bool = true) throws -> [BatchStock] {
        try read { db in try Self.batches(itemID: itemID, today: try today(db), withStockOnly: withStockOnly, db: db) }
    }

    static func batches(itemID: String, today: CalendarDay, withStockOnly: Bool, db: Database) throws -> [BatchStock] {
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT b.*, (SELECT total(quantity) FROM stock_movements m WHERE m.batch_id = b.batch_id) AS on_hand
            FROM pharmacy_batches b WHERE b.item_id = ? ORDER BY b.expiry, b.created_at, b.batch_no
            """), arguments: [itemID])
        return try batchStocks(rows, today: today, withStockOnly: withStockOnly)
    }

    /// The item's batches that may still be given (not expired), with their stock, first expiry first: what
    /// dispensing and issuing read, without summing the movements of batches long expired.
    static func usableBatches(itemID: String, today: CalendarDay, db: Database) throws -> [BatchStock] {
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT b.*, (SELECT total(quantity) FROM stock_movements m WHERE m.batch_id = b.batch_id) AS on_hand
            FROM pharmacy_batches b WHERE b.item_id = ? AND b.expiry > ? ORDER BY b.expiry, b.created_at, b.batch_no
            """), arguments: [itemID, today.description])
        return try batchStocks(rows, today: today, withStockOnly: true)
    }

    private static func batchStocks(_ rows: [Row], today: CalendarDay, withStockOnly: Bool) throws -> [BatchStock] {
        return try rows.compactMap { row in
            let onHand = Int(row["on_hand"] as Double)
            if withStockOnly, onHand == 0 { return nil }
            let batch = try PharmacyBatch(row: row)
            return BatchStock(batch: batch, onHand: onHand,
                              expired: ExpiryDate.isExpired(CalendarDay(batch.expiry) ?? today, on: today))
        }
    }

    /// Stock on hand of one item now (all batches) and the part that may be given.
    public func stock(itemID: String) throws -> (onHand: Int, usable: Int) {
        try read { db in try Self.stock(itemID: itemID, today: try today(db).description, db: db) }
    }

    /// The item's stock card: at most the last `limit` movements, with the balance before them.
    public func stockCard(itemID: String, limit: Int = 2000) throws -> StockCard {
        try read { db in
            let item = try Self.item(itemID, db: db)
            let batches = try Self.batches(itemID: itemID, today: try today(db), withStockOnly: false, db: db)
            let rows = try Row.fetchAll(db, sql: """
                SELECT m.*, b.batch_no, coalesce(u.display_name, 'System') AS by_name FROM stock_movements m
                JOIN pharmacy_batches b ON b.batch_id = m.batch_id LEFT JOIN users u ON u.user_id = m.created_by
                WHERE m.batch_id IN (SELECT batch_id FROM pharmacy_batches WHERE item_id = ?) ORDER BY m.occurred_at DESC, m.rowid DESC LIMIT ?
                """, arguments: [itemID, limit]).reversed()
            let total = batches.reduce(0) { $0 + $1.onHand }
            var balance = total - rows.reduce(0) { $0 + ($1["quantity"] as Int) }
            let opening = balance
            let lines = try rows.map { row -> StockCardLine in
                let movement = try StockMovement(row: row)
                balance += movement.quantity
                return StockCardLine(movement: movement, batchNo: row["batch_no"], balance: balance, by: row["by_name"])
            }
            return StockCard(item: item, batches: batches, opening: opening, lines: lines)
        }
    }

    // MARK: Movements other than receipts and dispensing

    /// Corrects one batch's stock by `delta` (a count found more or less, damage), with a reason. The
    /// pharmacist in charge approves: their own session, or `approval` from `authorizeInCharge`.
    public func adjust(batchID: String, by delta: Int, reason rawReason: String, approval: Authorization?, by actor: Actor) throws {
        let reason = try FacilityStore.reason(rawReason)
        guard delta != 0 else { throw StoreError.invalid(ValidationError("quantity", "an adjustment changes the stock by at least 1")) }
        try perform(.manageStock, action: "adjust stock", by: actor) { tx in
            let approver = try Self.confirmInCharge(approval, actor: tx.actor, db: tx.db)
            let batch = try Self.batch(batchID, db: tx.db)
            let onHand = try Self.onHand(batchID: batchID, db: tx.db)
            guard onHand + delta >= 0 else {
                throw StoreError.invalid(ValidationError("quantity", "batch \(batch.batchNo) has \(onHand) on hand; it cannot lose \(-delta)"))
            }
            var movement = Self.movement(.adjusted, item: batch.itemID, batch: batchID, quantity: delta, tx: tx)
            movement.reason = reason
            movement.authorizedBy = approver
            try tx.insert(movement, kind: PharmacyKind.stockAdjusted)
        }
    }

    /// Issues `quantity` of an item to a ward or department, first expiry first, never an expired batch.
    /// Returns the batches it came from.
    @discardableResult
    public func issue(itemID: String, quantity: Int, to rawDestination: String, reason rawReason: String,
                      by actor: Actor) throws -> [BatchPick] {
        let destination = try FacilityStore.reason(rawDestination, field: "issued to")
        let reason = try FacilityStore.reason(rawReason)
        guard quantity >= 1 else { throw StoreError.invalid(ValidationError("quantity", "must be 1 or more")) }
        return try perform(.manageStock, action: "issue stock", by: actor) { tx in
            let item = try Self.item(itemID, db: tx.db)
            let picks = try Self.firstExpiryFirst(item: item, quantity: quantity, today: try Self.today(tx), db: tx.db)
            for pick in picks {
                var movement = Self.movement(.issued, item: itemID, batch: pick.batchID, quantity: -pick.quantity, tx: tx)
                movement.counterparty = destination
                movement.reason = reason
                try tx.insert(movement, kind: PharmacyKind.stockIssued)
            }
            return picks
        }
    }

    /// Sends `quantity` of one batch back to its supplier (recalled, damaged in transit, short-dated).
    public func returnToSupplier(batchID: String, quantity: Int, supplier rawSupplier: String, reason rawReason: String,
                                 by actor: Actor) throws {
        let supplier = try FacilityStore.reason(rawSupplier, field: "supplier")
        let reason = try FacilityStore.reason(rawReason)
        guard quantity >= 1 else { throw StoreError.invalid(ValidationError("quantity", "must be 1 or more")) }
        try perform(.manageStock, action: "return stock to suppliers", by: actor) { tx in
            let batch = try Self.batch(batchID, db: tx.db)
            let onHand = try Self.onHand(batchID: batchID, db: tx.db)
            guard quantity <= onHand else {
                throw StoreError.invalid(ValidationError("quantity", "batch \(batch.batchNo) has \(onHand) on hand"))
            }
            var movement = Self.movement(.returned, item: batch.itemID, batch: batchID, quantity: -quantity, tx: tx)
            movement.counterparty = supplier
            movement.reason = reason
            try tx.insert(movement, kind: PharmacyKind.stockReturnedToSupplier)
        }
    }

    /// Writes off all that is left of an expired batch. Returns how much.
    @discardableResult
    public func writeOffExpired(batchID: String, reason rawReason: String = "expired", by actor: Actor) throws -> Int {
        let reason = try FacilityStore.reason(rawReason)
        return try perform(.manageStock, action: "write off expired stock", by: actor) { tx in
            let batch = try Self.batch(batchID, db: tx.db)
            guard let expiry = CalendarDay(batch.expiry), ExpiryDate.isExpired(expiry, on: try Self.today(tx)) else {
                throw StoreError.invalid(ValidationError("batch", "batch \(batch.batchNo) expires \(batch.expiry); only an expired batch is written off (adjust for damage)"))
            }
            let onHand = try Self.onHand(batchID: batchID, db: tx.db)
            guard onHand > 0 else { throw StoreError.invalid(ValidationError("batch", "batch \(batch.batchNo) has nothing on hand")) }
            var movement = Self.movement(.expired, item: batch.itemID, batch: batchID, quantity: -onHand, tx: tx)
            movement.reason = reason
            try tx.insert(movement, kind: PharmacyKind.stockExpired)
            return onHand
        }
    }
}

/// Some units of one batch, as first expiry first out (or the pharmacist) chose them.
public struct BatchPick: Sendable, Equatable {
    public let batchID: String
    public let batchNo: String
    public let expiry: String
    public let quantity: Int

    public init(batchID: String, batchNo: String, expiry: String, quantity: Int) {
        self.batchID = batchID
        self.batchNo = batchNo
        self.expiry = expiry
        self.quantity = quantity
    }
}

extension PharmacyStore {
    /// `quantity` of `item` from its batches not expired, first expiry first, split across batches when
    /// one is not enough. Refuses when the usable stock falls short (saying how much there is).
    static func firstExpiryFirst(item: PharmacyItem, quantity: Int, today: CalendarDay, db: Database) throws -> [BatchPick] {
        let (picks, short) = firstExpiryFirst(quantity: quantity, from: try usableBatches(itemID: item.itemID, today: today, db: db))
        guard short > 0 else { return picks }
        let usable = quantity - short
        throw StoreError.invalid(ValidationError("quantity", usable == 0
            ? "no \(item.code) on hand that has not expired"
            : "only \(usable) \(item.unit)\(usable == 1 ? "" : "s") of \(item.code) on hand that have not expired"))
    }

    /// `quantity` taken from `batches` (usable ones, first expiry first) in order, and how much they fell short.
    static func firstExpiryFirst(quantity: Int, from batches: [BatchStock]) -> (picks: [BatchPick], short: Int) {
        var picks: [BatchPick] = []
        var left = quantity
        for stock in batches where left > 0 && !stock.expired && stock.onHand > 0 {
            let take = min(left, stock.onHand)
            picks.append(BatchPick(batchID: stock.batch.batchID, batchNo: stock.batch.batchNo, expiry: stock.batch.expiry, quantity: take))
            left -= take
        }
        return (picks, left)
    }
}
