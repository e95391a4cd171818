// Items: add and change what the pharmacy stocks, and find them by code or name prefix.
import Foundation
import FrontDeskCore
import GRDB

/// An item as typed or imported, before the store checks it.
public struct ItemInput: Sendable, Equatable {
    public var code: String
    public var genericName: String
    public var brand: String?
    public var form: String
    public var strength: String?
    public var route: String?
    public var unit: String
    public var packSize: Int
    public var reorderLevel: Int
    public var feeCode: String?
    public var active: Bool

    public init(code: String, genericName: String, brand: String? = nil, form: String, strength: String? = nil,
                route: String? = nil, unit: String, packSize: Int = 1, reorderLevel: Int = 0, feeCode: String? = nil,
                active: Bool = true) {
        self.code = code
        self.genericName = genericName
        self.brand = brand
        self.form = form
        self.strength = strength
        self.route = route
        self.unit = unit
        self.packSize = packSize
        self.reorderLevel = reorderLevel
        self.feeCode = feeCode
        self.active = active
    }

    /// The input checked and tidied as the store keeps it; errors name the field.
    public func checked() throws -> ItemInput {
        var out = self
        out.code = try Validate.feeCode(code, field: "code")
        out.genericName = try Validate.name(genericName, field: "generic name")
        out.brand = try Validate.text(brand, field: "brand", maxLength: 100)
        out.form = try Validate.name(form, field: "form", maxLength: 40)
        out.strength = try Validate.text(strength, field: "strength", maxLength: 40)
        out.route = try Validate.text(route, field: "route", maxLength: 40)
        out.unit = try Validate.name(unit, field: "unit", maxLength: 20).lowercased()
        guard (1...100_000).contains(packSize) else { throw ValidationError("pack size", "must be 1 to 100000 units") }
        guard (0...10_000_000).contains(reorderLevel) else { throw ValidationError("reorder level", "must be 0 or more units") }
        if let fee = feeCode, !fee.trimmingCharacters(in: .whitespaces).isEmpty {
            out.feeCode = try Validate.feeCode(fee, field: "fee code")
        } else {
            out.feeCode = nil
        }
        return out
    }
}

/// An item with what is on hand of it now.
public struct ItemStock: Sendable, Equatable {
    public let item: PharmacyItem
    /// Every batch's stock, expired or not.
    public let onHand: Int
    /// Stock that may still be given (batches not expired).
    public let usable: Int
}

extension PharmacyStore {
    /// Adds an item. Needs `pharmacy.stock`.
    @discardableResult
    public func addItem(_ input: ItemInput, by actor: Actor) throws -> PharmacyItem {
        let item: ItemInput
        do { item = try input.checked() } catch let e as ValidationError { throw StoreError.invalid(e) }
        return try perform(.manageStock, action: "add items", by: actor) { tx in
            if try PharmacyItem.filter(sql: "code = ?", arguments: [item.code]).fetchCount(tx.db) > 0 {
                throw StoreError.invalid(ValidationError("code", "\(item.code) is already an item"))
            }
            let record = PharmacyItem(
                itemID: Identifier.make(), code: item.code, genericName: item.genericName, brand: item.brand, form: item.form,
                strength: item.strength, route: item.route, unit: item.unit, packSize: item.packSize, reorderLevel: item.reorderLevel,
                feeCode: item.feeCode, active: item.active, searchText: Self.searchText(item.genericName, item.brand),
                createdAt: tx.now, updatedAt: tx.now, createdBy: tx.actor.userID, updatedBy: tx.actor.userID)
            try tx.insert(record, kind: PharmacyKind.itemAdded)
            return record
        }
    }

    /// Changes an item's details (its code stays). Needs `pharmacy.stock`.
    @discardableResult
    public func updateItem(_ itemID: String, _ input: ItemInput, by actor: Actor) throws -> PharmacyItem {
        let item: ItemInput
        do { item = try input.checked() } catch let e as ValidationError { throw StoreError.invalid(e) }
        return try perform(.manageStock, action: "change items", by: actor) { tx in
            var record = try Self.item(itemID, db: tx.db)
            guard record.code == item.code else {
                throw StoreError.invalid(ValidationError("code", "an item's code never changes (it is on every movement and charge)"))
            }
            record.genericName = item.genericName
            record.brand = item.brand
            record.form = item.form
            record.strength = item.strength
            record.route = item.route
            record.unit = item.unit
            record.packSize = item.packSize
            record.reorderLevel = item.reorderLevel
            record.feeCode = item.feeCode
            record.active = item.active
            record.searchText = Self.searchText(item.genericName, item.brand)
            record.updatedAt = tx.now
            record.updatedBy = tx.actor.userID
            try tx.update(record, kind: PharmacyKind.itemChanged)
            return record
        }
    }

    /// The item of `code`, if any.
    public func item(code: String) throws -> PharmacyItem? {
        try read { db in try? Self.item(code: code, db: db) }
    }

    public func item(id: String) throws -> PharmacyItem { try read { db in try Self.item(id, db: db) } }

    /// Every item in code order (inactive ones too when asked).
    public func items(includingInactive: Bool = false) throws -> [PharmacyItem] {
        try read { db in
            try PharmacyItem.filter(sql: includingInactive ? "1" : "active = 1").order(sql: "code").fetchAll(db)
        }
    }

    /// Items whose code starts with `text`, or any word of whose generic name or brand starts with it,
    /// code matches first; each with its stock. Inactive items only when asked.
    public func findItems(_ text: String, limit: Int = 50, includingInactive: Bool = false) throws -> [ItemStock] {
        try read { db in
            let query = text.trimmingCharacters(in: .whitespaces)
            let items: [PharmacyItem]
            let active = includingInactive ? "" : "AND active = 1"
            if query.isEmpty {
                items = try PharmacyItem.fetchAll(db, sql: "SELECT * FROM pharmacy_items WHERE 1 \(active) ORDER BY code LIMIT ?",
                                                  arguments: [limit])
            } else {
                let code = query.uppercased()
                let folded = SearchText.fold(query)
                // Codes by their index range; names by the folded text's index, at its start or after a space.
                let byCode = try PharmacyItem.fetchAll(db.cachedStatement(sql: """
                    SELECT * FROM pharmacy_items WHERE code >= ? AND code < ? \(active) ORDER BY code LIMIT ?
                    """), arguments: [code, code + "\u{10FFFF}", limit])
                let byName = try PharmacyItem.fetchAll(db.cachedStatement(sql: """
                    SELECT * FROM pharmacy_items WHERE ((search_text >= ? AND search_text < ?) OR instr(search_text, ?) > 0) \(active)
                    ORDER BY search_text LIMIT ?
                    """), arguments: [folded, folded + "\u{10FFFF}", " " + folded, limit])
                var seen = Set<String>()
                items = (byCode + byName).filter { seen.insert($0.itemID).inserted }.prefix(limit).map { $0 }
            }
            let today = try self.today(db).description
            return try items.map { item in
                let (onHand, usable) = try Self.stock(itemID: item.itemID, today: today, db: db)
                return ItemStock(item: item, onHand: onHand, usable: usable)
            }
        }
    }

    /// An item's stock on hand and the part of it not expired.
    static func stock(itemID: String, today: String, db: Database) throws -> (onHand: Int, usable: Int) {
        let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT total(s.on_hand) AS on_hand, total(CASE WHEN b.expiry > ? THEN s.on_hand END) AS usable
            FROM pharmacy_batches b
            JOIN (SELECT batch_id, total(quantity) AS on_hand FROM stock_movements
                  WHERE batch_id IN (SELECT batch_id FROM pharmacy_batches WHERE item_id = ?) GROUP BY batch_id) s
              ON s.batch_id = b.batch_id
            """), arguments: [today, itemID])
        return (Int(row?["on_hand"] as Double? ?? 0), Int(row?["usable"] as Double? ?? 0))
    }

    /// The folded generic name and brand, space-separated, that the name lookup searches.
    static func searchText(_ generic: String, _ brand: String?) -> String {
        SearchText.fold([generic, brand].compactMap { $0 }.joined(separator: " "))
    }
}

extension PharmacyStore {
    /// The item's price per unit today (the fee schedule's rate of its price code), nil when it has none.
    public func price(itemID: String) throws -> Int64? {
        try read { db in try FacilityStore.fee(code: try Self.item(itemID, db: db).priceCode, on: try today(db), db: db)?.amountMinor }
    }
}
