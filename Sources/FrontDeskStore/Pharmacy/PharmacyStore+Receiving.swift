// Receiving goods (GRN): a supplier's delivery into stock, line by line, refusing what is expired or too short-dated.
import Foundation
import FrontDeskCore
import GRDB

/// One line of a delivery as typed: item, the supplier's batch number and expiry, units and what they cost.
public struct ReceiptLineInput: Sendable, Equatable {
    public var itemCode: String
    public var batchNo: String
    /// As printed: `2027-03-31`, `2027-03` or `03/2027`.
    public var expiry: String
    /// In the item's dispensing unit.
    public var quantity: Int
    /// What the whole line cost, in minor units.
    public var costMinor: Int64

    public init(itemCode: String, batchNo: String, expiry: String, quantity: Int, costMinor: Int64) {
        self.itemCode = itemCode
        self.batchNo = batchNo
        self.expiry = expiry
        self.quantity = quantity
        self.costMinor = costMinor
    }
}

public struct GoodsReceiptInput: Sendable, Equatable {
    public var supplier: String
    public var invoiceNo: String?
    public var lines: [ReceiptLineInput]

    public init(supplier: String, invoiceNo: String? = nil, lines: [ReceiptLineInput]) {
        self.supplier = supplier
        self.invoiceNo = invoiceNo
        self.lines = lines
    }
}

extension PharmacyStore {
    /// At most this many lines in one delivery (each is up to two ledger entries; a transaction holds 500).
    public static let maxReceiptLines = 200

    /// Receives a delivery in one transaction: every line is checked first, and any bad line refuses the
    /// whole delivery with the line named. A batch expired, or expiring within the minimum shelf life,
    /// is refused. Needs `pharmacy.stock`.
    @discardableResult
    public func receive(_ input: GoodsReceiptInput, by actor: Actor) throws -> GoodsReceipt {
        let supplier = try FacilityStore.reason(input.supplier, field: "supplier")
        let invoiceNo: String?
        do { invoiceNo = try Validate.text(input.invoiceNo, field: "invoice", maxLength: 40) } catch let e as ValidationError {
            throw StoreError.invalid(e)
        }
        guard !input.lines.isEmpty else { throw StoreError.invalid(ValidationError("lines", "a delivery needs at least one line")) }
        guard input.lines.count <= Self.maxReceiptLines else {
            throw StoreError.invalid(ValidationError("lines", "at most \(Self.maxReceiptLines) lines in one delivery; split it"))
        }
        return try perform(.manageStock, action: "receive goods", by: actor) { tx in
            let today = try Self.today(tx)
            let shelf = try Self.settings(tx.db).minimumShelfDays
            let receipt = GoodsReceipt(
                grnID: Identifier.make(), number: try tx.nextNumber("goods_receipt"), supplier: supplier, invoiceNo: invoiceNo,
                receivedAt: tx.now, createdAt: tx.now, updatedAt: tx.now, createdBy: tx.actor.userID, updatedBy: tx.actor.userID)
            try tx.insert(receipt, kind: PharmacyKind.goodsReceived)
            for (index, line) in input.lines.enumerated() {
                let field = input.lines.count == 1 ? "" : "line \(index + 1) "
                let (item, batchNo, expiry) = try Self.checked(line, field: field, today: today, shelfDays: shelf, db: tx.db)
                let batch: PharmacyBatch
                if let stored = try PharmacyBatch.filter(sql: "item_id = ? AND batch_no = ?", arguments: [item.itemID, batchNo]).fetchOne(tx.db) {
                    guard stored.expiry == expiry.description else {
                        throw StoreError.invalid(ValidationError(field + "expiry", "batch \(batchNo) of \(item.code) is stored with expiry \(stored.expiry), not \(expiry)"))
                    }
                    batch = stored
                } else {
                    batch = PharmacyBatch(batchID: Identifier.make(), itemID: item.itemID, batchNo: batchNo, expiry: expiry.description,
                                          supplier: supplier, createdAt: tx.now, updatedAt: tx.now, createdBy: tx.actor.userID,
                                          updatedBy: tx.actor.userID)
                    try tx.insert(batch, kind: PharmacyKind.batchAdded)
                }
                var movement = Self.movement(.received, item: item.itemID, batch: batch.batchID, quantity: line.quantity, tx: tx)
                movement.costMinor = line.costMinor
                movement.grnID = receipt.grnID
                movement.counterparty = supplier
                try tx.insert(movement, kind: PharmacyKind.stockReceived)
            }
            return receipt
        }
    }

    /// Checks one delivery line as `receive` will (item, batch number, expiry and shelf life, quantity, cost),
    /// errors named by field: what a line form shows beside its fields before the delivery is saved.
    public func checkReceiptLine(_ line: ReceiptLineInput) throws -> PharmacyItem {
        try read { db in
            let shelf = try Self.settings(db).minimumShelfDays
            let checked = try Self.checked(line, field: "", today: try today(db), shelfDays: shelf, db: db)
            if let stored = try PharmacyBatch.filter(sql: "item_id = ? AND batch_no = ?", arguments: [checked.item.itemID, checked.batchNo]).fetchOne(db),
                stored.expiry != checked.expiry.description {
                throw StoreError.invalid(ValidationError("expiry", "batch \(checked.batchNo) of \(checked.item.code) is stored with expiry \(stored.expiry), not \(checked.expiry)"))
            }
            return checked.item
        }
    }

    static func checked(_ line: ReceiptLineInput, field: String, today: CalendarDay, shelfDays shelf: Int, db: Database) throws
        -> (item: PharmacyItem, batchNo: String, expiry: CalendarDay)
    {
        let item = try Self.item(code: line.itemCode, db: db, field: field + "item")
        let batchNo = try Self.batchNumber(line.batchNo, field: field + "batch")
        guard let expiry = ExpiryDate.parse(line.expiry) else {
            throw StoreError.invalid(ValidationError(field + "expiry", "\(Quote.excerpt(line.expiry)) is not a date (2027-03-31, 2027-03 or 03/2027)"))
        }
        if ExpiryDate.isExpired(expiry, on: today) {
            throw StoreError.invalid(ValidationError(field + "expiry", "batch \(batchNo) expired on \(expiry); an expired batch is never received"))
        }
        if ExpiryDate.isExpired(expiry, on: today.adding(days: shelf)) {
            throw StoreError.invalid(ValidationError(field + "expiry", "batch \(batchNo) expires \(expiry), within the \(shelf) days' minimum shelf life"))
        }
        guard (1...10_000_000).contains(line.quantity) else {
            throw StoreError.invalid(ValidationError(field + "quantity", "must be 1 or more \(item.unit)s"))
        }
        guard line.costMinor >= 0 else { throw StoreError.invalid(ValidationError(field + "cost", "must not be negative")) }
        return (item, batchNo, expiry)
    }

    /// Every delivery, newest first, with its lines' count and cost.
    public func receipts(limit: Int = 200) throws -> [GoodsReceipt] {
        try read { db in try GoodsReceipt.order(sql: "number DESC").limit(limit).fetchAll(db) }
    }

    static func item(code: String, db: Database, field: String) throws -> PharmacyItem {
        do { return try item(code: code, db: db) } catch StoreError.invalid(let e) {
            throw StoreError.invalid(ValidationError(field, e.message))
        }
    }

    static func batchNumber(_ raw: String, field: String) throws -> String {
        let text = raw.trimmingCharacters(in: .whitespaces).uppercased()
        guard (1...40).contains(text.count), text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-/.".contains($0)) }) else {
            throw StoreError.invalid(ValidationError(field, text.isEmpty ? "is required" : "\(Quote.excerpt(raw)) is not a batch number (letters, digits, - / .)"))
        }
        return text
    }

    /// A movement stamped by `tx`, ready for its type's own fields.
    static func movement(_ type: MovementType, item: String, batch: String, quantity: Int, tx: BusinessTransaction) -> StockMovement {
        StockMovement(movementID: Identifier.make(), itemID: item, batchID: batch, type: type, quantity: quantity, costMinor: nil,
                      reason: nil, counterparty: nil, grnID: nil, dispenseID: nil, authorizedBy: nil, occurredAt: tx.now,
                      createdAt: tx.now, updatedAt: tx.now, createdBy: tx.actor.userID, updatedBy: tx.actor.userID)
    }
}
