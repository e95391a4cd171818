// Stock alerts (reorder, expiring, expired on the shelf) and the pharmacy's reports: stock value, movements, dispensing, expiries.
import Foundation
import FrontDeskCore
import GRDB

/// A batch with stock and its item, for expiry lists.
public struct ItemBatch: Sendable, Equatable {
    public let item: PharmacyItem
    public let batch: PharmacyBatch
    public let onHand: Int
}

/// What needs the pharmacist's attention now.
public struct StockAlerts: Sendable, Equatable {
    /// Active items at or below their reorder level (counting only stock not expired).
    public let belowReorder: [ItemStock]
    /// Batches with stock expiring within the window.
    public let expiringSoon: [ItemBatch]
    /// Batches with stock past their expiry: to write off.
    public let expiredOnShelf: [ItemBatch]
    public let windowDays: Int
    public var isEmpty: Bool { belowReorder.isEmpty && expiringSoon.isEmpty && expiredOnShelf.isEmpty }
}

/// An item's stock on hand and its value at cost.
public struct StockValueLine: Sendable, Equatable {
    public let item: PharmacyItem
    public let onHand: Int
    public let usable: Int
    /// Each batch's stock at its received cost per unit.
    public let valueMinor: Int64
}

/// One item's dispensing in a period.
public struct DispensingLine: Sendable, Equatable {
    public let item: PharmacyItem
    public let quantity: Int
    public let returned: Int
    public let prescriptions: Int
    public let chargedMinor: Int64
}

/// One movement in a report: the movement, its item and batch, and who wrote it.
public struct MovementLine: Sendable, Equatable {
    public let movement: StockMovement
    public let itemCode: String
    public let batchNo: String
    public let by: String
}

extension PharmacyStore {
    /// Reorder, expiring and expired alerts now.
    public func alerts() throws -> StockAlerts {
        try read { db in
            let today = try today(db)
            let window = try Self.settings(db).expiryAlertDays
            let items = Dictionary(uniqueKeysWithValues: try PharmacyItem.fetchAll(db).map { ($0.itemID, $0) })
            let batches = try batchesWithStock(db)
            var expiring: [ItemBatch] = [], expired: [ItemBatch] = []
            var usable: [String: Int] = [:]
            var onHand: [String: Int] = [:]
            for (batch, stock) in batches {
                guard let item = items[batch.itemID], let expiry = CalendarDay(batch.expiry) else { continue }
                onHand[item.itemID, default: 0] += stock
                if ExpiryDate.isExpired(expiry, on: today) {
                    expired.append(ItemBatch(item: item, batch: batch, onHand: stock))
                    continue
                }
                usable[item.itemID, default: 0] += stock
                if ExpiryDate.isExpired(expiry, on: today.adding(days: window)) {
                    expiring.append(ItemBatch(item: item, batch: batch, onHand: stock))
                }
            }
            let low = items.values.filter { $0.active && $0.reorderLevel > 0 && usable[$0.itemID, default: 0] <= $0.reorderLevel }
                .sorted { $0.code < $1.code }
                .map { ItemStock(item: $0, onHand: onHand[$0.itemID, default: 0], usable: usable[$0.itemID, default: 0]) }
            let byExpiry: (ItemBatch, ItemBatch) -> Bool = { ($0.batch.expiry, $0.item.code) < ($1.batch.expiry, $1.item.code) }
            return StockAlerts(belowReorder: low, expiringSoon: expiring.sorted(by: byExpiry), expiredOnShelf: expired.sorted(by: byExpiry),
                               windowDays: window)
        }
    }

    /// Every batch with stock on hand and the stock, from the fold of the stock ledger (`StockFold`).
    func batchesWithStock(_ db: Database) throws -> [(PharmacyBatch, Int)] {
        let onHand = try fold.current(db).onHand
        return try PharmacyBatch.fetchAll(db).compactMap { batch in
            guard let stock = onHand[batch.batchID], stock != 0 else { return nil }
            return (batch, stock)
        }
    }

    /// Every active item (and any inactive one with stock): on hand, usable, and value at cost.
    public func stockOnHand() throws -> [StockValueLine] {
        try read { db in
            let today = try today(db)
            let folded = try fold.current(db)
            var onHand: [String: Int] = [:], usable: [String: Int] = [:], value: [String: Int64] = [:]
            for batch in try PharmacyBatch.fetchAll(db) {
                guard let stock = folded.onHand[batch.batchID], stock != 0 else { continue }
                let item = batch.itemID
                onHand[item, default: 0] += stock
                if let expiry = CalendarDay(batch.expiry), !ExpiryDate.isExpired(expiry, on: today) { usable[item, default: 0] += stock }
                if let cost = folded.receivedCost[batch.batchID], let received = folded.receivedUnits[batch.batchID], received > 0 {
                    value[item, default: 0] += (cost * Int64(stock) + received / 2) / received
                }
            }
            return try PharmacyItem.order(sql: "code").fetchAll(db).filter { $0.active || onHand[$0.itemID] != nil }.map {
                StockValueLine(item: $0, onHand: onHand[$0.itemID, default: 0], usable: usable[$0.itemID, default: 0],
                               valueMinor: value[$0.itemID, default: 0])
            }
        }
    }

    /// Movements whose local day is in `from…to`, oldest first (of one item when given).
    public func movements(from: CalendarDay, to: CalendarDay, itemID: String? = nil, limit: Int = 100_000) throws -> [MovementLine] {
        try read { db in
            let (start, end) = try Self.instants(from: from, to: to, db: db)
            return try Row.fetchAll(db, sql: """
                SELECT m.*, i.code AS item_code, b.batch_no, coalesce(u.display_name, 'System') AS by_name FROM stock_movements m
                JOIN pharmacy_items i ON i.item_id = m.item_id JOIN pharmacy_batches b ON b.batch_id = m.batch_id
                LEFT JOIN users u ON u.user_id = m.created_by
                WHERE m.occurred_at >= ? AND m.occurred_at < ? \(itemID == nil ? "" : "AND m.item_id = ?")
                ORDER BY m.occurred_at, m.rowid LIMIT ?
                """, arguments: [start, end] + (itemID.map { [$0] } ?? []) + [limit]).map {
                MovementLine(movement: try StockMovement(row: $0), itemCode: $0["item_code"], batchNo: $0["batch_no"], by: $0["by_name"])
            }
        }
    }

    /// Dispensing by item for local days `from…to`: units, units returned, prescriptions and the amount charged.
    public func dispensing(from: CalendarDay, to: CalendarDay) throws -> [DispensingLine] {
        try read { db in
            let (start, end) = try Self.instants(from: from, to: to, db: db)
            let items = Dictionary(uniqueKeysWithValues: try PharmacyItem.fetchAll(db).map { ($0.itemID, $0) })
            return try Row.fetchAll(db, sql: """
                SELECT d.item_id, sum(d.quantity) AS quantity, count(DISTINCT l.rx_id) AS prescriptions,
                  total((SELECT -m.quantity FROM stock_movements m WHERE m.dispense_id = d.dispense_id AND m.type = 'RETURN')) AS returned,
                  total(c.amount_minor) AS charged
                FROM dispenses d JOIN prescription_lines l ON l.line_id = d.line_id
                LEFT JOIN charges c ON c.charge_id = d.charge_id AND c.status <> 'void'
                WHERE d.dispensed_at >= ? AND d.dispensed_at < ? GROUP BY d.item_id
                """, arguments: [start, end]).compactMap { row in
                guard let item = items[row["item_id"]] else { return nil }
                return DispensingLine(item: item, quantity: row["quantity"], returned: -Int(row["returned"] as Double),
                                      prescriptions: row["prescriptions"], chargedMinor: Int64(row["charged"] as Double))
            }.sorted { $0.item.code < $1.item.code }
        }
    }

    /// Batches with stock that expire within `days` (expired ones included), first expiry first.
    public func expiries(withinDays days: Int) throws -> [ItemBatch] {
        try read { db in
            let limit = try today(db).adding(days: days).description
            let items = Dictionary(uniqueKeysWithValues: try PharmacyItem.fetchAll(db).map { ($0.itemID, $0) })
            return try batchesWithStock(db).filter { $0.0.expiry <= limit && $0.1 > 0 }
                .compactMap { batch, stock in items[batch.itemID].map { ItemBatch(item: $0, batch: batch, onHand: stock) } }
                .sorted { ($0.batch.expiry, $0.item.code) < ($1.batch.expiry, $1.item.code) }
        }
    }

    /// The UTC instants bounding local days `from…to`.
    static func instants(from: CalendarDay, to: CalendarDay, db: Database) throws -> (String, String) {
        guard !(to < from) else { throw StoreError.invalid(ValidationError("to", "is before from")) }
        let zone = try FacilityStore.timeZone(db)
        return (Timestamp.string(LocalMoment(day: from, minute: 0).date(in: zone)),
                Timestamp.string(LocalMoment(day: to.adding(days: 1), minute: 0).date(in: zone)))
    }
}
