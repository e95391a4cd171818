// A stock count: a sheet of what the ledger says at one instant, then the differences counted posted as adjustments.
import Foundation
import FrontDeskCore
import GRDB

/// One batch on a count sheet.
public struct CountSheetLine: Sendable, Equatable {
    public let item: PharmacyItem
    public let batch: PharmacyBatch
    /// What the ledger said at the sheet's instant.
    public let system: Int
}

public struct CountSheet: Sendable, Equatable {
    /// The instant the sheet was taken: dispensing after it does not count as a difference.
    public let asOf: String
    public let lines: [CountSheetLine]
}

/// What posting a count did.
public struct CountResult: Sendable, Equatable {
    public var counted = 0
    public var adjusted = 0
    /// Net units found (positive) or missing (negative).
    public var netUnits = 0
    /// Lines that an earlier run of the same count had posted already.
    public var alreadyPosted = 0
}

extension PharmacyStore {
    /// At most this many adjustments in one transaction (a transaction holds 500 ledger entries).
    static let countLinesPerTransaction = 400

    /// The count sheet now: every batch with stock (of the items whose codes are given, or all), by item
    /// code and first expiry.
    public func countSheet(itemCodes: [String] = []) throws -> CountSheet {
        try read { db in
            let asOf = Timestamp.string(clock.now())
            var ids: [String]? = nil
            if !itemCodes.isEmpty { ids = try itemCodes.map { try Self.item(code: $0, db: db).itemID } }
            let items = try PharmacyItem.filter(sql: "active = 1").order(sql: "code").fetchAll(db)
                .filter { ids?.contains($0.itemID) ?? true }
            var lines: [CountSheetLine] = []
            for item in items {
                for stock in try Self.batches(itemID: item.itemID, today: try today(db), withStockOnly: true, db: db) {
                    lines.append(CountSheetLine(item: item, batch: stock.batch, system: stock.onHand))
                }
            }
            return CountSheet(asOf: asOf, lines: lines)
        }
    }

    /// Posts a count taken on the sheet of `asOf`: for each batch counted, the difference between the count
    /// and the ledger at `asOf` (so what was dispensed since is not a loss) becomes an adjustment with
    /// `reason` and the count's instant. The pharmacist in charge approves. Posted in transactions of 400
    /// lines; running it again after a failure posts only the lines not yet posted.
    @discardableResult
    public func postCount(asOf: String, counted: [String: Int], reason rawReason: String, approval: Authorization?,
                          by actor: Actor) throws -> CountResult {
        let reason = try FacilityStore.reason(rawReason)
        guard let instant = Timestamp.date(asOf) else { throw StoreError.invalid(ValidationError("count", "not a count sheet's time")) }
        guard counted.values.allSatisfy({ $0 >= 0 }) else {
            throw StoreError.invalid(ValidationError("counted", "a count is 0 or more"))
        }
        let stamp = try read { db in LocalMoment(instant, in: try FacilityStore.timeZone(db)) }
        let fullReason = String("\(reason) (count of \(stamp))".prefix(200))
        var result = CountResult()
        let batches = counted.keys.sorted()
        var start = 0
        repeat {
            let chunk = batches[start..<min(start + Self.countLinesPerTransaction, batches.count)]
            try perform(.manageStock, action: "post stock counts", by: actor) { tx in
                let approver = try Self.confirmInCharge(approval, actor: tx.actor, db: tx.db)
                for batchID in chunk {
                    let batch = try Self.batch(batchID, db: tx.db)
                    result.counted += 1
                    if try Bool.fetchOne(tx.db, sql: """
                        SELECT 1 FROM stock_movements WHERE batch_id = ? AND type = 'ADJUST' AND reason = ?
                        """, arguments: [batchID, fullReason]) == true {
                        result.alreadyPosted += 1
                        continue
                    }
                    let system = try Int.fetchOne(tx.db, sql: """
                        SELECT total(quantity) FROM stock_movements WHERE batch_id = ? AND occurred_at <= ?
                        """, arguments: [batchID, asOf]) ?? 0
                    let delta = counted[batchID]! - system
                    guard delta != 0 else { continue }
                    var movement = Self.movement(.adjusted, item: batch.itemID, batch: batchID, quantity: delta, tx: tx)
                    movement.reason = fullReason
                    movement.authorizedBy = approver
                    try tx.insert(movement, kind: PharmacyKind.stockAdjusted)
                    result.adjusted += 1
                    result.netUnits += delta
                }
            }
            start += Self.countLinesPerTransaction
        } while start < batches.count
        return result
    }
}
